/** Tells whether a word (any case) is Danish according to the word list in use. */
export type IsWord = (word: string) => boolean;

/** Words after which a trailing hyphen is a suspended compound ("hoved- og regionsfunktioner"). */
const SUSPENSION_WORDS = new Set(['og', 'eller', 'samt', 'til', 'som', 'såvel', 'end', 'm.fl.', 'mv.']);

const LETTER = /\p{L}/u;

/** A month range ("nov-dec", "januar-marts") keeps its hyphen. */
const MONTH = /^(?:jan(?:uar)?|feb(?:ruar)?|mar(?:ts)?|apr(?:il)?|maj|jun(?:i)?|jul(?:i)?|aug(?:ust)?|sep(?:t|tember)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/i;

/** Lower-case abbreviations and short loanwords that Danish joins to a compound with a hyphen. */
const HYPHENATED_SHORT_WORDS = new Set(['it', 'tv', 'pc', 'web', 'sms', 'app', 'e', 'cpr', 'dna', 'ekg', 'mr']);

/**
 * Joins a word broken at a line end: "sammenhæn-" + "gende". Typesetters break words with a
 * soft hyphen, so joining is the default; the hyphen stays where it is a real one:
 * after an abbreviation or a number ("KOL-patienter", "ØA19-teksten"), before a capital,
 * before "og"/"eller" (a suspended compound), or where a part is a short word of its own
 * ("it-organisationernes", "sundheds-it").
 * Returns the text that replaces `left + right` (left ends with "-").
 */
export function joinLineEndHyphen(left: string, right: string, isWord: IsWord): string {
  const stem = left.slice(0, -1);
  const lastPart = stem.split('-').at(-1) ?? stem;
  if (SUSPENSION_WORDS.has(right.toLowerCase())) return `${left} ${right}`;
  if (!LETTER.test(right[0] ?? '') || isAbbreviationOrNumber(lastPart) || isCapitalised(right)) return left + right;
  const joined = stem + right;
  const rightWord = right.replace(/[^\p{L}-]+$/u, '');
  if (isWord(joined.replace(/[^\p{L}-]+$/u, ''))) return joined;
  // Abbreviations written in lower case and short loanwords keep their hyphen in compounds
  // (Danish orthography): "it-organisationernes", "sundheds-it", "web-tjenester".
  if (MONTH.test(lastPart) && MONTH.test(rightWord)) return left + right;
  if (HYPHENATED_SHORT_WORDS.has(lastPart.toLowerCase()) || HYPHENATED_SHORT_WORDS.has(rightWord.toLowerCase())) return left + right;
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
    if (isWord(joined)) return joined;
    // A linking -s before a word is a compound that Danish writes as one word, even where the
    // dictionary lacks it: "informations-sikkerhed", "prioriterings-runde".
    if (left.length >= 5 && left.endsWith('s') && right.length > 3 && isWord(right)) return joined;
    return match;
  });
}

function isAbbreviationOrNumber(part: string): boolean {
  return /\d/.test(part) || (part.length > 0 && part === part.toUpperCase() && part !== part.toLowerCase());
}

function isCapitalised(word: string): boolean {
  const first = word[0] ?? '';
  return first !== first.toLowerCase();
}
