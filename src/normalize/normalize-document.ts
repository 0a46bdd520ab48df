import type { ExtractedText, NormalizedDocument } from '../tree/types.ts';
import { followUpTableRows, isFollowUpTable } from './follow-up-table.ts';
import type { IsWord } from './hyphenation.ts';
import { normalizeCellText, normalizeText } from './normalize-lines.ts';

/**
 * The normalize stage: running text becomes clean lines; a follow-up scheme, whose four columns
 * only a table keeps apart, becomes its rows with every cell normalized on its own.
 */
export function normalizeDocument(extracted: ExtractedText, isWord: IsWord): NormalizedDocument {
  const base = { source: extracted.source, format: extracted.format, contentHash: extracted.contentHash, pageCount: extracted.pages.length };
  if (extracted.tables.some((page) => page.tables.some(isFollowUpTable))) {
    const { rows, findings } = followUpTableRows(extracted);
    return {
      ...base,
      lines: [],
      rows: rows.map((row) => ({ cells: row.cells.map((cell) => normalizeCellText(cell, isWord)), pages: row.pages })),
      findings,
    };
  }
  const { lines, findings } = normalizeText(extracted, isWord);
  return { ...base, lines, rows: null, findings };
}
