import { describe, expect, it } from 'vitest';
import { analyzeForIndex, suggest } from '../../src/analysis/index.ts';

// The words of an ØA18 passage, as an index would know them.
const vocabulary = new Set(
  analyzeForIndex(
    'Regeringen og Danske Regioner har aftalt, at der indføres patientansvarlig læge på sygehusene. ' +
      'Den patientansvarlige læge skal sikre sammenhæng, kontinuitet og tryghed for patienterne. ' +
      'Patientansvaret følges op i økonomiaftalen.',
  ).exact,
);

describe('"Mente du …?"', () => {
  it('suggests "patientansvarlig" for "patientansvarlg"', () => {
    expect(suggest('patientansvarlg', vocabulary)[0]).toBe('patientansvarlig');
  });

  it('forgives a swapped pair of letters and missing Danish letters', () => {
    expect(suggest('sammenhnæg', vocabulary)[0]).toBe('sammenhæng');
    expect(suggest('okonomiaftalen', vocabulary)).toEqual(['økonomiaftalen']);
  });

  it('suggests nothing for a known word or a word far from every known one', () => {
    expect(suggest('læge', vocabulary)).toEqual([]);
    expect(suggest('vindmølle', vocabulary)).toEqual([]);
  });

  it('prefers the more frequent of equally close terms', () => {
    const counts = new Map([['regionen', 3], ['regioner', 40]]);
    expect(suggest('regionet', counts)).toEqual(['regioner', 'regionen']);
  });
});
