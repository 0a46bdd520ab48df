import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BadFile } from '../../scripts/build-bad-files.ts';

/** test/fixtures/bad-files, built by scripts/build-bad-files.ts. */
export const BAD_FILES_DIR = fileURLToPath(new URL('../fixtures/bad-files/', import.meta.url));

export const BAD_FILES: BadFile[] = JSON.parse(readFileSync(new URL('manifest.json', `file://${BAD_FILES_DIR}`), 'utf8')) as BadFile[];

export const badOnes = (): (BadFile & { code: string })[] => BAD_FILES.filter((f): f is BadFile & { code: string } => f.code !== null);
export const goodOnes = (): BadFile[] => BAD_FILES.filter((f) => f.code === null);
