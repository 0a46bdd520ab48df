import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processFile, readCatalog, sourcePath } from '../../ingest/process-file.ts';
import { extractCommitments } from '../../src/enrich/commitments.ts';
import type { IndexBackend } from '../../src/index/backend.ts';
import { openEmbeddedIndex } from '../../src/index/sqlite/index.ts';

const CATALOG = new URL('../../corpus/catalog.json', import.meta.url).pathname;

export interface CorpusIndex {
  backend: IndexBackend;
  close(): Promise<void>;
}

/** A real embedded index in a temporary folder, filled with every document of the corpus. */
export async function openCorpusIndex(): Promise<CorpusIndex> {
  const dir = await mkdtemp(join(tmpdir(), 'aftalesog-api-'));
  const backend = await openEmbeddedIndex({ dir });
  const catalog = await readCatalog(CATALOG);
  for (const entry of catalog.entries) {
    const doc = await processFile(sourcePath(catalog, entry), entry);
    await backend.putDocument(doc, extractCommitments(doc));
  }
  return {
    backend,
    async close() {
      await backend.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
