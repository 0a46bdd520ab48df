import { createHash } from 'node:crypto';
import { elasticsearchAnalysis } from '../../analysis/index.ts';

// Settings and mappings of the four indices, generated from the one Danish analysis
// definition (src/analysis): tokenizer, Snowball Danish, folding, the compound word list and the
// synonym rules all come from there. Each index lives behind an alias, `<prefix>-<kind>`, so a
// rebuild can swap it without downtime.

export const INDEX_KINDS = ['paragraphs', 'documents', 'commitments', 'permalinks'] as const;
export type IndexKind = (typeof INDEX_KINDS)[number];

/** Largest `offset` the API accepts (10,000) plus the largest page (100). */
export const MAX_RESULT_WINDOW = 10_100;

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

const keyword = { type: 'keyword' } as const;
const integer = { type: 'integer' } as const;
/** Kept in _source for reading back, neither indexed nor mapped. */
const stored = { type: 'object', enabled: false } as const;

/**
 * The searchable text field as the analysis generates it (stems, with exact, folded and parts
 * subfields), with term vectors on every subfield: the fast vector highlighter then marks a
 * word whichever field it matched on (`matched_fields`).
 */
function highlightedTextField(): Json {
  const field = elasticsearchAnalysis().textField as { [key: string]: Json } & { fields: { [key: string]: { [key: string]: Json } } };
  const withVectors = (f: { [key: string]: Json }) => ({ ...f, term_vector: 'with_positions_offsets' });
  return {
    ...withVectors(field),
    fields: Object.fromEntries(Object.entries(field.fields).map(([name, sub]) => [name, withVectors(sub)])),
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
          text: highlightedTextField(),
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
          action: elasticsearchAnalysis().textField,
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
  };
  // Only the indices with text fields need the analysis (its word list is ~100 KB).
  if (kind === 'paragraphs' || kind === 'commitments') settings.analysis = elasticsearchAnalysis().analysis as unknown as Json;
  const mappings = mappingsOf(kind);
  const definition = createHash('sha256').update(JSON.stringify({ analysis: settings.analysis ?? null, mappings })).digest('hex').slice(0, 16);
  return { settings, mappings: { ...mappings, _meta: { definition } } };
}
