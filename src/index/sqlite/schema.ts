import { FTS5_TOKENIZE } from '../../analysis/index.ts';
import { FTS_COLUMNS } from './fts-match.ts';

/** Bumped when the tables change; an index of another version must be rebuilt (re-ingest). */
export const SCHEMA_VERSION = 3;

const FTS_OPTIONS = `${FTS_COLUMNS.join(', ')}, content='', contentless_delete=1, tokenize="${FTS5_TOKENIZE.replaceAll('"', '""')}"`;

/**
 * Indexes added to this schema version after it was first released: created on open where they
 * are missing (no re-ingest needed). The deadline list reads its page, its count and the actor
 * filter from commitments_in_order instead of sorting or scanning the commitment rows; document
 * listings read documents_summaries instead of every document's tree (a column after a large
 * value is reached only through its overflow pages: at 1000× the corpus ~1 s per listing).
 */
export const SCHEMA_ADDITIONS: { name: string; sql: string }[] = [
  { name: 'commitments_in_order', sql: 'CREATE INDEX commitments_in_order ON commitments (deadline_end, deadline_start, doc_id, ordinal, actors)' },
  {
    name: 'documents_summaries',
    sql: 'CREATE INDEX documents_summaries ON documents (id, meta, content_hash, page_count, paragraph_count, commitment_count, ingested_at)',
  },
];

export const SCHEMA = `
CREATE TABLE documents (
  id            TEXT PRIMARY KEY,
  meta          TEXT NOT NULL,              -- CatalogEntry JSON
  tree          TEXT NOT NULL,              -- DocumentNode JSON with each paragraph as its id
  content_hash  TEXT NOT NULL,
  page_count    INTEGER NOT NULL,
  paragraph_count  INTEGER NOT NULL,
  commitment_count INTEGER NOT NULL,
  ingested_at   TEXT NOT NULL
);

-- One row per paragraph of the current version; rowid is the FTS row. Narrow on purpose: a
-- search reads this row for every hit (filters, facets, order), the content only for its page.
CREATE TABLE paragraphs (
  rowid        INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  doc_id       TEXT NOT NULL REFERENCES documents(id),
  ordinal      INTEGER NOT NULL,            -- reading order within the document, from 0
  year         INTEGER,                     -- the document's year, for filters and facets
  type         TEXT NOT NULL                -- the document's type
);
CREATE INDEX paragraphs_by_document ON paragraphs (doc_id, ordinal);

CREATE TABLE paragraph_content (
  rowid        INTEGER PRIMARY KEY REFERENCES paragraphs(rowid) ON DELETE CASCADE,
  role         TEXT NOT NULL,
  text         TEXT NOT NULL,
  page         INTEGER NOT NULL,
  pages        TEXT NOT NULL,               -- JSON number[]
  citation     TEXT NOT NULL,               -- Citation JSON
  fingerprint  TEXT NOT NULL,               -- Fingerprint JSON
  box          TEXT,
  row_column   TEXT
);

-- Analysed terms only (see src/analysis/analyze.ts); the text lives in paragraphs.
CREATE VIRTUAL TABLE paragraph_terms USING fts5(${FTS_OPTIONS});
CREATE VIRTUAL TABLE paragraph_vocabulary USING fts5vocab(paragraph_terms, 'col');

-- Ids no longer in their document's current version: a redirect (to_id) or an archive.
CREATE TABLE permalinks (
  id           TEXT PRIMARY KEY,
  doc_id       TEXT NOT NULL,
  to_id        TEXT,
  fingerprint  TEXT NOT NULL,
  citation     TEXT NOT NULL,
  position     REAL NOT NULL,
  archived_at  TEXT
);
CREATE INDEX permalinks_by_document ON permalinks (doc_id);

CREATE TABLE commitments (
  rowid           INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  doc_id          TEXT NOT NULL REFERENCES documents(id),
  paragraph_id    TEXT NOT NULL,
  ordinal         INTEGER NOT NULL,
  json            TEXT NOT NULL,            -- Commitment JSON
  deadline_start  TEXT,                     -- ISO dates, inclusive
  deadline_end    TEXT,
  actors          TEXT NOT NULL,            -- JSON string[], lowercased, for the actor filter
  year            INTEGER
);
CREATE INDEX commitments_by_document ON commitments (doc_id, ordinal);
CREATE VIRTUAL TABLE commitment_terms USING fts5(${FTS_OPTIONS});
${SCHEMA_ADDITIONS.map((index) => `${index.sql};`).join('\n')}
`;
