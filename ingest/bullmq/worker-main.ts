// A standalone ingest worker process: `node --import tsx ingest/bullmq/worker-main.ts`.
// REDIS_URL (required), DATA_DIR (the embedded index, default ./data), INGEST_QUEUE_PREFIX,
// WORKER_CONCURRENCY, INGEST_TIME_LIMIT_MS, INGEST_LOCK_DURATION_MS, INGEST_STALLED_INTERVAL_MS.
import { resolve } from 'node:path';
import { openEmbeddedIndex } from '../../src/index/sqlite/index.ts';
import { startWorker } from '../worker.ts';

const connection = process.env.REDIS_URL;
if (!connection) {
  console.error('REDIS_URL is not set (e.g. redis://127.0.0.1:6379)');
  process.exit(2);
}
const number = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);

const backend = await openEmbeddedIndex({ dir: resolve(process.env.DATA_DIR ?? 'data') });
const worker = await startWorker({
  connection,
  backend,
  queuePrefix: process.env.INGEST_QUEUE_PREFIX,
  concurrency: number('WORKER_CONCURRENCY'),
  timeLimitMs: number('INGEST_TIME_LIMIT_MS'),
  lockDurationMs: number('INGEST_LOCK_DURATION_MS'),
  stalledIntervalMs: number('INGEST_STALLED_INTERVAL_MS'),
});
console.error(`ingest worker ready (pid ${process.pid})`);
await worker.closed;
await backend.close();
