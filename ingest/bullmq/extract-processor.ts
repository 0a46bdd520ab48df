// Sandboxed: BullMQ runs this file in a child process, so a PDF that hangs pdf.js, aborts V8
// or throws outside its promise takes down only this child; the worker enforces the time limit.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { contentHash, extractBytes } from '../../src/extract/index.ts';
import { inStage } from './failure.ts';
import { putResult } from './intermediate-store.ts';
import { reportChildPid } from './sandbox-limit.ts';
import { sandboxStageContext } from './stage-context.ts';
import type { StageJobData } from './stages.ts';

export default async function extract(job: SandboxedJob<StageJobData>): Promise<{ pages: number }> {
  await reportChildPid(job);
  const context = sandboxStageContext();
  const { path } = job.data;
  const extracted = await inStage(path, async () => {
    const bytes = await readFile(path);
    if (contentHash(bytes) !== job.data.contentHash) {
      throw new UnrecoverableError(`FILE_CHANGED: ${path}: the file changed after it was submitted; submit it again`);
    }
    return extractBytes(basename(path), bytes);
  });
  await putResult(context, 'extracted', job.data.contentHash, extracted);
  await context.handOn('extract', job.data);
  return { pages: extracted.pages.length };
}
