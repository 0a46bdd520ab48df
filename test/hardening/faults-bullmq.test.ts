import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, expect, it } from 'vitest';
import { buildServer } from '../../api/server.ts';
import { bullmqRunner, listJobs, removeQueues, STAGES } from '../../ingest/bullmq/index.ts';
import { readCatalog, sourcePath } from '../../ingest/process-file.ts';
import type { IngestItem } from '../../ingest/runner.ts';
import { startWorker } from '../../ingest/worker.ts';
import type { IndexBackend } from '../../src/index/backend.ts';
import { openEmbeddedIndex } from '../../src/index/sqlite/index.ts';
import { corpusDocuments } from '../index/corpus-documents.ts';
import { paragraphDigest } from '../ingest/paragraph-digest.ts';
import { describeWithService } from '../service-suites.ts';
import { BAD_FILES, BAD_FILES_DIR, badOnes, goodOnes } from './bad-files.ts';
import { multipart } from './multipart.ts';

// The scaled mode under bad files and a Redis restart. A worker killed with SIGKILL mid-batch is
// covered in test/ingest/bullmq-runner.test.ts ("a worker killed with SIGKILL mid-batch").

const url = process.env.REDIS_URL;
const TOKEN = 'test-admin-token-bullmq';
const cleanups: (() => Promise<void>)[] = [];
let scenes = 0;

async function scene(): Promise<{ prefix: string; dir: string; backend: IndexBackend }> {
  const prefix = `test-hardening-${process.pid}-${Date.now().toString(36)}-${++scenes}`;
  const dir = await mkdtemp(join(tmpdir(), 'aftalesog-hardening-bullmq-'));
  const backend = await openEmbeddedIndex({ dir });
  cleanups.push(async () => {
    await backend.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { prefix, dir, backend };
}


afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describeWithService('redis', 'bad files in the scaled mode', () => {
  it('each bad file fails alone with its code in the job status (listJobs and GET /api/jobs); the good ones are ingested', async () => {
    const { prefix, backend, dir } = await scene();
    const connection = url!;
    cleanups.push(() => removeQueues(connection, prefix));
    const worker = await startWorker({ connection, backend, queuePrefix: prefix, handleSignals: false });
    cleanups.push(() => worker.close());
    const runner = bullmqRunner({ connection, backend, queuePrefix: prefix });
    cleanups.push(() => runner.close());

    const items: IngestItem[] = BAD_FILES.map((file) => ({
      path: join(BAD_FILES_DIR, file.file),
      entry: { id: file.file.replace(/\.[^.]+$/, ''), title: file.what, type: 'notat', year: null, parties: [], source: file.file },
    }));
    const outcomes = await runner.run(items);
    for (const file of BAD_FILES) {
      const outcome = outcomes.find((o) => o.path.endsWith(`/${file.file}`))!;
      if (file.code === null) expect(outcome.status, file.file).toBe('ingested');
      else expect([outcome.status, outcome.error?.code], file.file).toEqual(['failed', file.code]);
    }
    expect((await backend.listDocuments()).map((d) => d.meta.id).sort()).toEqual(goodOnes().map((f) => f.file.replace(/\.[^.]+$/, '')).sort());

    const failed = await listJobs({ connection, queuePrefix: prefix, state: 'failed' });
    expect(failed.map((job) => [job.name, job.attempts, job.failedReason!.split(': ').slice(0, 2).join(': ')]).sort()).toEqual(
      badOnes()
        .map((file) => ['extract', 1, `${file.code}: ${file.file}`])
        .sort(),
    );

    const app = await buildServer({ backend, runner, queue: { connection, prefix }, security: { adminToken: TOKEN, uploadDir: join(dir, 'uploads'), rateLimit: false, corsOrigins: [] } });
    cleanups.push(() => app.close());
    const listed = await app.inject({ url: '/api/jobs?state=failed', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(listed.json().source).toBe('bullmq');
    expect(listed.json().jobs).toEqual(failed);

    // Uploads go through the workers as well: a broken one is 422 with the name it was sent under.
    const form = multipart([{ name: 'file', filename: 'min-aftale.pdf', value: await readFile(join(BAD_FILES_DIR, 'krypteret.pdf')) }]);
    const upload = await app.inject({ method: 'POST', url: '/api/documents', payload: form.payload, headers: { ...form.headers, authorization: `Bearer ${TOKEN}` } });
    expect(upload.statusCode).toBe(422);
    expect(upload.json()).toMatchObject({ code: 'EXTRACT_ENCRYPTED', message: 'min-aftale.pdf: the PDF is encrypted and needs a password' });
  }, 120_000);
});

/** A Redis server of this test's own, with its data on disk (AOF), so that it can be killed and restarted. */
async function ownRedis(dir: string): Promise<{ url: string; kill(): Promise<void>; start(): Promise<void> }> {
  const port = await freePort();
  let server: ChildProcess | null = null;
  const start = async () => {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
    let failed: Error | undefined;
    server.once('error', (error) => {
      failed = new Error(`redis-server could not be started (ci/redis/start.sh installs it): ${error.message}`);
    });
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        if (failed) throw failed;
        if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  const kill = async () => {
    const running = server;
    server = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, kill, start };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describeWithService('redis', 'Redis restarted in the middle of a batch', () => {
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('the jobs resume and the batch completes with every paragraph once', async () => {
    const { prefix, backend, dir } = await scene();
    const redisDir = join(dir, 'redis');
    await mkdir(redisDir);
    const redis = await ownRedis(redisDir);
    cleanups.push(() => redis.kill());

    const expected = await (async () => {
      const reference = await openEmbeddedIndex({ dir: join(dir, 'reference') });
      try {
        for (const { doc, commitments } of await corpusDocuments()) await reference.putDocument(doc, commitments);
        return await paragraphDigest(reference);
      } finally {
        await reference.close();
      }
    })();
    const catalog = await readCatalog(new URL('../../corpus/catalog.json', import.meta.url).pathname);
    const items = catalog.entries.map((entry) => ({ entry, path: sourcePath(catalog, entry) }));

    const quiet = console.error;
    // The worker and the runner report each lost connection; expected here.
    console.error = () => undefined;
    cleanups.push(async () => {
      console.error = quiet;
    });
    const worker = await startWorker({ connection: redis.url, backend, queuePrefix: prefix, lockDurationMs: 6_000, stalledIntervalMs: 2_000, handleSignals: false });
    cleanups.push(() => worker.close());
    const runner = bullmqRunner({ connection: redis.url, backend, queuePrefix: prefix });
    cleanups.push(() => runner.close());
    const run = runner.run(items);

    // Restart Redis (killed, as a crash) once some files are through extraction and others are not.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const jobs = await listJobs({ connection: redis.url, queuePrefix: prefix });
      const extracted = jobs.filter((job) => job.name === 'extract' && job.state === 'completed').length;
      const indexed = jobs.filter((job) => job.name === 'index' && job.state === 'completed').length;
      if (extracted >= 1 && indexed < items.length) break;
      if (Date.now() > deadline) throw new Error('the batch did not get going');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await redis.start();
    const restarted = Date.now();

    const outcomes = await run;
    expect(outcomes.map((o) => [o.documentId, o.status])).toEqual(items.map((item) => [item.entry.id, 'ingested']));
    expect(await paragraphDigest(backend)).toEqual(expected);
    const jobs = await listJobs({ connection: redis.url, queuePrefix: prefix });
    expect(jobs.filter((job) => job.state === 'completed')).toHaveLength(STAGES.length * items.length);
    expect(jobs.filter((job) => job.state === 'failed')).toEqual([]);
    // Part of the batch was done after the restart, from the jobs Redis kept on disk.
    expect(jobs.filter((job) => job.name === 'index' && job.finishedOn! > restarted).length).toBeGreaterThan(0);
  }, 150_000);
});
