import { extname } from 'node:path';
import type { ExtractedText } from '../tree/types.ts';
import { ExtractError } from './errors.ts';
import { extractNote } from './note.ts';
import { extractPdf, type PdfExtractOptions } from './pdf.ts';

export const NOTE_EXTENSIONS = ['.md', '.markdown', '.txt'];

/** Chooses the extractor by file name; `name` is only used for the type and in messages. */
export async function extractBytes(name: string, bytes: Uint8Array, options: PdfExtractOptions = {}): Promise<ExtractedText> {
  const extension = extname(name).toLowerCase();
  if (extension === '.pdf') return extractPdf(name, bytes, options);
  if (NOTE_EXTENSIONS.includes(extension)) return extractNote(name, bytes);
  throw new ExtractError(name, 'unsupported', extension || 'no extension');
}
