import MiniSearch, { type Query } from 'minisearch';
import { foldedStem, isStopword, tokenize } from '../src/analysis/index.ts';
import type { SearchRequest } from '../src/index/backend.ts';
import { parseQuery, type QueryTerm } from '../src/search/parse-query.ts';
import type { DocumentType } from '../src/tree/types.ts';

// The in-memory baseline: MiniSearch over the same paragraphs, with our tokenizer and folded
// Snowball stems as its terms (so its recall is close to ours), stopwords left out. It knows no
// phrases (a phrase becomes all of its words), no compound parts, synonyms or snippets: a lower
// bound for what a search over these paragraphs costs, not an equal.

export interface BaselineParagraph {
  id: string;
  text: string;
  docId: string;
  year: number | null;
  type: DocumentType;
}

interface Stored {
  docId: string;
  year: number | null;
  type: DocumentType;
}

export interface MiniSearchBaseline {
  search(request: SearchRequest): { total: number; ids: string[]; facets: { year: Map<number | null, number>; type: Map<DocumentType, number> } };
}

const terms = (text: string) => tokenize(text).map((t) => t.term);
const processTerm = (term: string) => (isStopword(term) ? null : foldedStem(term));

export function buildMiniSearch(paragraphs: readonly BaselineParagraph[]): MiniSearchBaseline {
  const index = new MiniSearch<BaselineParagraph>({
    fields: ['text'],
    storeFields: ['docId', 'year', 'type'],
    tokenize: terms,
    processTerm,
  });
  index.addAll(paragraphs);
  return {
    search(request) {
      const parsed = parseQuery(request.q);
      const term = (t: QueryTerm): Query => ({ queries: [t.text], combineWith: 'AND' });
      const required: Query = { combineWith: 'AND', queries: parsed.clauses.map((clause) => ({ combineWith: 'OR', queries: clause.map(term) })) };
      const query: Query = parsed.excluded.length === 0 ? required : { combineWith: 'AND_NOT', queries: [required, ...parsed.excluded.map(term)] };
      const { years, types, documents } = request.filters ?? {};
      const results = index.search(query, {
        filter: (result) => {
          const stored = result as unknown as Stored;
          return (!years?.length || years.includes(stored.year ?? -1)) && (!types?.length || types.includes(stored.type)) && (!documents?.length || documents.includes(stored.docId));
        },
      });
      const year = new Map<number | null, number>();
      const type = new Map<DocumentType, number>();
      for (const result of results) {
        const stored = result as unknown as Stored;
        year.set(stored.year, (year.get(stored.year) ?? 0) + 1);
        type.set(stored.type, (type.get(stored.type) ?? 0) + 1);
      }
      const ordered = request.sort === 'year' ? [...results].sort((a, b) => ((b as unknown as Stored).year ?? 0) - ((a as unknown as Stored).year ?? 0)) : results;
      return { total: results.length, ids: ordered.slice(request.offset ?? 0, (request.offset ?? 0) + (request.limit ?? 20)).map((r) => String(r.id)), facets: { year, type } };
    },
  };
}
