import { Queue } from 'bullmq';
import type { IndexBackend } from '../src/index/backend.ts';
import { bullmqRunner, DEFAULT_QUEUE_PREFIX, redisOptions } from './bullmq/index.ts';
import { inProcessRunner } from './in-process-runner.ts';
import type { IngestRunner } from './runner.ts';

export interface ConfiguredRunner {
  runner: IngestRunner;
  /** How many workers take jobs now; null for the in-process runner, which is its own worker. */
  workers(): Promise<number | null>;
}

/** BullMQ workers when REDIS_URL is set (the scaled mode), else every stage in this process. */
export function configuredRunner(backend: IndexBackend): ConfiguredRunner {
  const connection = process.env.REDIS_URL;
  if (!connection) return { runner: inProcessRunner(backend), workers: async () => null };
  const queuePrefix = process.env.INGEST_QUEUE_PREFIX ?? DEFAULT_QUEUE_PREFIX;
  const runner = bullmqRunner({ connection, backend, queuePrefix });
  return {
    runner,
    async workers() {
      const queue = new Queue('extract', { connection: redisOptions(connection), prefix: queuePrefix });
      try {
        return await queue.getWorkersCount();
      } finally {
        await queue.close();
      }
    },
  };
}
