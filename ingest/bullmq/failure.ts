import { basename } from 'node:path';
import { UnrecoverableError } from 'bullmq';
import { ExtractError } from '../../src/extract/index.ts';
import { describeFailure } from '../ingest-document.ts';
import { parseStageJobId, type StageJobData } from './stages.ts';

/**
 * A stage failure travels as BullMQ's failedReason in the form `CODE: message`, so the code
 * survives the trip through Redis (and out of a sandboxed child) and `listJobs` shows it.
 * A file that cannot be read is unrecoverable: it fails once, without retries.
 */
export function stageError(path: string, error: unknown): Error {
  if (error instanceof UnrecoverableError) return error;
  if (error instanceof ExtractError) return new UnrecoverableError(`${error.code}: ${error.message}`);
  const { code, message } = describeFailure(path, error);
  return new Error(`${code}: ${message}`, { cause: error });
}

/** Runs a stage's own work; whatever it throws becomes that stage's error for the file. */
export async function inStage<T>(path: string, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw stageError(path, error);
  }
}

const CODED = /^([A-Z][A-Z0-9_]*): ([\s\S]*)$/;

export interface FailedJobLike {
  id?: string;
  name: string;
  failedReason?: string;
  data?: StageJobData;
}

/** The stable code and readable line of a failed stage job. */
export function failureOf(job: FailedJobLike): { code: string; message: string } {
  const path = job.data?.path ?? '(unknown file)';
  const stage = (job.id && parseStageJobId(job.id)?.stage) || job.name;
  const limit = job.data?.timedOutAfterMs;
  if (limit !== undefined) {
    const detail = `stopped after ${(limit / 1000).toFixed(1)} s`;
    if (stage === 'extract') {
      const error = new ExtractError(basename(path), 'timeout', detail);
      return { code: error.code, message: error.message };
    }
    return { code: `${stage.toUpperCase()}_TIMEOUT`, message: `${basename(path)}: the ${stage} stage took too long (${detail})` };
  }
  const reason = job.failedReason ?? 'no reason recorded';
  const coded = CODED.exec(reason);
  if (coded) return { code: coded[1]!, message: coded[2]! };
  // BullMQ's own reasons: a stalled job, a child process that died.
  return { code: 'INGEST_FAILED', message: `${path}: ${stage} stage: ${reason}` };
}
