import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { isDanishWord } from '../src/analysis/lexicon.ts';
import { extractCommitments } from '../src/enrich/commitments.ts';
import { contentHash, ExtractError } from '../src/extract/index.ts';
import type { IndexBackend } from '../src/index/backend.ts';
import { BackendError } from '../src/index/backend-error.ts';
import { reconcileIds } from '../src/index/reconcile-ids.ts';
import { buildDocument } from '../src/segment/index.ts';
import type { Commitment, DocumentNode } from '../src/tree/types.ts';
import { paragraphsOf } from '../src/tree/visit.ts';
import type { IngestItem, IngestOutcome } from './runner.ts';
import { sandboxedExtractor, sandboxOptionsFromEnv, type SandboxedExtractor } from './sandboxed-extract.ts';

export interface IngestDocumentOptions {
  /** Where extraction runs; default one child process shared by this process (see sandboxed-extract.ts). */
  extractor?: SandboxedExtractor;
}

let sharedExtractor: SandboxedExtractor | undefined;

/** The child process every in-process ingest shares, limits from the environment. */
export function defaultExtractor(): SandboxedExtractor {
  return (sharedExtractor ??= sandboxedExtractor(sandboxOptionsFromEnv()));
}

/**
 * All stages for one file, ending in one atomic write. A file whose bytes are already stored
 * under its id is skipped; a file that cannot be read fails alone with its reason, and what
 * the index held before stays as it was. Extraction runs in a child process with a time and
 * heap limit, so a PDF that hangs or crashes the reader costs only its own file.
 */
export async function ingestDocument(backend: IndexBackend, item: IngestItem, options: IngestDocumentOptions = {}): Promise<IngestOutcome> {
  const base = { documentId: item.entry.id, path: item.path, pages: 0, paragraphs: 0, commitments: 0 };
  try {
    const hash = contentHash(await readFile(item.path));
    if ((await backend.contentHashOf(item.entry.id)) === hash) {
      return { ...base, status: 'unchanged' };
    }
    const extracted = await (options.extractor ?? defaultExtractor()).extract(basename(item.path), item.path);
    // The child read the file again: it must have seen the version hashed here.
    if (extracted.contentHash !== hash) {
      return { ...base, status: 'failed', error: { code: 'FILE_CHANGED', message: `${item.path}: the file changed while it was read; ingest it again` } };
    }
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
  // The index could not take the write (e.g. Elasticsearch is down): the code says so, 503-able.
  if (error instanceof BackendError) return { code: error.code, message: `${path}: ${error.message}` };
  const nodeError = error as NodeJS.ErrnoException;
  if (nodeError?.code === 'ENOENT') return { code: 'FILE_NOT_FOUND', message: `${path}: no such file` };
  if (nodeError?.code === 'EISDIR') return { code: 'FILE_IS_DIRECTORY', message: `${path}: is a folder, not a file` };
  return { code: 'INGEST_FAILED', message: `${path}: ${error instanceof Error ? error.message : String(error)}` };
}
