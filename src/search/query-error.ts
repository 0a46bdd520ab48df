/**
 * Why a query was refused. Each reason has a stable code and a message the user can act on;
 * the API answers them with HTTP 400.
 */
export const QUERY_ERROR_REASONS = {
  empty: 'the query is empty: type a word or a "phrase"',
  'too-long': 'the query is too long',
  'unbalanced-quotes': 'a quotation mark is not closed: phrases go between two " marks',
  'only-exclusions': 'the query only excludes words: add a word or phrase to search for',
  'stray-operator': 'an operator has nothing to work on',
} as const;

export type QueryErrorReason = keyof typeof QUERY_ERROR_REASONS;

export class QueryError extends Error {
  override readonly name = 'QueryError';
  readonly code: `QUERY_${string}`;
  readonly statusCode = 400;

  constructor(
    readonly reason: QueryErrorReason,
    /** Character offset in the query where the problem is, when there is one place. */
    readonly position?: number,
    readonly detail?: string,
  ) {
    super(`${QUERY_ERROR_REASONS[reason]}${detail ? ` (${detail})` : ''}`);
    this.code = `QUERY_${reason.toUpperCase().replaceAll('-', '_')}`;
  }
}
