import { QueryError } from './query-error.ts';

// The small safe query syntax, parsed into data (as MiniSearch takes a query as data):
//   words            all required
//   "a phrase"       words in this order
//   a OR b           either (binds terms next to each other into one clause)
//   -word -"phrase"  excluded
// Everything else — FTS5 operators, `*`, `^`, `col:`, parentheses, Lucene syntax — is plain
// text inside a word; the backends analyse words into terms and never see the user's string.

export const MAX_QUERY_LENGTH = 500;

export interface QueryTerm {
  type: 'word' | 'phrase';
  /** As typed; a phrase with its whitespace folded to single spaces. */
  text: string;
}

export interface ParsedQuery {
  /** Every clause is required; a clause of several terms matches when any of them does. */
  clauses: QueryTerm[][];
  /** No hit may match any of these. */
  excluded: QueryTerm[];
}

interface Token {
  kind: 'term' | 'or';
  term?: QueryTerm;
  excluded: boolean;
  position: number;
}

/** Parses a user's query; throws `QueryError` (and nothing else) when it cannot be searched. */
export function parseQuery(input: string): ParsedQuery {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new QueryError('too-long', MAX_QUERY_LENGTH, `${input.length} characters, at most ${MAX_QUERY_LENGTH}`);
  }
  if (input.trim() === '') throw new QueryError('empty');

  const clauses: QueryTerm[][] = [];
  const excluded: QueryTerm[] = [];
  // An OR seen and waiting for its right-hand term; `previous` says what the left-hand side was.
  let pendingOr: number | null = null;
  let previous: 'none' | 'included' | 'excluded' | 'or' = 'none';

  for (const token of tokenize(input)) {
    if (token.kind === 'or') {
      if (previous !== 'included') throw new QueryError('stray-operator', token.position, 'OR needs a word or phrase on both sides');
      pendingOr = token.position;
      previous = 'or';
      continue;
    }
    const term = token.term!;
    if (token.excluded) {
      if (pendingOr !== null) throw new QueryError('stray-operator', pendingOr, 'OR cannot join an excluded word');
      excluded.push(term);
      previous = 'excluded';
      continue;
    }
    if (pendingOr !== null) clauses.at(-1)!.push(term);
    else clauses.push([term]);
    pendingOr = null;
    previous = 'included';
  }
  if (pendingOr !== null) throw new QueryError('stray-operator', pendingOr, 'OR needs a word or phrase on both sides');
  if (clauses.length === 0) throw new QueryError(excluded.length > 0 ? 'only-exclusions' : 'empty');
  return { clauses, excluded };
}

function* tokenize(input: string): Generator<Token> {
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const start = i;
    let excluded = false;
    if (ch === '-') {
      const next = input[i + 1];
      if (next === undefined || /\s/.test(next)) {
        // A dash standing alone is punctuation ("Patientforløb mellem regionerne - hensigtserklæringer").
        i += 1;
        continue;
      }
      if (next === '-') throw new QueryError('stray-operator', start, '"--": exclude with a single -');
      excluded = true;
      i += 1;
    }
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      if (close === -1) throw new QueryError('unbalanced-quotes', i);
      const text = input.slice(i + 1, close).replace(/\s+/g, ' ').trim();
      i = close + 1;
      if (text !== '') yield { kind: 'term', term: { type: 'phrase', text }, excluded, position: start };
      continue;
    }
    let end = i;
    while (end < input.length && !/\s/.test(input[end]!) && input[end] !== '"') end += 1;
    const text = input.slice(i, end);
    i = end;
    if (!excluded && text === 'OR') yield { kind: 'or', excluded, position: start };
    else yield { kind: 'term', term: { type: 'word', text }, excluded, position: start };
  }
}

/** Writes a parsed query back in the syntax; `parseQuery(formatQuery(q))` gives `q` again. */
export function formatQuery(query: ParsedQuery): string {
  const term = (t: QueryTerm) => (t.type === 'phrase' ? `"${t.text}"` : t.text);
  return [
    ...query.clauses.map((clause) => clause.map(term).join(' OR ')),
    ...query.excluded.map((t) => `-${term(t)}`),
  ].join(' ');
}
