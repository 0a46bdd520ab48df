export * from './validate-catalog.ts';
