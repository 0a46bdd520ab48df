export * from './slug.ts';
export * from './fingerprint.ts';
export * from './blocks.ts';
export * from './assemble.ts';
export * from './follow-up-rows.ts';
export * from './build-document.ts';
