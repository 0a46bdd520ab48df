import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeForIndex, analyzeQuery, FTS5_TOKENIZE, tokenize } from '../../src/analysis/index.ts';
import type { AnalyzedPhrase, QueryAnalysis } from '../../src/analysis/index.ts';

// Paragraphs as they stand in the sample corpus (ØA18, the ØA20 follow-up scheme).
const PARAGRAPHS = [
  'Der fastsættes et loftsbelagt niveau for anlægsudgifterne (brutto) på 2,2 mia. kr. i 2018.',
  'Regionerne skal sikre, at der er adgang til speciallæger i hele landet.',
  'Behandlingen af kræftpatienter skal ske inden for de fastsatte frister.',
  'Parterne er enige om, at økonomiaftalen for 2018 danner rammen for regionernes økonomi.',
  'Aftale om regionernes økonomi for 2018 blev indgået med Danske Regioner.',
  'Opfølgning på ØA18 og FL20: regionerne vil afrapportere til SUM.',
  'Den praktiserende læge er patientens faste kontakt.',
  'Summen af tilskuddene er uændret.',
];

// A miniature of the FTS5 index the index helper builds: one column per analysed field.
const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE paragraphs USING fts5(exact, stems, folded, parts, tokenize = "${FTS5_TOKENIZE.replaceAll('"', '""')}")`);
const insert = db.prepare('INSERT INTO paragraphs (rowid, exact, stems, folded, parts) VALUES (?, ?, ?, ?, ?)');
PARAGRAPHS.forEach((text, i) => {
  const a = analyzeForIndex(text);
  insert.run(i + 1, a.exact.join(' '), a.stems.join(' '), a.folded.join(' '), a.parts.join(' '));
});
afterAll(() => db.close());

const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;
const phrase = (column: string, terms: string[]) => `${column}:${quote(terms.join(' '))}`;
const alternativePhrase = (alt: AnalyzedPhrase) => `(${phrase('stems', alt.stems)} OR ${phrase('folded', alt.folded)})`;

/** Bag-of-words search: every non-stopword must match in stems, folded or parts; synonym
 * spans may match as any alternative phrase instead. */
function search(query: string): string[] {
  const q: QueryAnalysis = analyzeQuery(query);
  const clauses: string[] = [];
  for (let i = 0; i < q.tokens.length; i++) {
    const expansion = q.expansions.find((e) => e.from === i);
    if (expansion) {
      const own = `(${phrase('stems', q.stems.slice(expansion.from, expansion.to))} OR ${phrase('folded', q.folded.slice(expansion.from, expansion.to))})`;
      clauses.push(`(${[own, ...expansion.alternatives.map(alternativePhrase)].join(' OR ')})`);
      i = expansion.to - 1;
    } else if (!q.stopword[i]) {
      clauses.push(`(stems:${quote(q.stems[i] as string)} OR folded:${quote(q.folded[i] as string)} OR parts:${quote(q.stems[i] as string)})`);
    }
  }
  return run(clauses.join(' AND '));
}

/** Quoted-phrase search on the exact words, stopwords included. */
function searchExactPhrase(query: string): string[] {
  return run(phrase('exact', analyzeQuery(query).exact));
}

function run(match: string): string[] {
  const rows = db.prepare('SELECT rowid FROM paragraphs WHERE paragraphs MATCH ? ORDER BY rowid').all(match) as { rowid: number }[];
  return rows.map((row) => PARAGRAPHS[row.rowid - 1] as string);
}

describe('tokens', () => {
  it('keeps æ/ø/å, agreement codes, abbreviations and numbers with a decimal comma, lowercased', () => {
    const tokens = tokenize('Opfølgning på ØA18, FL20 og bl.a. 2,2 mia. kr.');
    expect(tokens.map((t) => t.term)).toEqual(['opfølgning', 'på', 'øa18', 'fl20', 'og', 'bl.a', '2,2', 'mia', 'kr']);
    expect(tokens[2]).toEqual({ term: 'øa18', start: 14, end: 18, position: 2 });
  });

  it('splits at hyphens so both halves are found', () => {
    expect(tokenize('ØA19-teksten om it-organisationernes KOL-patienter').map((t) => t.term)).toEqual([
      'øa19', 'teksten', 'om', 'it', 'organisationernes', 'kol', 'patienter',
    ]);
  });

  it('gives one term per token in the exact, stems and folded fields, so phrases line up', () => {
    const a = analyzeForIndex('Regionerne skal sikre økonomiaftalen');
    expect(a.exact).toEqual(['regionerne', 'skal', 'sikre', 'økonomiaftalen']);
    expect(a.stems).toEqual(['region', 'skal', 'sikr', 'økonomiaftal']);
    expect(a.folded).toEqual(['region', 'skal', 'sikr', 'okonomiaftal']);
    expect(a.parts).toEqual(['økonomi', 'aftal']);
  });
});

describe('searching the analysed fields', () => {
  it('finds "2,2 mia. kr." as a phrase', () => {
    expect(searchExactPhrase('2,2 mia. kr.')).toEqual([PARAGRAPHS[0]]);
  });

  it('finds inflected forms through the Snowball stem', () => {
    expect(search('kræftpatient')).toEqual([PARAGRAPHS[2]]);
    expect(search('regionen')).toHaveLength(4);
  });

  it('finds words typed without Danish letters', () => {
    expect(search('okonomiaftale')).toContain(PARAGRAPHS[3]);
    expect(search('oekonomiaftalen')).toContain(PARAGRAPHS[3]);
    expect(search('laege')).toEqual([PARAGRAPHS[6]]);
    expect(search('oa18')).toContain(PARAGRAPHS[5]);
  });

  it('finds compounds by their parts: læge → speciallæger, kræft → kræftpatienter, aftale → økonomiaftalen', () => {
    expect(search('læge')).toEqual([PARAGRAPHS[1], PARAGRAPHS[6]]);
    expect(search('kræft')).toEqual([PARAGRAPHS[2]]);
    expect(search('aftale')).toEqual(expect.arrayContaining([PARAGRAPHS[3], PARAGRAPHS[4]]));
  });

  it('does not read plain words as compounds', () => {
    expect(analyzeForIndex('regionerne praktiserende baseret personlige').parts).toEqual([]);
  });

  it('keeps the modal "skal" in exact phrases although it is a stopword', () => {
    const q = analyzeQuery('regionerne skal');
    expect(q.stopword).toEqual([false, true]);
    expect(searchExactPhrase('regionerne skal')).toEqual([PARAGRAPHS[1]]);
    expect(searchExactPhrase('regionerne vil')).toEqual([PARAGRAPHS[5]]);
  });

  it('drops stopwords from bag-of-words queries', () => {
    expect(search('adgang til speciallæger')).toEqual([PARAGRAPHS[1]]);
    expect(analyzeQuery('adgang til speciallæger').stopword).toEqual([false, true, false]);
  });
});

describe('abbreviations and synonyms', () => {
  it('expands ØA18 to the agreement\'s full name and finds all three ways of writing it', () => {
    const q = analyzeQuery('ØA18');
    expect(q.expansions).toHaveLength(1);
    expect(q.expansions[0]?.alternatives.map((a) => a.text)).toEqual([
      'aftale om regionernes økonomi for 2018',
      'økonomiaftalen for 2018',
    ]);
    expect(search('ØA18')).toEqual([PARAGRAPHS[3], PARAGRAPHS[4], PARAGRAPHS[5]]);
  });

  it('works the other way round: the full name finds ØA18', () => {
    expect(search('aftale om regionernes økonomi for 2018')).toEqual(
      expect.arrayContaining([PARAGRAPHS[4], PARAGRAPHS[5]]),
    );
    expect(analyzeQuery('økonomiaftalen for 2018').expansions[0]?.alternatives.map((a) => a.text)).toContain('ØA18');
  });

  it('generalises ØA and FL to every year', () => {
    expect(analyzeQuery('ØA21').expansions[0]?.alternatives.map((a) => a.text)).toContain(
      'aftale om regionernes økonomi for 2021',
    );
    expect(analyzeQuery('finansloven for 2020').expansions[0]?.alternatives.map((a) => a.text)).toEqual(['FL20']);
  });

  it('expands actors: DR ↔ Danske Regioner', () => {
    expect(search('DR')).toEqual([PARAGRAPHS[4]]);
    expect(analyzeQuery('Danske Regioner').expansions[0]?.alternatives.map((a) => a.text)).toEqual(['DR']);
  });

  it('reads SUM as the ministry only in capitals, not the word "sum"', () => {
    expect(analyzeQuery('SUM').expansions[0]?.alternatives.map((a) => a.text)).toEqual(['Sundheds- og Ældreministeriet']);
    expect(analyzeQuery('sum').expansions).toEqual([]);
  });

  it('expands a span inside a longer query and keeps the rest', () => {
    const q = analyzeQuery('regionerne skal inden ØA19');
    expect(q.expansions.map((e) => [e.from, e.to])).toEqual([[3, 4]]);
  });
});
