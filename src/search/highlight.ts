import { compoundPartStems, fold, stem, tokenize } from '../analysis/index.ts';
import type { TokenForms, TokenPattern } from './compile-query.ts';

// Highlights are computed from the analysed tokens of the original text, so a match on a stem,
// a folded form or a compound part marks the word as written; everything else is escaped.

export interface SnippetOptions {
  /** Longest snippet in characters of text (before escaping); longer texts are cut around the
   * first match with "…". Default 320. */
  maxLength?: number;
}

const DEFAULT_MAX_LENGTH = 320;

/** Character ranges [start, end) of the text that match any pattern, merged and in order. */
export function matchRanges(text: string, patterns: readonly TokenPattern[]): [number, number][] {
  const tokens = tokenize(text);
  const stems = tokens.map((t) => stem(t.term));
  const partsCache = new Map<number, string[]>();
  const partsOf = (i: number) => {
    let parts = partsCache.get(i);
    if (!parts) partsCache.set(i, (parts = compoundPartStems(tokens[i]!.term)));
    return parts;
  };
  const matchesAt = (i: number, forms: TokenForms) =>
    tokens[i]!.term === forms.exact || stems[i] === forms.stem || fold(stems[i]!) === forms.folded;

  const ranges: [number, number][] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    for (const pattern of patterns) {
      const n = pattern.tokens.length;
      if (i + n > tokens.length) continue;
      const whole = pattern.tokens.every((forms, k) => matchesAt(i + k, forms));
      const partStem = pattern.tokens[0]!.stem;
      // Splitting is costly: only words that contain the part's stem are split.
      const part = !whole && n === 1 && pattern.parts && tokens[i]!.term.includes(partStem) && partsOf(i).includes(partStem);
      if (whole || part) ranges.push([tokens[i]!.start, tokens[i + n - 1]!.end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[ch]!};`);
}

/** The text (or a window of it around the first match), HTML-escaped, matches in <mark>. */
export function snippet(text: string, patterns: readonly TokenPattern[], options: SnippetOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const ranges = matchRanges(text, patterns);
  let from = 0;
  let to = text.length;
  if (text.length > maxLength) {
    const first = ranges[0]?.[0] ?? 0;
    from = Math.max(0, Math.min(first - Math.floor(maxLength / 4), text.length - maxLength));
    if (from > 0) from = wordStartAfter(text, from);
    to = Math.min(text.length, from + maxLength);
    if (to < text.length) to = wordEndBefore(text, to, from);
  }
  let html = from > 0 ? '…' : '';
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    html += `${escapeHtml(text.slice(at, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    at = e;
  }
  html += escapeHtml(text.slice(at, to));
  return to < text.length ? `${html}…` : html;
}

function wordStartAfter(text: string, index: number): number {
  const space = text.slice(index).search(/\s/);
  return space === -1 ? index : index + space + 1;
}

function wordEndBefore(text: string, index: number, floor: number): number {
  const space = text.slice(floor, index).search(/\s\S*$/);
  return space <= 0 ? index : floor + space;
}
