import { isNonFinalAbbreviation, sentenceSpans } from '../analysis/index.ts';

/** A sentence of a paragraph with its offset, so deadlines and actions can point back into the text. */
export interface Sentence {
  text: string;
  from: number;
}

/**
 * The sentences of a paragraph as the shared analysis splits them, each split again where extraction
 * ran sentences together (see `splitRunOns`).
 */
export function commitmentSentences(text: string): Sentence[] {
  return sentenceSpans(text).flatMap((span) =>
    splitRunOns(text.slice(span.start, span.end)).map((s) => ({ text: s.text, from: span.start + s.from })),
  );
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
      if (m[1] === '.' && (isNonFinalAbbreviation(word) || /^\d{1,2}$/u.test(word))) continue;
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
