export * from './query-error.ts';
export * from './parse-query.ts';
export * from './compile-query.ts';
export * from './highlight.ts';
