import { createHash } from 'node:crypto';
import type { IndexBackend } from '../../src/index/backend.ts';
import { paragraphsOf } from '../../src/tree/visit.ts';

export interface ParagraphDigest {
  documents: string[];
  count: number;
  /** SHA-256 over the sorted `id<TAB>text` lines of every stored paragraph. */
  checksum: string;
}

/**
 * What the index holds, read through the backend: each document's paragraphs, each looked up
 * by its permalink id (so the row really exists, with the same text), and the stored counts.
 */
export async function paragraphDigest(backend: IndexBackend): Promise<ParagraphDigest> {
  const lines: string[] = [];
  const summaries = await backend.listDocuments();
  let stored = 0;
  for (const summary of summaries) {
    stored += summary.paragraphCount;
    const doc = await backend.getDocument(summary.meta.id);
    if (!doc) throw new Error(`${summary.meta.id} is listed but cannot be read`);
    for (const paragraph of paragraphsOf(doc)) {
      const lookup = await backend.getParagraph(paragraph.id);
      if (lookup.status !== 'found' || lookup.paragraph.text !== paragraph.text) {
        throw new Error(`${paragraph.id} is in the tree but resolves to '${lookup.status}'`);
      }
      lines.push(`${paragraph.id}\t${paragraph.text}`);
    }
  }
  if (stored !== lines.length) throw new Error(`the documents say ${stored} paragraphs, their trees hold ${lines.length}`);
  lines.sort();
  if (new Set(lines.map((line) => line.split('\t')[0])).size !== lines.length) throw new Error('a paragraph id occurs twice');
  return {
    documents: summaries.map((s) => s.meta.id).sort(),
    count: lines.length,
    checksum: createHash('sha256').update(lines.join('\n')).digest('hex'),
  };
}
