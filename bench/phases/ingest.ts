import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bullmqRunner } from '../../ingest/bullmq/index.ts';
import { openElasticsearchIndex } from '../../src/index/elasticsearch/index.ts';
import type { ScaleCorpus } from '../corpus/scale-corpus.ts';
import { startTask, type TaskProcess } from '../processes.ts';

export interface IngestResult {
  backend: 'embedded' | 'elasticsearch';
  runner: 'in-process' | 'bullmq';
  /** BullMQ worker processes; null for the in-process runner. */
  workers: number | null;
  files: number;
  pages: number;
  paragraphs: number;
  commitments: number;
  failed: number;
  failures: string[];
  /** From handing over the batch to the last file stored. */
  wallMs: number;
  /** Starting the process(es) until they take files: module loading, opening the index. */
  startupMs: number;
  pagesPerSecond: number;
  paragraphsPerSecond: number;
  /** CPU seconds of the ingest processes (runner, workers, their extraction children). */
  cpuSeconds: number | null;
  /** CPU seconds Elasticsearch and Redis spent meanwhile, when their processes could be found. */
  serviceCpuSeconds: number | null;
}

const repo = fileURLToPath(new URL('../..', import.meta.url));
const INGEST_TASK = fileURLToPath(new URL('../tasks/ingest-embedded.ts', import.meta.url));
const WORKER_MAIN = join(repo, 'ingest/bullmq/worker-main.ts');

/** The embedded default: a fresh process ingests the catalog in-process into `dir`. */
export async function ingestEmbedded(corpus: ScaleCorpus, dir: string, options: { env: NodeJS.ProcessEnv; nodeOptions: string[] }): Promise<IngestResult> {
  const env = { ...options.env };
  delete env.REDIS_URL;
  delete env.ELASTICSEARCH_URL;
  const task = startTask(INGEST_TASK, [corpus.catalogPath, dir], env, options.nodeOptions);
  const result = await task.done;
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.code !== 0 || !line.startsWith('{')) throw new Error(`embedded ingest failed (exit ${result.code}): ${line}`);
  const report = JSON.parse(line) as { runMs: number; startupMs: number; files: number; pages: number; paragraphs: number; commitments: number; failed: number; failures: string[] };
  return {
    backend: 'embedded',
    runner: 'in-process',
    workers: null,
    ...counts(report),
    wallMs: report.runMs,
    startupMs: report.startupMs,
    pagesPerSecond: report.pages / (report.runMs / 1000),
    paragraphsPerSecond: report.paragraphs / (report.runMs / 1000),
    cpuSeconds: result.cpuSeconds,
    serviceCpuSeconds: null,
  };
}

export interface ScaledSettings {
  elasticsearchUrl: string;
  redisUrl: string;
  esPrefix: string;
  queuePrefix: string;
  workers: number;
  env: NodeJS.ProcessEnv;
  nodeOptions: string[];
}

/** The scaled mode: `workers` worker processes index into Elasticsearch; this process submits and waits. */
export async function ingestScaled(corpus: ScaleCorpus, settings: ScaledSettings): Promise<IngestResult> {
  // The indices exist before the workers open them.
  const backend = await openElasticsearchIndex({ node: settings.elasticsearchUrl, prefix: settings.esPrefix });
  const env: NodeJS.ProcessEnv = {
    ...settings.env,
    REDIS_URL: settings.redisUrl,
    ELASTICSEARCH_URL: settings.elasticsearchUrl,
    ES_INDEX_PREFIX: settings.esPrefix,
    INGEST_QUEUE_PREFIX: settings.queuePrefix,
  };
  const startStarted = performance.now();
  const workers: TaskProcess[] = [];
  try {
    for (let i = 0; i < settings.workers; i++) workers.push(startTask(WORKER_MAIN, [], env, settings.nodeOptions));
    await Promise.all(workers.map((w) => w.waitFor(/ingest worker ready/, 60_000)));
    const startupMs = performance.now() - startStarted;
    const services = serviceCpu(settings.redisUrl);
    const runner = bullmqRunner({ connection: settings.redisUrl, backend, queuePrefix: settings.queuePrefix });
    const cpu = process.cpuUsage();
    const started = performance.now();
    let reported = 0;
    const outcomes = await runner.run(
      corpus.entries.map((entry, i) => ({ path: corpus.paths[i]!, entry })),
      (progress) => {
        if (progress.filesDone / progress.filesTotal >= reported + 0.1) {
          reported = Math.floor((progress.filesDone / progress.filesTotal) * 10) / 10;
          console.error(`scaled ingest (${settings.workers} worker${settings.workers > 1 ? 's' : ''}): ${progress.filesDone}/${progress.filesTotal} files`);
        }
      },
    );
    const wallMs = performance.now() - started;
    const own = process.cpuUsage(cpu);
    const serviceSeconds = services();
    await runner.close();
    const stopped = await Promise.all(workers.splice(0).map((w) => w.stop()));
    const workerCpu = stopped.every((s) => s.cpuSeconds !== null) ? stopped.reduce((n, s) => n + s.cpuSeconds!, 0) : null;
    const report = {
      files: outcomes.length,
      pages: outcomes.reduce((n, o) => n + o.pages, 0),
      paragraphs: outcomes.reduce((n, o) => n + o.paragraphs, 0),
      commitments: outcomes.reduce((n, o) => n + o.commitments, 0),
      failed: outcomes.filter((o) => o.status === 'failed').length,
      failures: outcomes.filter((o) => o.status === 'failed').slice(0, 5).map((o) => o.error?.message ?? ''),
    };
    return {
      backend: 'elasticsearch',
      runner: 'bullmq',
      workers: settings.workers,
      ...report,
      wallMs,
      startupMs,
      pagesPerSecond: report.pages / (wallMs / 1000),
      paragraphsPerSecond: report.paragraphs / (wallMs / 1000),
      cpuSeconds: workerCpu === null ? null : workerCpu + (own.user + own.system) / 1e6,
      serviceCpuSeconds: serviceSeconds,
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await backend.close();
  }
}

function counts(report: { files: number; pages: number; paragraphs: number; commitments: number; failed: number; failures: string[] }) {
  const { files, pages, paragraphs, commitments, failed, failures } = report;
  return { files, pages, paragraphs, commitments, failed, failures };
}

/** Starts counting the CPU time of the Elasticsearch node (its pid file from ci/) and Redis; call the result to read it. */
function serviceCpu(redisUrl: string): () => number | null {
  const pids = [readPid(join(repo, 'ci/elasticsearch/run/node.pid')), redisPid(redisUrl)].filter((p): p is number => p !== null);
  if (pids.length === 0) return () => null;
  const before = pids.map(cpuTicks);
  return () => {
    const after = pids.map(cpuTicks);
    if (before.some((b) => b === null) || after.some((a) => a === null)) return null;
    return after.reduce((n, a, i) => n! + a! - before[i]!, 0)! / 100;
  };
}

function readPid(path: string): number | null {
  if (!existsSync(path)) return null;
  const pid = Number(readFileSync(path, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function redisPid(redisUrl: string): number | null {
  const port = /:(\d+)\/?$/.exec(redisUrl)?.[1] ?? '6379';
  return findProcess((cmdline) => cmdline.includes('redis-server') && cmdline.includes(`:${port}`));
}

function findProcess(test: (cmdline: string) => boolean): number | null {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (test(readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' '))) return Number(name);
    } catch {
      // Gone meanwhile.
    }
  }
  return null;
}

/** utime + stime of a process in clock ticks (USER_HZ, 100 on Linux). */
function cpuTicks(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}
