export * from './server.ts';
export * from './errors.ts';
export * from './format/citation.ts';
export * from './format/permalink.ts';
