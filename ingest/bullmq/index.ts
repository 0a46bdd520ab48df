export * from './stages.ts';
export * from './failure.ts';
export * from './bullmq-runner.ts';
export * from './list-jobs.ts';
export * from './remove-queues.ts';
