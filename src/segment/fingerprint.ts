import { createHash } from 'node:crypto';
import type { Fingerprint } from '../tree/types.ts';

/** Context kept either side of a quote, as Hypothesis does to re-anchor annotations. */
export const FINGERPRINT_CONTEXT = 32;

export function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function fingerprint(quote: string, before: string, after: string): Fingerprint {
  const folded = foldWhitespace(quote);
  return {
    quote: folded,
    prefix: foldWhitespace(before).slice(-FINGERPRINT_CONTEXT),
    suffix: foldWhitespace(after).slice(0, FINGERPRINT_CONTEXT),
    hash: createHash('sha256').update(folded).digest('hex').slice(0, 16),
  };
}
