/** `aftalesog worker` / `npm run worker`: one ingest worker process (needs REDIS_URL). */
export async function workerCommand(): Promise<number> {
  await import('../ingest/bullmq/worker-main.ts');
  return 0;
}
