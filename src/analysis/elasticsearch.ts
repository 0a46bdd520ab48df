// Elasticsearch 7.10 analysis settings generated from the same definition as the TypeScript
// analysis: the token pattern, char mappings, Snowball stop list, synonym groups and
// compound word list all come from the same data, so the two backends cannot drift apart.
//
// Where Elasticsearch cannot do what the TypeScript side does, it comes close:
// - Decompounding: `dictionary_decompounder` tries every substring against the word list and
//   keeps the original token, where splitCompound reads the whole word as parts + head. The
//   parts field there finds more compounds (and a few false ones).
// - Stopwords: not in the synonym analyzers, since synonym_graph followed by a stop filter
//   loses matches (elastic/elasticsearch#28838); the query side drops stopwords itself
//   (QueryAnalysis.stopword), or uses `da_stem_stop`.
// - Exact-case abbreviations ("SUM", not "sum") are left out of the rules: after lowercasing
//   they cannot be told from the word.
// - Terms are not NFC-normalized (no ICU plugin assumed); our texts are NFC already.
import { COMPOUND_WORDS, DECOMPOUND_OPTIONS } from './decompound.ts';
import { fold } from './fold.ts';
import { UNSTEMMED_PATTERN } from './stem.ts';
import { STOPWORDS } from './stopwords.ts';
import { SYNONYM_GROUPS } from './synonyms.ts';
import { CHAR_MAPPINGS, TOKEN_PATTERN } from './tokenize.ts';

type Json = string | number | boolean | Json[] | { [key: string]: Json };

export interface ElasticsearchAnalysis {
  /** The value of `settings.analysis` for index creation. */
  analysis: {
    char_filter: Record<string, Json>;
    tokenizer: Record<string, Json>;
    filter: Record<string, Json>;
    analyzer: Record<string, { type: 'custom'; char_filter: string[]; tokenizer: string; filter: string[] }>;
  };
  /** Mapping suggestion for a searchable text field: the same fields as the FTS5 columns. */
  textField: Json;
}

export interface ElasticsearchAnalysisOptions {
  /** Path of the compound word list in the node's config directory (one word a line, e.g.
   * written from COMPOUND_WORDS); without it the list goes inline into the settings. */
  compoundWordListPath?: string;
}

/** Escapes a character for a `mapping` char filter rule. */
function mappingChar(char: string): string {
  return /[\p{L}\p{N}]/u.test(char) ? char : `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** synonym_graph rules, Solr format: one line of equivalent terms per group. */
export function synonymRules(): string[] {
  const rules: string[] = [];
  for (const group of SYNONYM_GROUPS) {
    if (group.exactCase) continue;
    const members = new Set<string>();
    for (const abbreviation of group.abbreviations) {
      members.add(abbreviation.toLowerCase());
      members.add(fold(abbreviation.toLowerCase())); // "oa18" for people without ø
    }
    for (const phrase of group.phrases) members.add(phrase.toLowerCase());
    rules.push([...members].map((m) => m.replaceAll(',', '\\,')).join(', '));
  }
  return rules;
}

export function elasticsearchAnalysis(options: ElasticsearchAnalysisOptions = {}): ElasticsearchAnalysis {
  const base = { type: 'custom' as const, char_filter: ['da_chars'], tokenizer: 'da_tokens' };
  const decompounder: Record<string, Json> = {
    type: 'dictionary_decompounder',
    min_word_size: DECOMPOUND_OPTIONS.minWordSize,
    min_subword_size: DECOMPOUND_OPTIONS.minSubwordSize,
    max_subword_size: DECOMPOUND_OPTIONS.maxSubwordSize,
    only_longest_match: true,
  };
  if (options.compoundWordListPath) decompounder.word_list_path = options.compoundWordListPath;
  else decompounder.word_list = [...COMPOUND_WORDS];

  return {
    analysis: {
      char_filter: {
        da_chars: { type: 'mapping', mappings: CHAR_MAPPINGS.map(([from, to]) => `${mappingChar(from)}=>${to}`) },
      },
      tokenizer: {
        da_tokens: { type: 'pattern', pattern: TOKEN_PATTERN, group: 0 },
      },
      filter: {
        da_stop: { type: 'stop', stopwords: [...STOPWORDS], ignore_case: true },
        da_unstemmed: { type: 'keyword_marker', keywords_pattern: UNSTEMMED_PATTERN },
        da_stemmer: { type: 'stemmer', language: 'danish' },
        da_synonyms: { type: 'synonym_graph', synonyms: synonymRules(), expand: true, lenient: false },
        da_decompounder: decompounder,
      },
      analyzer: {
        /** exact field: lowercased words, stopwords kept. */
        da_exact: { ...base, filter: ['lowercase'] },
        /** stems field at index time. */
        da_stem: { ...base, filter: ['lowercase', 'da_unstemmed', 'da_stemmer'] },
        /** stems field at query time: synonyms matched on stems, as analyzeQuery does. */
        da_stem_search: { ...base, filter: ['lowercase', 'da_unstemmed', 'da_stemmer', 'da_synonyms'] },
        /** Lucene's danish analyzer with our tokenizer: bag-of-words queries without synonyms. */
        da_stem_stop: { ...base, filter: ['lowercase', 'da_stop', 'da_unstemmed', 'da_stemmer'] },
        /** folded field: folded stems. */
        da_folded: { ...base, filter: ['lowercase', 'da_unstemmed', 'da_stemmer', 'scandinavian_folding'] },
        /** parts field at index time: the token and its compound parts, stemmed. */
        da_parts: { ...base, filter: ['lowercase', 'da_decompounder', 'da_unstemmed', 'da_stemmer'] },
      },
    },
    textField: {
      type: 'text',
      analyzer: 'da_stem',
      search_analyzer: 'da_stem_search',
      search_quote_analyzer: 'da_stem_search',
      fields: {
        exact: { type: 'text', analyzer: 'da_exact' },
        folded: { type: 'text', analyzer: 'da_folded' },
        parts: { type: 'text', analyzer: 'da_parts', search_analyzer: 'da_stem' },
      },
    },
  };
}
