import type { Client } from '@elastic/elasticsearch';
import { BackendError } from '../backend-error.ts';
import { backendError } from './errors.ts';

// Bulk writes with back-pressure: operations go in chunks, one request at a time, each waiting
// for its response; items the node turned away for load (429) are sent again after a pause,
// and every item that still failed is reported, never dropped.

export type BulkOperation =
  | { action: 'index'; index: string; id: string; document: object }
  | { action: 'delete'; index: string; id: string };

export interface BulkFailure {
  action: BulkOperation['action'];
  index: string;
  id: string;
  status: number;
  reason: string;
}

export interface BulkOptions {
  /** Most operations per request. Default 500. */
  chunkOperations?: number;
  /** Most bytes of operations per request (a chunk holds at least one). Default 5 MB. */
  chunkBytes?: number;
  /** How often items refused with 429 are sent again, pausing 100 ms, 200 ms, … Default 5. */
  retries?: number;
}

/** Some items of a bulk write failed; `failures` says which and why. */
export class BulkWriteError extends BackendError {
  constructor(readonly failures: BulkFailure[]) {
    const first = failures[0];
    super('write-failed', `${failures.length} item(s), first: ${first?.action} ${first?.index}/${first?.id}: ${first?.status} ${first?.reason}`);
  }
}

const DEFAULTS: Required<BulkOptions> = { chunkOperations: 500, chunkBytes: 5 * 1024 * 1024, retries: 5 };

interface BulkItemResult {
  status: number;
  result?: string;
  error?: { type?: string; reason?: string };
}

interface BulkResponse {
  errors: boolean;
  items: Record<string, BulkItemResult>[];
}

function lines(operation: BulkOperation): object[] {
  const meta = { _index: operation.index, _id: operation.id };
  return operation.action === 'index' ? [{ index: meta }, operation.document] : [{ delete: meta }];
}

function sizeOf(operation: BulkOperation): number {
  return lines(operation).reduce<number>((sum, line) => sum + JSON.stringify(line).length + 1, 0);
}

function chunksOf(operations: BulkOperation[], options: Required<BulkOptions>): BulkOperation[][] {
  const chunks: BulkOperation[][] = [];
  let chunk: BulkOperation[] = [];
  let bytes = 0;
  for (const operation of operations) {
    const size = sizeOf(operation);
    if (chunk.length > 0 && (chunk.length >= options.chunkOperations || bytes + size > options.chunkBytes)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(operation);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one chunk, again for the items refused for load; returns the items that failed. */
async function sendChunk(client: Client, chunk: BulkOperation[], refresh: boolean, retries: number): Promise<BulkFailure[]> {
  const failures: BulkFailure[] = [];
  const failure = (o: BulkOperation, status: number, reason: string): BulkFailure => ({ action: o.action, index: o.index, id: o.id, status, reason });
  let pending = chunk;
  for (let attempt = 0; ; attempt += 1) {
    let body: BulkResponse;
    try {
      ({ body } = await client.bulk<BulkResponse>({ body: pending.flatMap(lines), refresh: refresh ? 'wait_for' : false }));
    } catch (error) {
      throw backendError(error);
    }
    if (!body.errors) return failures;
    const refused: BulkOperation[] = [];
    body.items.forEach((item, i) => {
      const operation = pending[i]!;
      const result = Object.values(item)[0]!;
      // Deleting what is not there leaves the index as wanted.
      if (result.status < 300 || (operation.action === 'delete' && result.status === 404)) return;
      if (result.status === 429) refused.push(operation);
      else failures.push(failure(operation, result.status, result.error?.reason ?? result.error?.type ?? 'unknown'));
    });
    if (refused.length === 0) return failures;
    if (attempt >= retries) return [...failures, ...refused.map((o) => failure(o, 429, 'rejected: the node is overloaded'))];
    pending = refused;
    await pause(100 * 2 ** attempt);
  }
}

/**
 * Writes the operations (at most one per index and id) in chunks and throws BulkWriteError
 * when any item failed. With `refresh`, the last request carries the last operation of every
 * index it touches and waits for the refresh that makes all of them searchable.
 */
export async function bulkWrite(client: Client, operations: BulkOperation[], refresh: boolean, options: BulkOptions = {}): Promise<void> {
  const settings = { ...DEFAULTS, ...options };
  const lastOfIndex = new Map<string, BulkOperation>();
  for (const operation of operations) lastOfIndex.set(operation.index, operation);
  const tails = new Set(lastOfIndex.values());
  const chunks = [...chunksOf(operations.filter((o) => !tails.has(o)), settings), [...tails]].filter((c) => c.length > 0);

  const failures: BulkFailure[] = [];
  for (const [i, chunk] of chunks.entries()) {
    failures.push(...(await sendChunk(client, chunk, refresh && i === chunks.length - 1, settings.retries)));
  }
  if (failures.length > 0) throw new BulkWriteError(failures);
}
