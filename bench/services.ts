import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';

// What a bench run leaves in the shared services is removed again: its Elasticsearch indices
// (one prefix per run and ingest) and its BullMQ queues (one key prefix per ingest).

export async function deleteIndices(node: string, prefix: string): Promise<void> {
  const client = new Client({ node });
  try {
    await client.indices.delete({ index: `${prefix}-*` }, { ignore: [404] });
  } finally {
    await client.close();
  }
}

/** Bytes on disk of the indices under `prefix` (primaries and replicas; one node has no replicas). */
export async function indexBytes(node: string, prefix: string): Promise<number> {
  const client = new Client({ node });
  try {
    await client.indices.refresh({ index: `${prefix}-*` });
    const { body } = await client.cat.indices<{ 'store.size': string }[]>({ index: `${prefix}-*`, format: 'json', bytes: 'b' });
    return body.reduce((n, row) => n + Number(row['store.size'] ?? 0), 0);
  } finally {
    await client.close();
  }
}


export function directoryBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, entry) => {
    const path = join(dir, entry.name);
    return n + (entry.isDirectory() ? directoryBytes(path) : statSync(path).size);
  }, 0);
}
