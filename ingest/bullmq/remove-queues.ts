import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { redisOptions, STAGES } from './stages.ts';

/** Removes an installation's ingest queues and every key under its prefix (the stage results). */
export async function removeQueues(connection: string, prefix: string): Promise<void> {
  for (const stage of STAGES) {
    const queue = new Queue(stage, { connection: redisOptions(connection), prefix });
    await queue.obliterate({ force: true });
    await queue.close();
  }
  const redis = new Redis(redisOptions(connection));
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
