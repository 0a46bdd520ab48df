// Sentence splitting for Danish agreement texts: natural's SentenceTokenizer (quotes, ?, !,
// URLs, decimal numbers) with Danish abbreviations protected from it, since by itself it
// ends a sentence at "bl.", "mia." and "jf.".
import SentenceTokenizer from 'natural/lib/natural/tokenizers/sentence_tokenizer.js';
import abbreviations from './data/abbreviations.json' with { type: 'json' };

export interface SentenceSpan {
  text: string;
  /** UTF-16 offsets in the input (end exclusive). */
  start: number;
  end: number;
}

// Same length as ".", so offsets in the protected text are offsets in the input.
const PROTECTED_DOT = '\u2024';

function alternatives(list: string[]): string {
  // A capital first letter is fine ("Bl.a.", "Jf."), a capital elsewhere is another word ("KL.").
  return list
    .map((abbreviation) => {
      const first = abbreviation[0] as string;
      const rest = abbreviation.slice(1).replace(/[.]/g, '\\.');
      return `[${first}${first.toUpperCase()}]${rest}`;
    })
    .join('|');
}

const boundary = '(?<![\\p{L}\\p{N}])';
const neverFinal = new RegExp(`${boundary}(?:${alternatives(abbreviations.neverFinal)})(?![\\p{L}\\p{N}])`, 'gu');
// A capital letter (perhaps after a quote or bracket) after one of these starts a sentence.
const maybeFinal = new RegExp(
  `${boundary}(?:${alternatives(abbreviations.maybeFinal)})(?![\\p{L}\\p{N}])(?!\\s+["'«»“”(\\[]?\\p{Lu})`,
  'gu',
);

function protect(text: string): string {
  const hide = (match: string) => match.replaceAll('.', PROTECTED_DOT);
  return text.replace(neverFinal, hide).replace(maybeFinal, hide);
}

const tokenizer = new SentenceTokenizer();

/** Splits text into sentences with their offsets in the input. */
export function sentenceSpans(text: string): SentenceSpan[] {
  const protectedText = protect(text);
  const spans: SentenceSpan[] = [];
  let cursor = 0;
  for (const piece of tokenizer.tokenize(protectedText)) {
    const found = protectedText.indexOf(piece, cursor);
    if (found < 0) continue; // natural never rewrites text; a piece it made up is skipped
    const span = { start: found, end: found + piece.length, text: '' };
    cursor = span.end;
    const previous = spans.at(-1);
    // A sentence does not start with a small letter ("31. december", "… mia. kr. til …"), nor
    // with the rest of a numeric date ("22.10." + "2019").
    const brokenDate = previous && /\d\.$/u.test(protectedText.slice(previous.start, previous.end)) && /^\d/u.test(piece);
    if (previous && (/^\p{Ll}/u.test(piece) || brokenDate)) previous.end = span.end;
    else spans.push(span);
  }
  for (const span of spans) span.text = text.slice(span.start, span.end);
  return spans;
}

/** True for an abbreviation (without its final period) that never ends a sentence: "bl.a", "jf", "mio". */
export function isNonFinalAbbreviation(word: string): boolean {
  return NON_FINAL.has(`${word.toLowerCase()}.`);
}

const NON_FINAL = new Set(abbreviations.neverFinal);

/** Splits text into sentences ("bl.a.", "mia. kr.", "jf.", "ca.", "pct." do not end one). */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map((span) => span.text);
}
