import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stem } from '../../src/analysis/index.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/snowball-danish/${name}`, import.meta.url), 'utf8').split('\n').filter(Boolean);

describe('Snowball Danish stemming', () => {
  it('reproduces every stem of the official Snowball Danish vocabulary', () => {
    const words = fixture('voc.txt');
    const expected = fixture('output.txt');
    expect(words).toHaveLength(23_830);
    expect(expected).toHaveLength(words.length);
    const mismatches = words
      .map((word, i) => ({ word, expected: expected[i], actual: stem(word) }))
      .filter((pair) => pair.expected !== pair.actual);
    expect(mismatches).toEqual([]);
  });

  it('leaves agreement codes and numbers alone', () => {
    expect(['øa18', 'fl20', '2,2', 'bl.a'].map(stem)).toEqual(['øa18', 'fl20', '2,2', 'bl.a']);
  });
});
