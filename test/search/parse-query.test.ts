import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatQuery, MAX_QUERY_LENGTH, parseQuery, QueryError } from '../../src/search/index.ts';
import type { ParsedQuery, QueryTerm } from '../../src/search/index.ts';

const word = (text: string): QueryTerm => ({ type: 'word', text });
const phrase = (text: string): QueryTerm => ({ type: 'phrase', text });

function errorOf(q: string): QueryError {
  try {
    parseQuery(q);
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(q)} to be refused`);
}

describe('a user searching the agreements', () => {
  it('types two words and needs both', () => {
    expect(parseQuery('patientansvarlig læge')).toEqual({ clauses: [[word('patientansvarlig')], [word('læge')]], excluded: [] });
  });

  it('quotes a phrase, folding the whitespace inside it', () => {
    expect(parseQuery('  "regionerne   skal" ')).toEqual({ clauses: [[phrase('regionerne skal')]], excluded: [] });
  });

  it('accepts either of two words or phrases with OR', () => {
    expect(parseQuery('psykiatri OR "mental sundhed" akut')).toEqual({
      clauses: [[word('psykiatri'), phrase('mental sundhed')], [word('akut')]],
      excluded: [],
    });
    expect(parseQuery('a OR b OR c').clauses).toEqual([[word('a'), word('b'), word('c')]]);
  });

  it('excludes words and phrases with a leading minus', () => {
    expect(parseQuery('medicin -tilskud -"private sygehuse"')).toEqual({
      clauses: [[word('medicin')]],
      excluded: [word('tilskud'), phrase('private sygehuse')],
    });
  });

  it('keeps hyphenated words and a dash standing alone as text', () => {
    expect(parseQuery('sundheds-it')).toEqual({ clauses: [[word('sundheds-it')]], excluded: [] });
    expect(parseQuery('Patientforløb mellem regionerne - hensigtserklæringer').clauses).toHaveLength(4);
  });

  it('gets search-engine syntax back as plain text, never as operators', () => {
    expect(parseQuery('NEAR(læge sygehus) tekst* ^start title:aftale (a AND b) a~2 NOT x').clauses.flat()).toEqual(
      ['NEAR(læge', 'sygehus)', 'tekst*', '^start', 'title:aftale', '(a', 'AND', 'b)', 'a~2', 'NOT', 'x'].map(word),
    );
    // Only upper-case OR is the operator; "or" is a word.
    expect(parseQuery('a or b').clauses).toHaveLength(3);
  });

  it('drops empty phrases', () => {
    expect(parseQuery('"" læge')).toEqual({ clauses: [[word('læge')]], excluded: [] });
  });
});

describe('queries that are refused, each with a stable code', () => {
  it.each([
    ['', 'QUERY_EMPTY'],
    ['   \n\t', 'QUERY_EMPTY'],
    ['""', 'QUERY_EMPTY'],
    [' - ', 'QUERY_EMPTY'],
    ['x'.repeat(MAX_QUERY_LENGTH + 1), 'QUERY_TOO_LONG'],
    ['"regionerne skal', 'QUERY_UNBALANCED_QUOTES'],
    ['a "b" "c', 'QUERY_UNBALANCED_QUOTES'],
    ['-tilskud', 'QUERY_ONLY_EXCLUSIONS'],
    ['-tilskud -"private sygehuse"', 'QUERY_ONLY_EXCLUSIONS'],
    ['OR læge', 'QUERY_STRAY_OPERATOR'],
    ['læge OR', 'QUERY_STRAY_OPERATOR'],
    ['læge OR OR sygehus', 'QUERY_STRAY_OPERATOR'],
    ['læge OR -sygehus', 'QUERY_STRAY_OPERATOR'],
    ['-læge OR sygehus', 'QUERY_STRAY_OPERATOR'],
    ['læge --sygehus', 'QUERY_STRAY_OPERATOR'],
    ['læge -- sygehus', 'QUERY_STRAY_OPERATOR'],
  ])('%j → %s', (q, code) => {
    const error = errorOf(q);
    expect(error.code).toBe(code);
    expect(error.statusCode).toBe(400);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('a query of exactly the maximum length is accepted', () => {
    expect(parseQuery('a'.repeat(MAX_QUERY_LENGTH)).clauses).toHaveLength(1);
  });

  it('points at where the problem is', () => {
    expect(errorOf('læge "skal').position).toBe(5);
    expect(errorOf('læge OR').position).toBe(5);
  });
});

// Characters that matter to the syntax, mixed with Danish letters and search-engine operators.
const queryChar = fc.constantFrom(...'ab æøå-"OR()*^:~\t'.split(''), 'NEAR', 'AND', '\u00a0', '😀');
const anyQuery = fc.oneof(fc.string({ maxLength: 80 }), fc.array(queryChar, { maxLength: 40 }).map((cs) => cs.join('')));

const termText = fc.stringMatching(/^[a-zæøå0-9*:()^~-]{1,12}$/).filter((t) => !t.startsWith('-'));
const queryTerm: fc.Arbitrary<QueryTerm> = fc.oneof(
  termText.map(word),
  fc.array(termText, { minLength: 1, maxLength: 3 }).map((ws) => phrase(ws.join(' '))),
);
const parsedQuery: fc.Arbitrary<ParsedQuery> = fc.record({
  clauses: fc.array(fc.array(queryTerm, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
  excluded: fc.array(queryTerm, { maxLength: 2 }),
});

describe('properties', () => {
  it('never throws anything but QueryError', () => {
    fc.assert(
      fc.property(anyQuery, (q) => {
        try {
          parseQuery(q);
        } catch (error) {
          expect(error).toBeInstanceOf(QueryError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a parsed query written back parses to the same data', () => {
    fc.assert(
      fc.property(anyQuery, (q) => {
        let parsed: ParsedQuery;
        try {
          parsed = parseQuery(q);
        } catch {
          return;
        }
        expect(parseQuery(formatQuery(parsed))).toEqual(parsed);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every term of a structured query', () => {
    fc.assert(
      fc.property(parsedQuery, (query) => {
        expect(parseQuery(formatQuery(query))).toEqual(query);
      }),
      { numRuns: 1000 },
    );
  });

  it('never lets a term contain a quote or whitespace-edged text', () => {
    fc.assert(
      fc.property(anyQuery, (q) => {
        let parsed: ParsedQuery;
        try {
          parsed = parseQuery(q);
        } catch {
          return;
        }
        for (const t of [...parsed.clauses.flat(), ...parsed.excluded]) {
          expect(t.text).not.toContain('"');
          expect(t.text).toBe(t.text.trim());
          expect(t.text).not.toBe('');
        }
      }),
      { numRuns: 1000 },
    );
  });
});
