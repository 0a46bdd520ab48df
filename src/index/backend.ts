import type { CatalogEntry, Citation, Commitment, DocumentNode, DocumentType, Fingerprint, ParagraphNode } from '../tree/types.ts';

// The one interface both index backends implement (embedded SQLite FTS5, Elasticsearch).
// It lists only what the API, CLI and ingest call; one contract suite tests it per backend.

export type SortOrder = 'relevance' | 'year';

export interface SearchFilters {
  years?: number[];
  types?: DocumentType[];
  documents?: string[];
}

export interface SearchRequest {
  /** The user's query in the small safe syntax (see src/search): words, "phrases", OR, -word. */
  q: string;
  filters?: SearchFilters;
  sort?: SortOrder;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  id: string;
  text: string;
  /** HTML-escaped text with the matches wrapped in <mark>…</mark>. */
  snippet: string;
  citation: Citation;
  score: number;
}

export interface FacetCount<T> {
  value: T;
  count: number;
}

export interface SearchResponse {
  total: number;
  hits: SearchHit[];
  facets: { year: FacetCount<number | null>[]; type: FacetCount<DocumentType>[] };
  /** "Mente du …?": a nearby query when this one found nothing. */
  suggestion?: string;
}

export interface DocumentSummary {
  meta: CatalogEntry;
  contentHash: string;
  pageCount: number;
  paragraphCount: number;
  commitmentCount: number;
  ingestedAt: string;
}

/** What a permalink resolves to; a permalink once issued never resolves to nothing. */
export type ParagraphLookup =
  | { status: 'found'; paragraph: ParagraphNode; previous: ParagraphNode | null; next: ParagraphNode | null }
  /** The id belonged to an earlier version; `to` is the best matching paragraph of the current one. */
  | { status: 'moved'; to: string; from: string }
  /** The passage is gone from the current version: its archived quote is shown with a notice. */
  | { status: 'archived'; id: string; fingerprint: Fingerprint; citation: Citation; archivedAt: string }
  | { status: 'unknown' };

export interface CommitmentRequest {
  /** ISO dates; a commitment matches when its deadline interval overlaps [from, to]. */
  deadlineFrom?: string;
  deadlineTo?: string;
  actor?: string;
  documents?: string[];
  q?: string;
  limit?: number;
  offset?: number;
}

export interface CommitmentResponse {
  total: number;
  items: Commitment[];
}

export interface IndexBackend {
  readonly name: 'embedded' | 'elasticsearch';
  /**
   * Stores a document version with its commitments, atomically. Paragraph ids of an earlier
   * version that are not in the new one are kept as redirects (re-anchored by quote and
   * context) or archived quotes, so old links keep working.
   */
  putDocument(doc: DocumentNode, commitments: Commitment[]): Promise<void>;
  /** The content hash stored for a document id, to skip unchanged files. */
  contentHashOf(documentId: string): Promise<string | null>;
  listDocuments(): Promise<DocumentSummary[]>;
  getDocument(documentId: string): Promise<DocumentNode | null>;
  getParagraph(id: string): Promise<ParagraphLookup>;
  search(request: SearchRequest): Promise<SearchResponse>;
  commitments(request: CommitmentRequest): Promise<CommitmentResponse>;
  close(): Promise<void>;
}
