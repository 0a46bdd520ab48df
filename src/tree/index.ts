export * from './types.ts';
export * from './visit.ts';
