// The child process of sandboxed-extract.ts: reads a file and runs src/extract's `extractBytes`
// on it, one request at a time. A PDF that hangs pdf.js, exhausts the heap or throws outside its
// promise takes down only this process; the parent reports it as that file's error.
import { readFile } from 'node:fs/promises';
import { extractBytes, ExtractError, loadPdfReader } from '../src/extract/index.ts';
import type { ExtractReady, ExtractReply, ExtractRequest, SandboxFailure } from './sandboxed-extract.ts';

process.on('message', (request: ExtractRequest) => {
  void handle(request).then((reply) => process.send?.(reply));
});

// The parent is gone (it exited or was killed): nothing is waiting for an answer.
process.on('disconnect', () => process.exit(0));

// Loaded (pdf.js included): the parent starts a file's clock from here, not from the fork.
await loadPdfReader();
process.send?.({ ready: true } satisfies ExtractReady);

async function handle(request: ExtractRequest): Promise<ExtractReply> {
  try {
    const bytes = await readFile(request.path);
    const extracted = await extractBytes(request.name, bytes, request.maxPages === undefined ? {} : { maxPages: request.maxPages });
    return { id: request.id, ok: true, extracted };
  } catch (error) {
    return { id: request.id, ok: false, failure: describe(error) };
  }
}

function describe(error: unknown): SandboxFailure {
  if (error instanceof ExtractError) return { kind: 'extract', file: error.file, reason: error.reason, ...(error.detail ? { detail: error.detail } : {}) };
  const nodeError = error as NodeJS.ErrnoException;
  return {
    kind: 'other',
    message: error instanceof Error ? error.message : String(error),
    ...(typeof nodeError?.code === 'string' ? { code: nodeError.code } : {}),
  };
}
