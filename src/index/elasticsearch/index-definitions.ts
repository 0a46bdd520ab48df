import { createHash } from 'node:crypto';
import { elasticsearchAnalysis } from '../../analysis/index.ts';
import { FIELD_WEIGHTS } from '../sqlite/fts-match.ts';

// Settings and mappings of the four indices, generated from the one Danish analysis
// definition (src/analysis): tokenizer, Snowball Danish, folding, the compound word list and the
// synonym rules all come from there. Each index lives behind an alias, `<prefix>-<kind>`, so a
// rebuild can swap it without downtime.

export const INDEX_KINDS = ['paragraphs', 'documents', 'commitments', 'permalinks'] as const;
export type IndexKind = (typeof INDEX_KINDS)[number];

/** Largest `offset` the API accepts (10,000) plus the largest page (100). */
export const MAX_RESULT_WINDOW = 10_100;

/** How often the node makes new writes searchable. */
export const REFRESH_INTERVAL = '200ms';

type Json = string | number | boolean | Json[] | { [key: string]: Json };

export interface IndexDefinition {
  settings: { [key: string]: Json };
  mappings: { [key: string]: Json };
}

export interface ShardOptions {
  /** Default 1: one shard holds millions of paragraphs, and scores stay comparable. */
  shards?: number;
  /** Default 0 (one node); set 1 or more on a cluster. */
  replicas?: number;
}

/**
 * The embedded index's ranking function, so both backends order hits alike. SQLite FTS5's
 * bm25() adds a column's weight w to a phrase's frequency for each hit in that column and
 * saturates the sum, with an idf that is ~0 for a word in over half the rows:
 *   idf · (k1+1) · w·tf / (w·tf + k1·N),  idf = max(1e-6, ln((rows − df + 0.5) / (df + 0.5)))
 * — BM25 with k1/w in place of k1. Lucene's BM25 puts the weight outside the saturation and
 * adds 1 inside the idf's logarithm, which reorders close hits; so each own-forms subfield
 * gets this formula with its column's weight as a scripted similarity. The parts field keeps
 * Lucene's BM25: its score only orders hits among themselves (compile-es-query.ts).
 */
const BM25 = { k1: 1.2, b: 0.75 };
const OWN_FORM_FIELDS = { text: 'stems', exact: 'exact', folded: 'folded' } as const;

function fts5Similarity(weight: number): Json {
  return {
    type: 'scripted',
    weight_script: {
      source: 'double df = term.docFreq; double idf = Math.log((field.docCount - df + 0.5) / (df + 0.5)); return query.boost * (idf > 0 ? idf : 1e-6);',
    },
    script: {
      source: `double norm = ${1 - BM25.b} + ${BM25.b} * doc.length * field.docCount / field.sumTotalTermFreq; return weight * doc.freq * ${BM25.k1 + 1} / (doc.freq + ${BM25.k1 / weight} * norm);`,
    },
  };
}

function similarityName(field: string): string | undefined {
  const column = OWN_FORM_FIELDS[field as keyof typeof OWN_FORM_FIELDS];
  return column && `fts5_${column}`;
}

function similaritySettings(): Json {
  return Object.fromEntries(Object.values(OWN_FORM_FIELDS).map((column) => [`fts5_${column}`, fts5Similarity(FIELD_WEIGHTS[column])]));
}

const keyword = { type: 'keyword' } as const;
const integer = { type: 'integer' } as const;
/** Kept in _source for reading back, neither indexed nor mapped. */
const stored = { type: 'object', enabled: false } as const;

/**
 * The searchable text field as the analysis generates it (stems, with exact, folded and parts
 * subfields), each own-forms field ranked like its FTS5 column; with `highlighted`, term
 * vectors on every subfield, so the fast vector highlighter marks a word whichever field it
 * matched on (`matched_fields`).
 */
function textField(highlighted: boolean): Json {
  const field = elasticsearchAnalysis().textField as { [key: string]: Json } & { fields: { [key: string]: { [key: string]: Json } } };
  const ranked = (mapping: { [key: string]: Json }, name: string) => {
    const similarity = similarityName(name);
    return { ...mapping, ...(similarity ? { similarity } : {}), ...(highlighted ? { term_vector: 'with_positions_offsets' } : {}) };
  };
  return {
    ...ranked(field, 'text'),
    fields: Object.fromEntries(Object.entries(field.fields).map(([name, sub]) => [name, ranked(sub, name)])),
  };
}

function mappingsOf(kind: IndexKind): IndexDefinition['mappings'] {
  switch (kind) {
    case 'paragraphs':
      return {
        dynamic: 'strict',
        properties: {
          id: keyword,
          doc_id: keyword,
          ordinal: integer,
          role: keyword,
          text: textField(true),
          page: integer,
          pages: integer,
          citation: stored,
          fingerprint: stored,
          box: keyword,
          column: keyword,
          year: integer,
          type: keyword,
        },
      };
    case 'documents':
      return {
        dynamic: 'strict',
        properties: {
          id: keyword,
          meta: stored,
          tree: stored,
          content_hash: keyword,
          page_count: integer,
          paragraph_count: integer,
          commitment_count: integer,
          ingested_at: { type: 'date' },
        },
      };
    case 'commitments':
      return {
        dynamic: 'strict',
        properties: {
          id: keyword,
          doc_id: keyword,
          paragraph_id: keyword,
          ordinal: integer,
          action: textField(false),
          deadline_start: { type: 'date', format: 'strict_date' },
          deadline_end: { type: 'date', format: 'strict_date' },
          /** Canonical actor names, lowercased, for the actor filter. */
          actors: keyword,
          year: integer,
          commitment: stored,
        },
      };
    case 'permalinks':
      return {
        dynamic: 'strict',
        properties: {
          id: keyword,
          doc_id: keyword,
          to_id: keyword,
          fingerprint: stored,
          citation: stored,
          position: { type: 'float' },
          archived_at: { type: 'date' },
        },
      };
  }
}

/** Settings and mappings of one index kind; `_meta.definition` identifies the definition. */
export function indexDefinition(kind: IndexKind, options: ShardOptions = {}): IndexDefinition {
  const settings: IndexDefinition['settings'] = {
    number_of_shards: options.shards ?? 1,
    number_of_replicas: options.replicas ?? 0,
    max_result_window: MAX_RESULT_WINDOW,
    // Writes wait for the refresh that makes them searchable (refresh=wait_for), twice per stored
    // document: at the default 1 s that wait, not the work, set the pace of ingest.
    refresh_interval: REFRESH_INTERVAL,
  };
  // Only the indices with text fields need the analysis (its word list is ~100 KB).
  if (kind === 'paragraphs' || kind === 'commitments') {
    settings.analysis = elasticsearchAnalysis().analysis as unknown as Json;
    settings.similarity = similaritySettings();
  }
  const mappings = mappingsOf(kind);
  const definition = createHash('sha256').update(JSON.stringify({ analysis: settings.analysis ?? null, similarity: settings.similarity ?? null, mappings })).digest('hex').slice(0, 16);
  return { settings, mappings: { ...mappings, _meta: { definition } } };
}
