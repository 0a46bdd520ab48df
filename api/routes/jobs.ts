import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { JOB_STATES, listJobs, redisOptions, type JobState, type JobSummary } from '../../ingest/bullmq/index.ts';
import type { IngestOutcome } from '../../ingest/runner.ts';
import { requireAdminToken } from '../admin-token.ts';
import { apiError } from '../errors.ts';
import { errorRef } from '../schemas.ts';

// GET /api/jobs: the ingest jobs, for the admin. In the scaled mode the BullMQ queues (every
// stage of every file, with the failure reason); in the embedded mode this server's own recent
// uploads, as the in-process runner keeps no queue.

/** Where the job list comes from: the BullMQ queues, or this server's recent uploads. */
export type JobsSource = { kind: 'bullmq'; connection: string; queuePrefix?: string } | { kind: 'in-process'; recent: RecentIngests };

export interface JobsRouteOptions {
  adminToken: string | null;
  source: JobsSource;
  /** How long to wait for Redis before answering 503. Default 5 s. */
  timeoutMs?: number;
}

/** The last outcomes of uploads ingested in this process, newest first, as job summaries. */
export interface RecentIngests {
  record(outcome: IngestOutcome, contentHash: string): void;
  list(): JobSummary[];
}

export function recentIngests(keep = 200): RecentIngests {
  const jobs: JobSummary[] = [];
  return {
    record(outcome, contentHash) {
      jobs.unshift({
        id: `ingest.${outcome.documentId}.${contentHash}`,
        name: 'ingest',
        state: outcome.status === 'failed' ? 'failed' : 'completed',
        documentId: outcome.documentId,
        attempts: 1,
        ...(outcome.error ? { failedReason: `${outcome.error.code}: ${outcome.error.message}` } : {}),
        finishedOn: Date.now(),
      });
      jobs.length = Math.min(jobs.length, keep);
    },
    list: () => [...jobs],
  };
}

const jobsSchema = {
  tags: ['admin'],
  summary: 'Ingest jobs, newest first (needs the admin token)',
  security: [{ adminToken: [] }],
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      state: { type: 'string', enum: [...JOB_STATES] },
      limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['source', 'jobs'],
      properties: {
        source: { type: 'string', enum: ['bullmq', 'in-process'], description: 'The BullMQ queues (REDIS_URL set) or this server\'s recent uploads.' },
        jobs: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'name', 'state', 'documentId', 'attempts'],
            properties: {
              id: { type: 'string' },
              name: { type: 'string', description: 'The stage (extract, segment, enrich, index) or "ingest" for an in-process upload.' },
              state: { type: 'string', enum: [...JOB_STATES] },
              documentId: { type: 'string' },
              attempts: { type: 'integer' },
              failedReason: { type: 'string', description: '`CODE: message` of a failed job.' },
              finishedOn: { type: 'integer', description: 'ms since the epoch' },
            },
          },
        },
      },
    },
    401: errorRef,
    403: errorRef,
    503: errorRef,
  },
} as const;

export async function jobRoutes(app: FastifyInstance, options: JobsRouteOptions): Promise<void> {
  const { source } = options;
  app.get<{ Querystring: { state?: JobState; limit: number } }>(
    '/api/jobs',
    { schema: jobsSchema, onRequest: requireAdminToken(options.adminToken, 'job listings') },
    async (request) => {
      const { state, limit } = request.query;
      if (source.kind === 'in-process') {
        return { source: source.kind, jobs: source.recent.list().filter((job) => !state || job.state === state).slice(0, limit) };
      }
      await reachable(source.connection);
      const jobs = await withTimeout(
        listJobs({ connection: source.connection, limit, ...(state ? { state } : {}), ...(source.queuePrefix ? { queuePrefix: source.queuePrefix } : {}) }),
        options.timeoutMs ?? 5_000,
      );
      return { source: source.kind, jobs };
    },
  );
}

/**
 * One ping that gives up at once: the queues' own connections wait out an outage (workers must),
 * and a list request made while Redis is down would leave them reconnecting after the answer.
 */
async function reachable(connection: string): Promise<void> {
  const probe = new Redis({ ...redisOptions(connection), lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 2_000, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch {
    throw apiError('JOBS_UNAVAILABLE');
  } finally {
    probe.disconnect();
  }
}

/** Redis connections wait out an outage (workers must): the API answers 503 instead of hanging. */
async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(apiError('JOBS_UNAVAILABLE')), ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
