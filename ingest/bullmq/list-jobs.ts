import { Queue, type Job } from 'bullmq';
import { failureOf } from './failure.ts';
import { DEFAULT_QUEUE_PREFIX, parseStageJobId, redisOptions, STAGES, type StageJobData } from './stages.ts';

export const JOB_STATES = ['active', 'waiting', 'delayed', 'prioritized', 'failed', 'completed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface ListJobsOptions {
  /** REDIS_URL. */
  connection: string;
  /** Only jobs in this state; default all. */
  state?: JobState;
  queuePrefix?: string;
  /** At most this many jobs, newest first. Default 100. */
  limit?: number;
}

export interface JobSummary {
  /** `<stage>.<document id>.<content hash>`. */
  id: string;
  /** The stage: extract, normalize, segment, enrich or index. */
  name: string;
  state: JobState;
  documentId: string;
  /** Attempts made so far (a failed unreadable file shows 1). */
  attempts: number;
  /** `CODE: message` of a failed job. */
  failedReason?: string;
  /** When the job completed or failed for good (ms since the epoch). */
  finishedOn?: number;
}

/** The ingest jobs of every stage, newest first, for `aftalesog jobs` and the API. */
export async function listJobs(options: ListJobsOptions): Promise<JobSummary[]> {
  const limit = options.limit ?? 100;
  const states = options.state ? [options.state] : JOB_STATES;
  const connection = redisOptions(options.connection);
  const prefix = options.queuePrefix ?? DEFAULT_QUEUE_PREFIX;
  const queues = STAGES.map((stage) => new Queue(stage, { connection, prefix }));
  try {
    const found = await Promise.all(
      queues.flatMap((queue) =>
        states.map(async (state) => (await queue.getJobs([state], 0, limit - 1, false)).filter(Boolean).map((job) => summarize(job, state))),
      ),
    );
    return found
      .flat()
      .sort((a, b) => b.sortKey - a.sortKey)
      .slice(0, limit)
      .map(({ sortKey: _unused, ...summary }) => summary);
  } finally {
    await Promise.all(queues.map((queue) => queue.close()));
  }
}

function summarize(job: Job<StageJobData>, state: JobState): JobSummary & { sortKey: number } {
  const id = job.id ?? '';
  return {
    id,
    name: job.name,
    state,
    documentId: job.data?.entry?.id ?? parseStageJobId(id)?.chain.split('.')[0] ?? '',
    attempts: job.attemptsMade,
    ...(state === 'failed' ? { failedReason: formatFailure(job) } : {}),
    ...(job.finishedOn ? { finishedOn: job.finishedOn } : {}),
    sortKey: job.finishedOn ?? job.processedOn ?? job.timestamp,
  };
}

function formatFailure(job: Job<StageJobData>): string {
  const { code, message } = failureOf(job);
  return `${code}: ${message}`;
}
