export * from './backend.ts';
export * from './reconcile-ids.ts';
