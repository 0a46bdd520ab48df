import cliProgress from 'cli-progress';
import type { IngestItem, IngestOutcome, IngestRunner } from '../ingest/runner.ts';

/**
 * Ingests a batch with a progress bar (files, pages, pages/s) on a terminal and plain lines
 * elsewhere; each failed file gets one line with its reason, the rest of the batch goes on.
 */
export async function runIngest(items: IngestItem[], runner: IngestRunner): Promise<IngestOutcome[]> {
  const started = Date.now();
  const interactive = process.stderr.isTTY === true;
  const bar = interactive
    ? new cliProgress.SingleBar(
        { format: 'Indlæser {bar} {value}/{total} filer | {pages} sider | {rate} sider/s | {file}', stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(items.length, 0, { pages: 0, rate: '0.0', file: '' });
  const failures: IngestOutcome[] = [];
  const outcomes = await runner.run(items, (progress) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = (progress.pages / seconds).toFixed(1);
    const last = progress.last;
    if (last?.status === 'failed') failures.push(last);
    if (bar) bar.update(progress.filesDone, { pages: progress.pages, rate, file: last?.documentId ?? '' });
    else if (last) console.error(`[${progress.filesDone}/${progress.filesTotal}] ${last.documentId}: ${statusText(last)} (${progress.pages} sider, ${rate} sider/s)`);
  });
  bar?.stop();
  for (const failure of failures) console.error(`FEJL ${failure.error?.code}: ${failure.error?.message}`);
  const seconds = (Date.now() - started) / 1000;
  const count = (status: IngestOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  const pages = outcomes.reduce((sum, o) => sum + o.pages, 0);
  console.error(
    `Indlæst: ${count('ingested')}, uændret: ${count('unchanged')}, fejl: ${count('failed')} — ${pages} sider på ${seconds.toFixed(1)} s (${(pages / Math.max(seconds, 0.001)).toFixed(1)} sider/s)`,
  );
  return outcomes;
}

function statusText(outcome: IngestOutcome): string {
  if (outcome.status === 'failed') return `fejl (${outcome.error?.code})`;
  if (outcome.status === 'unchanged') return 'uændret';
  return `${outcome.pages} sider, ${outcome.paragraphs} afsnit, ${outcome.commitments} aftaler`;
}
