import type { IndexBackend } from '../src/index/backend.ts';
import { ingestDocument } from './ingest-document.ts';
import type { IngestItem, IngestOutcome, IngestProgress, IngestRunner } from './runner.ts';

/** The embedded default: every stage in this process, one file at a time. */
export function inProcessRunner(backend: IndexBackend): IngestRunner {
  return {
    async run(items: IngestItem[], onProgress?: (progress: IngestProgress) => void): Promise<IngestOutcome[]> {
      const outcomes: IngestOutcome[] = [];
      const progress: IngestProgress = { filesDone: 0, filesTotal: items.length, pages: 0, paragraphs: 0 };
      for (const item of items) {
        const outcome = await ingestDocument(backend, item);
        outcomes.push(outcome);
        progress.filesDone += 1;
        progress.pages += outcome.pages;
        progress.paragraphs += outcome.paragraphs;
        onProgress?.({ ...progress, last: outcome });
      }
      return outcomes;
    },
    async close() {},
  };
}
