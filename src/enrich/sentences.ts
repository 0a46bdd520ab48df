import { sentenceSpans } from '../analysis/index.ts';

/** A sentence of a paragraph with its offset, so deadlines and actions can point back into the text. */
export interface Sentence {
  text: string;
  from: number;
}

/** Abbreviations that end with a period inside Danish agreement sentences. */
const NEVER_FINAL = new Set([
  'bl.a', 'fx', 'f.eks', 'jf', 'm.m', 'ca', 'pr', 'd', 'nr', 'evt', 'inkl', 'ekskl', 'hhv', 'ift', 'vedr', 'dvs', 'pt',
  'p.t', 'ifm', 'mhp', 'mio', 'mia', 'stk', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov',
  'dec', 'ang', 'iht', 'mht', 'o.l', 'tlf', 'incl',
]);

/**
 * The sentences of a paragraph as the shared analysis splits them, each split again where extraction
 * ran sentences together (see `splitRunOns`).
 */
export function commitmentSentences(text: string): Sentence[] {
  return joinBrokenDates(text, sentenceSpans(text)).flatMap((span) =>
    splitRunOns(text.slice(span.start, span.end)).map((s) => ({ text: s.text, from: span.start + s.from })),
  );
}

/** The shared splitter ends a sentence inside "22.10.2019" and "1.4. 2021": such pieces are joined again. */
function joinBrokenDates(text: string, spans: { start: number; end: number }[]): { start: number; end: number }[] {
  const joined: { start: number; end: number }[] = [];
  for (const span of spans) {
    const previous = joined.at(-1);
    if (previous !== undefined && /\d\.$/u.test(text.slice(previous.start, previous.end)) && /^\s*\d/u.test(text.slice(previous.end, span.end))) {
      previous.end = span.end;
    } else {
      joined.push({ start: span.start, end: span.end });
    }
  }
  return joined;
}

/**
 * Splits at ".", "!", "?" or ";" followed by a capital, a bullet or a bracket, unless the word before
 * is an abbreviation that never ends a sentence ("mio. kr.", "bl.a. Danske Regioner") or an ordinal
 * ("1. januar"); at a stray " . " left by extraction; at line breaks; and where a year runs into a
 * capitalised word, which is how table cells lose their line ends ("i november 2019 Sygehus Lillebælt").
 */
function splitRunOns(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const boundary = /([.!?;])(\s+)(?=[\p{Lu}[(•\-–"”])|(?<=\s)(\.)\s+|(?<=(?:19|20)\d{2})()\s+(?=\p{Lu})|\n+/gu;
  for (const m of text.matchAll(boundary)) {
    if (m[1] !== undefined) {
      const before = text.slice(start, m.index);
      const word = /([\p{L}.]+|\d+)$/u.exec(before)?.[1] ?? '';
      if (m[1] === '.' && (NEVER_FINAL.has(word.toLowerCase()) || /^\d{1,2}$/u.test(word))) continue;
    }
    const end = m[1] !== undefined || m[3] !== undefined ? m.index + 1 : m.index;
    push(sentences, text, start, end);
    start = m.index + m[0].length;
  }
  push(sentences, text, start, text.length);
  return sentences;
}

function push(sentences: Sentence[], text: string, from: number, to: number): void {
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed !== '') sentences.push({ text: trimmed, from: from + lead });
}
