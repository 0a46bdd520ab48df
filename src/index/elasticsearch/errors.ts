import { errors } from '@elastic/elasticsearch';

/**
 * Why the Elasticsearch index could not answer. Each cause has a stable code and the HTTP
 * status the API answers with: `unavailable` is passing (the node is down, restarting or
 * overloaded; the client reconnects by itself once it answers again), the others are not.
 */
export const BACKEND_ERROR_CAUSES = {
  unavailable: { status: 503, message: 'the search index (Elasticsearch) cannot be reached; try again shortly' },
  'write-failed': { status: 500, message: 'the search index refused some of the writes' },
  failed: { status: 500, message: 'the search index failed to answer' },
} as const;

export type BackendErrorCause = keyof typeof BACKEND_ERROR_CAUSES;

export class BackendError extends Error {
  override readonly name = 'BackendError';
  /** `BACKEND_UNAVAILABLE`, `BACKEND_WRITE_FAILED`, `BACKEND_FAILED`. */
  readonly code: `BACKEND_${string}`;
  readonly statusCode: number;

  constructor(
    readonly reason: BackendErrorCause,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(`${BACKEND_ERROR_CAUSES[reason].message}${detail ? ` (${detail})` : ''}`, options);
    this.code = `BACKEND_${reason.toUpperCase().replaceAll('-', '_')}`;
    this.statusCode = BACKEND_ERROR_CAUSES[reason].status;
  }
}

/** HTTP statuses of a node that is there but cannot serve now (overloaded, starting, a proxy without it). */
const PASSING_STATUSES = new Set([429, 502, 503, 504]);

/** The client's error as a BackendError: connection trouble and passing statuses are `unavailable`. */
export function backendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  if (
    error instanceof errors.ConnectionError ||
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoLivingConnectionsError ||
    (error instanceof errors.ResponseError && PASSING_STATUSES.has(error.statusCode ?? 0))
  ) {
    return new BackendError('unavailable', detail, { cause: error });
  }
  return new BackendError('failed', detail, { cause: error });
}
