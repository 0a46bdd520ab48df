import { contentHash } from '../../src/extract/index.ts';
import { buildDocument } from '../../src/segment/index.ts';
import type { CatalogEntry, DocumentNode } from '../../src/tree/types.ts';

/** A document tree from a Markdown note, as ingest builds it (no PDF needed). */
export function noteDocument(markdown: string, entry: Partial<CatalogEntry> & { id: string }): DocumentNode {
  const meta: CatalogEntry = { title: `Notat ${entry.id}`, type: 'notat', year: null, parties: [], source: `${entry.id}.md`, ...entry };
  const bytes = new TextEncoder().encode(markdown);
  return buildDocument({ source: meta.source, format: 'note', contentHash: contentHash(bytes), pages: [{ page: 1, text: markdown }], tables: [] }, meta, () => true);
}
