export * from './debris.ts';
export * from './hyphenation.ts';
export * from './normalize-lines.ts';
