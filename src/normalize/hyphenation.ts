/** Tells whether a word (any case) is Danish according to the word list in use. */
export type IsWord = (word: string) => boolean;

/** Words after which a trailing hyphen is a suspended compound ("hoved- og regionsfunktioner"). */
const SUSPENSION_WORDS = new Set(['og', 'eller', 'samt', 'til', 'som', 'såvel', 'end', 'm.fl.', 'mv.']);

const LETTER = /\p{L}/u;

/**
 * Joins a word broken at a line end: "sammenhæn-" + "gende". Typesetters break words with a
 * soft hyphen, so joining is the default; the hyphen stays where it is a real one:
 * after an abbreviation or a number ("KOL-patienter", "ØA19-teksten"), before a capital,
 * before "og"/"eller" (a suspended compound), or where both halves are words and the joined
 * form is not ("it-organisationernes").
 * Returns the text that replaces `left + right` (left ends with "-").
 */
export function joinLineEndHyphen(left: string, right: string, isWord: IsWord): string {
  const stem = left.slice(0, -1);
  const lastPart = stem.split('-').at(-1) ?? stem;
  if (SUSPENSION_WORDS.has(right.toLowerCase())) return `${left} ${right}`;
  if (!LETTER.test(right[0] ?? '') || isAbbreviationOrNumber(lastPart) || isCapitalised(right)) return left + right;
  const joined = stem + right;
  const wordOf = (w: string) => w.replace(/[^\p{L}-]+$/u, '');
  if (isWord(wordOf(joined))) return joined;
  if (isWord(lastPart) && isWord(wordOf(right)) && lastPart.length > 1) return left + right;
  return joined;
}

/**
 * Repairs a hyphen left in the middle of a line by copy-paste ("endvi-dere", "sund-hedssektorens")
 * while keeping real hyphenated words ("it-organisationernes", "offentligt-privat"): the hyphen goes
 * only where the joined form is a word in the dictionary.
 */
export function repairMidLineHyphens(line: string, isWord: IsWord): string {
  return line.replace(/(?<![\p{L}\d-])(\p{Ll}+)-(\p{Ll}+)(?![\p{L}\d-])/gu, (match, left: string, right: string) => {
    const joined = left + right;
    if (!isWord(joined)) return match;
    // Both halves being words with the joined form also a word is the genuinely ambiguous case
    // ("informations-sikkerhed"): the dictionary's compound wins, as a compound is one word in Danish.
    return joined;
  });
}

function isAbbreviationOrNumber(part: string): boolean {
  return /\d/.test(part) || (part.length > 0 && part === part.toUpperCase() && part !== part.toLowerCase());
}

function isCapitalised(word: string): boolean {
  const first = word[0] ?? '';
  return first !== first.toLowerCase();
}
