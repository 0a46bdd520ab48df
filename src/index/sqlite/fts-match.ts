import type { CompiledQuery, CompiledTerm, TokenPattern } from '../../search/compile-query.ts';

// The FTS5 MATCH expression is written here from analysed terms only, each quoted by us;
// no character the user typed reaches FTS5's query grammar unquoted.

/** The FTS5 columns, in table order: one space-joined term list per analysis field. */
export const FTS_COLUMNS = ['exact', 'stems', 'folded', 'parts'] as const;

/**
 * BM25 weight per column. A word as written scores on exact + stems + folded, an inflected
 * form on stems + folded, a word typed without æ/ø/å or found through a synonym on folded
 * alone: so exact and stem hits rank first and folding adds recall below them.
 * Compound parts (læge → speciallæger) are not weighed against these at all: FTS5 clamps the
 * IDF of a word found in over half the rows to ~0, so a rare part would outrank the common word
 * itself ("regionerne" → "sygehusregion" first). Hits are ranked by the other columns first
 * (OWN_WEIGHTS); the parts score only orders the hits that have nothing else.
 */
export const FIELD_WEIGHTS = { exact: 4, stems: 3, folded: 1, parts: 0.4 } as const;
export const OWN_WEIGHTS = { ...FIELD_WEIGHTS, parts: 0 } as const;

/** FTS5 string literal: double quotes, inner quotes doubled. */
export function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function patternMatch(pattern: TokenPattern): string {
  const phrase = (field: 'exact' | 'stem' | 'folded') => ftsString(pattern.tokens.map((t) => t[field]).join(' '));
  if (pattern.synonym) return `folded:${phrase('folded')}`;
  const alternatives = [`exact:${phrase('exact')}`, `stems:${phrase('stem')}`, `folded:${phrase('folded')}`];
  if (pattern.parts) alternatives.push(`parts:${phrase('stem')}`);
  return alternatives.join(' OR ');
}

function termMatch(term: CompiledTerm): string {
  return term.patterns.map(patternMatch).join(' OR ');
}

export function ftsMatch(query: CompiledQuery): string {
  const required = query.clauses.map((clause) => `(${clause.map(termMatch).join(' OR ')})`).join(' AND ');
  if (query.excluded.length === 0) return required;
  return `(${required}) NOT (${query.excluded.map(termMatch).join(' OR ')})`;
}
