import { normalizeDocument } from '../normalize/normalize-document.ts';
import type { IsWord } from '../normalize/hyphenation.ts';
import type { CatalogEntry, DocumentNode, ExtractedText, NormalizedDocument } from '../tree/types.ts';
import { assembleChapters, draftFromBlocks } from './assemble.ts';
import { blocksFromNoteLines, blocksFromPdfLines } from './blocks.ts';
import { draftFromFollowUpRows } from './follow-up-rows.ts';

/** The segment stage: normalized lines (or a follow-up scheme's rows) → the tree with citations. */
export function segmentDocument(normalized: NormalizedDocument, entry: CatalogEntry): DocumentNode {
  const drafts = normalized.rows
    ? draftFromFollowUpRows(normalized.rows, entry)
    : draftFromBlocks(normalized.format === 'note' ? blocksFromNoteLines(normalized.lines) : blocksFromPdfLines(normalized.lines), entry);
  return {
    type: 'document',
    id: entry.id,
    meta: entry,
    contentHash: normalized.contentHash,
    pageCount: normalized.pageCount,
    children: assembleChapters(drafts, entry),
    findings: normalized.findings,
  };
}

/** normalize → segment in one call, for a document read in this process. */
export function buildDocument(extracted: ExtractedText, entry: CatalogEntry, isWord: IsWord): DocumentNode {
  return segmentDocument(normalizeDocument(extracted, isWord), entry);
}
