// Child process of the bench: ingests a scale catalog into a fresh embedded index with the
// in-process runner, exactly as `aftalesog ingest --catalog` does, and prints one JSON line.
//   node --import tsx bench/tasks/ingest-embedded.ts <catalog.json> <data dir>
import { defaultExtractor } from '../../ingest/ingest-document.ts';
import { inProcessRunner } from '../../ingest/in-process-runner.ts';
import { readCatalog, sourcePath } from '../../ingest/process-file.ts';
import { openEmbeddedIndex } from '../../src/index/sqlite/index.ts';

const [catalogPath, dir] = process.argv.slice(2);
if (!catalogPath || !dir) {
  console.error('usage: ingest-embedded.ts <catalog.json> <data dir>');
  process.exit(2);
}
const catalog = await readCatalog(catalogPath);
const backend = await openEmbeddedIndex({ dir });
const runner = inProcessRunner(backend);
const started = performance.now();
let reported = 0;
const outcomes = await runner.run(
  catalog.entries.map((entry) => ({ path: sourcePath(catalog, entry), entry })),
  (progress) => {
    if (progress.filesDone / progress.filesTotal >= reported + 0.1) {
      reported = Math.floor((progress.filesDone / progress.filesTotal) * 10) / 10;
      console.error(`embedded ingest: ${progress.filesDone}/${progress.filesTotal} files, ${progress.pages} pages`);
    }
  },
);
const runMs = performance.now() - started;
await runner.close();
await backend.close();
// The extraction child is stopped and reaped here, so its CPU time counts in this process
// tree's. While idle it does not hold the event loop, so the timer keeps this process waiting.
const holdOpen = setInterval(() => undefined, 1000);
await defaultExtractor().close();
clearInterval(holdOpen);
const sum = (key: 'pages' | 'paragraphs' | 'commitments') => outcomes.reduce((n, o) => n + o[key], 0);
const failed = outcomes.filter((o) => o.status === 'failed');
console.log(
  JSON.stringify({
    runMs,
    // performance.now() counts from the process start: module loading and opening the index.
    startupMs: started,
    files: outcomes.length,
    pages: sum('pages'),
    paragraphs: sum('paragraphs'),
    commitments: sum('commitments'),
    failed: failed.length,
    failures: failed.slice(0, 5).map((o) => o.error?.message),
  }),
);
