import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeForIndex } from '../../src/analysis/index.ts';
import { ftsMatch, FTS_COLUMNS } from '../../src/index/sqlite/index.ts';
import { SCHEMA } from '../../src/index/sqlite/schema.ts';
import { compileQuery, parseQuery, QueryError } from '../../src/search/index.ts';

// The MATCH expression is ours alone: whatever the user types, FTS5 sees only quoted analysed
// terms and our operators, so it never fails to parse and never runs the user's syntax.

const db = new Database(':memory:');
db.exec(SCHEMA);
const insert = db.prepare(`INSERT INTO paragraph_terms (rowid, ${FTS_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?)`);
[
  'Regionerne skal inden udgangen af 2018 have udpeget en patientansvarlig læge.',
  'NEAR og AND står her som almindelige ord, ligesom col:værdi og bl.a. 2,2 mia. kr.',
  "Pc'er og it-systemer i sundhedsvæsenet.",
].forEach((text, i) => {
  const a = analyzeForIndex(text);
  insert.run(i + 1, a.exact.join(' '), a.stems.join(' '), a.folded.join(' '), a.parts.join(' '));
});
const search = db.prepare<[string], { rowid: number }>('SELECT rowid FROM paragraph_terms WHERE paragraph_terms MATCH ? ORDER BY rowid');
afterAll(() => db.close());

const run = (q: string) => search.all(ftsMatch(compileQuery(parseQuery(q)))).map((r) => r.rowid);

describe('queries reach FTS5 only as analysed, quoted terms', () => {
  it('finds terms with dots, commas and apostrophes whole', () => {
    expect(run('"2,2 mia. kr."')).toEqual([2]);
    expect(run('bl.a.')).toEqual([2]);
    expect(run("pc'er")).toEqual([3]);
  });

  it('FTS5 operators typed by the user are words', () => {
    expect(run('NEAR AND')).toEqual([2]);
    expect(run('col:værdi')).toEqual([2]);
    expect(run('NEAR(regionerne læge)')).toEqual([]);
  });

  it('never lets a query fail inside FTS5', () => {
    const piece = fc.constantFrom('NEAR', 'AND', 'NOT', 'OR', '(', ')', '*', '^', ':', '"', '-', '+', '{', '}', ' ', 'læge', 'exact', 'stems:', "'", '\\', '.', ',', 'ø');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.array(piece, { maxLength: 30 }).map((p) => p.join(''))), (q) => {
        let match: string;
        try {
          match = ftsMatch(compileQuery(parseQuery(q)));
        } catch (error) {
          expect(error).toBeInstanceOf(QueryError);
          return;
        }
        expect(() => search.all(match)).not.toThrow();
      }),
      { numRuns: 1500 },
    );
  });
});
