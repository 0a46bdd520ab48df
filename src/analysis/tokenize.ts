// The tokenizer, defined as data so Elasticsearch runs the very same pattern (a `pattern`
// tokenizer with group 0) and both backends see the same tokens.

/** One word of the text. */
export interface Token {
  /** The analysed surface: lowercased, NFC, soft hyphens removed, ’ as '. */
  term: string;
  /** UTF-16 offsets of the token in the input text (end exclusive), for highlighting. */
  start: number;
  end: number;
  /** 0-based index of the token in the text. */
  position: number;
}

const WORD = '[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}\\u00AD]*';
/**
 * A token is a run of letters and digits (æ, ø, å included) that may be joined by a dot
 * before a letter or digit (abbreviations "bl.a", numbers "1.000"), by a comma between digits
 * ("2,2") or by an apostrophe before a letter ("pc'er"). Hyphens and spaces separate tokens,
 * so "ØA19-teksten" gives "øa19", "teksten", and a phrase search for "2,2 mia. kr." is the
 * token phrase "2,2" "mia" "kr" on both sides. Java and JavaScript read this pattern alike.
 */
export const TOKEN_PATTERN = `${WORD}(?:(?:\\.|(?<=\\p{N}),(?=\\p{N})|['\u2019](?=\\p{L}))${WORD})*`;

/** Character mappings applied to each token (Elasticsearch: a `mapping` char filter). */
export const CHAR_MAPPINGS: ReadonlyArray<readonly [from: string, to: string]> = [
  ['\u00AD', ''], // soft hyphen, invisible in the PDF
  ['\u2019', "'"], // typographic apostrophe
];

const tokenRegExp = new RegExp(TOKEN_PATTERN, 'gu');

/** Surfaces that are already a clean term: lowercase, NFC, nothing to map. */
const CLEAN_TERM = /^[a-z0-9æøå.,']*$/;

/** Lowercases and cleans one token's surface text. */
export function normalizeTerm(surface: string): string {
  if (CLEAN_TERM.test(surface)) return surface;
  let term = surface;
  for (const [from, to] of CHAR_MAPPINGS) term = term.replaceAll(from, to);
  return term.normalize('NFC').toLowerCase();
}

/** Splits text into tokens with offsets and positions. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(tokenRegExp)) {
    const start = match.index;
    tokens.push({ term: normalizeTerm(match[0]), start, end: start + match[0].length, position: tokens.length });
  }
  return tokens;
}
