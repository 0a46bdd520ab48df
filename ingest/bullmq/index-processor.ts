import type { Job } from 'bullmq';
import type { IndexBackend } from '../../src/index/backend.ts';
import type { Commitment, DocumentNode } from '../../src/tree/types.ts';
import { paragraphsOf } from '../../src/tree/visit.ts';
import { inStage } from './failure.ts';
import { getResult } from './intermediate-store.ts';
import type { StageContext } from './stage-context.ts';
import { chainKey, type IndexedCounts, type StageJobData } from './stages.ts';

/**
 * Writes the document with its commitments in one `putDocument`, which replaces any earlier
 * write of the same id atomically: a job run twice (a worker died after writing) leaves the
 * same paragraphs, neither doubled nor missing. A busy index is a transient error: retried.
 */
export function indexProcessor(context: StageContext, backend: IndexBackend) {
  return async (job: Job<StageJobData>): Promise<IndexedCounts> => {
    const { path, entry, contentHash } = job.data;
    const chain = chainKey(entry.id, contentHash);
    const doc = await getResult<DocumentNode>(context, 'document', chain, path);
    const commitments = await getResult<Commitment[]>(context, 'commitments', chain, path);
    await inStage(path, () => backend.putDocument(doc, commitments));
    return { pages: doc.pageCount, paragraphs: paragraphsOf(doc).length, commitments: commitments.length };
  };
}
