import { resolve } from 'node:path';
import type { IndexBackend } from '../src/index/backend.ts';
import { openElasticsearchIndex } from '../src/index/elasticsearch/index.ts';
import { openEmbeddedIndex } from '../src/index/sqlite/index.ts';

/**
 * The index this process works on: Elasticsearch when ELASTICSEARCH_URL is set (the scaled
 * mode), else the embedded on-disk index under DATA_DIR (default ./data).
 */
export async function openConfiguredBackend(): Promise<IndexBackend> {
  const node = process.env.ELASTICSEARCH_URL;
  if (node) return openElasticsearchIndex({ node, ...(process.env.ES_INDEX_PREFIX ? { prefix: process.env.ES_INDEX_PREFIX } : {}) });
  return openEmbeddedIndex({ dir: resolve(process.env.DATA_DIR ?? 'data') });
}
