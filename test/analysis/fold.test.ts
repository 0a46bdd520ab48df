import { describe, expect, it } from 'vitest';
import { fold, foldedStem } from '../../src/analysis/index.ts';

describe('folding for people who type without æ, ø and å', () => {
  it('folds the Danish letters and their typed substitutes to the same term', () => {
    expect(new Set(['læge', 'laege', 'lage'].map(fold))).toEqual(new Set(['lage']));
    expect(new Set(['økonomiaftale', 'oekonomiaftale', 'okonomiaftale'].map(fold))).toEqual(new Set(['okonomiaftale']));
    expect(new Set(['sundhedsvæsenet', 'sundhedsvaesenet'].map(fold))).toEqual(new Set(['sundhedsvasenet']));
    expect(new Set(['årlig', 'aarlig', 'arlig'].map(fold))).toEqual(new Set(['arlig']));
    expect(fold('øa18')).toBe('oa18');
  });

  it('follows Lucene\'s ScandinavianFoldingFilter letter by letter', () => {
    // Its documented examples; "aaa" keeps two letters since only the next one is dropped.
    expect(fold('blåbærsyltetøj')).toBe('blabarsyltetoj');
    expect(fold('blaabaarsyltetoej')).toBe('blabarsyltetoj');
    expect(fold('räksmörgås')).toBe('raksmorgas');
    expect(fold('aaa')).toBe('aa');
  });

  it('folds stems, so inflected words typed without Danish letters still match', () => {
    expect(foldedStem('okonomiaftalen')).toBe(foldedStem('økonomiaftalen'));
    expect(foldedStem('laegerne')).toBe(foldedStem('lægerne'));
  });
});
