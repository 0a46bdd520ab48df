import { describe, expect, it } from 'vitest';
import { compileQuery, parseQuery, QueryError } from '../../src/search/index.ts';
import type { CompiledQuery } from '../../src/search/index.ts';

const compile = (q: string) => compileQuery(parseQuery(q));
const own = (query: CompiledQuery) => query.clauses.map((clause) => clause.map((t) => t.patterns[0]!.tokens.map((f) => f.exact).join(' ')));

describe('a query analysed as the index analyses text', () => {
  it('gives each word its exact, stemmed and folded forms', () => {
    const [[term]] = compile('Patientansvarlige').clauses as [[CompiledQuery['clauses'][0][0]]];
    expect(term.patterns[0]).toEqual({
      tokens: [{ exact: 'patientansvarlige', stem: 'patientansvar', folded: 'patientansvar' }],
      parts: true,
      synonym: false,
    });
  });

  it('reads "laege" typed without æ as the folded form of "læge"', () => {
    const [laege] = compile('laege').clauses[0]!;
    const [laege2] = compile('læge').clauses[0]!;
    expect(laege!.patterns[0]!.tokens[0]!.folded).toBe(laege2!.patterns[0]!.tokens[0]!.folded);
  });

  it('leaves stopwords out of a bag of words, but not out of phrases or a query of only stopwords', () => {
    expect(own(compile('regionerne og kommunerne'))).toEqual([['regionerne'], ['kommunerne']]);
    expect(own(compile('"regionerne skal"'))).toEqual([['regionerne skal']]);
    expect(own(compile('skal'))).toEqual([['skal']]);
    expect(compile('læge -og').excluded).toEqual([]);
  });

  it('splits a word the tokenizer splits into a phrase, without compound matching', () => {
    const [[term]] = compile('ØA19-teksten').clauses as [[CompiledQuery['clauses'][0][0]]];
    expect(term.patterns[0]).toMatchObject({ tokens: [{ exact: 'øa19' }, { exact: 'teksten' }], parts: false });
  });

  it('expands an abbreviation to what it stands for', () => {
    const [[term]] = compile('ØA18').clauses as [[CompiledQuery['clauses'][0][0]]];
    const variants = term.patterns.map((p) => p.tokens.map((f) => f.exact).join(' '));
    expect(variants).toEqual(expect.arrayContaining(['øa18', 'aftale om regionernes økonomi for 2018', 'økonomiaftalen for 2018']));
    expect(term.patterns.map((p) => p.synonym)).toEqual([false, ...variants.slice(1).map(() => true)]);
  });

  it('refuses a query with nothing searchable in it', () => {
    expect(() => compile('*** ---x')).toThrow(QueryError);
    expect(() => compile('()')).toThrow(expect.objectContaining({ code: 'QUERY_EMPTY' }));
  });
});
