import { describe, expect, it } from 'vitest';
import {
  candidateQuery,
  followUpVia,
  linksForRow,
  matchFollowUp,
  QUERY_TERMS,
  referencedYears,
  termBackground,
  textSimilarity,
  type MatchableParagraph,
} from '../../src/enrich/index.ts';
import { MAX_QUERY_LENGTH, parseQuery } from '../../src/search/index.ts';
import type { DocumentRef, FollowUpRow, ParagraphNode } from '../../src/tree/types.ts';
import { documentOf, entry, paragraph } from './small-trees.ts';

// An analyst reads a ØA18 commitment next to its status in the 2020 follow-up scheme. The texts
// below are quoted from the corpus (corpus/oa18.pdf, corpus/oa20-opfoelgning.pdf).

const OA18: DocumentRef = { id: 'oa18', title: 'Aftale om regionernes økonomi for 2018', type: 'økonomiaftale', year: 2018 };
const SCHEME_2020 = { year: 2020 };

/** A ØA18 paragraph under its section heading. */
function oa18(id: string, section: string, text: string): ParagraphNode {
  const p = paragraph(`oa18/${id}`, text);
  return { ...p, citation: { ...p.citation, document: OA18, section: { number: null, title: section } } };
}

const PATIENT_DOCTOR_1 = oa18(
  '3/national-udrulning-af-den-patientansvarlige-laege/1',
  'National udrulning af den patientansvarlige læge',
  'Regeringen og Danske Regioner har aftalt, at der indføres patientansvarlig læge på sygehusene for alle patienter, hvor det er fagligt relevant, og i overensstemmelse med hvidbogen fra april 2017. Den patientansvarlige læge skal sikre sammenhæng, kontinuitet og tryghed for patienterne.',
);
const PATIENT_DOCTOR_2 = oa18(
  '3/national-udrulning-af-den-patientansvarlige-laege/2',
  'National udrulning af den patientansvarlige læge',
  'Udrulningen til alle kræftpatienter skal være igangsat inden udgangen af 2017 og til alle øvrige patientgrupper, hvor det er fagligt relevant, senest inden udgangen af 2018. Parterne er med aftalen enige om, at den patientansvarlige læge skal være endeligt implementeret i hele sygehusvæsenet ultimo 2019. Parterne er enige om en national målsætning om, at mindst 90 pct. af alle kræftpatienter i 2020 oplever, at de har en patientansvarlig læge. Der følges op på implementeringen, herunder målsætningen på kræftområdet, gennem den Landsdækkende Undersøgelse af Patientoplevelser.',
);
const KOL = oa18(
  '12/hurtigere-og-mere-effektiv-udbredelse-af-digitale/2',
  'Hurtigere og mere effektiv udbredelse af digitale velfærdsløsninger',
  'Regeringen, Danske Regioner og KL er enige om, at udbredelse af telemedicin til borgere med KOL er væsentligt for at styrke det nære og sammenhængende sundhedsvæsen. Parterne er derfor enige om at prioritere indsatsen højt og sikre en landsdækkende udbredelse inden udgangen af 2019.',
);
const MATERNITY_WARDS = oa18(
  '15/fortsat-oeremaerkede-midler-til-foedeafdelingerne/2',
  'Fortsat øremærkede midler til fødeafdelingerne',
  'De 50 mio. kr. til fødeafdelingerne fordeles i 2018 og 2019 til regionerne på baggrund af bloktilskudsnøglen. Regionerne skal i forbindelse med midlernes udmøntning redegøre for, at midlerne er anvendt til at sikre høj kvalitet på fødselsområdet. Fra 2020 overføres midlerne via bloktilskuddet til regionerne. I forlængelse heraf er regeringen og Danske Regioner enige om at udbrede telemedicinsk hjemmemonitorering på alle fødeafdelinger i hele landet inden udgangen af 2020.',
);
const PSYCHIATRY = oa18(
  '8/3',
  'Psykiatri',
  'Regeringen og Danske Regioner er enige om, at de nye pladser skal udvikles inden for den fastsatte økonomiske driftsramme på 1,9 mio. kr. pr. plads, og at der henset til behovet for, at pladserne er klar primo 2018, tages udgangspunkt i eksisterende fysiske rammer. Der afsættes i alt 100 mio. kr. i 2017 til fysiske rammer.',
);
const KNOWLEDGE_SHARING = oa18(
  '9/videndeling/2',
  'Videndeling',
  'Danske Regioner skal inden udgangen af 2017 opdatere oversigten over de initiativer, som regionerne har igangsat i projektet om videndeling, herunder regionernes indsatser for fælles indkøb, lokalisering og logistik.',
);
const AGREEMENT = [PATIENT_DOCTOR_1, PATIENT_DOCTOR_2, KOL, MATERNITY_WARDS, PSYCHIATRY, KNOWLEDGE_SHARING];
const background = termBackground(documentOf(entry(), AGREEMENT));

function row(topic: string, agreement: string, references: string[] = []): FollowUpRow {
  return { topic, agreement, economy: '', status: '', references, responsible: null };
}

const PATIENT_DOCTOR_ROW = row(
  'National udrulning af den patientansvarlige læge',
  'Regeringen og Danske Regioner har aftalt, at der indføres patientansvarlig læge på sygehusene for alle patienter, hvor det er fagligt relevant, og i overensstemmelse med hvidbogen fra april 2017. Den patientansvarlige læge skal sikre sammenhæng, kontinuitet og tryghed for patienterne og dermed fremme både patienters samt de pårørendes oplevelse af mere sammenhængende patientforløb for alle patienter, herunder kræftpatienter.',
);
const PREGNANT_ROW = row(
  'Telemedicin til gravide',
  'Regeringen og Danske Regioner enige om at udbrede telemedicinsk hjemmemonitorering på alle fødeafdelinger i hele landet inden udgangen af 2020.',
);

describe('which agreements a follow-up row may follow', () => {
  it('reads the agreements a row names: "[+ ØA18, ØA19]" → 2018, 2019', () => {
    expect(referencedYears(['ØA19', 'ØA18', 'ØA17'])).toEqual([2017, 2018, 2019]);
    expect(referencedYears(['ØA 20', 'Ansvarlig: AKJ'])).toEqual([2020]);
    expect(referencedYears([])).toEqual([]);
  });

  it('follows the named agreements only, or, naming none, the økonomiaftaler older than the scheme', () => {
    const named = row('Fremtidssikring af den fællesoffentlige infrastruktur', '', ['ØA18', 'ØA19']);
    expect(followUpVia(named, SCHEME_2020, OA18)).toBe('reference');
    expect(followUpVia(named, SCHEME_2020, { ...OA18, year: 2017 })).toBeNull();
    const unnamed = row('Telemedicin til gravide', '');
    expect(followUpVia(unnamed, SCHEME_2020, OA18)).toBe('similarity');
    expect(followUpVia(unnamed, SCHEME_2020, { ...OA18, year: 2020 })).toBeNull();
    expect(followUpVia(unnamed, { year: null }, OA18)).toBeNull();
    expect(followUpVia(unnamed, SCHEME_2020, { ...OA18, type: 'notat', year: 2019 })).toBeNull();
    expect(followUpVia(named, SCHEME_2020, { ...OA18, year: null })).toBeNull();
  });
});

describe('finding candidates with a search query', () => {
  it("asks for a paragraph's distinctive words, joined by OR, not the formula every paragraph shares", () => {
    const q = candidateQuery(`${PATIENT_DOCTOR_1.citation.section!.title}\n${PATIENT_DOCTOR_1.text}`, background)!;
    const parsed = parseQuery(q);
    expect(parsed.clauses).toHaveLength(1);
    const words = parsed.clauses[0]!.map((term) => term.text);
    expect(words).toHaveLength(QUERY_TERMS);
    expect(parsed.clauses[0]!.every((term) => term.type === 'word')).toBe(true);
    expect(words).toEqual(expect.arrayContaining(['hvidbogen', 'kontinuitet', 'tryghed']));
    expect(words).not.toContain('regeringen');
    expect(words).not.toContain('danske');
    expect(q.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
  });

  it('asks nothing of a text without content words', () => {
    expect(candidateQuery('og i at 2018', background)).toBeNull();
    // "gravide" is in no paragraph of the agreement, so it tells more than "telemedicin".
    expect(candidateQuery('Telemedicin til gravide', background, 1)).toBe('gravide');
  });
});

describe('matching a row to an agreement paragraph', () => {
  it('scores a text against itself 1 and texts without shared words 0', () => {
    expect(textSimilarity(KOL.text, KOL.text, background).score).toBeCloseTo(1, 6);
    expect(textSimilarity('Telemedicin til gravide', 'Psykiatriske pladser', background).score).toBe(0);
  });

  it("links the patient-responsible doctor row to ØA18's paragraph it quotes, by the words only these two share", () => {
    const match = matchFollowUp(PATIENT_DOCTOR_ROW, SCHEME_2020, PATIENT_DOCTOR_1, background);
    expect(match).toMatchObject({ via: 'similarity' });
    expect(match!.score).toBeGreaterThan(0.6);
    expect(match!.distinctive).toEqual(expect.arrayContaining(['hvidbog', 'kontinuit']));
    expect(match!.distinctive).not.toContain('regering');
  });

  it('links telemedicine for pregnant women to the maternity wards, not to telemedicine for KOL', () => {
    expect(matchFollowUp(PREGNANT_ROW, SCHEME_2020, MATERNITY_WARDS, background)).not.toBeNull();
    expect(matchFollowUp(PREGNANT_ROW, SCHEME_2020, KOL, background)).toBeNull();
  });

  it('does not link a row to an agreement it does not name, however alike the text', () => {
    const namesOnlyOA19 = { ...PATIENT_DOCTOR_ROW, references: ['ØA19'] };
    expect(matchFollowUp(namesOnlyOA19, SCHEME_2020, PATIENT_DOCTOR_1, background)).toBeNull();
    const namesOA18 = { ...PATIENT_DOCTOR_ROW, references: ['ØA18', 'ØA19'] };
    expect(matchFollowUp(namesOA18, SCHEME_2020, PATIENT_DOCTOR_1, background)).toMatchObject({ via: 'reference' });
  });

  it('lists the links of a row once each, and none where no background is known', () => {
    const candidates: MatchableParagraph[] = [PSYCHIATRY, PATIENT_DOCTOR_1, PATIENT_DOCTOR_1, KNOWLEDGE_SHARING];
    const links = linksForRow(PATIENT_DOCTOR_ROW, SCHEME_2020, candidates, () => background);
    expect(links.map((link) => link.paragraphId)).toEqual([PATIENT_DOCTOR_1.id]);
    expect(links[0]).toMatchObject({ citation: PATIENT_DOCTOR_1.citation, via: 'similarity' });
    expect(linksForRow(PATIENT_DOCTOR_ROW, SCHEME_2020, candidates, () => undefined)).toEqual([]);
  });
});
