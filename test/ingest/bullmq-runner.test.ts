// Ingesting the corpus on BullMQ workers over a real Redis, into the real embedded index, and
// comparing the result with the in-process runner's. Runs when REDIS_URL is set
// (eval "$(bash ci/redis/start.sh | tail -n 1)"); with REQUIRE_SERVICES=1 a missing REDIS_URL fails.
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { bullmqRunner, listJobs, removeQueues, STAGES, type JobSummary } from '../../ingest/bullmq/index.ts';
import { inProcessRunner } from '../../ingest/in-process-runner.ts';
import { readCatalog, sourcePath } from '../../ingest/process-file.ts';
import type { IngestItem, IngestOutcome, IngestProgress } from '../../ingest/runner.ts';
import { startWorker } from '../../ingest/worker.ts';
import type { IndexBackend } from '../../src/index/backend.ts';
import { openEmbeddedIndex } from '../../src/index/sqlite/index.ts';
import { describeWithService } from '../service-suites.ts';
import { paragraphDigest, type ParagraphDigest } from './paragraph-digest.ts';
import { isAlive, startWorkerProcess, waitFor, type WorkerProcess } from './worker-process.ts';

const url = process.env.REDIS_URL;

describeWithService('redis', 'ingest on BullMQ workers', () => {
  const connection = url!;
  let items: IngestItem[];
  let expected: ParagraphDigest;
  const cleanups: (() => Promise<void>)[] = [];
  const timings: string[] = [];
  let prefixes = 0;

  /** A queue prefix and an index folder of its own, removed after the test. */
  async function scene(): Promise<{ prefix: string; dir: string }> {
    const prefix = `test-ingest-${process.pid}-${Date.now()}-${++prefixes}`;
    const dir = await mkdtemp(join(tmpdir(), 'aftalesog-bullmq-'));
    cleanups.push(async () => {
      await removeQueues(connection, prefix);
      await rm(dir, { recursive: true, force: true });
    });
    return { prefix, dir };
  }

  async function index(dir: string): Promise<IndexBackend> {
    const backend = await openEmbeddedIndex({ dir });
    cleanups.push(() => backend.close());
    return backend;
  }

  async function workerProcess(prefix: string, dir: string, extra: Record<string, string> = {}): Promise<WorkerProcess> {
    const worker = await startWorkerProcess({ REDIS_URL: connection, DATA_DIR: dir, INGEST_QUEUE_PREFIX: prefix, ...extra });
    cleanups.push(async () => {
      await worker.kill();
    });
    return worker;
  }

  beforeAll(async () => {
    const catalog = await readCatalog(new URL('../../corpus/catalog.json', import.meta.url).pathname);
    items = catalog.entries.map((entry) => ({ entry, path: sourcePath(catalog, entry) }));
    const dir = await mkdtemp(join(tmpdir(), 'aftalesog-inprocess-'));
    const backend = await openEmbeddedIndex({ dir });
    const started = Date.now();
    const outcomes = await inProcessRunner(backend).run(items);
    timings.push(`in-process runner: ${Date.now() - started} ms`);
    expect(outcomes.map((o) => o.status)).toEqual(items.map(() => 'ingested'));
    expected = await paragraphDigest(backend);
    await backend.close();
    await rm(dir, { recursive: true, force: true });
  }, 120_000);

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  afterAll(() => {
    if (timings.length > 0) console.info(`corpus ingest (${items.length} files):\n  ${timings.join('\n  ')}`);
  });

  it('one worker process ingests the corpus to the same paragraphs as the in-process runner, reporting progress', async () => {
    const { prefix, dir } = await scene();
    const worker = await workerProcess(prefix, dir);
    const backend = await index(dir);
    const runner = bullmqRunner({ connection, backend, queuePrefix: prefix });
    cleanups.push(() => runner.close());
    const reports: IngestProgress[] = [];
    const started = Date.now();
    const outcomes = await runner.run(items, (progress) => reports.push(progress));
    timings.push(`BullMQ, 1 worker process: ${Date.now() - started} ms`);

    expect(outcomes.map((o) => [o.documentId, o.status])).toEqual(items.map((item) => [item.entry.id, 'ingested']));
    expect(await paragraphDigest(backend)).toEqual(expected);
    expect(reports.map((r) => r.filesDone)).toEqual([1, 2, 3, 4, 5]);
    const last = reports.at(-1)!;
    expect(last.filesTotal).toBe(5);
    expect(last.paragraphs).toBe(expected.count);
    expect(last.pages).toBe(sum(outcomes, 'pages'));
    expect(sum(outcomes, 'paragraphs')).toBe(expected.count);

    // Every stage ran once per file and the jobs say so.
    const jobs = await listJobs({ connection, queuePrefix: prefix });
    expect(jobs).toHaveLength(STAGES.length * items.length);
    expect(jobs.every((job) => job.state === 'completed' && job.attempts === 1)).toBe(true);

    // Graceful shutdown: SIGTERM lets it finish and exit cleanly.
    expect(await worker.stop()).toBe(0);
  }, 120_000);

  it('two worker processes ingest the same paragraphs; a corrupt PDF in the batch fails alone with its reason', async () => {
    const { prefix, dir } = await scene();
    const broken = join(dir, 'oa18-beskadiget.pdf');
    const oa18 = items.find((item) => item.entry.id === 'oa18')!;
    await writeFile(broken, (await readFile(oa18.path)).subarray(0, 4_000));
    const batch = [...items, { path: broken, entry: { ...oa18.entry, id: 'oa18-beskadiget', source: 'oa18-beskadiget.pdf' } }];
    await Promise.all([workerProcess(prefix, dir), workerProcess(prefix, dir)]);
    const backend = await index(dir);
    const runner = bullmqRunner({ connection, backend, queuePrefix: prefix });
    cleanups.push(() => runner.close());
    const started = Date.now();
    const outcomes = await runner.run(batch);
    timings.push(`BullMQ, 2 worker processes (+1 corrupt file): ${Date.now() - started} ms`);

    const failed = outcomes.find((o) => o.documentId === 'oa18-beskadiget')!;
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('EXTRACT_CORRUPT');
    expect(failed.error?.message).toMatch(/^oa18-beskadiget\.pdf: the PDF is damaged/);
    expect(outcomes.filter((o) => o !== failed).every((o) => o.status === 'ingested')).toBe(true);
    expect(await paragraphDigest(backend)).toEqual(expected);

    const failures = await listJobs({ connection, queuePrefix: prefix, state: 'failed' });
    expect(failures).toEqual([
      expect.objectContaining<Partial<JobSummary>>({ name: 'extract', documentId: 'oa18-beskadiget', attempts: 1, state: 'failed' }),
    ]);
    expect(failures[0]!.failedReason).toMatch(/^EXTRACT_CORRUPT: oa18-beskadiget\.pdf: the PDF is damaged/);
    expect(failures[0]!.finishedOn).toBeGreaterThan(started);
    // The two workers took turns writing the embedded index instead of colliding and retrying.
    const completed = await listJobs({ connection, queuePrefix: prefix, state: 'completed' });
    expect(completed).toHaveLength(STAGES.length * items.length);
    expect(completed.filter((job) => job.attempts !== 1)).toEqual([]);
  }, 120_000);

  it('submitting the same batch twice at once queues each file once; a rebuilt index gets the files again', async () => {
    const { prefix, dir } = await scene();
    const backend = await index(dir);
    const worker = await startWorker({ connection, backend, queuePrefix: prefix, concurrency: 2, handleSignals: false });
    cleanups.push(() => worker.close());
    const first = bullmqRunner({ connection, backend, queuePrefix: prefix });
    const second = bullmqRunner({ connection, backend, queuePrefix: prefix });
    cleanups.push(() => first.close(), () => second.close());

    const [a, b] = await Promise.all([first.run(items), second.run(items)]);
    expect(a.map((o) => o.status)).toEqual(items.map(() => 'ingested'));
    expect(b).toEqual(a);
    const jobs = await listJobs({ connection, queuePrefix: prefix });
    for (const stage of STAGES) expect(jobs.filter((job) => job.name === stage)).toHaveLength(items.length);
    expect(await paragraphDigest(backend)).toEqual(expected);

    // Once more: everything is already in the index.
    expect((await first.run(items)).map((o) => o.status)).toEqual(items.map(() => 'unchanged'));
    expect(await listJobs({ connection, queuePrefix: prefix })).toHaveLength(jobs.length);

    // A fresh index behind the same queues: the finished jobs do not stand in for the work.
    await worker.close();
    const rebuiltDir = join(dir, 'rebuilt');
    const rebuilt = await index(rebuiltDir);
    const worker2 = await startWorker({ connection, backend: rebuilt, queuePrefix: prefix, handleSignals: false });
    cleanups.push(() => worker2.close());
    const again = bullmqRunner({ connection, backend: rebuilt, queuePrefix: prefix });
    cleanups.push(() => again.close());
    expect((await again.run(items)).map((o) => o.status)).toEqual(items.map(() => 'ingested'));
    expect(await paragraphDigest(rebuilt)).toEqual(expected);
  }, 120_000);

  it('a worker killed with SIGKILL mid-batch: a new worker finishes it with no paragraph doubled or missing', async () => {
    const { prefix, dir } = await scene();
    // Short locks so the dead worker's jobs are taken over in seconds, not BullMQ's 30 s.
    const quick = { INGEST_LOCK_DURATION_MS: '6000', INGEST_STALLED_INTERVAL_MS: '2000' };
    const doomed = await workerProcess(prefix, dir, quick);
    const backend = await index(dir);
    const runner = bullmqRunner({ connection, backend, queuePrefix: prefix });
    cleanups.push(() => runner.close());
    const started = Date.now();
    const run = runner.run(items);

    // Kill it while a sandboxed normalize job is running, after some files got through extract.
    const active = await waitFor(async () => {
      const jobs = await listJobs({ connection, queuePrefix: prefix });
      const normalizing = jobs.find((job) => job.name === 'normalize' && job.state === 'active');
      return normalizing && jobs.filter((job) => job.name === 'extract' && job.state === 'completed').length >= 2 ? normalizing : undefined;
    }, 60_000);
    const children = await doomed.children();
    expect(children.length).toBeGreaterThan(0);
    await doomed.kill();
    // Its sandboxed children leave with it instead of lingering as orphans (a busy one once its
    // current synchronous step is over: nothing can interrupt that but a kill).
    await waitFor(async () => children.every((pid) => !isAlive(pid)) || undefined, 60_000);

    await workerProcess(prefix, dir, quick);
    const outcomes = await run;
    timings.push(`BullMQ, 1 worker SIGKILLed mid-batch + a new one: ${Date.now() - started} ms`);
    expect(outcomes.map((o) => o.status)).toEqual(items.map(() => 'ingested'));
    expect(await paragraphDigest(backend)).toEqual(expected);

    const jobs = await listJobs({ connection, queuePrefix: prefix });
    expect(jobs.filter((job) => job.state === 'completed')).toHaveLength(STAGES.length * items.length);
    // The job it died on was taken over by the new worker.
    expect(jobs.find((job) => job.id === active.id)?.state).toBe('completed');
  }, 150_000);

  it('a worker stopped with SIGTERM finishes the job it is running and exits cleanly; the next worker goes on', async () => {
    const { prefix, dir } = await scene();
    const first = await workerProcess(prefix, dir);
    const backend = await index(dir);
    const runner = bullmqRunner({ connection, backend, queuePrefix: prefix });
    cleanups.push(() => runner.close());
    const oa18 = items.filter((item) => item.entry.id === 'oa18');
    const run = runner.run(oa18);
    const running = await waitFor(async () => {
      const [job] = await listJobs({ connection, queuePrefix: prefix, state: 'active' });
      return job;
    }, 30_000);

    expect(await first.stop()).toBe(0);
    const after = await listJobs({ connection, queuePrefix: prefix });
    expect(after.find((job) => job.id === running.id)).toMatchObject({ state: 'completed', attempts: 1 });
    expect(after.filter((job) => job.state === 'active')).toEqual([]);

    await workerProcess(prefix, dir);
    expect((await run).map((o) => o.status)).toEqual(['ingested']);
  }, 90_000);

  it('a busy index is retried with backoff; an index that stays busy fails the file after its attempts', async () => {
    const { prefix, dir } = await scene();
    const backend = await index(dir);
    // The index answers "database is locked" once for one file and every time for the other.
    const busyFor = new Map([
      ['patientforloeb-hensigtserklaeringer', 1],
      ['afskaf-produktivitetskravet', Infinity],
    ]);
    const busy: IndexBackend = {
      ...backend,
      async putDocument(doc, commitments) {
        const left = busyFor.get(doc.id) ?? 0;
        if (left > 0) {
          busyFor.set(doc.id, left - 1);
          throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        }
        return backend.putDocument(doc, commitments);
      },
    };
    const worker = await startWorker({ connection, backend: busy, queuePrefix: prefix, handleSignals: false });
    cleanups.push(() => worker.close());
    const runner = bullmqRunner({ connection, backend, queuePrefix: prefix });
    cleanups.push(() => runner.close());
    const batch = items.filter((item) => busyFor.has(item.entry.id));
    const started = Date.now();
    const outcomes = await runner.run(batch);
    const elapsed = Date.now() - started;

    expect(outcomes.find((o) => o.documentId === 'patientforloeb-hensigtserklaeringer')?.status).toBe('ingested');
    expect(outcomes.find((o) => o.documentId === 'afskaf-produktivitetskravet')).toMatchObject({
      status: 'failed',
      error: { code: 'INGEST_FAILED', message: expect.stringMatching(/afskaf-produktivitetskravet\.pdf: database is locked$/) },
    });
    const indexJobs = await listJobs({ connection, queuePrefix: prefix });
    expect(indexJobs.filter((job) => job.name === 'index').map((job) => [job.documentId, job.state, job.attempts]).sort()).toEqual([
      ['afskaf-produktivitetskravet', 'failed', 4],
      ['patientforloeb-hensigtserklaeringer', 'completed', 2],
    ]);
    // Waits of 1, 2 and 4 s between the four attempts.
    expect(elapsed).toBeGreaterThanOrEqual(7_000);
  }, 60_000);

  it('a file that takes longer than the time limit is stopped once, not retried', async () => {
    const { prefix, dir } = await scene();
    const backend = await index(dir);
    // oa18 takes about 2 s to extract; the limit is a fraction of that.
    const worker = await startWorker({ connection, backend, queuePrefix: prefix, timeLimitMs: 300, handleSignals: false });
    cleanups.push(() => worker.close());
    const runner = bullmqRunner({ connection, backend, queuePrefix: prefix });
    cleanups.push(() => runner.close());
    const [outcome] = await runner.run(items.filter((item) => item.entry.id === 'oa18'));
    expect(outcome!.status).toBe('failed');
    expect(outcome!.error).toEqual({ code: 'EXTRACT_TIMEOUT', message: 'oa18.pdf: reading the file took too long (stopped after 0.3 s)' });
    const [job] = await listJobs({ connection, queuePrefix: prefix, state: 'failed' });
    expect(job).toMatchObject({ name: 'extract', documentId: 'oa18', attempts: 1 });
    expect(job!.failedReason).toBe('EXTRACT_TIMEOUT: oa18.pdf: reading the file took too long (stopped after 0.3 s)');
  }, 60_000);
});

function sum(outcomes: IngestOutcome[], field: 'pages' | 'paragraphs'): number {
  return outcomes.reduce((total, o) => total + o[field], 0);
}

