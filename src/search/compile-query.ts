import { analyzeQuery } from '../analysis/index.ts';
import type { AnalyzedPhrase, QueryAnalysis } from '../analysis/index.ts';
import type { ParsedQuery, QueryTerm } from './parse-query.ts';
import { QueryError } from './query-error.ts';

// A parsed query becomes analysed token patterns, the one description of "what matches" that
// each backend turns into its own query language and that highlighting reads back.

/** The forms of one query token, one per aligned index field. */
export interface TokenForms {
  exact: string;
  stem: string;
  folded: string;
}

/** Consecutive tokens that match where each text token matches its forms in turn. */
export interface TokenPattern {
  tokens: TokenForms[];
  /** A lone unquoted word also finds compounds it is a part of (ranked below the word itself). */
  parts: boolean;
  /** Stands for the typed term by synonym ("ØA18" → "økonomiaftalen for 2018"): weighted like a folded match. */
  synonym: boolean;
}

export interface CompiledTerm {
  term: QueryTerm;
  /** Any of these matches the term: its own tokens first, then synonym variants. */
  patterns: TokenPattern[];
}

export interface CompiledQuery {
  /** All required; a clause matches when any of its terms does. */
  clauses: CompiledTerm[][];
  excluded: CompiledTerm[];
}

/** Synonym variants per term, so a phrase with several abbreviations stays a small query. */
const MAX_VARIANTS = 8;

/**
 * Analyses each term as the index analyses text. Stopwords alone ("og", "i") leave
 * bag-of-words matching unless nothing else is left ("skal" alone is a fair search); phrases
 * keep them. Throws QueryError when no term has a searchable word in it.
 */
export function compileQuery(query: ParsedQuery): CompiledQuery {
  const compile = (term: QueryTerm) => compileTerm(term);
  const all = query.clauses.map((clause) => clause.map(compile).filter((t) => t.compiled.patterns.length > 0));
  const withoutStopwords = all.map((clause) => clause.filter((t) => !t.onlyStopword)).filter((clause) => clause.length > 0);
  const chosen = withoutStopwords.length > 0 ? withoutStopwords : all.filter((clause) => clause.length > 0);
  if (chosen.length === 0) throw new QueryError('empty', undefined, 'no searchable words in it');
  const excluded = query.excluded
    .map(compile)
    .filter((t) => t.compiled.patterns.length > 0 && !t.onlyStopword)
    .map((t) => ({ term: t.compiled.term, patterns: t.compiled.patterns.map((p) => ({ ...p, parts: false })) }));
  return { clauses: chosen.map((clause) => clause.map((t) => t.compiled)), excluded };
}

function compileTerm(term: QueryTerm): { compiled: CompiledTerm; onlyStopword: boolean } {
  const analysis = analyzeQuery(term.text);
  const own = formsOf(analysis);
  if (own.length === 0) return { compiled: { term, patterns: [] }, onlyStopword: false };
  const single = own.length === 1 && term.type === 'word';
  const patterns: TokenPattern[] = [{ tokens: own, parts: single, synonym: false }];
  for (const variant of synonymVariants(analysis)) {
    if (variant.length > 0) patterns.push({ tokens: variant, parts: false, synonym: true });
  }
  return { compiled: { term, patterns }, onlyStopword: single && analysis.stopword[0] === true };
}

function formsOf(phrase: AnalyzedPhrase): TokenForms[] {
  return phrase.exact.map((exact, i) => ({ exact, stem: phrase.stems[i]!, folded: phrase.folded[i]! }));
}

/** The term's tokens with one synonym expansion swapped in at a time ("ØA18" → "aftale om …"). */
function synonymVariants(analysis: QueryAnalysis): TokenForms[][] {
  const own = formsOf(analysis);
  const variants: TokenForms[][] = [];
  for (const expansion of analysis.expansions) {
    for (const alternative of expansion.alternatives) {
      if (variants.length >= MAX_VARIANTS) return variants;
      variants.push([...own.slice(0, expansion.from), ...formsOf(alternative), ...own.slice(expansion.to)]);
    }
  }
  return variants;
}
