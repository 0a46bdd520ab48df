import fc from 'fast-check';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import { describe, expect, it } from 'vitest';
import { damerauLevenshtein } from '../../src/analysis/edit-distance.ts';
import { compoundPartStems, fold, normalizeTerm, splitCompound, stem, suggest } from '../../src/analysis/index.ts';

// Speed-ups made for the benchmark must not change an answer: each fast path against the code
// it replaced.
describe('"Mente du …?" after the faster edit distance', () => {
  it('measures every pair of words as natural does, swapped and repeated letters included', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abeilnørsæå'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(damerauLevenshtein(a, b)).toBe(DamerauLevenshteinDistance(a, b));
      }),
      { numRuns: 5000 },
    );
  });

  it('still suggests the words a reader meant', () => {
    const vocabulary = new Map([
      ['sygehusbyggeri', 40],
      ['sygehusbyggerier', 3],
      ['psykiatrien', 25],
      ['psykiatri', 30],
      ['økonomi', 50],
      ['økonomien', 12],
    ]);
    expect(suggest('sygehusbygeri', vocabulary)).toEqual(['sygehusbyggeri', 'sygehusbyggerier']);
    expect(suggest('psykiatrein', vocabulary)).toEqual(['psykiatrien', 'psykiatri']);
    expect(suggest('okonomi', vocabulary)).toEqual(['økonomi', 'økonomien']);
  });
});

describe('Danish analysis after its fast paths', () => {
  const letters = fc.string({ unit: fc.constantFrom(...'aAeEoOøØåÅæÆäÄöÖbkl'), maxLength: 10 });

  it('folds every term as before: the shortcut only skips terms with nothing to fold', () => {
    // The folding loop as it was, before terms without å/æ/ø/ä/ö or aa/ae/ao/oe/oo skipped it.
    const foldEveryLetter = (term: string): string => {
      const chars = [...term];
      for (let i = 0; i < chars.length; i++) {
        const c = chars[i]!;
        if ('åäæÅÄÆ'.includes(c)) chars[i] = c === c.toLowerCase() ? 'a' : 'A';
        else if ('øöØÖ'.includes(c)) chars[i] = c === c.toLowerCase() ? 'o' : 'O';
        else if (i < chars.length - 1) {
          const next = chars[i + 1]!.toLowerCase();
          const lower = c.toLowerCase();
          if ((lower === 'a' && 'aeo'.includes(next)) || (lower === 'o' && 'eo'.includes(next))) chars.splice(i + 1, 1);
        }
      }
      return chars.join('');
    };
    fc.assert(fc.property(letters, (term) => {
        expect(fold(term)).toBe(foldEveryLetter(term));
      }), { numRuns: 3000 });
  });

  it('cleans every surface as before: the shortcut only skips surfaces that are already clean', () => {
    const surface = fc.string({ unit: fc.constantFrom(...'abzæøåÆØÅ09.,\'\u00AD\u2019éÉ\u0301\u1F71Ω'), maxLength: 8 });
    const cleanEveryTime = (s: string) => s.replaceAll('\u00AD', '').replaceAll('\u2019', "'").normalize('NFC').toLowerCase();
    fc.assert(fc.property(surface, (s) => {
        expect(normalizeTerm(s)).toBe(cleanEveryTime(s));
      }), { numRuns: 3000 });
  });

  it('gives the compound parts of a word again from its cache, and a copy the caller may change', () => {
    const computed = (word: string) => [...new Set(splitCompound(word).map((p) => stem(p.lemma)).filter((s) => s !== stem(word)))];
    for (const word of ['speciallæger', 'kræftpatienter', 'økonomiaftalen', 'sundhedsvæsenet', 'regionerne']) {
      expect(compoundPartStems(word)).toEqual(computed(word));
      compoundPartStems(word).push('ændret');
      expect(compoundPartStems(word)).toEqual(computed(word));
    }
  });
});
