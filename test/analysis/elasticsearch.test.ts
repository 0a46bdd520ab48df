import { describe, expect, it } from 'vitest';
import { COMPOUND_WORDS, elasticsearchAnalysis, STOPWORDS, tokenize } from '../../src/analysis/index.ts';

const BUILT_IN_FILTERS = new Set(['lowercase', 'scandinavian_folding']);

describe('Elasticsearch 7.10 analysis settings', () => {
  const { analysis, textField } = elasticsearchAnalysis();

  it('defines every char filter, tokenizer and filter its analyzers use', () => {
    for (const analyzer of Object.values(analysis.analyzer)) {
      expect(analyzer.type).toBe('custom');
      expect(Object.keys(analysis.tokenizer)).toContain(analyzer.tokenizer);
      for (const charFilter of analyzer.char_filter) expect(Object.keys(analysis.char_filter)).toContain(charFilter);
      for (const filter of analyzer.filter) expect(BUILT_IN_FILTERS.has(filter) || filter in analysis.filter).toBe(true);
    }
  });

  it('tokenizes with the same pattern as the TypeScript side', () => {
    const tokenizer = analysis.tokenizer.da_tokens as { type: string; pattern: string; group: number };
    expect(tokenizer).toMatchObject({ type: 'pattern', group: 0 });
    const text = 'Opfølgning på ØA18-teksten: 2,2 mia. kr., bl.a. til KOL-patienter';
    const matches = [...text.matchAll(new RegExp(tokenizer.pattern, 'gu'))].map((m) => m[0].toLowerCase());
    expect(matches).toEqual(tokenize(text).map((t) => t.term));
  });

  it('uses the Snowball stop list, the Danish Snowball stemmer, folding and the same word list', () => {
    expect(analysis.filter.da_stop).toEqual({ type: 'stop', stopwords: [...STOPWORDS], ignore_case: true });
    expect(analysis.filter.da_stemmer).toEqual({ type: 'stemmer', language: 'danish' });
    expect(analysis.analyzer.da_folded?.filter.at(-1)).toBe('scandinavian_folding');
    expect(analysis.filter.da_decompounder).toMatchObject({ type: 'dictionary_decompounder', word_list: COMPOUND_WORDS });
    expect(analysis.char_filter.da_chars).toEqual({ type: 'mapping', mappings: ['\\u00AD=>', "\\u2019=>'"] });
  });

  it('turns the abbreviations into synonym_graph rules, for every year', () => {
    const rules = (analysis.filter.da_synonyms as { synonyms: string[] }).synonyms;
    expect(rules).toContain('øa18, oa18, aftale om regionernes økonomi for 2018, økonomiaftalen for 2018');
    expect(rules).toContain('fl20, finansloven for 2020');
    expect(rules).toContain('dr, danske regioner');
    expect(rules.some((rule) => rule.startsWith('sum,'))).toBe(false);
  });

  it('can point at a word list file instead of inlining it', () => {
    const withPath = elasticsearchAnalysis({ compoundWordListPath: 'analysis/da-compound-words.txt' });
    expect(withPath.analysis.filter.da_decompounder).toMatchObject({ word_list_path: 'analysis/da-compound-words.txt' });
    expect(withPath.analysis.filter.da_decompounder).not.toHaveProperty('word_list');
  });

  it('suggests a text field with the same subfields as the FTS5 columns', () => {
    expect(textField).toMatchObject({
      analyzer: 'da_stem',
      search_analyzer: 'da_stem_search',
      fields: { exact: { analyzer: 'da_exact' }, folded: { analyzer: 'da_folded' }, parts: { analyzer: 'da_parts' } },
    });
  });
});
