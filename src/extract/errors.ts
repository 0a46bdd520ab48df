/**
 * Why a file could not be read. Each cause has a stable code; extraction failures are
 * unrecoverable for that file (retrying does not help) but never stop the batch.
 */
export const EXTRACT_ERROR_CAUSES = {
  empty: 'the file is empty (0 bytes)',
  'not-pdf': 'the file is not a PDF (no %PDF header)',
  corrupt: 'the PDF is damaged and cannot be read',
  encrypted: 'the PDF is encrypted and needs a password',
  'no-text': 'the PDF has no text layer (scanned pages?)',
  'too-many-pages': 'the PDF has more pages than allowed',
  encoding: 'the note is not valid UTF-8 text',
  unsupported: 'the file type is not supported (PDF, Markdown or text only)',
  timeout: 'reading the file took too long',
} as const;

export type ExtractErrorCause = keyof typeof EXTRACT_ERROR_CAUSES;

export class ExtractError extends Error {
  override readonly name = 'ExtractError';
  readonly code: `EXTRACT_${string}`;

  constructor(
    readonly file: string,
    readonly reason: ExtractErrorCause,
    readonly detail?: string,
  ) {
    super(`${file}: ${EXTRACT_ERROR_CAUSES[reason]}${detail ? ` (${detail})` : ''}`);
    this.code = `EXTRACT_${reason.toUpperCase().replaceAll('-', '_')}`;
  }
}
