// Shared by the foundation tests: the bundled corpus, processed once per test file.
import { resolve } from 'node:path';
import { processFile, readCatalog, sourcePath } from '../../ingest/process-file.ts';
import type { DocumentNode } from '../../src/tree/types.ts';

export const CATALOG_PATH = resolve(import.meta.dirname, '../../corpus/catalog.json');

const cache = new Map<string, Promise<DocumentNode>>();

/** The tree of a corpus document, by its catalog id. */
export function corpusDocument(id: string): Promise<DocumentNode> {
  let doc = cache.get(id);
  if (!doc) {
    doc = readCatalog(CATALOG_PATH).then((catalog) => {
      const entry = catalog.entries.find((e) => e.id === id);
      if (!entry) throw new Error(`no corpus document "${id}"`);
      return processFile(sourcePath(catalog, entry), entry);
    });
    cache.set(id, doc);
  }
  return doc;
}
