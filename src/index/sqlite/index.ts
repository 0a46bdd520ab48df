export * from './fts-match.ts';
export * from './schema.ts';
export * from './open-embedded-index.ts';
