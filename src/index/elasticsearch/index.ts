export * from './bulk-write.ts';
export * from './compile-es-query.ts';
export * from './errors.ts';
export * from './index-definitions.ts';
export * from './open-elasticsearch-index.ts';
export * from './snippet.ts';
