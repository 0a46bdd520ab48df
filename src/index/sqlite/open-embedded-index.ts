import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { analyzeForIndex, normalizeActor, suggest, tokenize } from '../../analysis/index.ts';
import { compileQuery } from '../../search/compile-query.ts';
import type { CompiledQuery } from '../../search/compile-query.ts';
import { snippet } from '../../search/highlight.ts';
import { formatQuery, parseQuery } from '../../search/parse-query.ts';
import type { ParsedQuery, QueryTerm } from '../../search/parse-query.ts';
import type {
  ChapterNode,
  Citation,
  Commitment,
  DocumentNode,
  DocumentType,
  Fingerprint,
  ParagraphNode,
  ParagraphRole,
  RowColumn,
  SectionNode,
} from '../../tree/types.ts';
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
import { FIELD_WEIGHTS, FTS_COLUMNS, ftsMatch, OWN_WEIGHTS } from './fts-match.ts';
import { paragraphFacts, type FactRow, type ParagraphFacts } from './paragraph-facts.ts';
import { SCHEMA, SCHEMA_ADDITIONS, SCHEMA_VERSION } from './schema.ts';

export interface EmbeddedIndexOptions {
  /** Folder of the index file (DATA_DIR); created when missing. */
  dir: string;
  /** The clock, for ingest and archive dates. Default: the system clock. */
  now?: () => Date;
  /**
   * Above this many hits, relevance order gives way to year order: FTS5 scores every hit before
   * it can sort, so a query that matches nearly everything would cost ~1 s per million
   * paragraphs, and its ranking says little anyway. Default 10,000.
   */
  rankLimit?: number;
}

/** File name of the index inside `dir`. */
export const INDEX_FILE = 'aftalesog.sqlite';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const SELECT_PARAGRAPH = 'SELECT p.rowid, p.id, p.doc_id, p.ordinal, p.year, p.type, c.* FROM paragraphs p JOIN paragraph_content c ON c.rowid = p.rowid';
const bm25 = (weights: Record<(typeof FTS_COLUMNS)[number], number>) => `bm25(paragraph_terms, ${FTS_COLUMNS.map((c) => weights[c]).join(', ')})`;
/** Rank by the word's own forms, then by compound parts (see FIELD_WEIGHTS). */
const RANK = `${bm25(OWN_WEIGHTS)} AS score, ${bm25(FIELD_WEIGHTS)} AS parts_score`;

interface ParagraphRow {
  rowid: number;
  id: string;
  doc_id: string;
  ordinal: number;
  role: ParagraphRole;
  text: string;
  page: number;
  pages: string;
  citation: string;
  fingerprint: string;
  box: string | null;
  row_column: RowColumn | null;
  year: number | null;
  type: DocumentType;
}

interface PermalinkRow {
  id: string;
  doc_id: string;
  to_id: string | null;
  fingerprint: string;
  citation: string;
  position: number;
  archived_at: string | null;
}

interface DocumentRow extends SummaryRow {
  tree: string;
}

interface SummaryRow {
  meta: string;
  content_hash: string;
  page_count: number;
  paragraph_count: number;
  commitment_count: number;
  ingested_at: string;
}

/** Opens (or creates) the embedded SQLite FTS5 index under `dir`. */
export async function openEmbeddedIndex(options: EmbeddedIndexOptions): Promise<IndexBackend> {
  await mkdir(options.dir, { recursive: true });
  const db = new Database(join(options.dir, INDEX_FILE));
  try {
    db.pragma('journal_mode = WAL');
    // With WAL, NORMAL keeps every commit across an application crash; only power loss may
    // roll back the last ones (they are re-ingested from the source files).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return createBackend(db, options);
}

/** The index file was written by another version of the program. */
export class IndexVersionError extends Error {
  override readonly name = 'IndexVersionError';
  readonly code = 'INDEX_VERSION';
}

function migrate(db: Database.Database): void {
  const check = () => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== 0 && version !== SCHEMA_VERSION) {
      throw new IndexVersionError(`the index has schema version ${version}, this program needs ${SCHEMA_VERSION}: delete ${INDEX_FILE} and ingest again`);
    }
    return version;
  };
  if (check() === SCHEMA_VERSION) return addMissingIndexes(db);
  // Immediate: two processes opening a new index at once must not both create the tables.
  db.transaction(() => {
    if (check() === SCHEMA_VERSION) return;
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

function addMissingIndexes(db: Database.Database): void {
  const exists = db.prepare<[string], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?");
  const missing = SCHEMA_ADDITIONS.filter((index) => !exists.get(index.name));
  if (missing.length === 0) return;
  db.transaction(() => {
    for (const index of missing) if (!exists.get(index.name)) db.exec(index.sql);
  }).immediate();
}

function createBackend(db: Database.Database, options: EmbeddedIndexOptions): IndexBackend {
  const now = options.now ?? (() => new Date());
  const rankLimit = options.rankLimit ?? 10_000;

  // Search statements differ only in their ORDER BY: prepared once each.
  const statements = new Map<string, Database.Statement>();
  const prepared = <P extends object, R>(text: string) => {
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = db.prepare(text)));
    return statement as Database.Statement<P, R>;
  };
  // The index's words with their paragraph counts, for "Mente du …?"; rebuilt after a write
  // here or, seen through data_version, by another process (a CLI ingest beside the server).
  let vocabulary: { words: Map<string, number>; dataVersion: number } | null = null;
  const currentVocabulary = () => {
    const dataVersion = db.pragma('data_version', { simple: true }) as number;
    if (vocabulary?.dataVersion !== dataVersion) {
      vocabulary = { words: new Map(sql.vocabulary.all().map((r) => [r.term, r.doc])), dataVersion };
    }
    return vocabulary.words;
  };

  // Year, type, document and position of every paragraph, for facets, filters and year order
  // without joining each hit to its row; reloaded when the index changed, as the vocabulary is.
  let facts: { facts: ParagraphFacts; dataVersion: number } | null = null;
  const currentFacts = () => {
    const dataVersion = db.pragma('data_version', { simple: true }) as number;
    if (facts?.dataVersion !== dataVersion) {
      facts = null;
      facts = { facts: paragraphFacts(sql.maxParagraphRowid.get() ?? 0, sql.paragraphFacts.iterate()), dataVersion };
    }
    return facts.facts;
  };

  const sql = {
    paragraphFacts: db.prepare<[], FactRow>('SELECT rowid, year, type, doc_id, ordinal FROM paragraphs'),
    maxParagraphRowid: db.prepare<[], number | null>('SELECT max(rowid) FROM paragraphs').pluck(),
    matchingRowids: db.prepare<[string], number>('SELECT rowid FROM paragraph_terms WHERE paragraph_terms MATCH ?').pluck(),
    countCommitmentMatches: db.prepare<[string], number>('SELECT count(*) FROM commitment_terms WHERE commitment_terms MATCH ?').pluck(),
    countCommitments: db.prepare<[], number>('SELECT count(*) FROM commitments').pluck(),
    documentById: db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE id = ?'),
    contentHash: db.prepare<[string], { content_hash: string }>('SELECT content_hash FROM documents WHERE id = ?'),
    // From documents_summaries, without the trees: listings are read on many requests.
    documents: db.prepare<[], SummaryRow>('SELECT meta, content_hash, page_count, paragraph_count, commitment_count, ingested_at FROM documents ORDER BY id'),
    upsertDocument: db.prepare(
      `INSERT INTO documents (id, meta, tree, content_hash, page_count, paragraph_count, commitment_count, ingested_at)
       VALUES (@id, @meta, @tree, @content_hash, @page_count, @paragraph_count, @commitment_count, @ingested_at)
       ON CONFLICT (id) DO UPDATE SET meta = excluded.meta, tree = excluded.tree, content_hash = excluded.content_hash,
         page_count = excluded.page_count, paragraph_count = excluded.paragraph_count,
         commitment_count = excluded.commitment_count, ingested_at = excluded.ingested_at`,
    ),
    paragraphsOfDocument: db.prepare<[string], ParagraphRow>(`${SELECT_PARAGRAPH} WHERE p.doc_id = ? ORDER BY p.ordinal`),
    paragraphById: db.prepare<[string], ParagraphRow>(`${SELECT_PARAGRAPH} WHERE p.id = ?`),
    paragraphAt: db.prepare<[string, number], ParagraphRow>(`${SELECT_PARAGRAPH} WHERE p.doc_id = ? AND p.ordinal = ?`),
    paragraphsByRowid: db.prepare<[string], ParagraphRow>(`${SELECT_PARAGRAPH} WHERE p.rowid IN (SELECT value FROM json_each(?))`),
    deleteParagraphTerms: db.prepare(`DELETE FROM paragraph_terms WHERE rowid IN (SELECT rowid FROM paragraphs WHERE doc_id = ?)`),
    deleteParagraphContent: db.prepare('DELETE FROM paragraph_content WHERE rowid IN (SELECT rowid FROM paragraphs WHERE doc_id = ?)'),
    deleteParagraphs: db.prepare('DELETE FROM paragraphs WHERE doc_id = ?'),
    insertParagraph: db.prepare('INSERT INTO paragraphs (id, doc_id, ordinal, year, type) VALUES (@id, @doc_id, @ordinal, @year, @type)'),
    insertParagraphContent: db.prepare(
      `INSERT INTO paragraph_content (rowid, role, text, page, pages, citation, fingerprint, box, row_column)
       VALUES (@rowid, @role, @text, @page, @pages, @citation, @fingerprint, @box, @row_column)`,
    ),
    insertParagraphTerms: db.prepare(`INSERT INTO paragraph_terms (rowid, ${FTS_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?)`),
    permalinksOfDocument: db.prepare<[string], PermalinkRow>('SELECT * FROM permalinks WHERE doc_id = ?'),
    permalinkById: db.prepare<[string], PermalinkRow>('SELECT * FROM permalinks WHERE id = ?'),
    deletePermalinks: db.prepare('DELETE FROM permalinks WHERE doc_id = ?'),
    insertPermalink: db.prepare(
      `INSERT INTO permalinks (id, doc_id, to_id, fingerprint, citation, position, archived_at)
       VALUES (@id, @doc_id, @to_id, @fingerprint, @citation, @position, @archived_at)`,
    ),
    deleteCommitmentTerms: db.prepare(`DELETE FROM commitment_terms WHERE rowid IN (SELECT rowid FROM commitments WHERE doc_id = ?)`),
    deleteCommitments: db.prepare('DELETE FROM commitments WHERE doc_id = ?'),
    insertCommitment: db.prepare(
      `INSERT INTO commitments (id, doc_id, paragraph_id, ordinal, json, deadline_start, deadline_end, actors, year)
       VALUES (@id, @doc_id, @paragraph_id, @ordinal, @json, @deadline_start, @deadline_end, @actors, @year)`,
    ),
    vocabulary: db.prepare<[], { term: string; doc: number }>(`SELECT term, doc FROM paragraph_vocabulary WHERE col = 'exact'`),
    commitmentsByRowid: db.prepare<[string], { rowid: number; json: string }>('SELECT rowid, json FROM commitments WHERE rowid IN (SELECT value FROM json_each(?))'),
    insertCommitmentTerms: db.prepare(`INSERT INTO commitment_terms (rowid, ${FTS_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?)`),
  };

  const putDocument = db.transaction((doc: DocumentNode, commitments: Commitment[]) => {
    const stamp = now().toISOString();
    const paragraphs = paragraphsOf(doc);
    const previous = sql.paragraphsOfDocument.all(doc.id).map(paragraphFromRow);
    const retired = retireIds({ paragraphs: previous, retired: sql.permalinksOfDocument.all(doc.id).map(retiredFromRow) }, paragraphs, stamp);

    sql.deleteParagraphTerms.run(doc.id);
    sql.deleteParagraphContent.run(doc.id);
    sql.deleteParagraphs.run(doc.id);
    sql.deleteCommitmentTerms.run(doc.id);
    sql.deleteCommitments.run(doc.id);
    sql.deletePermalinks.run(doc.id);
    sql.upsertDocument.run({
      id: doc.id,
      meta: JSON.stringify(doc.meta),
      tree: JSON.stringify(outlineOf(doc)),
      content_hash: doc.contentHash,
      page_count: doc.pageCount,
      paragraph_count: paragraphs.length,
      commitment_count: commitments.length,
      ingested_at: stamp,
    });
    paragraphs.forEach((p, ordinal) => {
      const { lastInsertRowid } = sql.insertParagraph.run({ id: p.id, doc_id: doc.id, ordinal, year: doc.meta.year, type: doc.meta.type });
      sql.insertParagraphContent.run({
        rowid: lastInsertRowid,
        role: p.role,
        text: p.text,
        page: p.page,
        pages: JSON.stringify(p.pages),
        citation: JSON.stringify(p.citation),
        fingerprint: JSON.stringify(p.fingerprint),
        box: p.box ?? null,
        row_column: p.column ?? null,
      });
      sql.insertParagraphTerms.run(lastInsertRowid, ...termColumns(p.text));
    });
    for (const r of retired) {
      sql.insertPermalink.run({
        id: r.id,
        doc_id: doc.id,
        to_id: r.to,
        fingerprint: JSON.stringify(r.fingerprint),
        citation: JSON.stringify(r.citation),
        position: r.position,
        archived_at: r.archivedAt,
      });
    }
    commitments.forEach((c, ordinal) => {
      const { lastInsertRowid } = sql.insertCommitment.run({
        id: c.id,
        doc_id: doc.id,
        paragraph_id: c.paragraphId,
        ordinal,
        json: JSON.stringify(c),
        deadline_start: c.deadline?.start ?? null,
        deadline_end: c.deadline?.end ?? null,
        actors: JSON.stringify(c.actors.map(actorKey)),
        year: c.year,
      });
      sql.insertCommitmentTerms.run(lastInsertRowid, ...termColumns(c.action));
    });
  });

  const searchParagraphs = (request: SearchRequest): SearchResponse => {
    const parsed = parseQuery(request.q);
    const compiled = compileQuery(parsed);
    const params = {
      match: ftsMatch(compiled),
      years: listParam(request.filters?.years),
      types: listParam(request.filters?.types),
      documents: listParam(request.filters?.documents),
    };
    const where = `paragraph_terms MATCH @match
      AND (@years IS NULL OR p.year IN (SELECT value FROM json_each(@years)))
      AND (@types IS NULL OR p.type IN (SELECT value FROM json_each(@types)))
      AND (@documents IS NULL OR p.doc_id IN (SELECT value FROM json_each(@documents)))`;
    const from = 'FROM paragraph_terms JOIN paragraphs p ON p.rowid = paragraph_terms.rowid';

    const known = currentFacts();
    const find = (match: string) => known.filter(sql.matchingRowids.all(match), request.filters);
    const { kept, groups } = find(params.match);
    const total = kept.length;
    const response: SearchResponse = { total, hits: [], facets: facetsOf(groups) };
    if (total === 0) {
      // Offer the query with unknown words replaced by their nearest index words, if it finds something.
      const alternative = correctedQuery(parsed, currentVocabulary());
      if (alternative && find(ftsMatch(compileQuery(alternative))).kept.length > 0) response.suggestion = formatQuery(alternative);
      return response;
    }

    const limit = Math.min(Math.max(Math.trunc(request.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
    const offset = Math.max(Math.trunc(request.offset ?? 0), 0);
    const byYear = 'p.year IS NULL, p.year DESC';
    const ranked = total <= rankLimit;
    const relevance = 'score, parts_score, p.doc_id, p.ordinal';
    const order = request.sort === 'year' ? `${byYear}, ${relevance}` : relevance;
    // Too many hits to rank: year order, taken from the hits already found. Ranked, FTS5 reads
    // only the rowid range that holds the kept hits (a document filter's few hundred rows).
    const page: { rowid: number; score?: number }[] = !ranked
      ? known.pageByYear(kept, offset, limit).map((rowid) => ({ rowid }))
      : prepared<typeof params & { limit: number; offset: number; low: number; high: number }, { rowid: number; score?: number }>(
          `SELECT p.rowid, ${RANK} ${from} WHERE ${where} AND paragraph_terms.rowid BETWEEN @low AND @high ORDER BY ${order} LIMIT @limit OFFSET @offset`,
        ).all({ ...params, limit, offset, low: kept.reduce((a, b) => Math.min(a, b)), high: kept.reduce((a, b) => Math.max(a, b)) });
    const rowids = page.map((r) => r.rowid);
    // Score 0: found only inside compounds, or a page too large to rank (FTS5 cannot score a
    // few hits without scanning them all).
    const scores = new Map(page.map((r) => [r.rowid, r.score ?? 0]));
    const rows = new Map(sql.paragraphsByRowid.all(JSON.stringify(rowids)).map((r) => [r.rowid, r]));
    response.hits = rowids.map((rowid) => hitFromRow(rows.get(rowid)!, -(scores.get(rowid) ?? 0), compiled));
    return response;
  };

  const listCommitments = (request: CommitmentRequest): CommitmentResponse => {
    const params = {
      from: request.deadlineFrom ?? null,
      to: request.deadlineTo ?? null,
      actor: request.actor ? actorKey(request.actor) : null,
      documents: listParam(request.documents),
      match: request.q !== undefined && request.q.trim() !== '' ? ftsMatch(compileQuery(parseQuery(request.q))) : null,
    };
    // A word found in many commitments is checked while reading the index in order ('+' keeps
    // SQLite from looking up each match's row instead, 3–4× slower for common words).
    const broad = (match: string) => sql.countCommitmentMatches.get(match)! * 20 > sql.countCommitments.get()!;
    // Only the conditions asked for, so that SQLite can read them from the indexes.
    const conditions = [
      params.from !== null && 'c.deadline_end >= @from',
      params.to !== null && 'c.deadline_start <= @to',
      params.actor !== null && 'EXISTS (SELECT 1 FROM json_each(c.actors) WHERE value = @actor)',
      params.documents !== null && 'c.doc_id IN (SELECT value FROM json_each(@documents))',
      params.match !== null && `${broad(params.match) ? '+' : ''}c.rowid IN (SELECT rowid FROM commitment_terms WHERE commitment_terms MATCH @match)`,
    ].filter((c): c is string => c !== false);
    const where = (deadline: 'IS NULL' | 'IS NOT NULL') => [`c.deadline_end ${deadline}`, ...conditions].join(' AND ');
    const count = (deadline: 'IS NULL' | 'IS NOT NULL') =>
      prepared<typeof params, { n: number }>(`SELECT count(*) AS n FROM commitments c WHERE ${where(deadline)}`).get(params)!.n;
    // Dated commitments first, by deadline, then the undated ones: each part in the order of
    // commitments_in_order, so a page is read from the index instead of sorting every row.
    const page = (deadline: 'IS NULL' | 'IS NOT NULL', limit: number, offset: number) =>
      prepared<typeof params & { limit: number; offset: number }, number>(
        `SELECT c.rowid FROM commitments c WHERE ${where(deadline)}
         ORDER BY c.deadline_end, c.deadline_start, c.doc_id, c.ordinal LIMIT @limit OFFSET @offset`,
      )
        .pluck()
        .all({ ...params, limit, offset });
    const dated = count('IS NOT NULL');
    const total = dated + count('IS NULL');
    const limit = Math.min(Math.max(Math.trunc(request.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
    const offset = Math.max(Math.trunc(request.offset ?? 0), 0);
    const rowids = offset < dated ? page('IS NOT NULL', limit, offset) : [];
    if (rowids.length < limit && offset + rowids.length < total) rowids.push(...page('IS NULL', limit - rowids.length, Math.max(0, offset - dated)));
    const json = new Map(sql.commitmentsByRowid.all(JSON.stringify(rowids)).map((r) => [r.rowid, r.json]));
    return { total, items: rowids.map((rowid) => JSON.parse(json.get(rowid)!) as Commitment) };
  };

  const getParagraph = (id: string): ParagraphLookup => {
    const row = sql.paragraphById.get(id);
    if (row) {
      const neighbour = (ordinal: number) => {
        const n = sql.paragraphAt.get(row.doc_id, ordinal);
        return n ? paragraphFromRow(n) : null;
      };
      return { status: 'found', paragraph: paragraphFromRow(row), previous: neighbour(row.ordinal - 1), next: neighbour(row.ordinal + 1) };
    }
    const link = sql.permalinkById.get(id);
    if (!link) return { status: 'unknown' };
    if (link.to_id !== null) return { status: 'moved', to: link.to_id, from: id };
    return {
      status: 'archived',
      id,
      fingerprint: JSON.parse(link.fingerprint) as Fingerprint,
      citation: JSON.parse(link.citation) as Citation,
      archivedAt: link.archived_at ?? '',
    };
  };

  return {
    name: 'embedded',
    putDocument: async (doc, commitments) => {
      putDocument(doc, commitments);
      vocabulary = null;
      facts = null;
    },
    contentHashOf: async (documentId) => sql.contentHash.get(documentId)?.content_hash ?? null,
    listDocuments: async () => sql.documents.all().map(summaryFromRow),
    getDocument: async (documentId) => {
      const row = sql.documentById.get(documentId);
      if (!row) return null;
      const paragraphs = new Map(sql.paragraphsOfDocument.all(documentId).map((p) => [p.id, paragraphFromRow(p)]));
      return withParagraphs(JSON.parse(row.tree) as DocumentOutline, paragraphs);
    },
    getParagraph: async (id) => getParagraph(id),
    search: async (request) => searchParagraphs(request),
    commitments: async (request) => listCommitments(request),
    close: async () => {
      db.close();
    },
  };
}

/** The tree with each paragraph as its id alone: paragraphs are stored once, in their tables. */
type DocumentOutline = Omit<DocumentNode, 'children'> & {
  children: (Omit<ChapterNode, 'children'> & { children: (string | (Omit<SectionNode, 'children'> & { children: string[] }))[] })[];
};

function outlineOf(doc: DocumentNode): DocumentOutline {
  return {
    ...doc,
    children: doc.children.map((chapter) => ({
      ...chapter,
      children: chapter.children.map((c) => (c.type === 'paragraph' ? c.id : { ...c, children: c.children.map((p) => p.id) })),
    })),
  };
}

function withParagraphs(outline: DocumentOutline, paragraphs: ReadonlyMap<string, ParagraphNode>): DocumentNode {
  const paragraph = (id: string) => paragraphs.get(id)!;
  return {
    ...outline,
    children: outline.children.map((chapter) => ({
      ...chapter,
      children: chapter.children.map((c) => (typeof c === 'string' ? paragraph(c) : { ...c, children: c.children.map(paragraph) })),
    })),
  };
}

/** The FTS5 column values of a text: space-joined analysed terms, in FTS_COLUMNS order. */
function termColumns(text: string): [string, string, string, string] {
  const a = analyzeForIndex(text);
  return [a.exact.join(' '), a.stems.join(' '), a.folded.join(' '), a.parts.join(' ')];
}

/** The query with each misspelt word replaced by the closest index word; null when none is. */
function correctedQuery(query: ParsedQuery, vocabulary: ReadonlyMap<string, number>): ParsedQuery | null {
  let changed = false;
  const correctWord = (word: string) => {
    if (tokenize(word).length !== 1) return word;
    const [best] = suggest(word, vocabulary, { limit: 1 });
    if (best === undefined) return word;
    changed = true;
    return best;
  };
  const correct = (term: QueryTerm): QueryTerm => ({ ...term, text: term.text.split(' ').map(correctWord).join(' ') });
  const corrected = { clauses: query.clauses.map((clause) => clause.map(correct)), excluded: query.excluded };
  return changed ? corrected : null;
}

function listParam(values: readonly unknown[] | undefined): string | null {
  return values && values.length > 0 ? JSON.stringify(values) : null;
}

/** Actors compare by canonical name, any case: "DR" and "danske regioner" find "Danske Regioner". */
function actorKey(actor: string): string {
  return normalizeActor(actor).toLocaleLowerCase('da');
}

function facetsOf(groups: { year: number | null; type: DocumentType; n: number }[]): SearchResponse['facets'] {
  const count = <T>(key: (g: (typeof groups)[number]) => T): FacetCount<T>[] => {
    const counts = new Map<T, number>();
    for (const g of groups) counts.set(key(g), (counts.get(key(g)) ?? 0) + g.n);
    return [...counts].map(([value, n]) => ({ value, count: n }));
  };
  return {
    // Newest year first, undated last; types by how many hits they hold.
    year: count((g) => g.year).sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity)),
    type: count((g) => g.type).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
  };
}

function paragraphFromRow(row: ParagraphRow): ParagraphNode {
  return {
    type: 'paragraph',
    id: row.id,
    role: row.role,
    text: row.text,
    page: row.page,
    pages: JSON.parse(row.pages) as number[],
    citation: JSON.parse(row.citation) as Citation,
    fingerprint: JSON.parse(row.fingerprint) as Fingerprint,
    ...(row.box !== null ? { box: row.box } : {}),
    ...(row.row_column !== null ? { column: row.row_column } : {}),
  };
}

function retiredFromRow(row: PermalinkRow): RetiredId {
  return {
    id: row.id,
    fingerprint: JSON.parse(row.fingerprint) as Fingerprint,
    citation: JSON.parse(row.citation) as Citation,
    position: row.position,
    to: row.to_id,
    archivedAt: row.archived_at,
  };
}

function hitFromRow(row: ParagraphRow, score: number, query: CompiledQuery): SearchHit {
  const patterns = query.clauses.flat().flatMap((t) => t.patterns);
  return { id: row.id, text: row.text, snippet: snippet(row.text, patterns), citation: JSON.parse(row.citation) as Citation, score };
}

function summaryFromRow(row: SummaryRow): DocumentSummary {
  return {
    meta: JSON.parse(row.meta) as DocumentSummary['meta'],
    contentHash: row.content_hash,
    pageCount: row.page_count,
    paragraphCount: row.paragraph_count,
    commitmentCount: row.commitment_count,
    ingestedAt: row.ingested_at,
  };
}
