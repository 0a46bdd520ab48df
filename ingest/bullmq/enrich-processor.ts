import type { Job } from 'bullmq';
import { extractCommitments } from '../../src/enrich/commitments.ts';
import type { Commitment, DocumentNode } from '../../src/tree/types.ts';
import { stageError } from './failure.ts';
import { getResult, putResult } from './intermediate-store.ts';
import type { StageContext } from './stage-context.ts';
import { chainKey, type StageJobData } from './stages.ts';

/** Finds the commitments in a segmented document (light work: runs in the worker itself). */
export function enrichProcessor(context: StageContext) {
  return async (job: Job<StageJobData>): Promise<{ commitments: number }> => {
    const { path, entry, contentHash } = job.data;
    const chain = chainKey(entry.id, contentHash);
    const doc = await getResult<DocumentNode>(context, 'document', chain, path);
    let commitments: Commitment[];
    try {
      commitments = extractCommitments(doc);
    } catch (error) {
      throw stageError(path, error);
    }
    await putResult(context, 'commitments', chain, commitments);
    await context.handOn('enrich', job.data);
    return { commitments: commitments.length };
  };
}
