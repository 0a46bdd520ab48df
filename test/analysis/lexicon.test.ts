import { describe, expect, it } from 'vitest';
import { isDanishWord, repairHyphen } from '../../src/analysis/index.ts';

describe('the Danish lexicon', () => {
  it('knows dictionary words in any inflection and compounds of known parts', () => {
    expect(isDanishWord('endvidere')).toBe(true);
    expect(isDanishWord('Endvidere')).toBe(true);
    expect(isDanishWord('sundhedssektorens')).toBe(true);
    expect(isDanishWord('kræftpatienterne')).toBe(true);
    expect(isDanishWord('endvi')).toBe(false);
    expect(isDanishWord('itorganisationernes')).toBe(false);
  });

  it('answers quickly once loaded', () => {
    isDanishWord('aftale');
    const started = performance.now();
    for (let i = 0; i < 1000; i++) isDanishWord(i % 2 ? 'økonomiaftalen' : 'regionerne');
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('repairing hyphens left in the middle of a line', () => {
  it('joins words that were only broken ("endvi-dere", "sund-hedssektorens")', () => {
    expect(repairHyphen('endvi', 'dere')).toBe('endvidere');
    expect(repairHyphen('sund', 'hedssektorens')).toBe('sundhedssektorens');
    expect(repairHyphen('i det nære sund', 'hedsvæsen')).toBe('i det nære sundhedsvæsen');
  });

  it('keeps real hyphens', () => {
    expect(repairHyphen('it', 'organisationernes')).toBe('it-organisationernes');
    expect(repairHyphen('KOL', 'patienter')).toBe('KOL-patienter');
    expect(repairHyphen('ØA19', 'teksten')).toBe('ØA19-teksten');
    expect(repairHyphen('2019', '2020')).toBe('2019-2020');
  });

  it('keeps the hyphen of a suspended compound ("hoved- og nakkesmerter")', () => {
    expect(repairHyphen('hoved', ' og nakkesmerter')).toBe('hoved- og nakkesmerter');
    expect(repairHyphen('hoved', 'og')).toBe('hoved-og');
  });
});
