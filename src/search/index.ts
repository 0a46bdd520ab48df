export * from './query-error.ts';
export * from './parse-query.ts';
