import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { isDanishWord } from '../src/analysis/lexicon.ts';
import { extractCommitments } from '../src/enrich/commitments.ts';
import { contentHash, extractBytes, ExtractError } from '../src/extract/index.ts';
import type { IndexBackend } from '../src/index/backend.ts';
import { reconcileIds } from '../src/index/reconcile-ids.ts';
import { buildDocument } from '../src/segment/index.ts';
import type { Commitment, DocumentNode } from '../src/tree/types.ts';
import { paragraphsOf } from '../src/tree/visit.ts';
import type { IngestItem, IngestOutcome } from './runner.ts';

/**
 * All stages for one file, ending in one atomic write. A file whose bytes are already stored
 * under its id is skipped; a file that cannot be read fails alone with its reason.
 */
export async function ingestDocument(backend: IndexBackend, item: IngestItem): Promise<IngestOutcome> {
  const base = { documentId: item.entry.id, path: item.path, pages: 0, paragraphs: 0, commitments: 0 };
  try {
    const bytes = await readFile(item.path);
    if ((await backend.contentHashOf(item.entry.id)) === contentHash(bytes)) {
      return { ...base, status: 'unchanged' };
    }
    const extracted = await extractBytes(basename(item.path), bytes);
    const { doc, commitments } = await enrichDocument(backend, buildDocument(extracted, item.entry, isDanishWord));
    await backend.putDocument(doc, commitments);
    return { ...base, status: 'ingested', pages: doc.pageCount, paragraphs: paragraphsOf(doc).length, commitments: commitments.length };
  } catch (error) {
    return { ...base, status: 'failed', error: describeFailure(item.path, error) };
  }
}

/**
 * The enrich stage, shared by both runners: ids carried over from the stored version (so old
 * links keep their passages), then the commitments, whose ids build on the paragraph ids.
 */
export async function enrichDocument(backend: IndexBackend, built: DocumentNode): Promise<{ doc: DocumentNode; commitments: Commitment[] }> {
  const doc = reconcileIds(await backend.getDocument(built.id), built);
  return { doc, commitments: extractCommitments(doc) };
}

export function describeFailure(path: string, error: unknown): { code: string; message: string } {
  if (error instanceof ExtractError) return { code: error.code, message: error.message };
  const nodeError = error as NodeJS.ErrnoException;
  if (nodeError?.code === 'ENOENT') return { code: 'FILE_NOT_FOUND', message: `${path}: no such file` };
  if (nodeError?.code === 'EISDIR') return { code: 'FILE_IS_DIRECTORY', message: `${path}: is a folder, not a file` };
  return { code: 'INGEST_FAILED', message: `${path}: ${error instanceof Error ? error.message : String(error)}` };
}
