import {
  candidateQuery,
  followUpVia,
  linksForRow,
  matchFollowUp,
  paragraphMatchText,
  rowMatchText,
  termBackground,
  type FollowUpVia,
  type TermBackground,
} from '../src/enrich/index.ts';
import type { DocumentSummary, IndexBackend } from '../src/index/backend.ts';
import { sectionsOf } from '../src/tree/index.ts';
import type { CatalogEntry, Citation, DocumentNode, DocumentRef, ParagraphNode, SectionNode } from '../src/tree/types.ts';

// Follow-up across years, computed when a paragraph is read: nothing is stored, both backends
// answer it through the same interface, and the order documents were ingested does not matter.
// Search finds the candidates; `matchFollowUp` (src/enrich) decides, the same way both directions.

/** An agreement paragraph that a follow-up row follows. */
export interface FollowedParagraph {
  id: string;
  text: string;
  citation: Citation;
  score: number;
  via: FollowUpVia;
}

/** A follow-up row that follows an agreement paragraph. */
export interface FollowingRow {
  /** The row's section id. */
  rowId: string;
  /** The row's status cell (its first cell when it has none): where its status is read and linked. */
  cellId: string;
  document: DocumentRef;
  topic: string;
  status: string;
  responsible: string | null;
  references: string[];
  score: number;
  via: FollowUpVia;
}

export interface FollowUps {
  /** For a follow-up row's cells: the agreement paragraphs the row follows, best first. */
  follows: FollowedParagraph[];
  /** For an agreement paragraph: the follow-up rows that follow it, best first. */
  followedUpBy: FollowingRow[];
}

export const NO_FOLLOW_UPS: FollowUps = { follows: [], followedUpBy: [] };

/** Hits to read per candidate search: a follow-up shares the most distinctive words, so it ranks
 * near the top; the corpus needs fewer than this (test/api/follow-ups.test.ts compares with
 * comparing every pair). */
const CANDIDATES = 50;
/** Term backgrounds kept, by document version; a version's background never changes. */
const BACKGROUNDS_KEPT = 32;

/** Answers kept, by paragraph and the versions of the stored documents they were computed from. */
const ANSWERS_KEPT = 2000;
const answers = new Map<string, FollowUps>();

export async function followUpsFor(backend: IndexBackend, paragraph: ParagraphNode): Promise<FollowUps> {
  const type = paragraph.citation.document.type;
  if (!(type === 'økonomiaftale' || (type === 'opfølgningsskema' && paragraph.role === 'row-cell'))) return NO_FOLLOW_UPS;
  // Links change only when a document is (re)ingested: the stored versions key the answer.
  const documents = await backend.listDocuments();
  const key = `${paragraph.id}\n${paragraph.fingerprint.hash}\n${documents.map((d) => `${d.meta.id}@${d.contentHash}`).join('|')}`;
  const known = answers.get(key);
  if (known) return known;
  const answer =
    type === 'opfølgningsskema'
      ? { follows: await paragraphsFollowed(backend, paragraph, documents), followedUpBy: [] }
      : { follows: [], followedUpBy: await rowsFollowing(backend, paragraph, documents) };
  if (answers.size >= ANSWERS_KEPT) answers.delete(answers.keys().next().value!);
  answers.set(key, answer);
  return answer;
}

/** The agreement paragraphs that a cell's row follows. */
async function paragraphsFollowed(backend: IndexBackend, cell: ParagraphNode, documents: DocumentSummary[]): Promise<FollowedParagraph[]> {
  const scheme = await backend.getDocument(cell.citation.document.id);
  const section = scheme && sectionsOf(scheme).find((s) => s.children.some((child) => child.id === cell.id));
  const row = section?.row;
  if (!scheme || !row) return [];

  const schemeRef = documentRef(scheme.meta);
  const agreements = documents.filter((summary) => followUpVia(row, schemeRef, summary.meta) !== null);
  const q = candidateQuery(rowMatchText(row), backgroundOf(scheme));
  if (agreements.length === 0 || q === null) return [];

  const { hits } = await backend.search({ q, filters: { documents: agreements.map((summary) => summary.meta.id) }, limit: CANDIDATES });
  const backgrounds = new Map<string, TermBackground>();
  for (const summary of agreements.filter((a) => hits.some((hit) => hit.citation.document.id === a.meta.id))) {
    const background = await storedBackground(backend, summary);
    if (background) backgrounds.set(summary.meta.id, background);
  }
  const texts = new Map(hits.map((hit) => [hit.id, hit.text]));
  return linksForRow(row, schemeRef, hits, (id) => backgrounds.get(id)).map((link) => ({
    id: link.paragraphId,
    text: texts.get(link.paragraphId) ?? '',
    citation: link.citation,
    score: link.score,
    via: link.via,
  }));
}

/** The follow-up rows, in any scheme, that follow an agreement paragraph. */
async function rowsFollowing(backend: IndexBackend, paragraph: ParagraphNode, documents: DocumentSummary[]): Promise<FollowingRow[]> {
  const schemes = documents.filter((summary) => summary.meta.type === 'opfølgningsskema');
  const own = documents.find((summary) => summary.meta.id === paragraph.citation.document.id);
  const background = own && schemes.length > 0 ? await storedBackground(backend, own) : undefined;
  if (!background) return [];
  const q = candidateQuery(paragraphMatchText(paragraph), background);
  if (q === null) return [];

  const { hits } = await backend.search({ q, filters: { documents: schemes.map((summary) => summary.meta.id) }, limit: CANDIDATES });
  const hitIds = new Set(hits.map((hit) => hit.id));
  const rows: FollowingRow[] = [];
  for (const schemeId of new Set(hits.map((hit) => hit.citation.document.id))) {
    const scheme = await backend.getDocument(schemeId);
    if (!scheme) continue;
    const schemeRef = documentRef(scheme.meta);
    for (const section of sectionsOf(scheme)) {
      if (!section.row || !section.children.some((child) => hitIds.has(child.id))) continue;
      const match = matchFollowUp(section.row, schemeRef, paragraph, background);
      if (match) rows.push(followingRow(section, section.row, schemeRef, match.score, match.via));
    }
  }
  return rows.sort((a, b) => b.score - a.score || a.rowId.localeCompare(b.rowId));
}

function followingRow(section: SectionNode, row: NonNullable<SectionNode['row']>, document: DocumentRef, score: number, via: FollowUpVia): FollowingRow {
  const cell = section.children.find((child) => child.column === 'status') ?? (section.children[0] as ParagraphNode);
  return {
    rowId: section.id,
    cellId: cell.id,
    document,
    topic: row.topic,
    status: row.status,
    responsible: row.responsible,
    references: row.references,
    score,
    via,
  };
}

const backgrounds = new Map<string, TermBackground>();

function backgroundKey(id: string, contentHash: string): string {
  return `${id}\u0000${contentHash}`;
}

/** A document's term background, computed once per version. */
function backgroundOf(doc: DocumentNode): TermBackground {
  const key = backgroundKey(doc.id, doc.contentHash);
  let background = backgrounds.get(key);
  if (!background) {
    background = termBackground(doc);
    backgrounds.set(key, background);
    // Maps iterate in insertion order: the first key is the oldest.
    if (backgrounds.size > BACKGROUNDS_KEPT) backgrounds.delete(backgrounds.keys().next().value as string);
  }
  return background;
}

/** The background of a stored document version; the document is read only when not yet known. */
async function storedBackground(backend: IndexBackend, summary: DocumentSummary): Promise<TermBackground | undefined> {
  const known = backgrounds.get(backgroundKey(summary.meta.id, summary.contentHash));
  if (known) return known;
  const doc = await backend.getDocument(summary.meta.id);
  return doc ? backgroundOf(doc) : undefined;
}

function documentRef(meta: CatalogEntry): DocumentRef {
  return { id: meta.id, title: meta.title, type: meta.type, year: meta.year };
}
