// Dictionary-based decompounding, so that a part finds its compounds: "læge" finds
// "speciallæger", "kræft" finds "kræftpatienter", "aftale" finds "økonomiaftalen".
//
// Unlike Elasticsearch's brute-force `dictionary_decompounder` (every substring in the word
// list), a word is only split when it can be read whole as first parts + a head, each a word
// of the list, with the linking element (-s-, -e-) the dictionary allows for that first part,
// and the head possibly inflected (compared by stem). Of the possible readings the one with the
// fewest parts wins, then the longest head. Words that cannot be read whole give no parts,
// which keeps "regionerne" from yielding "ion".
import compoundParts from './data/compound-parts.json' with { type: 'json' };
import { EXCLUDED_HEADS, MIN_LINKED_PART_LENGTH, MIN_PART_LENGTH } from './compound-word-list.ts';
import type { Linking } from './compound-word-list.ts';
import { stem } from './stem.ts';

/** Settings shared with the Elasticsearch decompounder. */
export const DECOMPOUND_OPTIONS = {
  /** Shorter words are not split ("tids|plan" is the shortest kind). */
  minWordSize: MIN_LINKED_PART_LENGTH + 1 + MIN_PART_LENGTH,
  minSubwordSize: MIN_LINKED_PART_LENGTH,
  minHeadSize: MIN_PART_LENGTH,
  /** Longest part looked up, as Elasticsearch's max_subword_size. */
  maxSubwordSize: 15,
  /** At most this many parts in one reading. */
  maxParts: 4,
} as const;

/** Every word of the compound-part list (first parts and heads), sorted: the word list
 * Elasticsearch's `dictionary_decompounder` gets. */
export const COMPOUND_WORDS: readonly string[] = [
  ...new Set([...compoundParts.heads, ...Object.values(compoundParts.modifiers).flat()]),
].sort();

interface Lookup {
  /** First-part forms with their linking element → lemma ("sundheds" → "sundhed"). */
  modifiers: Map<string, string>;
  heads: Set<string>;
  headStems: Set<string>;
  /** Stems of excluded heads: "personlige" must not match the head "lige" by stem either. */
  excludedStems: Set<string>;
}
let lookup: Lookup | undefined;

/** Inflection endings of Danish nouns and adjectives, longest first: a head may carry one
 * ("væsen|et", where the stems "væsn" and "væs" differ). */
const INFLECTION_ENDINGS = [
  'ernes', 'erne', 'enes', 'ene', 'ens', 'ets', 'ers', 'nes', 'rne', 'rnes', 'en', 'et', 'er', 'es',
  'ne', 'ns', 'ts', 'rs', 'e', 'n', 's', 't', 'r',
].sort((a, b) => b.length - a.length);

/** The head's lemma, or a form with the same stem; undefined when it is no listed head. */
function headLemma(head: string, { heads, headStems, excludedStems }: Lookup): string | undefined {
  const headStem = stem(head);
  if (excludedStems.has(headStem)) return undefined;
  if (heads.has(head) || headStems.has(headStem)) return head;
  const ending = INFLECTION_ENDINGS.find((e) => head.endsWith(e) && heads.has(head.slice(0, -e.length)));
  return ending === undefined ? undefined : head.slice(0, -ending.length);
}

function parts() {
  if (!lookup) {
    const modifiers = new Map<string, string>();
    for (const [linking, lemmas] of Object.entries(compoundParts.modifiers) as [Linking, string[]][]) {
      for (const lemma of lemmas) modifiers.set(lemma + linking, lemma);
    }
    const heads = new Set(compoundParts.heads);
    lookup = {
      modifiers,
      heads,
      headStems: new Set([...heads].map(stem)),
      excludedStems: new Set(EXCLUDED_HEADS.map(stem)),
    };
  }
  return lookup;
}

/** One part of a compound: its text in the word and the lemma it stands for. */
export interface CompoundPart {
  surface: string;
  /** The word the part stands for: a first part without its linking element ("sundheds" →
   * "sundhed"), a head without an inflection ending where stemming alone would not match. */
  lemma: string;
  role: 'modifier' | 'head';
}

/** Splits a lowercase word into its parts; [] when it is no compound of listed words. */
export function splitCompound(word: string): CompoundPart[] {
  const { minWordSize, minSubwordSize, minHeadSize, maxSubwordSize, maxParts } = DECOMPOUND_OPTIONS;
  if (word.length < minWordSize || !/^\p{L}+$/u.test(word)) return [];
  const lookup = parts();
  const { modifiers } = lookup;

  // fewest[i]: the shortest chain of first parts covering word[0, i), or undefined.
  const fewest: (CompoundPart[] | undefined)[] = [[]];
  for (let end = minSubwordSize; end <= word.length - minHeadSize; end++) {
    for (let start = Math.max(0, end - maxSubwordSize - 1); start <= end - minSubwordSize; start++) {
      const before = fewest[start];
      const surface = word.slice(start, end);
      const lemma = modifiers.get(surface);
      if (!before || lemma === undefined || before.length + 1 >= maxParts) continue;
      const current = fewest[end];
      if (!current || before.length + 1 < current.length) {
        fewest[end] = [...before, { surface, lemma, role: 'modifier' }];
      }
    }
  }

  // The head: the longest suffix that is a listed word, inflected or not, after a chain.
  let best: CompoundPart[] = [];
  for (let cut = minSubwordSize; cut <= word.length - minHeadSize; cut++) {
    const chain = fewest[cut];
    const head = word.slice(cut);
    if (!chain || chain.length === 0 || head.length > maxSubwordSize + 2) continue;
    const lemma = headLemma(head, lookup);
    if (lemma === undefined) continue;
    if (best.length === 0 || chain.length + 1 < best.length) {
      best = [...chain, { surface: head, lemma, role: 'head' }];
    }
  }
  return best;
}

/** The stems of a word's compound parts, for the lower-weighted parts field; [] for
 * non-compounds. Each part is stemmed from its lemma, so it equals the stem a query for that
 * word gets ("speciallæger" → special, læg; a query "læge" → læg). */
export function compoundPartStems(word: string): string[] {
  let parts = partStemsCache.get(word);
  if (parts === undefined) {
    parts = computePartStems(word);
    if (partStemsCache.size >= CACHE_LIMIT) partStemsCache.clear();
    partStemsCache.set(word, parts);
  }
  return parts.slice();
}

// Words repeat from paragraph to paragraph: each is split once (as stem() caches its stems).
const partStemsCache = new Map<string, string[]>();
const CACHE_LIMIT = 200_000;

function computePartStems(word: string): string[] {
  const own = stem(word);
  const result: string[] = [];
  for (const part of splitCompound(word)) {
    const partStem = stem(part.lemma);
    if (partStem !== own && !result.includes(partStem)) result.push(partStem);
  }
  return result;
}
