import { Client } from '@elastic/elasticsearch';
import type { estypes } from '@elastic/elasticsearch';
import { normalizeActor, suggest, tokenize } from '../../analysis/index.ts';
import { compileQuery } from '../../search/compile-query.ts';
import type { CompiledQuery } from '../../search/compile-query.ts';
import { formatQuery, parseQuery } from '../../search/parse-query.ts';
import type { ParsedQuery, QueryTerm } from '../../search/parse-query.ts';
import type { CatalogEntry, Citation, Commitment, DocumentNode, DocumentType, Fingerprint, ParagraphNode, ParagraphRole, RowColumn } from '../../tree/types.ts';
import { paragraphsOf } from '../../tree/visit.ts';
import type {
  CommitmentRequest,
  CommitmentResponse,
  DocumentSummary,
  FacetCount,
  IndexBackend,
  ParagraphLookup,
  SearchHit,
  SearchRequest,
  SearchResponse,
} from '../backend.ts';
import { retireIds } from '../reanchor.ts';
import type { RetiredId } from '../reanchor.ts';
import { bulkWrite } from './bulk-write.ts';
import type { BulkOperation, BulkOptions } from './bulk-write.ts';
import { elasticsearchQuery } from './compile-es-query.ts';
import { BackendError } from '../backend-error.ts';
import { backendError } from './errors.ts';
import { INDEX_KINDS, indexDefinition } from './index-definitions.ts';
import type { IndexKind, ShardOptions } from './index-definitions.ts';
import { snippetFromFragment } from './snippet.ts';

export interface ElasticsearchIndexOptions extends ShardOptions {
  /** The node(s), e.g. ELASTICSEARCH_URL. */
  node: string | string[];
  /** Names the aliases `<prefix>-paragraphs`, `-documents`, `-commitments`, `-permalinks`. Default `aftalesog`. */
  prefix?: string;
  /** The clock, for ingest and archive dates. Default: the system clock. */
  now?: () => Date;
  /** Milliseconds a request may take before the node counts as unavailable. Default 10,000. */
  requestTimeout?: number;
  bulk?: BulkOptions;
}

export interface ReindexReport {
  indices: { kind: IndexKind; alias: string; from: string[]; to: string; count: number }[];
  tookMs: number;
}

export interface ElasticsearchIndex extends IndexBackend {
  readonly name: 'elasticsearch';
  /** The alias of each index kind. */
  readonly aliases: Readonly<Record<IndexKind, string>>;
  /**
   * Rebuilds every index with the current definitions (after the analysis changed) and moves
   * all aliases in one atomic step; searches keep answering from the old indices until then.
   * The old indices refuse writes while they are copied, so a write from another process fails
   * (and its job is retried) instead of being lost; writes through this backend wait.
   */
  reindex(): Promise<ReindexReport>;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const SNIPPET_LENGTH = 320;
/** Page size when reading a whole document's paragraphs, permalinks or commitments. */
const SCAN_PAGE = 1000;
/** Elasticsearch refuses longer ids; no stored id is longer. */
const MAX_ID_BYTES = 512;

interface ParagraphSource {
  id: string;
  doc_id: string;
  ordinal: number;
  role: ParagraphRole;
  text: string;
  page: number;
  pages: number[];
  citation: Citation;
  fingerprint: Fingerprint;
  box?: string;
  column?: RowColumn;
  year: number | null;
  type: DocumentType;
}

interface DocumentSource {
  id: string;
  meta: CatalogEntry;
  tree: DocumentNode;
  content_hash: string;
  page_count: number;
  paragraph_count: number;
  commitment_count: number;
  ingested_at: string;
}

interface CommitmentSource {
  id: string;
  doc_id: string;
  paragraph_id: string;
  ordinal: number;
  action: string;
  deadline_start: string | null;
  deadline_end: string | null;
  actors: string[];
  year: number | null;
  commitment: Commitment;
}

interface PermalinkSource {
  id: string;
  doc_id: string;
  to_id: string | null;
  fingerprint: Fingerprint;
  citation: Citation;
  position: number;
  archived_at: string | null;
}

type Query = estypes.QueryDslQueryContainer;
type Sort = estypes.SortCombinations[];

/**
 * Opens the Elasticsearch index under `prefix`, creating the indices and aliases that are
 * missing. When the node cannot be reached, the backend is returned all the same: each call
 * throws BackendError `BACKEND_UNAVAILABLE` until the node answers, and then it sets up again.
 */
export async function openElasticsearchIndex(options: ElasticsearchIndexOptions): Promise<ElasticsearchIndex> {
  const client = new Client({ node: options.node, requestTimeout: options.requestTimeout ?? 10_000, maxRetries: 2 });
  const backend = createBackend(client, options);
  try {
    await backend.ready();
  } catch (error) {
    if (!(error instanceof BackendError && error.reason === 'unavailable')) {
      await client.close();
      throw error;
    }
  }
  return backend.index;
}

function createBackend(client: Client, options: ElasticsearchIndexOptions) {
  const prefix = options.prefix ?? 'aftalesog';
  const now = options.now ?? (() => new Date());
  const alias = Object.fromEntries(INDEX_KINDS.map((kind) => [kind, `${prefix}-${kind}`])) as Record<IndexKind, string>;

  /** Runs one client call; its failure becomes a BackendError. */
  const call = async <T>(run: () => Promise<{ body: T }>): Promise<T> => {
    try {
      return (await run()).body;
    } catch (error) {
      throw backendError(error);
    }
  };

  /** The indices behind each alias exist; set up once, again after a failed attempt. */
  let setup: Promise<void> | null = null;
  const ready = (): Promise<void> => {
    setup ??= createMissingIndices().catch((error: unknown) => {
      setup = null;
      throw error;
    });
    return setup;
  };

  const createMissingIndices = async () => {
    for (const kind of INDEX_KINDS) {
      const exists = await call(() => client.indices.existsAlias<boolean>({ name: alias[kind] }));
      if (exists) continue;
      const definition = indexDefinition(kind, options);
      const name = `${alias[kind]}-${(definition.mappings._meta as { definition: string }).definition}`;
      try {
        await client.indices.create({ index: name, body: { ...definition, aliases: { [alias[kind]]: {} } } });
      } catch (error) {
        // Another server created it first.
        if (!isAlreadyThere(error)) throw backendError(error);
      }
    }
  };

  /** Writes through this backend wait while a reindex runs. */
  let reindexing: Promise<unknown> = Promise.resolve();
  let rebuilding = false;

  const get = async <T>(kind: IndexKind, id: string, sourceIncludes?: string[]): Promise<T | null> => {
    if (Buffer.byteLength(id) > MAX_ID_BYTES) return null;
    const body = await call(() =>
      client.get<estypes.GetResponse<T>>({ index: alias[kind], id, _source_includes: sourceIncludes }, { ignore: [404] }),
    );
    return body.found && body._source ? body._source : null;
  };

  /** Every source matching `query`, in `sort` order (which must end in a unique field). */
  const scan = async <T>(kind: IndexKind, query: Query, sort: Sort, source: string[] | boolean = true): Promise<T[]> => {
    const all: T[] = [];
    let after: estypes.SortResults | undefined;
    for (;;) {
      const body = await call(() =>
        client.search<estypes.SearchResponse<T>>({
          index: alias[kind],
          body: { query, sort, size: SCAN_PAGE, _source: source, ...(after ? { search_after: after } : {}), track_total_hits: false },
        }),
      );
      const hits = body.hits.hits;
      all.push(...hits.map((h) => h._source as T));
      if (hits.length < SCAN_PAGE) return all;
      after = hits.at(-1)!.sort;
    }
  };

  const putDocument = async (doc: DocumentNode, commitments: Commitment[]): Promise<void> => {
    const paragraphs = paragraphsOf(doc);
    assertUnique('paragraph', paragraphs.map((p) => p.id));
    assertUnique('commitment', commitments.map((c) => c.id));
    await ready();
    await reindexing;
    const stamp = now().toISOString();
    const ofDocument: Query = { term: { doc_id: doc.id } };
    const [previous, retiredBefore, previousCommitments] = await Promise.all([
      scan<Pick<ParagraphSource, 'id' | 'fingerprint' | 'citation'>>('paragraphs', ofDocument, [{ ordinal: 'asc' }, { id: 'asc' }], ['id', 'fingerprint', 'citation']),
      scan<PermalinkSource>('permalinks', ofDocument, [{ id: 'asc' }]),
      scan<Pick<CommitmentSource, 'id'>>('commitments', ofDocument, [{ id: 'asc' }], ['id']),
    ]);
    const retired = retireIds({ paragraphs: previous, retired: retiredBefore.map(retiredFromSource) }, paragraphs, stamp);

    const operations: BulkOperation[] = [];
    const replace = <T extends { id: string }>(kind: IndexKind, before: { id: string }[], after: T[]) => {
      const kept = new Set(after.map((s) => s.id));
      for (const source of after) operations.push({ action: 'index', index: alias[kind], id: source.id, document: source });
      for (const { id } of before) if (!kept.has(id)) operations.push({ action: 'delete', index: alias[kind], id });
    };
    replace('paragraphs', previous, paragraphs.map((p, ordinal) => paragraphSource(doc, p, ordinal)));
    replace('commitments', previousCommitments, commitments.map((c, ordinal) => commitmentSource(doc, c, ordinal)));
    replace('permalinks', retiredBefore, retired.map((r) => permalinkSource(doc.id, r)));
    await bulkWrite(client, operations, true, options.bulk);

    // The document record goes last: while it still holds the old content hash, ingest stores
    // the file again after a failed write.
    const record: DocumentSource = {
      id: doc.id,
      meta: doc.meta,
      tree: doc,
      content_hash: doc.contentHash,
      page_count: doc.pageCount,
      paragraph_count: paragraphs.length,
      commitment_count: commitments.length,
      ingested_at: stamp,
    };
    await bulkWrite(client, [{ action: 'index', index: alias.documents, id: doc.id, document: record }], true, options.bulk);
  };

  const search = async (request: SearchRequest): Promise<SearchResponse> => {
    const parsed = parseQuery(request.q);
    const compiled = compileQuery(parsed);
    await ready();
    const filter = searchFilters(request);
    const limit = clamp(request.limit ?? DEFAULT_LIMIT, 1, MAX_LIMIT);
    const offset = Math.max(Math.trunc(request.offset ?? 0), 0);
    const tieBreak: Sort = [{ doc_id: 'asc' }, { ordinal: 'asc' }];
    const sort: Sort =
      request.sort === 'year' ? [{ year: { order: 'desc', missing: '_last' } }, { _score: { order: 'desc' } }, ...tieBreak] : [{ _score: { order: 'desc' } }, ...tieBreak];
    const body = await call(() =>
      client.search<estypes.SearchResponse<ParagraphSource>>({
        index: alias.paragraphs,
        body: {
          query: { bool: { must: [elasticsearchQuery(compiled, 'text')], filter } },
          from: offset,
          size: limit,
          sort,
          track_scores: true,
          track_total_hits: true,
          _source: ['id', 'text', 'citation'],
          aggs: {
            years: { terms: { field: 'year', size: 1000 } },
            undated: { missing: { field: 'year' } },
            types: { terms: { field: 'type', size: 100 } },
          },
          highlight: {
            encoder: 'html',
            pre_tags: ['<mark>'],
            post_tags: ['</mark>'],
            fields: {
              text: {
                type: 'fvh',
                matched_fields: ['text', 'text.exact', 'text.folded', 'text.parts'],
                fragment_size: SNIPPET_LENGTH,
                number_of_fragments: 1,
                no_match_size: SNIPPET_LENGTH,
              },
            },
          },
        },
      }),
    );
    const total = totalOf(body.hits.total);
    const response: SearchResponse = { total, hits: body.hits.hits.map(hitFromSearch), facets: facetsOf(body.aggregations) };
    if (total === 0) {
      const suggestion = await suggestionFor(parsed, filter);
      if (suggestion !== undefined) response.suggestion = suggestion;
    }
    return response;
  };

  /** The query with each unknown word replaced by the nearest index word, when that finds something. */
  const suggestionFor = async (parsed: ParsedQuery, filter: Query[]): Promise<string | undefined> => {
    const words = [...new Set(parsed.clauses.flat().flatMap((t) => t.text.split(' ')))].filter((w) => tokenize(w).length === 1);
    if (words.length === 0) return undefined;
    // The node proposes near words of the exact field; the shared `suggest` picks as the embedded index does.
    const body = await call(() =>
      client.search<estypes.SearchResponse<unknown>>({
        index: alias.paragraphs,
        body: {
          size: 0,
          suggest: Object.fromEntries(
            words.map((word, i) => [
              `w${i}`,
              { text: word, term: { field: 'text.exact', suggest_mode: 'missing', max_edits: 2, prefix_length: 0, min_word_length: 2, size: 10 } },
            ]),
          ),
        },
      }),
    );
    const replacement = new Map<string, string>();
    words.forEach((word, i) => {
      const options = (body.suggest?.[`w${i}`] ?? []).flatMap((s) => [s.options].flat() as estypes.SearchTermSuggestOption[]);
      const [best] = suggest(word, new Map(options.map((o) => [o.text, o.freq])), { limit: 1 });
      if (best !== undefined) replacement.set(word, best);
    });
    if (replacement.size === 0) return undefined;
    const correct = (term: QueryTerm): QueryTerm => ({ ...term, text: term.text.split(' ').map((w) => replacement.get(w) ?? w).join(' ') });
    const alternative: ParsedQuery = { clauses: parsed.clauses.map((clause) => clause.map(correct)), excluded: parsed.excluded };
    const { count } = await call(() =>
      client.count<estypes.CountResponse>({
        index: alias.paragraphs,
        body: { query: { bool: { must: [elasticsearchQuery(compileQuery(alternative), 'text')], filter } } },
      }),
    );
    return count > 0 ? formatQuery(alternative) : undefined;
  };

  const listCommitments = async (request: CommitmentRequest): Promise<CommitmentResponse> => {
    const compiled: CompiledQuery | null = request.q !== undefined && request.q.trim() !== '' ? compileQuery(parseQuery(request.q)) : null;
    await ready();
    const filter: Query[] = [];
    if (request.deadlineFrom) filter.push({ range: { deadline_end: { gte: request.deadlineFrom } } });
    if (request.deadlineTo) filter.push({ range: { deadline_start: { lte: request.deadlineTo } } });
    if (request.actor) filter.push({ term: { actors: actorKey(request.actor) } });
    if (request.documents && request.documents.length > 0) filter.push({ terms: { doc_id: request.documents } });
    const body = await call(() =>
      client.search<estypes.SearchResponse<Pick<CommitmentSource, 'commitment'>>>({
        index: alias.commitments,
        body: {
          query: { bool: { must: compiled ? [elasticsearchQuery(compiled, 'action')] : [], filter } },
          from: Math.max(Math.trunc(request.offset ?? 0), 0),
          size: clamp(request.limit ?? DEFAULT_LIMIT, 1, MAX_LIMIT),
          sort: [
            { deadline_end: { order: 'asc', missing: '_last' } },
            { deadline_start: { order: 'asc', missing: '_last' } },
            { doc_id: 'asc' },
            { ordinal: 'asc' },
          ],
          track_total_hits: true,
          _source: ['commitment'],
        },
      }),
    );
    return { total: totalOf(body.hits.total), items: body.hits.hits.map((h) => h._source!.commitment) };
  };

  const getParagraph = async (id: string): Promise<ParagraphLookup> => {
    await ready();
    const paragraph = await get<ParagraphSource>('paragraphs', id);
    if (paragraph) {
      const neighbours = await call(() =>
        client.search<estypes.SearchResponse<ParagraphSource>>({
          index: alias.paragraphs,
          body: {
            query: { bool: { filter: [{ term: { doc_id: paragraph.doc_id } }, { terms: { ordinal: [paragraph.ordinal - 1, paragraph.ordinal + 1] } }] } },
            size: 2,
          },
        }),
      );
      const at = (ordinal: number) => {
        const source = neighbours.hits.hits.find((h) => h._source?.ordinal === ordinal)?._source;
        return source ? paragraphFromSource(source) : null;
      };
      return { status: 'found', paragraph: paragraphFromSource(paragraph), previous: at(paragraph.ordinal - 1), next: at(paragraph.ordinal + 1) };
    }
    const link = await get<PermalinkSource>('permalinks', id);
    if (!link) return { status: 'unknown' };
    if (link.to_id !== null) return { status: 'moved', to: link.to_id, from: id };
    return { status: 'archived', id, fingerprint: link.fingerprint, citation: link.citation, archivedAt: link.archived_at ?? '' };
  };

  const reindex = async (): Promise<ReindexReport> => {
    if (rebuilding) throw new Error('a reindex of these indices is already running');
    rebuilding = true;
    const started = Date.now();
    const run = (async () => {
      await ready();
      const plans: ReindexReport['indices'] = [];
      const stamp = Date.now().toString(36);
      try {
        for (const kind of INDEX_KINDS) {
          const from = Object.keys(await call(() => client.indices.getAlias<Record<string, unknown>>({ name: alias[kind] })));
          const definition = indexDefinition(kind, options);
          const to = `${alias[kind]}-${(definition.mappings._meta as { definition: string }).definition}-${stamp}`;
          plans.push({ kind, alias: alias[kind], from, to, count: 0 });
          await call(() => client.indices.putSettings({ index: from.join(','), body: { 'index.blocks.write': true } }));
          await call(() => client.indices.create({ index: to, body: definition }));
        }
        for (const plan of plans) {
          const result = await call(() =>
            client.reindex<estypes.ReindexResponse>({
              wait_for_completion: true,
              refresh: true,
              timeout: '10m',
              body: { source: { index: plan.alias }, dest: { index: plan.to } },
            }, { requestTimeout: 30 * 60_000 }),
          );
          if ((result.failures ?? []).length > 0) throw new BackendError('write-failed', `reindex ${plan.alias}: ${JSON.stringify(result.failures![0])}`);
          plan.count = result.total ?? 0;
        }
        const actions = plans.flatMap((p) => [
          ...p.from.map((index) => ({ remove: { index, alias: p.alias } })),
          { add: { index: p.to, alias: p.alias } },
        ]);
        await call(() => client.indices.updateAliases({ body: { actions } }));
      } catch (error) {
        // Leave things as they were: old indices writable, half-built ones gone.
        for (const plan of plans) {
          await client.indices.putSettings({ index: plan.from.join(','), body: { 'index.blocks.write': null } }).catch(() => undefined);
          await client.indices.delete({ index: plan.to }, { ignore: [404] }).catch(() => undefined);
        }
        throw error;
      }
      for (const plan of plans) await call(() => client.indices.delete({ index: plan.from.join(',') }));
      return { indices: plans, tookMs: Date.now() - started };
    })();
    reindexing = run.catch(() => undefined).finally(() => {
      rebuilding = false;
    });
    return run;
  };

  const index: ElasticsearchIndex = {
    name: 'elasticsearch',
    aliases: alias,
    putDocument,
    contentHashOf: async (documentId) => {
      await ready();
      return (await get<Pick<DocumentSource, 'content_hash'>>('documents', documentId, ['content_hash']))?.content_hash ?? null;
    },
    listDocuments: async () => {
      await ready();
      const sources = await scan<Omit<DocumentSource, 'tree'>>('documents', { match_all: {} }, [{ id: 'asc' }], [
        'meta', 'content_hash', 'page_count', 'paragraph_count', 'commitment_count', 'ingested_at',
      ]);
      return sources.map(summaryFromSource);
    },
    getDocument: async (documentId) => {
      await ready();
      return (await get<Pick<DocumentSource, 'tree'>>('documents', documentId, ['tree']))?.tree ?? null;
    },
    getParagraph,
    search,
    commitments: listCommitments,
    reindex,
    close: () => client.close(),
  };
  return { index, ready };
}

function isAlreadyThere(error: unknown): boolean {
  const type = (error as { body?: { error?: { type?: string } } }).body?.error?.type;
  return type === 'resource_already_exists_exception' || type === 'invalid_index_name_exception';
}

function assertUnique(what: string, ids: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new Error(`two ${what}s have the id ${id}`);
    seen.add(id);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(Math.trunc(value), min), max);
}

function totalOf(total: number | estypes.SearchTotalHits | undefined): number {
  return typeof total === 'number' ? total : (total?.value ?? 0);
}

function searchFilters(request: SearchRequest): Query[] {
  const filter: Query[] = [];
  const { years, types, documents } = request.filters ?? {};
  if (years && years.length > 0) filter.push({ terms: { year: years } });
  if (types && types.length > 0) filter.push({ terms: { type: types } });
  if (documents && documents.length > 0) filter.push({ terms: { doc_id: documents } });
  return filter;
}

/** Actors compare by canonical name, any case: "DR" and "danske regioner" find "Danske Regioner". */
function actorKey(actor: string): string {
  return normalizeActor(actor).toLocaleLowerCase('da');
}

interface Buckets {
  buckets: { key: string | number; doc_count: number }[];
}

function facetsOf(aggregations: Record<string, estypes.AggregationsAggregate> | undefined): SearchResponse['facets'] {
  const years = (aggregations?.years as Buckets | undefined)?.buckets ?? [];
  const undated = (aggregations?.undated as { doc_count: number } | undefined)?.doc_count ?? 0;
  const types = (aggregations?.types as Buckets | undefined)?.buckets ?? [];
  const year: FacetCount<number | null>[] = years.map((b) => ({ value: Number(b.key), count: b.doc_count }));
  if (undated > 0) year.push({ value: null, count: undated });
  return {
    // Newest year first, undated last; types by how many hits they hold.
    year: year.sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity)),
    type: types
      .map((b) => ({ value: String(b.key) as DocumentType, count: b.doc_count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
  };
}

function hitFromSearch(hit: estypes.SearchHit<ParagraphSource>): SearchHit {
  const source = hit._source!;
  return {
    id: source.id,
    text: source.text,
    snippet: snippetFromFragment(source.text, hit.highlight?.text?.[0], SNIPPET_LENGTH),
    citation: source.citation,
    score: hit._score ?? 0,
  };
}

function paragraphSource(doc: DocumentNode, p: ParagraphNode, ordinal: number): ParagraphSource {
  return {
    id: p.id,
    doc_id: doc.id,
    ordinal,
    role: p.role,
    text: p.text,
    page: p.page,
    pages: p.pages,
    citation: p.citation,
    fingerprint: p.fingerprint,
    ...(p.box !== undefined ? { box: p.box } : {}),
    ...(p.column !== undefined ? { column: p.column } : {}),
    year: doc.meta.year,
    type: doc.meta.type,
  };
}

function paragraphFromSource(source: ParagraphSource): ParagraphNode {
  return {
    type: 'paragraph',
    id: source.id,
    role: source.role,
    text: source.text,
    page: source.page,
    pages: source.pages,
    citation: source.citation,
    fingerprint: source.fingerprint,
    ...(source.box !== undefined ? { box: source.box } : {}),
    ...(source.column !== undefined ? { column: source.column } : {}),
  };
}

function commitmentSource(doc: DocumentNode, c: Commitment, ordinal: number): CommitmentSource {
  return {
    id: c.id,
    doc_id: doc.id,
    paragraph_id: c.paragraphId,
    ordinal,
    action: c.action,
    deadline_start: c.deadline?.start ?? null,
    deadline_end: c.deadline?.end ?? null,
    actors: c.actors.map(actorKey),
    year: c.year,
    commitment: c,
  };
}

function permalinkSource(docId: string, r: RetiredId): PermalinkSource {
  return { id: r.id, doc_id: docId, to_id: r.to, fingerprint: r.fingerprint, citation: r.citation, position: r.position, archived_at: r.archivedAt };
}

function retiredFromSource(source: PermalinkSource): RetiredId {
  return { id: source.id, fingerprint: source.fingerprint, citation: source.citation, position: source.position, to: source.to_id, archivedAt: source.archived_at };
}

function summaryFromSource(source: Omit<DocumentSource, 'tree'>): DocumentSummary {
  return {
    meta: source.meta,
    contentHash: source.content_hash,
    pageCount: source.page_count,
    paragraphCount: source.paragraph_count,
    commitmentCount: source.commitment_count,
    ingestedAt: source.ingested_at,
  };
}
