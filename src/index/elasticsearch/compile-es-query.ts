import type { estypes } from '@elastic/elasticsearch';
import type { CompiledQuery, CompiledTerm, TokenPattern } from '../../search/compile-query.ts';
import { FIELD_WEIGHTS } from '../sqlite/fts-match.ts';

// The Elasticsearch query is written from analysed terms only (src/search/compile-query.ts), the
// same token patterns the embedded index matches: no text the user typed reaches a query
// parser. Terms go to Lucene unchanged — a `term` query for one term, a phrase split by the
// built-in `whitespace` analyzer for several (our terms never hold spaces) — so both backends
// match the same paragraphs wherever their index-time analysis agrees: everywhere but in
// compound parts, which Elasticsearch's dictionary_decompounder finds its own way.

type Query = estypes.QueryDslQueryContainer;

/** Built-in analyzer that only splits on spaces: pre-analysed terms pass through as they are. */
const TERMS_ANALYZER = 'whitespace';

/**
 * Lucene scores a phrase by the sum of its terms' idf, FTS5 by one idf for the phrase: the
 * boost 1/n makes it the terms' mean, so a synonym spelt out in several words ("Sundheds- og
 * Ældreministeriet" for SUM) does not outrank the word typed.
 */
function terms(field: string, values: string[], boost = 1): Query {
  if (values.length === 1) return { term: { [field]: { value: values[0]!, boost } } };
  return { match_phrase: { [field]: { query: values.join(' '), analyzer: TERMS_ANALYZER, boost: boost / values.length } } };
}

/**
 * Compound parts only order the hits among themselves, as in the embedded index (which ranks
 * by the word's own forms first and by parts after): scaled down this far, a parts match
 * cannot lift a paragraph over one with a better own-forms score.
 */
const PARTS_SCALE = 1e-3;

/**
 * One token pattern on a text field and its subfields, matched as the embedded index matches
 * its columns: a word as written scores on exact + stem + folded, a form typed without æ/ø/å
 * or a synonym on folded alone, a compound part on parts alone. Each own-forms subfield
 * weighs its hits with its column's weight in its similarity (index-definitions.ts).
 */
function patternQueries(field: string, pattern: TokenPattern): Query[] {
  const folded = terms(`${field}.folded`, pattern.tokens.map((t) => t.folded));
  if (pattern.synonym) return [folded];
  const queries = [terms(`${field}.exact`, pattern.tokens.map((t) => t.exact)), terms(field, pattern.tokens.map((t) => t.stem)), folded];
  if (pattern.parts) queries.push(terms(`${field}.parts`, pattern.tokens.map((t) => t.stem), FIELD_WEIGHTS.parts * PARTS_SCALE));
  return queries;
}

function anyOf(field: string, compiledTerms: CompiledTerm[]): Query {
  return { bool: { should: compiledTerms.flatMap((t) => t.patterns.flatMap((p) => patternQueries(field, p))), minimum_should_match: 1 } };
}

/** The query over `field` (a text field mapped with the generated analysis): every clause
 * required, any excluded term rules a text out. */
export function elasticsearchQuery(query: CompiledQuery, field: string): Query {
  const must = query.clauses.map((clause) => anyOf(field, clause));
  if (query.excluded.length === 0) return { bool: { must } };
  return { bool: { must, must_not: [anyOf(field, query.excluded)] } };
}
