import { resolve } from 'node:path';
import type { IndexBackend } from '../src/index/backend.ts';
import { openEmbeddedIndex } from '../src/index/sqlite/index.ts';

/** The embedded on-disk index under DATA_DIR (default ./data). */
export async function openConfiguredBackend(): Promise<IndexBackend> {
  return openEmbeddedIndex({ dir: resolve(process.env.DATA_DIR ?? 'data') });
}
