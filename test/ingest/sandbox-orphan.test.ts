// A worker killed with SIGKILL takes its sandboxed children with it, whatever they are doing:
// an orphan would otherwise live on unseen on that machine, spinning in BullMQ's child runtime.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterEach, expect, it } from 'vitest';
import { removeQueues } from '../../ingest/bullmq/index.ts';
import { redisOptions } from '../../ingest/bullmq/stages.ts';
import { describeWithService } from '../service-suites.ts';
import { isAlive, waitFor } from './worker-process.ts';

const STAND_IN_WORKER = fileURLToPath(new URL('./fixtures/stand-in-worker.ts', import.meta.url));
const REPORTING_PROCESSOR = fileURLToPath(new URL('./fixtures/reporting-processor.ts', import.meta.url));

describeWithService('redis', 'sandboxed children of a killed worker', () => {
  const connection = process.env.REDIS_URL!;
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('a child in a long synchronous step leaves when its worker is SIGKILLed, though its next report then fails', async () => {
    const prefix = `test-orphan-${process.pid}-${Date.now()}`;
    cleanups.push(() => removeQueues(connection, prefix));
    const worker = spawn(process.execPath, ['--import', 'tsx', STAND_IN_WORKER, connection, prefix, REPORTING_PROCESSOR], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    cleanups.push(() => void worker.kill('SIGKILL'));
    await new Promise<void>((resolve, reject) => {
      let log = '';
      worker.stderr.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('stand-in worker ready')) resolve();
      });
      worker.once('exit', (code) => reject(new Error(`the stand-in worker exited with ${code}:\n${log}`)));
    });

    const queue = new Queue('stand-in', { connection: redisOptions(connection), prefix });
    cleanups.push(() => queue.close());
    const job = await queue.add('report', { busyMs: 3_000 });
    const childPid = await waitFor(async () => ((await queue.getJob(job.id!))?.progress as { pid?: number } | undefined)?.pid, 20_000);
    cleanups.push(() => {
      if (isAlive(childPid)) process.kill(childPid, 'SIGKILL');
    });
    expect(isAlive(childPid)).toBe(true);

    worker.kill('SIGKILL');
    await waitFor(async () => !isAlive(childPid) || undefined, 10_000);
  }, 60_000);
});
