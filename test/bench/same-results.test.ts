import fc from 'fast-check';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import { describe, expect, it } from 'vitest';
import { damerauLevenshtein } from '../../src/analysis/edit-distance.ts';
import { suggest } from '../../src/analysis/index.ts';

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
