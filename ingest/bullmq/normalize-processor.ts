// Sandboxed: normalizing is CPU-heavy (loading the Danish lexicon alone takes seconds), so it
// runs in a child process and keeps the worker's event loop free to renew job locks.
import type { SandboxedJob } from 'bullmq';
import { isDanishWord } from '../../src/analysis/lexicon.ts';
import { normalizeDocument } from '../../src/normalize/index.ts';
import type { ExtractedText } from '../../src/tree/types.ts';
import { inStage } from './failure.ts';
import { getResult, putResult } from './intermediate-store.ts';
import { reportChildPid } from './sandbox-limit.ts';
import { sandboxStageContext } from './stage-context.ts';
import type { StageJobData } from './stages.ts';

export default async function normalize(job: SandboxedJob<StageJobData>): Promise<{ pages: number }> {
  await reportChildPid(job);
  const context = sandboxStageContext();
  const { path, contentHash } = job.data;
  const extracted = await getResult<ExtractedText>(context, 'extracted', contentHash, path);
  const normalized = await inStage(path, () => normalizeDocument(extracted, isDanishWord));
  await putResult(context, 'normalized', contentHash, normalized);
  await context.handOn('normalize', job.data);
  return { pages: normalized.pageCount };
}
