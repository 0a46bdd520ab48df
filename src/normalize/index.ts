export * from './debris.ts';
export * from './hyphenation.ts';
export * from './normalize-lines.ts';
export * from './follow-up-table.ts';
export * from './normalize-document.ts';
