// The document tree, declared once. Every node is plain JSON told apart by `type`,
// so it can be stored, sent over a queue and compared in tests without classes.

export const DOCUMENT_TYPES = [
  'økonomiaftale',
  'opfølgningsskema',
  'notat',
  'hensigtserklæring',
  'udspil',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Curated metadata of one source document (corpus/catalog.json or ingest flags). */
export interface CatalogEntry {
  /** Stable short id used in every permalink, e.g. `oa18`, `oa20-opfoelgning`. */
  id: string;
  title: string;
  type: DocumentType;
  /** The year the document is about (an ØA's agreement year); null when undated. */
  year: number | null;
  /** Period covered, e.g. a work programme 2019–2020. */
  period?: { from: number; to: number };
  /** Parties in their normalized short form (see src/analysis data), e.g. ["Regeringen", "Danske Regioner"]. */
  parties: string[];
  /** ISO date (YYYY-MM-DD) the document was concluded or dated, when known. */
  date?: string;
  /** Source file name relative to the catalog's folder. */
  source: string;
}

/** Metadata as carried in citations (a subset, so citations stay small). */
export interface DocumentRef {
  id: string;
  title: string;
  type: DocumentType;
  year: number | null;
}

// ---------------------------------------------------------------- extract

export interface PageText {
  /** 1-based page number as printed by the PDF viewer. */
  page: number;
  text: string;
}

/** One table row as cells, in reading order, from a ruled table in a PDF. */
export type TableRow = string[];

export interface PageTables {
  page: number;
  tables: TableRow[][];
}

export interface ExtractedText {
  source: string;
  format: 'pdf' | 'note';
  /** SHA-256 of the file's bytes: the identity of this version of the document. */
  contentHash: string;
  pages: PageText[];
  /** Ruled tables found in the PDF; empty for notes and plain PDFs. */
  tables: PageTables[];
}

// ---------------------------------------------------------------- normalize

export type LineKind = 'text' | 'blank' | 'bullet' | 'heading';

/** A normalized line: debris removed, hyphenation joined, its page kept. */
export interface NormalizedLine {
  text: string;
  page: number;
  kind: LineKind;
  /** Heading level for notes with markup (`##` → 2); absent for PDF text. */
  level?: number;
  /** Length of the line as extracted, before words moved by hyphen joining (a layout clue). */
  width?: number;
}

/** One row of a follow-up scheme's table, each of its four cells as normalized lines. */
export interface NormalizedTableRow {
  cells: NormalizedLine[][];
  pages: number[];
}

/** The normalize stage's output: clean lines (or table rows) ready to be segmented. */
export interface NormalizedDocument {
  source: string;
  format: 'pdf' | 'note';
  contentHash: string;
  pageCount: number;
  /** The text as lines; empty for a follow-up scheme, whose text is in `rows`. */
  lines: NormalizedLine[];
  /** A follow-up scheme's table rows, continuation rows merged; null for running text. */
  rows: NormalizedTableRow[] | null;
  findings: Finding[];
}

/** A problem that did not stop the document, with where it was found. */
export interface Finding {
  code: string;
  message: string;
  page?: number;
}

// ---------------------------------------------------------------- tree

export type ParagraphRole = 'text' | 'list-item' | 'box' | 'row-cell';

/** The four columns of a follow-up scheme row. */
export type RowColumn = 'topic' | 'agreement' | 'economy' | 'status';

export interface Heading {
  /** As printed: "3", "2.3", "Bilag 1", "Boks 2"; null for unnumbered headings. */
  number: string | null;
  title: string;
}

export interface Citation {
  document: DocumentRef;
  chapter: Heading | null;
  section: Heading | null;
  /** First page of the paragraph. */
  page: number;
  /** All pages the paragraph spans (one element in most cases). */
  pages: number[];
  /** 1-based position of the paragraph within its section (or chapter when it has none). */
  paragraph: number;
}

/**
 * What lets a link find its paragraph again after the document is revised:
 * the quote with some context either side (as Hypothesis anchors annotations).
 */
export interface Fingerprint {
  quote: string;
  prefix: string;
  suffix: string;
  /** SHA-256 (hex, first 16 chars) of the whitespace-folded quote. */
  hash: string;
}

export interface ParagraphNode {
  type: 'paragraph';
  /** Stable, readable id: `oa18/3/national-udrulning-af-den-patientansvarlige-laege/2`. */
  id: string;
  role: ParagraphRole;
  text: string;
  page: number;
  pages: number[];
  citation: Citation;
  fingerprint: Fingerprint;
  /** Set when role is 'box': the box label, e.g. "Boks 1". */
  box?: string;
  /** Set when role is 'row-cell': which column of the follow-up row. */
  column?: RowColumn;
}

/** A follow-up scheme row (opfølgningsskema): one agreed item with its four columns. */
export interface FollowUpRow {
  topic: string;
  agreement: string;
  economy: string;
  status: string;
  /** Agreements the row follows up, e.g. ["ØA18", "ØA19"]. */
  references: string[];
  /** Responsible staff initials, e.g. "AKJ". */
  responsible: string | null;
}

export interface SectionNode {
  type: 'section';
  id: string;
  heading: Heading;
  pages: number[];
  /** Present on the sections that are follow-up scheme rows. */
  row?: FollowUpRow;
  children: ParagraphNode[];
}

export type ChapterKind = 'front' | 'chapter' | 'annex';

export interface ChapterNode {
  type: 'chapter';
  id: string;
  kind: ChapterKind;
  heading: Heading;
  pages: number[];
  /** Paragraphs before the first section, then the sections. */
  children: (ParagraphNode | SectionNode)[];
}

export interface DocumentNode {
  type: 'document';
  id: string;
  meta: CatalogEntry;
  contentHash: string;
  pageCount: number;
  children: ChapterNode[];
  findings: Finding[];
}

export type TreeNode = DocumentNode | ChapterNode | SectionNode | ParagraphNode;

// ---------------------------------------------------------------- enrich

export type DeadlinePrecision = 'day' | 'month' | 'quarter' | 'season' | 'half-year' | 'year' | 'period';

export interface Deadline {
  /** As written in the source, e.g. "inden udgangen af 2018". */
  text: string;
  /** ISO dates (YYYY-MM-DD), both inclusive. */
  start: string;
  end: string;
  precision: DeadlinePrecision;
}

export interface Commitment {
  type: 'commitment';
  /** `<paragraph id>#c<n>`: stable as long as the paragraph id is. */
  id: string;
  /** Normalized actor names, e.g. ["Regeringen", "Danske Regioner"]. */
  actors: string[];
  action: string;
  deadline: Deadline | null;
  paragraphId: string;
  citation: Citation;
  /** The document's own year (for "inden årets udgang" and for filtering). */
  year: number | null;
  /** Follow-up rows only. */
  status?: string;
  responsible?: string;
  references?: string[];
}
