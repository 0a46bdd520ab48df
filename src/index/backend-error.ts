/**
 * Why an index backend could not answer. Each cause has a stable code and the HTTP
 * status the API answers with: `unavailable` is passing (a server is down, restarting or
 * overloaded, and the backend reconnects by itself once it answers again), the others are not.
 */
export const BACKEND_ERROR_CAUSES = {
  unavailable: { status: 503, message: 'the search index cannot be reached; try again shortly' },
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
