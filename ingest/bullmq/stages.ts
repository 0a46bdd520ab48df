import type { JobsOptions, RedisOptions } from 'bullmq';
import type { CatalogEntry } from '../../src/tree/types.ts';

/**
 * The ingest pipeline as BullMQ queues, one per stage:
 * extract → normalize → segment → enrich → index.
 *
 * Queues per stage rather than one BullMQ flow per file: each stage gets its own worker
 * settings (only extract and normalize, the CPU-heavy ones, run sandboxed with a time limit); a job hands on by adding
 * the next stage's job under a fixed id, which stays idempotent under at-least-once delivery;
 * and a failure stays on the job that failed, with its own reason (in a flow a failed child
 * leaves its parent waiting, or fails it with a reason that names the child, not the cause).
 */
export const STAGES = ['extract', 'normalize', 'segment', 'enrich', 'index'] as const;
export type Stage = (typeof STAGES)[number];

/** Default BullMQ key prefix; a test or a second installation on the same Redis picks its own. */
export const DEFAULT_QUEUE_PREFIX = 'aftalesog';

/**
 * What every stage job carries: the file and which version of it, never the text itself.
 * The file's path must be readable at the same path by every worker (a shared volume);
 * intermediate results travel through Redis (see intermediate-store.ts).
 */
export interface StageJobData {
  path: string;
  entry: CatalogEntry;
  contentHash: string;
  /** Set by the worker when it killed the job's child process for running over its time limit. */
  timedOutAfterMs?: number;
}

/** What the index stage returns: the counts `run()` reports as progress. */
export interface IndexedCounts {
  pages: number;
  paragraphs: number;
  commitments: number;
}

/**
 * One file version under one document id. Job ids are `<stage>.<chain key>`, so submitting the
 * same bytes for the same id again finds the jobs already there instead of adding new ones.
 * The document id is part of it because the same bytes filed under two ids are two documents.
 */
export function chainKey(documentId: string, contentHash: string): string {
  return `${documentId}.${contentHash}`;
}

export function stageJobId(stage: Stage, chain: string): string {
  return `${stage}.${chain}`;
}

/** The stage and chain key of a job id made by `stageJobId`, or null for a foreign id. */
export function parseStageJobId(jobId: string): { stage: Stage; chain: string } | null {
  const dot = jobId.indexOf('.');
  const stage = jobId.slice(0, dot) as Stage;
  if (dot < 0 || !STAGES.includes(stage)) return null;
  return { stage, chain: jobId.slice(dot + 1) };
}

export function nextStage(stage: Stage): Stage | null {
  return STAGES[STAGES.indexOf(stage) + 1] ?? null;
}

/** Name of the custom backoff every ingest worker registers (see `ingestBackoff`). */
export const INGEST_BACKOFF = 'ingest-exponential';

/** First retry delay; each further retry waits twice as long. */
export const RETRY_DELAY_MS = 1_000;

/**
 * Job options for every stage: transient errors (a busy database, a lost connection) are
 * retried with exponential backoff; finished jobs are kept for a while so that re-submitting
 * finds them and failures can be read with their reason, then trimmed by age and count.
 */
export const STAGE_JOB_OPTIONS: JobsOptions = {
  attempts: 4,
  backoff: { type: INGEST_BACKOFF, delay: RETRY_DELAY_MS },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 10_000 },
};

/**
 * Exponential backoff, except for a job the worker killed for running over its time limit:
 * the same file would hang again, so it is not retried (-1 tells BullMQ not to retry).
 */
export function ingestBackoff(attemptsMade: number, _type: string | undefined, _error: Error | undefined, job: { data: StageJobData } | undefined): number {
  if (job?.data.timedOutAfterMs !== undefined) return -1;
  return RETRY_DELAY_MS * 2 ** (attemptsMade - 1);
}

/**
 * BullMQ connection options from a REDIS_URL (redis://[user:password@]host[:port][/db], or
 * rediss:// for TLS). `maxRetriesPerRequest: null` lets workers wait out a Redis restart
 * instead of failing their blocking calls.
 */
export function redisOptions(url: string): RedisOptions {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must start with redis:// or rediss://, not ${parsed.protocol}//`);
  }
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}
