export * from './errors.ts';
export * from './content-hash.ts';
export * from './note.ts';
export * from './pdf.ts';
export * from './extract-file.ts';
