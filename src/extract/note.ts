import type { ExtractedText } from '../tree/types.ts';
import { contentHash } from './content-hash.ts';
import { ExtractError } from './errors.ts';

/** A note (Markdown or plain text) is one page of UTF-8 text. */
export function extractNote(file: string, bytes: Uint8Array): ExtractedText {
  if (bytes.length === 0) throw new ExtractError(file, 'empty');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ExtractError(file, 'encoding', 'convert it to UTF-8');
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.includes('\0')) throw new ExtractError(file, 'encoding', 'it contains NUL bytes');
  if (text.trim() === '') throw new ExtractError(file, 'no-text');
  return { source: file, format: 'note', contentHash: contentHash(bytes), pages: [{ page: 1, text }], tables: [] };
}
