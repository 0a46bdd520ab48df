import type { IndexBackend, SearchRequest } from '../../src/index/backend.ts';
import { paragraphsOf } from '../../src/tree/visit.ts';
import type { BaselineParagraph, MiniSearchBaseline } from '../minisearch-baseline.ts';
import type { BenchQuery, QueryCategory } from '../queries.ts';
import { summarize, timeCalls, type LatencySummary } from '../stats.ts';
import { commitmentMix } from '../queries.ts';
import type { CatalogEntry } from '../../src/tree/types.ts';

export interface SearchLatency {
  backend: 'embedded' | 'elasticsearch' | 'minisearch';
  queries: number;
  rounds: number;
  overall: LatencySummary;
  byCategory: Partial<Record<QueryCategory, LatencySummary>>;
  /** Hits per query (first round), to see that the backends found comparable things. */
  totals: number[];
  /** Queries that found nothing (the misspellings should, and offer a suggestion). */
  empty: string[];
}

export type Searcher = (request: SearchRequest) => Promise<{ total: number }>;

export function backendSearcher(backend: IndexBackend): Searcher {
  return (request) => backend.search(request);
}

export function baselineSearcher(baseline: MiniSearchBaseline): Searcher {
  return async (request) => baseline.search(request);
}

/** The query mix, `rounds` times after a warm-up round; latency per call. */
export async function measureSearch(name: SearchLatency['backend'], search: Searcher, queries: BenchQuery[], rounds: number): Promise<SearchLatency> {
  const totals: number[] = [];
  for (const query of queries) totals.push((await search(query.request)).total);
  const samples = await timeCalls(queries, rounds, (query) => search(query.request));
  const byCategory: SearchLatency['byCategory'] = {};
  for (const category of new Set(queries.map((q) => q.category))) {
    byCategory[category] = summarize(samples.flatMap((s, i) => (queries[i]!.category === category ? s : [])));
  }
  return {
    backend: name,
    queries: queries.length,
    rounds,
    overall: summarize(samples.flat()),
    byCategory,
    totals,
    empty: queries.filter((_, i) => totals[i] === 0).map((q) => q.request.q),
  };
}

export interface LookupLatency {
  backend: 'embedded' | 'elasticsearch';
  what: 'commitments' | 'permalinks';
  calls: number;
  rounds: number;
  overall: LatencySummary;
}

export async function measureCommitments(name: LookupLatency['backend'], backend: IndexBackend, entries: CatalogEntry[], rounds: number): Promise<LookupLatency> {
  const requests = commitmentMix(entries);
  const samples = await timeCalls(requests, rounds, (request) => backend.commitments(request));
  return { backend: name, what: 'commitments', calls: requests.length, rounds, overall: summarize(samples.flat()) };
}

/** Permalinks as visitors follow them: paragraphs spread over the corpus, and a few ids that do not exist. */
export async function measurePermalinks(name: LookupLatency['backend'], backend: IndexBackend, ids: string[], rounds: number): Promise<LookupLatency> {
  const samples = await timeCalls(ids, rounds, async (id) => {
    const found = await backend.getParagraph(id);
    if (found.status === 'unknown' && !id.startsWith('ukendt/')) throw new Error(`permalink ${id} did not resolve`);
  });
  return { backend: name, what: 'permalinks', calls: ids.length, rounds, overall: summarize(samples.flat()) };
}

/** Every paragraph of the index (for the MiniSearch baseline and the permalink sample), read through the backend. */
export async function allParagraphs(backend: IndexBackend): Promise<BaselineParagraph[]> {
  const out: BaselineParagraph[] = [];
  for (const summary of await backend.listDocuments()) {
    const doc = await backend.getDocument(summary.meta.id);
    if (!doc) continue;
    for (const p of paragraphsOf(doc)) out.push({ id: p.id, text: p.text, docId: doc.id, year: doc.meta.year, type: doc.meta.type });
  }
  return out;
}

/** `count` ids evenly spread over the paragraphs, plus a tenth as many unknown ones. */
export function permalinkSample(paragraphs: BaselineParagraph[], count: number): string[] {
  const step = Math.max(1, Math.floor(paragraphs.length / count));
  const ids = paragraphs.filter((_, i) => i % step === 0).slice(0, count).map((p) => p.id);
  const unknown = Array.from({ length: Math.max(1, Math.round(count / 10)) }, (_, i) => `ukendt/${i + 1}/afsnit/${i + 1}`);
  return [...ids, ...unknown];
}
