import { parseArgs } from 'node:util';
import { JOB_STATES, listJobs, type JobState } from '../ingest/bullmq/index.ts';
import { UsageError } from './usage-error.ts';

/** `aftalesog jobs [--state failed] [--json]`: the ingest jobs on the BullMQ queues, newest first. */
export async function jobsCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { state: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' } } });
  const connection = process.env.REDIS_URL;
  if (!connection) {
    throw new UsageError('jobs viser jobkøen i den skalerede drift: sæt REDIS_URL (den indbyggede indlæsning skriver fejl direkte, og exit-koden er 1)');
  }
  if (values.state !== undefined && !(JOB_STATES as readonly string[]).includes(values.state)) {
    throw new UsageError(`--state skal være en af: ${JOB_STATES.join(', ')}`);
  }
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError('--limit skal være et tal fra 1 til 10000');
  const jobs = await listJobs({ connection, limit, ...(values.state ? { state: values.state as JobState } : {}), ...(process.env.INGEST_QUEUE_PREFIX ? { queuePrefix: process.env.INGEST_QUEUE_PREFIX } : {}) });
  if (values.json) {
    console.log(JSON.stringify(jobs, null, 2));
    return 0;
  }
  if (jobs.length === 0) console.log('Ingen job.');
  for (const job of jobs) {
    const finished = job.finishedOn ? new Date(job.finishedOn).toISOString() : '';
    console.log(`${job.state.padEnd(10)} ${job.name.padEnd(8)} ${job.documentId.padEnd(36)} forsøg ${job.attempts} ${finished}${job.failedReason ? `\n           ${job.failedReason}` : ''}`);
  }
  return jobs.some((job) => job.state === 'failed') ? 1 : 0;
}
