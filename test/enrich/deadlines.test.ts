import { describe, expect, it } from 'vitest';
import { findDeadlines } from '../../src/enrich/deadlines.ts';

const in2019 = { documentYear: 2019 };

/** [as written, start, end, precision] — one row per form the texts use. */
const FORMS: [string, string, string, string][] = [
  ['ultimo 2019', '2019-10-01', '2019-12-31', 'quarter'],
  ['primo 2020', '2020-01-01', '2020-03-31', 'quarter'],
  ['medio 2017', '2017-06-01', '2017-07-31', 'month'],
  ['inden udgangen af 2018', '2018-01-01', '2018-12-31', 'year'],
  ['senest inden udgangen af 2018', '2018-01-01', '2018-12-31', 'year'],
  ['senest med udgangen af 2019', '2019-01-01', '2019-12-31', 'year'],
  ['inden udgangen af 1. kvartal 2018', '2018-01-01', '2018-03-31', 'quarter'],
  ['inden udgangen af tredje kvartal 2021', '2021-07-01', '2021-09-30', 'quarter'],
  ['ved udgangen af Q1 2020', '2020-01-01', '2020-03-31', 'quarter'],
  ['senest 1. januar 2020', '2020-01-01', '2020-01-01', 'day'],
  ['den 30. november 2021', '2021-11-30', '2021-11-30', 'day'],
  ['d. 3. okt. 2019', '2019-10-03', '2019-10-03', 'day'],
  ['pr. 1. november 2018', '2018-11-01', '2018-11-01', 'day'],
  ['22.10.2019', '2019-10-22', '2019-10-22', 'day'],
  ['i november 2019', '2019-11-01', '2019-11-30', 'month'],
  ['primo juli 2018', '2018-07-01', '2018-07-10', 'month'],
  ['medio november', '2019-11-11', '2019-11-20', 'month'],
  ['ultimo oktober', '2019-10-21', '2019-10-31', 'month'],
  ['i foråret 2018', '2018-03-01', '2018-05-31', 'season'],
  ['i efteråret 2018', '2018-09-01', '2018-11-30', 'season'],
  ['sommeren 2021', '2021-06-01', '2021-08-31', 'season'],
  ['efterår 2020', '2020-09-01', '2020-11-30', 'season'],
  ['vinteren 2019', '2018-12-01', '2019-02-28', 'season'],
  ['tredje kvartal 2021', '2021-07-01', '2021-09-30', 'quarter'],
  ['4. kvartal 2019', '2019-10-01', '2019-12-31', 'quarter'],
  ['andet kvartal 2021', '2021-04-01', '2021-06-30', 'quarter'],
  ['Q2 2020', '2020-04-01', '2020-06-30', 'quarter'],
  ['1. halvår 2020', '2020-01-01', '2020-06-30', 'half-year'],
  ['andet halvår 2020', '2020-07-01', '2020-12-31', 'half-year'],
  ['i 2020', '2020-01-01', '2020-12-31', 'year'],
  ['i løbet af 2018', '2018-01-01', '2018-12-31', 'year'],
  ['frem mod 2024', '2024-01-01', '2024-12-31', 'year'],
  ['fra 2020', '2020-01-01', '2020-12-31', 'year'],
  ['senest i 2017', '2017-01-01', '2017-12-31', 'year'],
  ['i starten af 2018', '2018-01-01', '2018-03-31', 'quarter'],
  ['frem mod starten af 2018', '2018-01-01', '2018-03-31', 'quarter'],
  ['fra medio 2017 til og med 2020', '2017-06-01', '2020-12-31', 'period'],
  ['mellem medio 2020 og Q2 2022', '2020-06-01', '2022-06-30', 'period'],
  ['nov-dec 2019', '2019-11-01', '2019-12-31', 'period'],
  ['i slut oktober 2019', '2019-10-21', '2019-10-31', 'month'],
  ['frem til 30. juni 2018', '2018-06-30', '2018-06-30', 'day'],
  ['ved forhandlingerne om regionernes økonomi for 2019 og 2020', '2018-03-01', '2019-06-30', 'period'],
  ['i perioden 2019-2022', '2019-01-01', '2022-12-31', 'period'],
  ['i 2018 og 2019', '2018-01-01', '2019-12-31', 'period'],
  ['inden ØA21', '2020-03-01', '2020-06-30', 'season'],
  ['frem mod ØA21', '2020-03-01', '2020-06-30', 'season'],
  ['frem mod økonomiforhandlingerne for 2021', '2020-03-01', '2020-06-30', 'season'],
  ['frem mod aftalerne om den kommunale og regionale økonomi for 2021', '2020-03-01', '2020-06-30', 'season'],
  ['frem mod økonomiaftalen for 2019', '2018-03-01', '2018-06-30', 'season'],
  ['i forbindelse med drøftelserne om regionernes økonomi for 2019', '2018-03-01', '2018-06-30', 'season'],
  ['inden årets udgang', '2019-01-01', '2019-12-31', 'year'],
  ['omkring årsskiftet 2017/2018', '2017-12-01', '2018-01-31', 'month'],
];

describe('findDeadlines: every form in the agreement texts', () => {
  it.each(FORMS)('reads "%s" as %s..%s (%s)', (written, start, end, precision) => {
    const sentence = `Parterne er enige om at gøre det ${written}.`;
    const found = findDeadlines(sentence, in2019);
    expect(found).toEqual([{ text: written, start, end, precision, from: 33, to: 33 + written.length }]);
    expect(sentence.slice(found[0]?.from, found[0]?.to)).toBe(written);
  });
});

describe('findDeadlines: sentences as they stand in ØA18 and the follow-up scheme', () => {
  it('finds both deadlines of the patient-responsible doctor roll-out', () => {
    const text =
      'Udrulningen til alle kræftpatienter skal være igangsat inden udgangen af 2017 og til alle øvrige ' +
      'patientgrupper, hvor det er fagligt relevant, senest inden udgangen af 2018.';
    expect(findDeadlines(text, { documentYear: 2018 }).map((d) => [d.text, d.end])).toEqual([
      ['inden udgangen af 2017', '2017-12-31'],
      ['senest inden udgangen af 2018', '2018-12-31'],
    ]);
  });

  it('keeps the agreement and drops its gloss in parentheses', () => {
    const text = 'gennemføres en række aktiviteter frem mod økonomiforhandlingerne for 2021 (forår 2020), der skal danne grundlag';
    expect(findDeadlines(text, in2019).map((d) => d.text)).toEqual(['frem mod økonomiforhandlingerne for 2021']);
  });

  it('reads "inden årets udgang" from the document year, and not at all without one', () => {
    expect(findDeadlines('forventes godkendt inden årets udgang.', { documentYear: 2017 })[0]?.end).toBe('2017-12-31');
    expect(findDeadlines('forventes godkendt inden årets udgang.', { documentYear: null })).toEqual([]);
  });

  it('reads a yearless date against the document year', () => {
    expect(findDeadlines('Der planlægges en pilot i november.', { documentYear: 2019 })[0]).toMatchObject({
      start: '2019-11-01',
      end: '2019-11-30',
    });
  });
});

describe('findDeadlines: year mentions that are not deadlines', () => {
  it('reads an impossible date as its month only', () => {
    expect(findDeadlines('den 31. november 2019', in2019).map((d) => d.text)).toEqual(['november 2019']);
  });

  it.each([
    ['an amount in a year', 'Med aftalen løftes det regionale udgiftsniveau med 0,5 mia. kr. i 2018 til fortsat kvalitetsudvikling.'],
    ['an amount after the year', 'De samlede effektiviseringsgevinster i 2018 er forudsat til 262 mio. kr.'],
    ['an amount with a price basis', 'prioriteres effektiviseringsgevinster på 131 mio. kr. (18-pl) i 2018 fra kvalitetsfondsbyggerierne'],
    ['a yearly amount from a year', 'der permanent overføres 151,1 mio. kr. årligt fra 2018 af den hidtidige finansiering'],
    ['an amount over a period', 'afsat 500 mio. kr. i 2017-2020 til indkøb af nyt apparatur'],
    ['a price basis', 'Udgifterne udgør 24,5 mio. kr. (2017-pl) for regionerne, i 2018-niveau.'],
    ['a strategy name', 'en strategi for digital sundhed 2018-2022, der sætter rammerne'],
    ['the period a strategy covers', 'enige om en ny fællesoffentlig digitaliseringsstrategi for perioden 2016-2020'],
    ['a reference to an earlier agreement', 'jf. aftale om regionernes økonomi for 2017 og økonomiaftalen for 2019'],
    ['a tariff system', 'Den faktiske aktivitet opgjort i takstsystem 2018.'],
    ['a page footer', 'Side 2'],
    ['a condition after "efter"', 'kodeændringer, der gennemføres efter 1. maj 2017'],
    ['history since a month', 'It-løsningen har været i drift siden september 2017.'],
    ['a yearly window without a cue', 'Der kan én gang hvert år (1. maj til ikrafttrædelse 1. juli) udmeldes budgettakster'],
    ['money earlier in the clause', 'De 50 mio. kr. til fødeafdelingerne fordeles i 2018 og 2019 til regionerne'],
    ['a yearly grant over a period', 'finansierer 2 mio. kr. af den årlige bevilling i perioden 2018-2019.'],
    ['funds of a year', 'Anvendelse af midler i 2020 og 2021 drøftes senere.'],
    ['the date of a white paper', 'i overensstemmelse med hvidbogen fra april 2017.'],
    ['the date of a named proposal', 'med udspillet ”Jo før jo bedre” fra august 2014.'],
    ['an abbreviated agreement in a compound', 'ØA19-teksten afspejler status på aktiv patientstøtte'],
  ])('%s', (_what, text) => {
    expect(findDeadlines(text, in2019)).toEqual([]);
  });
});
