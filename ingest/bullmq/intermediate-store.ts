import type { Redis } from 'ioredis';
import { UnrecoverableError } from 'bullmq';

/**
 * Results handed from one stage to the next, kept in Redis under a time to live so every
 * worker can read them and nothing piles up: the extracted and the normalized text per content
 * hash, the document tree and its commitments per chain (document id + content hash). Jobs carry
 * only the file's path and hash.
 */
export type ResultKind = 'extracted' | 'normalized' | 'document' | 'commitments';

/** Default time to live of a stage result: long enough for a backlog over a weekend. */
export const DEFAULT_RESULT_TTL_SECONDS = 3 * 24 * 3600;

export interface ResultStore {
  redis: Redis;
  prefix: string;
  ttlSeconds: number;
}

function resultKey(store: ResultStore, kind: ResultKind, key: string): string {
  return `${store.prefix}:results:${kind}:${key}`;
}

export async function putResult(store: ResultStore, kind: ResultKind, key: string, value: unknown): Promise<void> {
  await store.redis.set(resultKey(store, kind, key), JSON.stringify(value), 'EX', store.ttlSeconds);
}

/**
 * Reads a stage result. A missing one has expired (or Redis lost it): retrying cannot bring it
 * back, so it fails at once and asks for the file to be submitted again.
 */
export async function getResult<T>(store: ResultStore, kind: ResultKind, key: string, path: string): Promise<T> {
  const text = await store.redis.get(resultKey(store, kind, key));
  if (text === null) {
    throw new UnrecoverableError(`INGEST_RESULT_EXPIRED: ${path}: the ${kind} result of the previous stage is gone (expired after ${store.ttlSeconds} s?); submit the file again`);
  }
  return JSON.parse(text) as T;
}
