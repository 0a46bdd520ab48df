export * from './deadlines.ts';
export * from './actors.ts';
export * from './sentences.ts';
export * from './commitments.ts';
export * from './follow-up-links.ts';
