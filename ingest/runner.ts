import type { CatalogEntry } from '../src/tree/types.ts';

/** One file to ingest with the metadata it is filed under. */
export interface IngestItem {
  path: string;
  entry: CatalogEntry;
}

export type IngestStatus = 'ingested' | 'unchanged' | 'failed';

export interface IngestOutcome {
  documentId: string;
  path: string;
  status: IngestStatus;
  pages: number;
  paragraphs: number;
  commitments: number;
  /** Set when status is 'failed': a stable code and one readable line. */
  error?: { code: string; message: string };
}

export interface IngestProgress {
  filesDone: number;
  filesTotal: number;
  pages: number;
  paragraphs: number;
  /** The file that just finished. */
  last?: IngestOutcome;
}

/**
 * Runs a batch through extract → normalize → segment → enrich → index. The embedded runner
 * works in-process; the BullMQ runner spreads the same stages over workers.
 */
export interface IngestRunner {
  run(items: IngestItem[], onProgress?: (progress: IngestProgress) => void): Promise<IngestOutcome[]>;
  close(): Promise<void>;
}
