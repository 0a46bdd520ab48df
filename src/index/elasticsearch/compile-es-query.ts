import type { estypes } from '@elastic/elasticsearch';
import type { CompiledQuery, CompiledTerm, TokenPattern } from '../../search/compile-query.ts';
import { FIELD_WEIGHTS } from '../sqlite/fts-match.ts';

// The Elasticsearch query is written from analysed terms only (src/search/compile-query.ts), the
// same token patterns the embedded index matches: no text the user typed reaches a query
// parser. Terms go to Lucene unchanged — a `term` query for one term, a phrase split by the
// built-in `whitespace` analyzer for several (our terms never hold spaces) — so both backends
// match the same paragraphs by construction, whatever the index-time analyzers do.

type Query = estypes.QueryDslQueryContainer;

/** Built-in analyzer that only splits on spaces: pre-analysed terms pass through as they are. */
const TERMS_ANALYZER = 'whitespace';

function terms(field: string, values: string[], boost: number): Query {
  if (values.length === 1) return { term: { [field]: { value: values[0]!, boost } } };
  return { match_phrase: { [field]: { query: values.join(' '), analyzer: TERMS_ANALYZER, boost } } };
}

/**
 * One token pattern on a text field and its subfields, weighted as the embedded index weighs
 * its columns: a word as written scores on exact + stem + folded, a form typed without æ/ø/å
 * on folded alone, a compound part on parts alone.
 */
function patternQueries(field: string, pattern: TokenPattern): Query[] {
  const queries = [
    terms(`${field}.exact`, pattern.tokens.map((t) => t.exact), FIELD_WEIGHTS.exact),
    terms(field, pattern.tokens.map((t) => t.stem), FIELD_WEIGHTS.stems),
    terms(`${field}.folded`, pattern.tokens.map((t) => t.folded), FIELD_WEIGHTS.folded),
  ];
  if (pattern.parts) queries.push(terms(`${field}.parts`, pattern.tokens.map((t) => t.stem), FIELD_WEIGHTS.parts));
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
