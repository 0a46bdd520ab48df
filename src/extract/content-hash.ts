import { createHash } from 'node:crypto';

/** Identity of one version of a source file. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
