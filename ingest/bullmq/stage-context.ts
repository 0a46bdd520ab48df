import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { ResultStore } from './intermediate-store.ts';
import { DEFAULT_RESULT_TTL_SECONDS } from './intermediate-store.ts';
import { nextStage, redisOptions, STAGE_JOB_OPTIONS, stageJobId, chainKey, type Stage, type StageJobData } from './stages.ts';

export interface StageSettings {
  /** REDIS_URL. */
  connection: string;
  prefix: string;
  resultTtlSeconds?: number;
}

/** What a stage processor needs besides its job: the result store and the next queue. */
export interface StageContext extends ResultStore {
  /**
   * Queues the stage after `stage` for the same file. Its job id is fixed by the file version,
   * so a stage that runs twice (at-least-once delivery) hands on once.
   */
  handOn(stage: Stage, data: StageJobData): Promise<void>;
  close(): Promise<void>;
}

export function createStageContext(settings: StageSettings): StageContext {
  const redis = new Redis(redisOptions(settings.connection));
  // ioredis reconnects by itself; without a listener an outage is reported as an unhandled error.
  redis.on('error', (error) => console.error(`ingest results store (Redis): ${error.message}`));
  const queues = new Map<Stage, Queue>();
  const queueFor = (stage: Stage): Queue => {
    let queue = queues.get(stage);
    if (!queue) {
      queue = new Queue(stage, { connection: redisOptions(settings.connection), prefix: settings.prefix });
      queues.set(stage, queue);
    }
    return queue;
  };
  return {
    redis,
    prefix: settings.prefix,
    ttlSeconds: settings.resultTtlSeconds ?? DEFAULT_RESULT_TTL_SECONDS,
    async handOn(stage, data) {
      const next = nextStage(stage);
      if (!next) return;
      const { timedOutAfterMs: _unused, ...clean } = data;
      await queueFor(next).add(next, clean, { ...STAGE_JOB_OPTIONS, jobId: stageJobId(next, chainKey(data.entry.id, data.contentHash)) });
    },
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      redis.disconnect();
    },
  };
}

// A sandboxed processor runs in a child process forked by BullMQ; it learns where Redis is
// from these variables, set by the worker that forks it.
const ENV_CONNECTION = 'AFTALESOG_INGEST_REDIS_URL';
const ENV_PREFIX = 'AFTALESOG_INGEST_PREFIX';
const ENV_TTL = 'AFTALESOG_INGEST_RESULT_TTL';

export function sandboxEnv(settings: StageSettings): Record<string, string> {
  return {
    [ENV_CONNECTION]: settings.connection,
    [ENV_PREFIX]: settings.prefix,
    [ENV_TTL]: String(settings.resultTtlSeconds ?? DEFAULT_RESULT_TTL_SECONDS),
  };
}

let sandboxContext: StageContext | undefined;

/** The context of a sandboxed child, made once per child process. */
export function sandboxStageContext(): StageContext {
  if (sandboxContext) return sandboxContext;
  const connection = process.env[ENV_CONNECTION];
  const prefix = process.env[ENV_PREFIX];
  if (!connection || !prefix) throw new Error(`${ENV_CONNECTION} and ${ENV_PREFIX} must be set in a sandboxed ingest processor`);
  // The child leaves with its worker however long this connection stays open: sandbox-child.ts.
  sandboxContext = createStageContext({ connection, prefix, resultTtlSeconds: Number(process.env[ENV_TTL]) || undefined });
  return sandboxContext;
}
