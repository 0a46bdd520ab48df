import { STATUS_CODES } from 'node:http';
import { QUERY_ERROR_REASONS, type QueryErrorReason } from '../src/search/query-error.ts';
import { BACKEND_ERROR_CAUSES, type BackendErrorCause } from '../src/index/backend-error.ts';
import { EXTRACT_ERROR_CAUSES, type ExtractErrorCause } from '../src/extract/errors.ts';

// Every error the API sends, with a stable code, its HTTP status and a message template.
// Errors go out as `{ statusCode, code, error, message }`; api/ERRORS.md lists each code
// (a test keeps the two in step).

interface ErrorSpec {
  status: number;
  /** `%s` placeholders are filled in order by the arguments given to `apiError`. */
  message: string;
}

export const API_ERRORS = {
  INVALID_PARAMETER: { status: 400, message: 'invalid request: %s' },
  UNKNOWN_YEAR: { status: 400, message: 'unknown year filter "%s": use a four-digit year such as 2018' },
  UNKNOWN_TYPE: { status: 400, message: 'unknown document type "%s": use one of %s' },
  UNKNOWN_ACTOR: { status: 400, message: 'unknown actor "%s": see /api/commitments/facets for the actors' },
  UNKNOWN_DOCUMENT_FILTER: { status: 400, message: 'unknown document "%s" in the filter: see /api/documents for the ids' },
  INVALID_DATE: { status: 400, message: '%s must be a real date written YYYY-MM-DD, got "%s"' },
  DATE_RANGE_REVERSED: { status: 400, message: 'deadlineFrom (%s) is after deadlineTo (%s)' },
  CONFLICTING_PARAMETERS: { status: 400, message: '%s' },
  UPLOAD_FILE_MISSING: { status: 400, message: 'the upload has no file: send it as the multipart field "file"' },
  ADMIN_TOKEN_MISSING: { status: 401, message: 'this needs the admin token: send "Authorization: Bearer <token>"' },
  ADMIN_TOKEN_INVALID: { status: 401, message: 'the admin token is not valid' },
  ADMIN_DISABLED: { status: 403, message: '%s are disabled: the server has no ADMIN_TOKEN set' },
  DOCUMENT_NOT_FOUND: { status: 404, message: 'no document has the id "%s"' },
  PARAGRAPH_NOT_FOUND: { status: 404, message: 'no paragraph has the id "%s", and none ever had' },
  ROUTE_NOT_FOUND: { status: 404, message: 'no route %s %s' },
  NOT_ACCEPTABLE: { status: 406, message: 'this resource is available as %s' },
  UPLOAD_TOO_LARGE: { status: 413, message: 'the file is larger than the upload limit of %s MB' },
  UNSUPPORTED_FILE_TYPE: { status: 415, message: '%s: only PDF (.pdf), Markdown (.md, .markdown) and text (.txt) files can be added' },
  RATE_LIMITED: { status: 429, message: 'too many requests from this address: at most %s per %s s; try again in %s s' },
  /** Other client errors Fastify itself detects (e.g. a malformed URL); sent with Fastify's 4xx status. */
  BAD_REQUEST: { status: 400, message: '%s' },
  INTERNAL_ERROR: { status: 500, message: 'the server failed to answer; the error is in its log' },
  INGEST_FAILED: { status: 500, message: '%s' },
  JOBS_UNAVAILABLE: { status: 503, message: 'the job queue (Redis) cannot be reached; try again shortly' },
} as const satisfies Record<string, ErrorSpec>;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** The query parser's codes (src/search), passed through as they are: `QUERY_EMPTY`, … */
export const QUERY_ERROR_CODES: string[] = (Object.keys(QUERY_ERROR_REASONS) as QueryErrorReason[]).map(
  (reason) => `QUERY_${reason.toUpperCase().replaceAll('-', '_')}`,
);

/** The index backends' codes (src/index/backend-error.ts): `BACKEND_UNAVAILABLE` → 503, … */
export const BACKEND_ERROR_CODES: string[] = (Object.keys(BACKEND_ERROR_CAUSES) as BackendErrorCause[]).map(
  (reason) => `BACKEND_${reason.toUpperCase().replaceAll('-', '_')}`,
);

/** Why an uploaded file could not be read (src/extract/errors.ts), sent with 422: `EXTRACT_CORRUPT`, … */
export const EXTRACT_ERROR_CODES: string[] = (Object.keys(EXTRACT_ERROR_CAUSES) as ExtractErrorCause[]).map(
  (reason) => `EXTRACT_${reason.toUpperCase().replaceAll('-', '_')}`,
);

/** The status of an uploaded file the ingest could not read. */
export const EXTRACT_ERROR_STATUS = 422;

/** Every code a client can receive. */
export function allErrorCodes(): string[] {
  return [...Object.keys(API_ERRORS), ...QUERY_ERROR_CODES, ...BACKEND_ERROR_CODES, ...EXTRACT_ERROR_CODES];
}

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export function apiError(code: ApiErrorCode, ...args: (string | number)[]): ApiError {
  const spec: ErrorSpec = API_ERRORS[code];
  let index = 0;
  const message = spec.message.replace(/%s/g, () => String(args[index++] ?? ''));
  return new ApiError(code, spec.status, message);
}

/** The reason phrase for a status, as sent in the `error` field. */
export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
}

export function errorBody(error: ApiError): ErrorBody {
  return { statusCode: error.statusCode, code: error.code, error: reasonPhrase(error.statusCode), message: error.message };
}
