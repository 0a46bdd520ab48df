import { isStopword, stem, tokenize } from '../analysis/index.ts';
import { paragraphsOf } from '../tree/visit.ts';
import type { Citation, DocumentNode, DocumentRef, FollowUpRow } from '../tree/types.ts';

/**
 * Follow-up across years: which agreement paragraphs (økonomiaftale) a follow-up scheme row
 * (opfølgningsskema) follows. One decision, `matchFollowUp`, serves both directions, so a row
 * that links to a paragraph is always listed on that paragraph too.
 *
 * A row may follow an agreement when it names it ("[+ ØA18, ØA19]": via 'reference') or, naming
 * none, when the agreement is of an earlier year than the scheme (via 'similarity'). Which of the
 * agreement's paragraphs it follows is told by text: cosine similarity of tf-idf vectors over
 * Snowball stems (stopwords out) of the row's topic and agreement text against the paragraph's
 * heading and text. The idf comes from the agreement document itself, so the formula every
 * paragraph shares ("Regeringen og Danske Regioner er enige om") weighs little.
 */

export type FollowUpVia = 'reference' | 'similarity';

export interface FollowUpLink {
  /** The agreement paragraph the row follows. */
  paragraphId: string;
  citation: Citation;
  /** Cosine similarity, 0–1. */
  score: number;
  via: FollowUpVia;
}

/** How often each stem occurs across a document's paragraphs: what makes a term distinctive there. */
export interface TermBackground {
  paragraphs: number;
  /** Stem → number of paragraphs (heading included) that contain it. */
  documentFrequency: ReadonlyMap<string, number>;
}

/** A paragraph as far as matching needs it: a stored paragraph or a search hit. */
export interface MatchableParagraph {
  id: string;
  text: string;
  citation: Citation;
}

/**
 * Lowest similarity that links a row to a paragraph. Measured on the corpus: the true pairs
 * score 0.31–0.99, the best wrong pair that shares two distinctive terms 0.26.
 */
export const MIN_FOLLOW_UP_SCORE = 0.3;
/** Shared terms this rare in the agreement (at most this many paragraphs) count as distinctive. */
export const DISTINCTIVE_MAX_PARAGRAPHS = 2;
/**
 * A link needs at least this many shared distinctive terms: cosine alone adds up many common
 * words ("telemedicin", "udbredes", "inden udgangen af") between different initiatives.
 */
export const MIN_DISTINCTIVE_SHARED = 2;
/** Terms in a candidate query. */
export const QUERY_TERMS = 12;

const AGREEMENT_NAME = /^øa\d{2}$/u;
const LETTER = /\p{L}/u;

interface Term {
  count: number;
  /** The first written (lowercased) form, for queries. */
  surface: string;
}

/**
 * Content terms of a text: the index's tokens and Snowball stems (the `stems` field of
 * `analyzeForIndex`; compound parts are left out, they cost more than they add here), without
 * stopwords, numbers or agreement names (ØA18).
 */
export function contentTerms(text: string): Map<string, Term> {
  const terms = new Map<string, Term>();
  for (const { term: word } of tokenize(text)) {
    if (word.length < 2 || isStopword(word) || !LETTER.test(word) || AGREEMENT_NAME.test(word)) continue;
    const key = stem(word);
    const term = terms.get(key);
    if (term) term.count += 1;
    else terms.set(key, { count: 1, surface: word });
  }
  return terms;
}

/** The text a paragraph is matched by: its heading (section, else chapter) gives the context. */
export function paragraphMatchText(paragraph: Pick<MatchableParagraph, 'text' | 'citation'>): string {
  const heading = paragraph.citation.section ?? paragraph.citation.chapter;
  return heading ? `${heading.title}\n${paragraph.text}` : paragraph.text;
}

/** The text a row is matched by: its topic and the agreement text it quotes. */
export function rowMatchText(row: Pick<FollowUpRow, 'topic' | 'agreement'>): string {
  return `${row.topic}\n${row.agreement}`;
}

/** Document frequencies over a document's paragraphs, each read with its heading. */
export function termBackground(doc: DocumentNode): TermBackground {
  const documentFrequency = new Map<string, number>();
  const paragraphs = paragraphsOf(doc);
  for (const paragraph of paragraphs) {
    for (const stem of contentTerms(paragraphMatchText(paragraph)).keys()) {
      documentFrequency.set(stem, (documentFrequency.get(stem) ?? 0) + 1);
    }
  }
  return { paragraphs: paragraphs.length, documentFrequency };
}

function idf(background: TermBackground, stem: string): number {
  // A term the document never uses counts as rarer than one it uses once.
  const df = background.documentFrequency.get(stem) ?? 0.5;
  return Math.log(1 + background.paragraphs / df);
}

function weights(terms: Map<string, Term>, background: TermBackground): Map<string, number> {
  const vector = new Map<string, number>();
  for (const [stem, term] of terms) vector.set(stem, (1 + Math.log(term.count)) * idf(background, stem));
  return vector;
}

/**
 * A query in our safe syntax (words joined by OR) of a text's most distinctive terms against a
 * background, for finding candidates with `search`; null when the text has no content words.
 */
export function candidateQuery(text: string, background: TermBackground, maxTerms = QUERY_TERMS): string | null {
  const terms = contentTerms(text);
  const vector = weights(terms, background);
  const best = [...terms]
    .sort(([a], [b]) => (vector.get(b) ?? 0) - (vector.get(a) ?? 0) || a.localeCompare(b))
    .slice(0, maxTerms)
    .map(([, term]) => term.surface);
  return best.length > 0 ? best.join(' OR ') : null;
}

export interface Similarity {
  score: number;
  /** Shared stems rare in the background, most distinctive first. */
  distinctive: string[];
}

/** Cosine similarity of two texts' tf-idf vectors, idf from `background`. */
export function textSimilarity(a: string, b: string, background: TermBackground): Similarity {
  const va = weights(contentTerms(a), background);
  const vb = weights(contentTerms(b), background);
  let dot = 0;
  const shared: string[] = [];
  for (const [stem, x] of va) {
    const y = vb.get(stem);
    if (y === undefined) continue;
    dot += x * y;
    shared.push(stem);
  }
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((sum, x) => sum + x * x, 0));
  const denominator = norm(va) * norm(vb);
  const distinctive = shared
    .filter((stem) => (background.documentFrequency.get(stem) ?? 0) <= DISTINCTIVE_MAX_PARAGRAPHS)
    .sort((x, y) => idf(background, y) - idf(background, x) || x.localeCompare(y));
  return { score: denominator === 0 ? 0 : dot / denominator, distinctive };
}

/** Years of the agreements a row names: "ØA18" → 2018. */
export function referencedYears(references: readonly string[]): number[] {
  const years = new Set<number>();
  for (const reference of references) {
    const match = /ØA\s?(\d{2})(?!\d)/iu.exec(reference);
    if (match) years.add(2000 + Number(match[1]));
  }
  return [...years].sort((a, b) => a - b);
}

/**
 * Whether a scheme's row may follow an agreement at all, and why: it names the agreement's year,
 * or it names none and the agreement is older than the scheme.
 */
export function followUpVia(row: Pick<FollowUpRow, 'references'>, scheme: Pick<DocumentRef, 'year'>, agreement: Pick<DocumentRef, 'type' | 'year'>): FollowUpVia | null {
  if (agreement.type !== 'økonomiaftale' || agreement.year === null) return null;
  const years = referencedYears(row.references);
  if (years.length > 0) return years.includes(agreement.year) ? 'reference' : null;
  return scheme.year !== null && agreement.year < scheme.year ? 'similarity' : null;
}

export interface FollowUpMatch {
  score: number;
  via: FollowUpVia;
  distinctive: string[];
}

/**
 * The one decision both directions share: does this row (of `scheme`) follow this agreement
 * paragraph? `background` is the paragraph's own document's (see `termBackground`).
 */
export function matchFollowUp(
  row: Pick<FollowUpRow, 'topic' | 'agreement' | 'references'>,
  scheme: Pick<DocumentRef, 'year'>,
  paragraph: Pick<MatchableParagraph, 'text' | 'citation'>,
  background: TermBackground,
): FollowUpMatch | null {
  const via = followUpVia(row, scheme, paragraph.citation.document);
  if (via === null) return null;
  const { score, distinctive } = textSimilarity(rowMatchText(row), paragraphMatchText(paragraph), background);
  if (score < MIN_FOLLOW_UP_SCORE || distinctive.length < MIN_DISTINCTIVE_SHARED) return null;
  return { score, via, distinctive };
}

/** The agreement paragraphs a row follows, best first; `backgroundOf` gives each paragraph's document's background. */
export function linksForRow(
  row: Pick<FollowUpRow, 'topic' | 'agreement' | 'references'>,
  scheme: Pick<DocumentRef, 'year'>,
  candidates: readonly MatchableParagraph[],
  backgroundOf: (documentId: string) => TermBackground | undefined,
): FollowUpLink[] {
  const links: FollowUpLink[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate.id)) continue;
    seen.add(candidate.id);
    const background = backgroundOf(candidate.citation.document.id);
    if (!background) continue;
    const match = matchFollowUp(row, scheme, candidate, background);
    if (match) links.push({ paragraphId: candidate.id, citation: candidate.citation, score: match.score, via: match.via });
  }
  return links.sort((a, b) => b.score - a.score || a.paragraphId.localeCompare(b.paragraphId));
}
