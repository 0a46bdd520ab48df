import { readFile } from 'node:fs/promises';
import { Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { contentHash } from '../../src/extract/index.ts';
import type { IndexBackend } from '../../src/index/backend.ts';
import { describeFailure } from '../ingest-document.ts';
import type { IngestItem, IngestOutcome, IngestProgress, IngestRunner } from '../runner.ts';
import { failureOf } from './failure.ts';
import {
  chainKey,
  DEFAULT_QUEUE_PREFIX,
  parseStageJobId,
  redisOptions,
  STAGE_JOB_OPTIONS,
  stageJobId,
  STAGES,
  type IndexedCounts,
  type Stage,
  type StageJobData,
} from './stages.ts';

export interface BullmqRunnerOptions {
  /** REDIS_URL, e.g. redis://127.0.0.1:6379. */
  connection: string;
  /** The index the workers write to: read here to skip files whose version is already stored. */
  backend: IndexBackend;
  /** BullMQ key prefix; must match the workers'. Default `aftalesog`. */
  queuePrefix?: string;
}

const UNFINISHED = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/**
 * Runs a batch on BullMQ workers (start them with `startWorker`): each file becomes a chain of
 * stage jobs extract → normalize → segment → enrich → index, one queue per stage, each job handing on to
 * the next. `run()` waits for every file's index job to complete or for any of its jobs to
 * fail for good, reporting progress as files finish.
 *
 * Paths must be readable at the same path here (the runner hashes each file to name its jobs)
 * and on every worker: a shared volume. A file whose version is already in
 * the index is 'unchanged'; a file already on its way (another batch submitted it) is joined,
 * not queued twice; a file whose earlier jobs finished without reaching this index (failed, or
 * an index that was since rebuilt) is queued afresh.
 */
export function bullmqRunner(options: BullmqRunnerOptions): IngestRunner {
  const prefix = options.queuePrefix ?? DEFAULT_QUEUE_PREFIX;
  const connection = redisOptions(options.connection);
  let queues: Record<Stage, Queue> | undefined;
  const openQueues = () =>
    (queues ??= Object.fromEntries(STAGES.map((stage) => [stage, new Queue(stage, { connection, prefix })])) as Record<Stage, Queue>);
  const listeners = new Set<QueueEvents>();

  return {
    async run(items: IngestItem[], onProgress?: (progress: IngestProgress) => void): Promise<IngestOutcome[]> {
      const stageQueues = openQueues();
      const progress: IngestProgress = { filesDone: 0, filesTotal: items.length, pages: 0, paragraphs: 0 };
      const report = (outcome: IngestOutcome): IngestOutcome => {
        progress.filesDone += 1;
        progress.pages += outcome.pages;
        progress.paragraphs += outcome.paragraphs;
        onProgress?.({ ...progress, last: outcome });
        return outcome;
      };

      // Chains this batch waits for, by chain key; several items may wait on one chain.
      const waiting = new Map<string, ((result: ChainResult) => void)[]>();
      const settle = (chain: string, result: ChainResult) => {
        const resolvers = waiting.get(chain);
        if (!resolvers) return;
        waiting.delete(chain);
        resolvers.forEach((resolve) => resolve(result));
      };
      const events = await listen(stageQueues, prefix, connection, settle);
      events.forEach((e) => listeners.add(e));
      try {
        const outcomes = items.map(async (item): Promise<IngestOutcome> => {
          const base = { documentId: item.entry.id, path: item.path, pages: 0, paragraphs: 0, commitments: 0 };
          let hash: string;
          try {
            hash = contentHash(await readFile(item.path));
            if ((await options.backend.contentHashOf(item.entry.id)) === hash) return report({ ...base, status: 'unchanged' });
          } catch (error) {
            return report({ ...base, status: 'failed', error: describeFailure(item.path, error) });
          }
          const chain = chainKey(item.entry.id, hash);
          const result = new Promise<ChainResult>((resolve) => {
            const list = waiting.get(chain) ?? [];
            list.push(resolve);
            waiting.set(chain, list);
          });
          await submit(stageQueues, chain, { path: item.path, entry: item.entry, contentHash: hash });
          const done = await result;
          if (done.kind === 'failed') return report({ ...base, status: 'failed', error: done.error });
          return report({ ...base, status: 'ingested', ...done.counts });
        });
        return await Promise.all(outcomes);
      } finally {
        await Promise.all(events.map((e) => e.close()));
        events.forEach((e) => listeners.delete(e));
      }
    },
    async close() {
      await Promise.all([...listeners].map((e) => e.close()));
      if (queues) await Promise.all(Object.values(queues).map((queue) => queue.close()));
      queues = undefined;
    },
  };
}

type ChainResult = { kind: 'indexed'; counts: IndexedCounts } | { kind: 'failed'; error: { code: string; message: string } };

/**
 * Follows every stage queue's event stream from its current end, read before anything is
 * submitted, so no completion or failure of this batch can slip by unseen.
 */
async function listen(
  queues: Record<Stage, Queue>,
  prefix: string,
  connection: ReturnType<typeof redisOptions>,
  settle: (chain: string, result: ChainResult) => void,
): Promise<QueueEvents[]> {
  const redis = new Redis(connection);
  try {
    return await Promise.all(STAGES.map((stage) => follow(stage)));
  } finally {
    redis.disconnect();
  }

  async function follow(stage: Stage): Promise<QueueEvents> {
    const last = (await redis.xrevrange(queues[stage].toKey('events'), '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
    const events = new QueueEvents(stage, { connection, prefix, lastEventId: last });
    events.on('error', (error) => console.error(`ingest runner (${stage} events): ${error.message}`));
    if (stage === 'index') {
      events.on('completed', ({ jobId, returnvalue }) => {
        const parsed = parseStageJobId(jobId);
        if (parsed) settle(parsed.chain, { kind: 'indexed', counts: countsOf(returnvalue) });
      });
    }
    // 'failed' comes only once a job is out of attempts (or unrecoverable, or stalled too often).
    events.on('failed', ({ jobId, failedReason }) => {
      const parsed = parseStageJobId(jobId);
      if (!parsed) return;
      void Job.fromId<StageJobData>(queues[stage], jobId)
        .catch(() => undefined)
        .then((job) => settle(parsed.chain, { kind: 'failed', error: failureOf(job ?? { id: jobId, name: stage, failedReason }) }));
    });
    await events.waitUntilReady();
    return events;
  }
}

function countsOf(returnvalue: unknown): IndexedCounts {
  const value = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as IndexedCounts;
  return { pages: value.pages, paragraphs: value.paragraphs, commitments: value.commitments };
}

/**
 * Queues a file's extract job unless its chain is already under way. Jobs of a chain that
 * finished earlier without this index holding the version (it failed, or the index was
 * rebuilt) are removed first, so the fresh chain can reuse their ids.
 */
async function submit(queues: Record<Stage, Queue>, chain: string, data: StageJobData): Promise<void> {
  const jobs = await Promise.all(STAGES.map((stage) => Job.fromId<StageJobData>(queues[stage], stageJobId(stage, chain))));
  const states = await Promise.all(jobs.map((job) => job?.getState()));
  if (states.some((state) => state !== undefined && UNFINISHED.has(state))) return;
  await Promise.all(jobs.map((job) => job?.remove()));
  await queues.extract.add('extract', data, { ...STAGE_JOB_OPTIONS, jobId: stageJobId('extract', chain) });
}
