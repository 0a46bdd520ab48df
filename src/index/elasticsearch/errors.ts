import { errors } from '@elastic/elasticsearch';
import { BackendError } from '../backend-error.ts';

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
