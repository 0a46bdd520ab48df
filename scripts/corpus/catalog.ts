import type { CatalogEntry } from '../../src/tree/types.ts';

/**
 * Curated metadata of the bundled corpus. Ids are permanent: they are part of every permalink.
 * Dates are given only where the document itself states one.
 */
export const CATALOG: CatalogEntry[] = [
  {
    id: 'oa18',
    title: 'Aftale om regionernes økonomi for 2018',
    type: 'økonomiaftale',
    year: 2018,
    parties: ['Regeringen', 'Danske Regioner'],
    source: 'oa18.pdf',
  },
  {
    id: 'patientforloeb-hensigtserklaeringer',
    title: 'Patientforløb mellem regionerne - hensigtserklæringer',
    type: 'hensigtserklæring',
    year: null,
    parties: ['Regionerne'],
    source: 'patientforloeb-hensigtserklaeringer.pdf',
  },
  {
    id: 'oa20-opfoelgning',
    title: 'Økonomiaftale for 2020 – opfølgningsskema',
    type: 'opfølgningsskema',
    year: 2020,
    parties: ['Regeringen', 'KL', 'Danske Regioner'],
    source: 'oa20-opfoelgning.pdf',
  },
  {
    id: 'dr-arbejdsprogram-2019-2020',
    title: 'Justeret arbejdsprogram 2019-2020',
    type: 'notat',
    year: 2019,
    period: { from: 2019, to: 2020 },
    parties: ['Danske Regioner'],
    date: '2019-09-04',
    source: 'dr-arbejdsprogram-2019-2020.md',
  },
  {
    id: 'afskaf-produktivitetskravet',
    title: 'Afskaf produktivitetskravet og aktivitetspuljen',
    type: 'udspil',
    year: null,
    parties: ['Danske Regioner'],
    source: 'afskaf-produktivitetskravet.pdf',
  },
];
