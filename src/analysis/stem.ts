import snowball from 'snowball-stemmers';

// Snowball Danish, the algorithm of Lucene's DanishAnalyzer and of Elasticsearch's
// `stemmer` filter with language "danish" (checked against the official vectors in test/).
const danish = snowball.newStemmer('danish');

/** Tokens with a digit or a dot (ØA18, 2,2, bl.a) are names and numbers: not stemmed.
 * Elasticsearch gets the same rule as a `keyword_marker` pattern. */
export const UNSTEMMED_PATTERN = '.*[\\p{N}.].*';
const unstemmed = new RegExp(`^${UNSTEMMED_PATTERN}$`, 'u');

const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

/** Snowball Danish stem of a lowercase term. */
export function stem(term: string): string {
  let result = cache.get(term);
  if (result === undefined) {
    result = unstemmed.test(term) ? term : danish.stem(term);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(term, result);
  }
  return result;
}
