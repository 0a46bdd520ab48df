export * from './backend.ts';
export * from './backend-error.ts';
export * from './reconcile-ids.ts';
