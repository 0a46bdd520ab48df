// "Mente du …?": the closest known terms to a misspelt query term, by natural's
// Damerau–Levenshtein distance (a swapped pair of letters is one edit; computed as natural does
// in edit-distance.ts), ties broken by Jaro–Winkler similarity (a shared beginning counts more)
// and then by frequency.
import JaroWinklerDistance from 'natural/lib/natural/distance/jaro-winkler_distance.js';
import { damerauLevenshteinFrom } from './edit-distance.ts';
import { fold } from './fold.ts';
import { normalizeTerm } from './tokenize.ts';

export interface SuggestOptions {
  /** How many suggestions at most. Default 3. */
  limit?: number;
}

/** Edits allowed for a term of this length: 1 up to 4 letters, 2 up to 8, then 3. */
function maxEdits(length: number): number {
  return length <= 4 ? 1 : length <= 8 ? 2 : 3;
}

/** Folded forms of a vocabulary's terms, kept while the vocabulary object lives (an index rebuilds it on change). */
const foldedTerms = new WeakMap<object, Map<string, string>>();

function folder(vocabulary: object): (term: string) => string {
  let cache = foldedTerms.get(vocabulary);
  if (!cache) foldedTerms.set(vocabulary, (cache = new Map()));
  const known = cache;
  return (term) => {
    let folded = known.get(term);
    if (folded === undefined) known.set(term, (folded = fold(term)));
    return folded;
  };
}

interface Candidate {
  term: string;
  edits: number;
  similarity: number;
  frequency: number;
}

/**
 * Known terms close to `term`, best first; [] when the term is itself known or nothing is
 * close. `vocabulary` is the index's terms, or a map from term to frequency. Letters typed
 * without æ/ø/å cost nothing ("okonomi" → "økonomi"), since both sides are compared folded.
 */
export function suggest(
  term: string,
  vocabulary: Iterable<string> | ReadonlyMap<string, number>,
  options: SuggestOptions = {},
): string[] {
  const limit = options.limit ?? 3;
  const wanted = normalizeTerm(term);
  const wantedFolded = fold(wanted);
  const allowed = maxEdits(wanted.length);
  const entries: Iterable<[string, number]> =
    vocabulary instanceof Map ? vocabulary.entries() : [...(vocabulary as Iterable<string>)].map((t) => [t, 0]);
  const distanceTo = damerauLevenshteinFrom(wantedFolded);
  const folded = folder(vocabulary);
  const candidates: Candidate[] = [];
  for (const [known, frequency] of entries) {
    if (known === wanted) return [];
    if (Math.abs(known.length - wanted.length) > allowed) continue;
    const edits = distanceTo(folded(known));
    if (edits > allowed) continue;
    candidates.push({ term: known, edits, similarity: JaroWinklerDistance(wanted, known), frequency });
  }
  candidates.sort((a, b) => a.edits - b.edits || b.similarity - a.similarity || b.frequency - a.frequency);
  return candidates.slice(0, limit).map((c) => c.term);
}
