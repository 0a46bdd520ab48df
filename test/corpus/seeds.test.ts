import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeed, SEEDS, seedLines } from '../../scripts/corpus/seeds.ts';

describe('reading the seeds for corpus:build', () => {
  it('says which seed is missing and how to point at the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seeds-'));
    expect(() => readSeed(dir, 'oa18')).toThrow(`seed ${SEEDS.oa18.file} not found in ${dir} (pass --seeds <dir>)`);
  });

  it('stops when a seed changed, because the curated line numbers would no longer fit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seeds-'));
    writeFileSync(join(dir, SEEDS.udspil.file), 'Afskaf produktivitetskravet\n');
    expect(() => readSeed(dir, 'udspil')).toThrow(/has changed .*check the curated line numbers/);
  });

  it('numbers lines as an editor does, without a phantom line after the last newline', () => {
    expect(seedLines(Buffer.from('første\n\ntredje\n'))).toEqual(['første', '', 'tredje']);
  });
});
