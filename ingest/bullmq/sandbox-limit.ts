import type { Job, SandboxedJob, Worker } from 'bullmq';
import type { StageJobData } from './stages.ts';

/**
 * The time limit of sandboxed stages, enforced from outside: a child stuck in a synchronous
 * loop (pdf.js on some malformed PDFs) never runs its own timers, so the worker kills it.
 * The child tells the worker its pid as the job's first progress report.
 */
export async function reportChildPid(job: SandboxedJob<StageJobData>): Promise<void> {
  await job.updateProgress({ pid: process.pid });
}

function childPidOf(progress: unknown): number | null {
  const pid = (progress as { pid?: unknown } | null)?.pid;
  return typeof pid === 'number' ? pid : null;
}

/**
 * Arms a timer per job when its child reports in; on expiry marks the job as timed out (so
 * the backoff does not retry it and its failure reads as a timeout) and kills the child with
 * SIGKILL. BullMQ then fails the job and forks a fresh child for the next one.
 */
export function enforceTimeLimit(worker: Worker<StageJobData>, limitMs: number): () => void {
  const timers = new Map<string, NodeJS.Timeout>();
  const clear = (job: Job<StageJobData> | undefined) => {
    if (!job?.id) return;
    clearTimeout(timers.get(job.id));
    timers.delete(job.id);
  };
  worker.on('progress', (job, progress) => {
    const pid = childPidOf(progress);
    if (pid === null || !job.id) return;
    clear(job);
    timers.set(
      job.id,
      setTimeout(() => {
        timers.delete(job.id!);
        job
          .updateData({ ...job.data, timedOutAfterMs: limitMs })
          .catch((error: unknown) => console.error(`ingest: could not mark ${job.id} as timed out: ${String(error)}`))
          .finally(() => {
            try {
              process.kill(pid, 'SIGKILL');
            } catch {
              // The child has already exited.
            }
          });
      }, limitMs),
    );
  });
  worker.on('completed', clear);
  worker.on('failed', clear);
  return () => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  };
}
