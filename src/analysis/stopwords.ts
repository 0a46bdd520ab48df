import stopwordData from './data/stopwords.json' with { type: 'json' };

/** The Snowball Danish stop list (94 words). It holds the modals of commitments (skal, vil,
 * kunne, skulle, ville), so analysis keeps stopwords in the index and only the query side drops
 * them from bag-of-words matching; phrases keep them. */
export const STOPWORDS: ReadonlySet<string> = new Set(stopwordData.words);

export function isStopword(term: string): boolean {
  return STOPWORDS.has(term);
}
