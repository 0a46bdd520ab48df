// Sandboxed: normalize + segment is CPU-heavy (loading the Danish lexicon alone takes seconds),
// so it runs in a child process and keeps the worker's event loop free to renew job locks.
import { isDanishWord } from '../../src/analysis/lexicon.ts';
import { buildDocument } from '../../src/segment/index.ts';
import type { ExtractedText } from '../../src/tree/types.ts';
import { paragraphsOf } from '../../src/tree/visit.ts';
import { stageError } from './failure.ts';
import { getResult, putResult } from './intermediate-store.ts';
import { reportChildPid } from './sandbox-limit.ts';
import { sandboxStageContext } from './stage-context.ts';
import { chainKey, type StageJobData } from './stages.ts';
import type { SandboxedJob } from 'bullmq';

export default async function segment(job: SandboxedJob<StageJobData>): Promise<{ pages: number; paragraphs: number }> {
  await reportChildPid(job);
  const context = sandboxStageContext();
  const { path, entry, contentHash } = job.data;
  const extracted = await getResult<ExtractedText>(context, 'extracted', contentHash, path);
  let doc;
  try {
    doc = buildDocument(extracted, entry, isDanishWord);
  } catch (error) {
    throw stageError(path, error);
  }
  await putResult(context, 'document', chainKey(entry.id, contentHash), doc);
  await context.handOn('segment', job.data);
  return { pages: doc.pageCount, paragraphs: paragraphsOf(doc).length };
}
