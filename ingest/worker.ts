import { fileURLToPath } from 'node:url';
import { Queue, Worker, type WorkerOptions } from 'bullmq';
import type { IndexBackend } from '../src/index/backend.ts';
import { enrichProcessor } from './bullmq/enrich-processor.ts';
import { segmentProcessor } from './bullmq/segment-processor.ts';
import { indexProcessor } from './bullmq/index-processor.ts';
import { enforceTimeLimit } from './bullmq/sandbox-limit.ts';
import { createStageContext, sandboxEnv, type StageSettings } from './bullmq/stage-context.ts';
import { DEFAULT_QUEUE_PREFIX, ingestBackoff, redisOptions, type StageJobData } from './bullmq/stages.ts';

export interface StartWorkerOptions {
  /** REDIS_URL, e.g. redis://127.0.0.1:6379. */
  connection: string;
  /** Where the index stage writes. */
  backend: IndexBackend;
  /** Jobs per stage at a time; for the sandboxed stages, child processes. Default 1. */
  concurrency?: number;
  /** BullMQ key prefix; must match the runner's. Default `aftalesog`. */
  queuePrefix?: string;
  /** Time limit of one extract or normalize job before its child is killed. Default 120 s. */
  timeLimitMs?: number;
  /** How long a job's lock lasts without renewal before another worker may take it over. Default 30 s (BullMQ's). */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose worker died. Default 30 s (BullMQ's). */
  stalledIntervalMs?: number;
  /** Time to live of results between stages. Default 3 days. */
  resultTtlSeconds?: number;
  /** Close gracefully on SIGTERM/SIGINT (a second signal exits at once). Default true. */
  handleSignals?: boolean;
}

export interface IngestWorker {
  /** Stops taking jobs, lets the running ones finish, closes the connections. Idempotent. */
  close(): Promise<void>;
  /** Settles once the worker has closed, by `close()` or by a signal. */
  readonly closed: Promise<void>;
}

export const DEFAULT_TIME_LIMIT_MS = 120_000;

/** Preloaded into every sandboxed child: it leaves as soon as its worker is gone. */
const SANDBOX_CHILD = new URL('./bullmq/sandbox-child.ts', import.meta.url).href;

/** The CPU-heavy stages with risky input: processor files BullMQ runs in child processes. */
const SANDBOXED_PROCESSORS = {
  extract: fileURLToPath(new URL('./bullmq/extract-processor.ts', import.meta.url)),
  normalize: fileURLToPath(new URL('./bullmq/normalize-processor.ts', import.meta.url)),
};

/**
 * A worker for every ingest stage. Extract and normalize run sandboxed in child processes
 * with a time limit; segment, enrich and index run here, index writing to `backend`. Source files must
 * be readable at the path they were submitted under (a volume every worker shares). Worker
 * processes on one machine may share the embedded index (SQLite locks it; a busy write is
 * retried); workers on several machines need a shared backend (Elasticsearch).
 */
export async function startWorker(options: StartWorkerOptions): Promise<IngestWorker> {
  const settings: StageSettings = {
    connection: options.connection,
    prefix: options.queuePrefix ?? DEFAULT_QUEUE_PREFIX,
    resultTtlSeconds: options.resultTtlSeconds,
  };
  const context = createStageContext(settings);
  const base: WorkerOptions = {
    connection: redisOptions(options.connection),
    prefix: settings.prefix,
    concurrency: options.concurrency ?? 1,
    settings: { backoffStrategy: ingestBackoff as NonNullable<WorkerOptions['settings']>['backoffStrategy'] },
    ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
  };
  const sandbox = sandboxOptions(settings);
  const sandboxed = [
    new Worker<StageJobData>('extract', SANDBOXED_PROCESSORS.extract, { ...base, ...sandbox }),
    new Worker<StageJobData>('normalize', SANDBOXED_PROCESSORS.normalize, { ...base, ...sandbox }),
  ];
  const workers = [
    ...sandboxed,
    new Worker<StageJobData>('segment', segmentProcessor(context), base),
    new Worker<StageJobData>('enrich', enrichProcessor(context, options.backend), base),
    new Worker<StageJobData>('index', indexProcessor(context, options.backend), base),
  ];
  const disarm = sandboxed.map((worker) => enforceTimeLimit(worker, options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS));
  for (const worker of workers) {
    // Without a listener an 'error' event (a lost connection) would crash the process.
    worker.on('error', (error) => console.error(`ingest worker (${worker.name}): ${error.message}`));
  }
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  await limitIndexWriters(options.connection, settings.prefix, options.backend);

  let closing: Promise<void> | undefined;
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`ingest worker: ${signal}, finishing running jobs (send it again to stop at once)`);
    process.once(signal, () => process.exit(1));
    void close();
  };
  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (options.handleSignals !== false) {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      }
      await Promise.all(workers.map((worker) => worker.close()));
      disarm.forEach((stop) => stop());
      await context.close();
      markClosed();
    })();
    return closing;
  };
  if (options.handleSignals !== false) {
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { close, closed };
}

/**
 * The embedded index takes one writer at a time: two worker processes writing at once would
 * make one fail with SQLITE_BUSY and wait out a retry. A global concurrency of 1 on the index
 * queue (kept in Redis, so it holds across workers) makes them take turns instead; a shared
 * backend such as Elasticsearch takes parallel writes, so the limit is lifted for it.
 */
async function limitIndexWriters(connection: string, prefix: string, backend: IndexBackend): Promise<void> {
  const queue = new Queue('index', { connection: redisOptions(connection), prefix });
  try {
    if (backend.name === 'embedded') await queue.setGlobalConcurrency(1);
    else await queue.removeGlobalConcurrency();
  } finally {
    await queue.close();
  }
}

/** How BullMQ runs a sandboxed stage: a child process of its own, which leaves with its worker. */
export function sandboxOptions(settings: StageSettings): Pick<WorkerOptions, 'useWorkerThreads' | 'workerForkOptions'> {
  return { useWorkerThreads: false, workerForkOptions: { env: { ...process.env, ...sandboxEnv(settings) }, execArgv: childExecArgv() } };
}

/**
 * The forked children load the .ts processor files through tsx; the CLI registers tsx with
 * its API, which a child does not inherit, so it is passed as `--import` unless already there.
 * Then sandbox-child.ts, before BullMQ's child runtime starts.
 */
function childExecArgv(): string[] {
  const inherited = process.execArgv.filter((arg) => !arg.startsWith('--inspect'));
  const tsx = inherited.some((arg) => /(^|[/\\])tsx([/\\]|$)/.test(arg) || arg === 'tsx') ? [] : ['--import', import.meta.resolve('tsx')];
  return [...inherited, ...tsx, '--import', SANDBOX_CHILD];
}
