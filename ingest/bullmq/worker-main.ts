// A standalone ingest worker process: `npm run worker`, `aftalesog worker` or
// `node --import tsx ingest/bullmq/worker-main.ts`. REDIS_URL (required), the index as for the
// server (ELASTICSEARCH_URL, else the embedded one under DATA_DIR), INGEST_QUEUE_PREFIX,
// WORKER_CONCURRENCY, INGEST_TIME_LIMIT_MS, INGEST_LOCK_DURATION_MS, INGEST_STALLED_INTERVAL_MS.
import { openConfiguredBackend } from '../open-backend.ts';
import { startWorker } from '../worker.ts';

const connection = process.env.REDIS_URL;
if (!connection) {
  console.error('REDIS_URL is not set (e.g. redis://127.0.0.1:6379)');
  process.exit(2);
}
const number = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);

const backend = await openConfiguredBackend();
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
