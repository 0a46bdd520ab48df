import { formatTable, mebibytes, ratio } from './format.ts';
import { describeMachine, type Machine } from './machine.ts';
import type { ExtractionResult } from './phases/extraction.ts';
import type { HttpResult } from './phases/http.ts';
import type { IngestResult } from './phases/ingest.ts';
import type { LookupLatency, SearchLatency } from './phases/search.ts';
import type { QueryCategory } from './queries.ts';

export interface ScaleResult {
  scale: number;
  /** 1-minute load average when this scale began and ended: other work on the machine skews timings. */
  load: { start: number; end: number | null };
  corpus: { documents: number; byType: Record<string, number>; pages: number | null; paragraphs: number | null; generated: number; generateMs: number; catalog: string };
  extraction: ExtractionResult | null;
  ingest: IngestResult[];
  search: SearchLatency[];
  http: HttpResult[];
  lookups: LookupLatency[];
  storage: { backend: string; bytes: number | null; note?: string }[];
  baseline: { buildMs: number; heapBytes: number | null } | null;
  skipped: string[];
  /** What a reader of the figures should know about the run (e.g. other load on the machine). */
  notes?: string[];
}

export interface BenchResult {
  version: 1;
  startedAt: string;
  finishedAt: string | null;
  machine: Machine;
  options: Record<string, unknown>;
  scales: ScaleResult[];
}

/** The issue's targets at 100× (and what is checked at any scale). */
export interface TargetCheck {
  target: string;
  figure: string;
  met: boolean | null;
}

export function targetChecks(result: ScaleResult): TargetCheck[] {
  const search = (name: string) => result.search.find((s) => s.backend === name);
  const embedded = search('embedded');
  const elastic = search('elasticsearch');
  const ingest = result.ingest.find((i) => i.backend === 'embedded');
  const rss = result.http.filter((h) => h.rssPeakBytes !== null);
  const ms = (n: number | undefined) => (n === undefined ? '–' : `${n.toFixed(2)} ms`);
  return [
    { target: 'embedded search p95 ≤ 10 ms', figure: ms(embedded?.overall.p95), met: embedded ? embedded.overall.p95 <= 10 : null },
    {
      target: 'embedded search p95 ≤ Elasticsearch p95',
      figure: `${ms(embedded?.overall.p95)} vs ${ms(elastic?.overall.p95)}`,
      met: embedded && elastic ? embedded.overall.p95 <= elastic.overall.p95 : null,
    },
    { target: 'embedded ingest ≥ 50 pages/s', figure: ingest ? `${ingest.pagesPerSecond.toFixed(1)} pages/s` : '–', met: ingest ? ingest.pagesPerSecond >= 50 : null },
    {
      target: 'extraction within 2× of pdftotext',
      figure: result.extraction?.ratio ? `${result.extraction.ratio.toFixed(2)}× (CPU ${result.extraction.cpuRatio?.toFixed(2) ?? '–'}×)` : '–',
      met: result.extraction?.ratio ? result.extraction.ratio <= 2 : null,
    },
    ...rss.map((h) => ({
      target: `server RSS ≤ 400 MB (${h.backend})`,
      figure: `${mebibytes(h.rssPeakBytes)!.toFixed(0)} MB peak`,
      met: h.rssPeakBytes! <= 400 * 2 ** 20,
    })),
    {
      target: 'every file ingested',
      figure: result.ingest.map((i) => `${i.backend}${i.workers ? `×${i.workers}` : ''}: ${i.failed} failed`).join(', ') || '–',
      met: result.ingest.length > 0 ? result.ingest.every((i) => i.failed === 0) : null,
    },
  ];
}

export function renderScale(result: ScaleResult, machine: Machine): string {
  const c = result.corpus;
  const context = `scale ${result.scale}× (${c.documents.toLocaleString('en-US')} documents, ${c.pages?.toLocaleString('en-US') ?? '?'} pages, ${
    c.paragraphs?.toLocaleString('en-US') ?? '?'
  } paragraphs) · ${describeMachine(machine)} (load ${result.load.start} → ${result.load.end ?? '?'} during this scale)`;
  const out: string[] = [];
  out.push(
    formatTable(
      `Corpus — ${result.scale}× the sample`,
      context,
      ['documents', ...Object.keys(c.byType), 'generated now', 'generation s'],
      [[c.documents, ...Object.values(c.byType), c.generated, c.generateMs / 1000]],
    ),
  );
  const x = result.extraction;
  if (x) {
    out.push(
      formatTable(
        `Extraction — pdf-parse (extractBytes: text + ruled tables) vs pdftotext, ${x.files} PDFs / ${x.pages} pages`,
        `${context} · pdf.js warm-up (first file) ${x.pdfParse.firstFileMs.toFixed(0)} ms, not counted`,
        ['extractor', 'wall s', 'pages/s', 'CPU s', 'pages/CPU-s', 'time × pdftotext', 'CPU × pdftotext'],
        [
          ['pdf-parse', x.pdfParse.wallMs / 1000, x.pdfParse.pagesPerSecond, cpu(x.pdfParse.cpuMs), x.pdfParse.pagesPerCpuSecond, ratio(x.ratio, 1), ratio(x.cpuRatio, 1)],
          x.pdftotext
            ? ['pdftotext', x.pdftotext.wallMs / 1000, x.pdftotext.pagesPerSecond, cpu(x.pdftotext.cpuMs), x.pdftotext.pagesPerCpuSecond, '1.00×', '1.00×']
            : ['pdftotext', 'not installed (apt-get install poppler-utils)', null, null, null, null, null],
        ],
      ),
    );
  }
  if (result.ingest.length > 0) {
    const base = result.ingest.find((i) => i.backend === 'embedded');
    out.push(
      formatTable(
        'Ingest end to end (extract → normalize → segment → enrich → index)',
        context,
        ['backend / runner', 'files', 'pages', 'paragraphs', 'wall s', 'pages/s', 'paragraphs/s', 'pages/s × embedded', 'CPU s', 'ES+Redis CPU s', 'startup s', 'failed'],
        result.ingest.map((i) => [
          i.runner === 'bullmq' ? `elasticsearch + BullMQ, ${i.workers} worker${i.workers === 1 ? '' : 's'}` : 'embedded, in-process',
          i.files,
          i.pages,
          i.paragraphs,
          i.wallMs / 1000,
          i.pagesPerSecond,
          i.paragraphsPerSecond,
          ratio(i.pagesPerSecond, base?.pagesPerSecond),
          i.cpuSeconds,
          i.serviceCpuSeconds,
          i.startupMs / 1000,
          i.failed,
        ]),
      ),
    );
  }
  if (result.search.length > 0) {
    const base = result.search.find((s) => s.backend === 'embedded');
    out.push(
      formatTable(
        `Search latency, ms — ${result.search[0]!.queries} queries × ${result.search[0]!.rounds} rounds, called in-process (top 20 with facets; MiniSearch: no snippets or phrases)`,
        context,
        ['backend', 'p50', 'p95', 'p99', 'mean', 'max', 'p95 × embedded', 'no hits'],
        result.search.map((s) => [s.backend, s.overall.p50, s.overall.p95, s.overall.p99, s.overall.mean, s.overall.max, ratio(s.overall.p95, base?.overall.p95), s.empty.length]),
      ),
    );
    const categories = [...new Set(result.search.flatMap((s) => Object.keys(s.byCategory)))] as QueryCategory[];
    out.push(
      formatTable(
        'Search p95 by kind of query, ms',
        context,
        ['kind', ...result.search.map((s) => s.backend)],
        categories.map((category) => [category, ...result.search.map((s) => s.byCategory[category]?.p95)]),
      ),
    );
  }
  if (result.http.length > 0) {
    const base = result.http.find((h) => h.backend === 'embedded');
    out.push(
      formatTable(
        `HTTP API under load — autocannon on loopback, GET /api/search over the query mix`,
        `${context} · rate limit off`,
        ['backend', 'connections', 's', 'requests', 'req/s', 'req/s × embedded', 'p50 ms', 'p90 ms', 'p99 ms', 'non-2xx', 'errors'],
        result.http.map((h) => [
          h.backend,
          h.connections,
          h.durationSeconds,
          h.requests,
          h.requestsPerSecond,
          ratio(h.requestsPerSecond, base?.requestsPerSecond),
          h.latencyMs.p50,
          h.latencyMs.p90,
          h.latencyMs.p99,
          h.non2xx,
          h.errors,
        ]),
      ),
    );
  }
  if (result.lookups.length > 0) {
    out.push(
      formatTable(
        'Commitments and permalinks, ms (in-process calls)',
        context,
        ['backend', 'what', 'calls × rounds', 'p50', 'p95', 'p99', 'p95 × embedded'],
        result.lookups.map((l) => [
          l.backend,
          l.what,
          `${l.calls} × ${l.rounds}`,
          l.overall.p50,
          l.overall.p95,
          l.overall.p99,
          ratio(l.overall.p95, result.lookups.find((b) => b.backend === 'embedded' && b.what === l.what)?.overall.p95),
        ]),
      ),
    );
  }
  const memoryRows = [
    ...result.http.map((h) => [`${h.backend} server`, mebibytes(h.rssIdleBytes), mebibytes(h.rssAfterBytes), mebibytes(h.rssPeakBytes), h.startupMs / 1000, mebibytes(result.storage.find((s) => s.backend === h.backend)?.bytes)]),
    ...(result.baseline ? [['minisearch (heap, in the bench process)', mebibytes(result.baseline.heapBytes), null, null, result.baseline.buildMs / 1000, null]] : []),
  ];
  if (memoryRows.length > 0) {
    out.push(formatTable('Memory and index size, MB', context, ['what', 'RSS after warm-up', 'RSS after load', 'RSS peak', 'startup / build s', 'index on disk'], memoryRows));
  }
  const checks = targetChecks(result);
  out.push(formatTable('Targets', context, ['target', 'figure', 'met'], checks.map((t) => [t.target, t.figure, t.met === null ? 'not measured' : t.met ? 'yes' : 'MISSED'])));
  if (result.skipped.length > 0) out.push(`\nNot measured: ${result.skipped.join('; ')}`);
  for (const note of result.notes ?? []) out.push(`Note: ${note}`);
  return out.join('\n');
}

function cpu(ms: number | null): number | null {
  return ms === null ? null : ms / 1000;
}
