import { normalizeText } from '../normalize/normalize-lines.ts';
import type { IsWord } from '../normalize/hyphenation.ts';
import type { CatalogEntry, DocumentNode, ExtractedText } from '../tree/types.ts';
import { assembleChapters, draftFromBlocks } from './assemble.ts';
import { blocksFromNoteLines, blocksFromPdfLines } from './blocks.ts';
import { draftFromFollowUpTables, isFollowUpTable } from './follow-up-rows.ts';

/** extract → normalize → segment for one document: the faithful tree with citations. */
export function buildDocument(extracted: ExtractedText, entry: CatalogEntry, isWord: IsWord): DocumentNode {
  const base = { type: 'document' as const, id: entry.id, meta: entry, contentHash: extracted.contentHash, pageCount: extracted.pages.length };
  if (extracted.tables.some((page) => page.tables.some(isFollowUpTable))) {
    const { chapters, findings } = draftFromFollowUpTables(extracted, entry, isWord);
    return { ...base, children: assembleChapters(chapters, entry), findings };
  }
  const { lines, findings } = normalizeText(extracted, isWord);
  const blocks = extracted.format === 'note' ? blocksFromNoteLines(lines) : blocksFromPdfLines(lines);
  return { ...base, children: assembleChapters(draftFromBlocks(blocks, entry), entry), findings };
}
