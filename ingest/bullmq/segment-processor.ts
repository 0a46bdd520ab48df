import type { Job } from 'bullmq';
import { segmentDocument } from '../../src/segment/index.ts';
import type { NormalizedDocument } from '../../src/tree/types.ts';
import { paragraphsOf } from '../../src/tree/visit.ts';
import { inStage } from './failure.ts';
import { getResult, putResult } from './intermediate-store.ts';
import type { StageContext } from './stage-context.ts';
import { chainKey, type StageJobData } from './stages.ts';

/** Builds the document tree from the normalized text (light work: runs in the worker itself). */
export function segmentProcessor(context: StageContext) {
  return async (job: Job<StageJobData>): Promise<{ pages: number; paragraphs: number }> => {
    const { path, entry, contentHash } = job.data;
    const normalized = await getResult<NormalizedDocument>(context, 'normalized', contentHash, path);
    const doc = await inStage(path, () => segmentDocument(normalized, entry));
    await putResult(context, 'document', chainKey(entry.id, contentHash), doc);
    await context.handOn('segment', job.data);
    return { pages: doc.pageCount, paragraphs: paragraphsOf(doc).length };
  };
}
