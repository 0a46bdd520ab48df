import type { CommitmentRequest, SearchRequest } from '../src/index/backend.ts';
import type { CatalogEntry, DocumentType } from '../src/tree/types.ts';

// The fixed query mix, the same at every scale and for every backend: words as written,
// inflected forms, words typed without æ/ø/å, phrases, OR and exclusion, filters, broad queries
// whose facets count many hits, and misspellings that take the "Mente du …?" path. Filters name
// years and documents of the scale corpus itself, so they find something at every scale.

export type QueryCategory = 'word' | 'inflected' | 'ascii' | 'phrase' | 'boolean' | 'filter' | 'facet' | 'misspelt';

export interface BenchQuery {
  category: QueryCategory;
  request: SearchRequest;
}

export function searchMix(entries: readonly CatalogEntry[]): BenchQuery[] {
  const agreement = entries.find((e) => e.type === 'økonomiaftale');
  const scheme = entries.find((e) => e.type === 'opfølgningsskema');
  if (!agreement || !scheme) throw new Error('the query mix needs an agreement and a follow-up scheme in the corpus');
  const year = agreement.year!;
  const years = commonYears(entries);
  const q = (category: QueryCategory, query: string, extra: Omit<SearchRequest, 'q'> = {}): BenchQuery => ({ category, request: { q: query, ...extra } });
  const types = (...list: DocumentType[]) => ({ filters: { types: list } });
  return [
    q('word', 'regionerne'),
    q('word', 'sygehusbyggeri'),
    q('word', 'lægedækning'),
    q('word', 'psykiatrien'),
    q('word', 'digitalisering'),
    q('word', 'medicinrådet'),
    q('word', 'telemedicinsk'),
    q('word', 'indkøb'),
    q('inflected', 'sygehuse'),
    q('inflected', 'analyserne'),
    q('inflected', 'forpligtelser'),
    q('inflected', 'kommunernes'),
    q('inflected', 'indsatserne'),
    q('inflected', 'udgiften'),
    q('inflected', 'patienterne'),
    q('ascii', 'okonomiaftale'),
    q('ascii', 'laegedaekning'),
    q('ascii', 'sundhedsvaesenet'),
    q('ascii', 'kraeftomradet'),
    q('ascii', 'faellesoffentlige'),
    q('ascii', 'hojtspecialiserede'),
    q('ascii', 'okonomiske rammer'),
    q('phrase', '"regionerne skal"'),
    q('phrase', '"inden udgangen af"'),
    q('phrase', '"Danske Regioner"'),
    q('phrase', '"mia. kr."'),
    q('phrase', '"den nationale bestyrelse for sundheds-it"'),
    q('phrase', '"regeringen og Danske Regioner"'),
    q('phrase', '"sundhed for alle"'),
    q('phrase', `ØA${String(year % 100).padStart(2, '0')}`),
    q('boolean', 'kræft OR hjertesvigt'),
    q('boolean', 'psykiatri -tvang'),
    q('boolean', 'digital sundhed'),
    q('boolean', '"patientansvarlig læge" OR speciallæger'),
    q('boolean', 'medicin -tilskud'),
    q('filter', 'regionerne', { filters: { years: [year] } }),
    q('filter', 'lægedækning', types('økonomiaftale')),
    q('filter', 'sundhed', types('notat')),
    q('filter', 'kræft', { filters: { documents: [agreement.id] } }),
    q('filter', '"regionerne skal"', { filters: { years: years.slice(0, 2) } }),
    q('filter', 'telemedicinsk', types('opfølgningsskema')),
    q('filter', 'styring', types('udspil', 'hensigtserklæring')),
    q('filter', '"Danske Regioner"', { filters: { years: [scheme.year!], documents: [scheme.id] } }),
    q('facet', 'sundhed', { sort: 'year' }),
    q('facet', 'regionerne', { sort: 'year' }),
    q('facet', 'aftale'),
    q('facet', 'patienter'),
    q('facet', 'skal'),
    q('misspelt', 'sygehusbygeri'),
    q('misspelt', 'psykiatrein'),
  ];
}

/** Commitment lists as the deadline page asks for them. */
export function commitmentMix(entries: readonly CatalogEntry[]): CommitmentRequest[] {
  const agreement = entries.find((e) => e.type === 'økonomiaftale')!;
  const [first = 2018, second = 2019] = commonYears(entries);
  const within = (year: number) => ({ deadlineFrom: `${year}-01-01`, deadlineTo: `${year}-12-31` });
  return [
    {},
    within(first),
    within(second),
    { ...within(first), actor: 'Danske Regioner' },
    { actor: 'Regeringen' },
    { q: 'analyse' },
    { q: 'kræft', ...within(second) },
    { documents: [agreement.id] },
    { deadlineFrom: `${first}-07-01` },
    { offset: 40, limit: 20 },
  ];
}

/** The API address of a search, as the web page would ask. */
export function searchPath(request: SearchRequest): string {
  const params = new URLSearchParams({ q: request.q });
  for (const year of request.filters?.years ?? []) params.append('year', String(year));
  for (const type of request.filters?.types ?? []) params.append('type', type);
  for (const doc of request.filters?.documents ?? []) params.append('doc', doc);
  if (request.sort) params.set('sort', request.sort);
  return `/api/search?${params.toString()}`;
}

/** Agreement years by how many documents have them, most first. */
function commonYears(entries: readonly CatalogEntry[]): number[] {
  const counts = new Map<number, number>();
  for (const e of entries) if (e.year !== null) counts.set(e.year, (counts.get(e.year) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([y]) => y);
}
