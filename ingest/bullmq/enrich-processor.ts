import type { Job } from 'bullmq';
import type { IndexBackend } from '../../src/index/backend.ts';
import { enrichDocument } from '../ingest-document.ts';
import type { DocumentNode } from '../../src/tree/types.ts';
import { inStage } from './failure.ts';
import { getResult, putResult } from './intermediate-store.ts';
import type { StageContext } from './stage-context.ts';
import { chainKey, type StageJobData } from './stages.ts';

/**
 * Carries ids over from the stored version and finds the commitments (light work: runs in the
 * worker itself, where the index is at hand).
 */
export function enrichProcessor(context: StageContext, backend: IndexBackend) {
  return async (job: Job<StageJobData>): Promise<{ commitments: number }> => {
    const { path, entry, contentHash } = job.data;
    const chain = chainKey(entry.id, contentHash);
    const built = await getResult<DocumentNode>(context, 'document', chain, path);
    const enriched = await inStage(path, () => enrichDocument(backend, built));
    await putResult(context, 'document', chain, enriched.doc);
    await putResult(context, 'commitments', chain, enriched.commitments);
    await context.handOn('enrich', job.data);
    return { commitments: enriched.commitments.length };
  };
}
