import type { Citation, Fingerprint, ParagraphNode } from '../tree/types.ts';

// Finds an old paragraph again in a new version of its document, as Hypothesis re-anchors a
// quote after the page changed: an exact quote first, then an approximate one, each candidate
// scored by quote 50, prefix 20, suffix 20 and position 2. We anchor paragraph to paragraph,
// so the quote is compared word by word (an edited word is one error) and a candidate needs
// at most half the quote's words wrong to be considered at all.

export const ANCHOR_WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
const TOTAL_WEIGHT = ANCHOR_WEIGHTS.quote + ANCHOR_WEIGHTS.prefix + ANCHOR_WEIGHTS.suffix + ANCHOR_WEIGHTS.position;

export interface ReanchorOptions {
  /** Below this score (0..1) the passage is gone. Default 0.4: a half-right quote needs context. */
  minScore?: number;
  /** Share of the quote's words that may be wrong (Hypothesis: half). Default 0.5. */
  maxErrorRate?: number;
  /** Approximate candidates compared in full after a cheap word-overlap ranking. Default 8. */
  shortlist?: number;
}

const DEFAULTS: Required<ReanchorOptions> = { minScore: 0.4, maxErrorRate: 0.5, shortlist: 8 };

/** A paragraph of the old version. */
export interface AnchorSource {
  fingerprint: Fingerprint;
  /** Where it stood in its version, 0 (first paragraph) to 1 (last). */
  position: number;
}

/** A paragraph of the new version, in reading order. */
export interface AnchorTarget {
  id: string;
  fingerprint: Fingerprint;
}

export interface AnchorMatch {
  id: string;
  /** 0..1, the weighted score. */
  score: number;
  /** The quote was found word for word. */
  exact: boolean;
}

interface Prepared {
  id: string;
  fingerprint: Fingerprint;
  words: string[];
  wordSet: Set<string>;
  position: number;
}

/** Prepares the new version once; the returned function re-anchors one old paragraph. */
export function createReanchor(targets: readonly AnchorTarget[], options: ReanchorOptions = {}): (source: AnchorSource) => AnchorMatch | null {
  const settings = { ...DEFAULTS, ...options };
  const prepared: Prepared[] = targets.map((t, i) => {
    const words = wordsOf(t.fingerprint.quote);
    return { id: t.id, fingerprint: t.fingerprint, words, wordSet: new Set(words), position: targets.length > 1 ? i / (targets.length - 1) : 0 };
  });
  const byHash = new Map<string, Prepared[]>();
  for (const p of prepared) byHash.set(p.fingerprint.hash, [...(byHash.get(p.fingerprint.hash) ?? []), p]);

  return (source) => {
    const score = (target: Prepared, quoteSimilarity: number) =>
      (ANCHOR_WEIGHTS.quote * quoteSimilarity +
        ANCHOR_WEIGHTS.prefix * similarity(source.fingerprint.prefix, target.fingerprint.prefix) +
        ANCHOR_WEIGHTS.suffix * similarity(source.fingerprint.suffix, target.fingerprint.suffix) +
        ANCHOR_WEIGHTS.position * (1 - Math.abs(source.position - target.position))) /
      TOTAL_WEIGHT;

    const exact = byHash.get(source.fingerprint.hash);
    if (exact) return best(exact.map((t) => ({ id: t.id, score: score(t, 1), exact: true })));

    const quote = wordsOf(source.fingerprint.quote);
    if (quote.length === 0) return null;
    const maxErrors = Math.floor(quote.length * settings.maxErrorRate);
    const quoteSet = new Set(quote);
    const shortlist = prepared
      .map((t) => ({ t, overlap: overlap(quoteSet, t.wordSet) }))
      .filter((c) => c.overlap > 0)
      .sort((a, b) => b.overlap - a.overlap)
      .slice(0, settings.shortlist);
    const matches: AnchorMatch[] = [];
    for (const { t } of shortlist) {
      const errors = substringEditDistance(quote, t.words);
      if (errors > maxErrors) continue;
      matches.push({ id: t.id, score: score(t, 1 - errors / quote.length), exact: errors === 0 });
    }
    const found = best(matches);
    return found && found.score >= settings.minScore ? found : null;
  };
}

/** Re-anchors one old paragraph in the paragraphs of a new version; null when it is gone. */
export function reanchor(source: AnchorSource, targets: readonly AnchorTarget[], options?: ReanchorOptions): AnchorMatch | null {
  return createReanchor(targets, options)(source);
}

function best(matches: AnchorMatch[]): AnchorMatch | null {
  return matches.reduce<AnchorMatch | null>((a, b) => (a === null || b.score > a.score ? b : a), null);
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Dice coefficient of two word sets: a cheap ranking before the edit distance. */
function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return (2 * shared) / (a.size + b.size || 1);
}

/**
 * Fewest word edits turning `pattern` into some run of words of `text` (Sellers' algorithm):
 * a paragraph merged into a longer one still matches with no errors.
 */
function substringEditDistance(pattern: string[], text: string[]): number {
  let previous = new Int32Array(text.length + 1); // row 0: a match may start anywhere
  let current = new Int32Array(text.length + 1);
  for (let i = 1; i <= pattern.length; i += 1) {
    current[0] = i;
    for (let j = 1; j <= text.length; j += 1) {
      const substitution = previous[j - 1]! + (pattern[i - 1] === text[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1);
    }
    [previous, current] = [current, previous];
  }
  return Math.min(...previous);
}

/** 1 − normalised Levenshtein distance of two short strings (the 32-character contexts). */
function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= b.length; j += 1) {
      next[j] = Math.min(row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), row[j]! + 1, next[j - 1]! + 1);
    }
    row = next;
  }
  return 1 - row[b.length]! / longest;
}

/** A paragraph id that is not in the current version of its document any more. */
export interface RetiredId {
  id: string;
  /** The passage as last seen: what re-anchoring looks for, and what an archive shows. */
  fingerprint: Fingerprint;
  citation: Citation;
  /** Where it stood in its version, 0..1. */
  position: number;
  /** The current paragraph it redirects to; null when the passage is gone (archived). */
  to: string | null;
  /** When it was found to be gone; null while it redirects. */
  archivedAt: string | null;
}

/**
 * The retired ids of a document after storing a new version: ids of the previous version that
 * vanished are re-anchored in the new one, and earlier redirects whose target vanished are
 * re-pointed from their own original quote, so a link never chains or breaks. An id that is
 * current again stops being retired. Both backends store the result as they like.
 */
export function retireIds(
  previous: { paragraphs: readonly Pick<ParagraphNode, 'id' | 'fingerprint' | 'citation'>[]; retired: readonly RetiredId[] },
  current: readonly AnchorTarget[],
  now: string,
  options?: ReanchorOptions,
): RetiredId[] {
  const currentIds = new Set(current.map((p) => p.id));
  const find = createReanchor(current, options);
  const settle = (entry: Omit<RetiredId, 'to' | 'archivedAt'>, archivedAt: string | null): RetiredId => {
    const match = find(entry);
    return { ...entry, to: match?.id ?? null, archivedAt: match ? null : (archivedAt ?? now) };
  };

  const result: RetiredId[] = [];
  for (const entry of previous.retired) {
    if (currentIds.has(entry.id)) continue;
    if (entry.to !== null && currentIds.has(entry.to)) result.push(entry);
    else result.push(settle(entry, entry.archivedAt));
  }
  const last = Math.max(previous.paragraphs.length - 1, 1);
  previous.paragraphs.forEach((p, i) => {
    if (currentIds.has(p.id)) return;
    result.push(settle({ id: p.id, fingerprint: p.fingerprint, citation: p.citation, position: i / last }, null));
  });
  return result;
}
