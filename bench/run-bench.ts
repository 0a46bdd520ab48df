// npm run bench [-- --scale 100] [--backends embedded,elasticsearch,minisearch] [--rounds 5]
//   [--queries 50] [--http-seconds 10] [--connections 8] [--extract-files 100] [--out DIR]
//   [--corpus-root DIR] [--workers 1,2] [--profile] [--keep]
//
// Ingest and search at N× the bundled corpus against baselines; prints tables and writes
// bench/results/<timestamp>.json (and latest.json). See bench/README.md.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openElasticsearchIndex } from '../src/index/elasticsearch/index.ts';
import { openEmbeddedIndex } from '../src/index/sqlite/index.ts';
import type { IndexBackend } from '../src/index/backend.ts';
import { ensureScaleCorpus } from './corpus/scale-corpus.ts';
import { currentLoad, machineInfo } from './machine.ts';
import { buildMiniSearch } from './minisearch-baseline.ts';
import { measureExtraction } from './phases/extraction.ts';
import { measureHttp } from './phases/http.ts';
import { ingestEmbedded, ingestScaled } from './phases/ingest.ts';
import { allParagraphs, backendSearcher, baselineSearcher, measureCommitments, measurePermalinks, measureSearch, permalinkSample } from './phases/search.ts';
import { searchMix, searchPath } from './queries.ts';
import { renderScale, targetChecks, type BenchResult, type ScaleResult } from './report.ts';
import { removeQueues } from '../ingest/bullmq/index.ts';
import { deleteIndices, directoryBytes, indexBytes } from './services.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const BACKENDS = ['embedded', 'elasticsearch', 'minisearch'] as const;
type Backend = (typeof BACKENDS)[number];

export interface BenchOptions {
  scales: number[];
  backends: Backend[];
  rounds: number;
  queries: number;
  httpSeconds: number;
  connections: number;
  extractFiles: number;
  permalinks: number;
  /** BullMQ worker processes of each scaled ingest run. */
  workers: number[];
  out: string;
  corpusRoot: string;
  profile: boolean;
  keep: boolean;
  /** Also write <out>/latest.json. */
  latest: boolean;
}

function readOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string', multiple: true },
      backends: { type: 'string' },
      rounds: { type: 'string' },
      queries: { type: 'string' },
      'http-seconds': { type: 'string' },
      connections: { type: 'string' },
      'extract-files': { type: 'string' },
      permalinks: { type: 'string' },
      out: { type: 'string' },
      'corpus-root': { type: 'string' },
      workers: { type: 'string' },
      profile: { type: 'boolean' },
      keep: { type: 'boolean' },
    },
  });
  const count = (name: string, raw: string | undefined, fallback: number, min = 1) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, not "${raw}"`);
    return n;
  };
  const scales = (values.scale ?? ['100']).flatMap((s) => s.split(',')).map((s) => count('scale', s, 100));
  const requested = values.backends?.split(',').map((b) => b.trim()) ?? [...BACKENDS];
  const unknown = requested.filter((b) => !(BACKENDS as readonly string[]).includes(b));
  if (unknown.length > 0) throw new Error(`unknown backend ${unknown.join(', ')} (use ${BACKENDS.join(', ')})`);
  if (!requested.includes('embedded')) throw new Error('the embedded backend is always measured: the others are compared with it');
  const out = resolve(values.out ?? join(repo, 'bench/results'));
  return {
    scales,
    backends: requested as Backend[],
    rounds: count('rounds', values.rounds, 5),
    queries: count('queries', values.queries, 50),
    httpSeconds: count('http-seconds', values['http-seconds'], 10),
    connections: count('connections', values.connections, 8),
    extractFiles: count('extract-files', values['extract-files'], 100),
    permalinks: count('permalinks', values.permalinks, 100),
    workers: (values.workers ?? '1,2').split(',').map((w) => count('workers', w, 1)),
    out,
    corpusRoot: resolve(values['corpus-root'] ?? join(repo, 'bench/.corpus')),
    profile: values.profile ?? false,
    keep: values.keep ?? false,
    latest: values.out === undefined,
  };
}

const log = (line: string) => console.error(`bench: ${line}`);

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const machine = machineInfo();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const result: BenchResult = { version: 1, startedAt: new Date().toISOString(), finishedAt: null, machine, options: { ...options }, scales: [] };
  mkdirSync(options.out, { recursive: true });
  const file = join(options.out, `${stamp}.json`);
  const save = () => writeFileSync(file, `${JSON.stringify(result, null, 1)}\n`);
  const profileDir = join(options.out, `profiles-${stamp}`);
  const nodeOptions = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const esUrl = process.env.ELASTICSEARCH_URL;
  const redisUrl = process.env.REDIS_URL;
  const wantsElastic = options.backends.includes('elasticsearch');
  if (wantsElastic && (!esUrl || !redisUrl)) log('Elasticsearch + BullMQ skipped: set ELASTICSEARCH_URL and REDIS_URL (env=$(bash ci/services.sh); eval "$env")');
  const elastic = wantsElastic && esUrl && redisUrl ? { esUrl, redisUrl } : null;
  const run = `bench-${process.pid}-${Date.now().toString(36)}`;

  for (const scale of options.scales) {
    const work = mkdtempSync(join(tmpdir(), 'aftalesog-bench-'));
    const prefixes: string[] = [];
    const scaleResult: ScaleResult = {
      scale,
      load: { start: currentLoad(), end: null },
      corpus: { documents: 0, byType: {}, pages: null, paragraphs: null, generated: 0, generateMs: 0, catalog: '' },
      extraction: null,
      ingest: [],
      search: [],
      http: [],
      lookups: [],
      storage: [],
      baseline: null,
      skipped: elastic || !wantsElastic ? [] : ['Elasticsearch + BullMQ (ELASTICSEARCH_URL and REDIS_URL not set)'],
    };
    result.scales.push(scaleResult);
    try {
      log(`${scale}×: scale corpus`);
      const corpus = await ensureScaleCorpus({ repo, scale, root: options.corpusRoot, log });
      const byType: Record<string, number> = {};
      for (const e of corpus.entries) byType[e.type] = (byType[e.type] ?? 0) + 1;
      scaleResult.corpus = { documents: corpus.entries.length, byType, pages: null, paragraphs: null, generated: corpus.generated, generateMs: corpus.generateMs, catalog: corpus.catalogPath };

      log(`${scale}×: extraction, pdf-parse vs pdftotext`);
      scaleResult.extraction = await measureExtraction(corpus.paths.filter((p) => p.endsWith('.pdf')).slice(0, options.extractFiles + 1));
      save();

      log(`${scale}×: ingest, embedded`);
      const embeddedDir = join(work, 'embedded');
      const embeddedIngest = await ingestEmbedded(corpus, embeddedDir, { env: process.env, nodeOptions });
      scaleResult.ingest.push(embeddedIngest);
      scaleResult.corpus.pages = embeddedIngest.pages;
      scaleResult.corpus.paragraphs = embeddedIngest.paragraphs;
      save();

      let esPrefix: string | null = null;
      if (elastic) {
        for (const workers of options.workers) {
          const prefix = `${run}-${scale}x-w${workers}`;
          prefixes.push(prefix);
          log(`${scale}×: ingest, Elasticsearch + BullMQ, ${workers} worker${workers > 1 ? 's' : ''}`);
          try {
            scaleResult.ingest.push(await ingestScaled(corpus, { elasticsearchUrl: elastic.esUrl, redisUrl: elastic.redisUrl, esPrefix: prefix, queuePrefix: prefix, workers, env: process.env, nodeOptions }));
          } finally {
            await removeQueues(elastic.redisUrl, prefix);
          }
          // Search runs on the last index; the earlier one only costs the node memory.
          if (esPrefix !== null && !options.keep) await deleteIndices(elastic.esUrl, esPrefix);
          esPrefix = prefix;
          save();
        }
      }

      const queries = searchMix(corpus.entries).slice(0, options.queries);
      const embedded = await openEmbeddedIndex({ dir: embeddedDir });
      let es: IndexBackend | null = null;
      try {
        scaleResult.storage.push({ backend: 'embedded', bytes: directoryBytes(embeddedDir) });
        if (elastic && esPrefix) {
          scaleResult.storage.push({ backend: 'elasticsearch', bytes: await indexBytes(elastic.esUrl, esPrefix) });
          es = await openElasticsearchIndex({ node: elastic.esUrl, prefix: esPrefix });
        }
        log(`${scale}×: search, ${queries.length} queries × ${options.rounds} rounds`);
        scaleResult.search.push(await measureSearch('embedded', backendSearcher(embedded), queries, options.rounds));
        if (es) scaleResult.search.push(await measureSearch('elasticsearch', backendSearcher(es), queries, options.rounds));
        const paragraphs = await allParagraphs(embedded);
        if (options.backends.includes('minisearch')) {
          global.gc?.();
          const heapBefore = process.memoryUsage().heapUsed;
          const started = performance.now();
          const baseline = buildMiniSearch(paragraphs);
          const buildMs = performance.now() - started;
          global.gc?.();
          scaleResult.baseline = { buildMs, heapBytes: global.gc ? process.memoryUsage().heapUsed - heapBefore : null };
          scaleResult.search.push(await measureSearch('minisearch', baselineSearcher(baseline), queries, options.rounds));
        }
        log(`${scale}×: commitments and permalinks`);
        const ids = permalinkSample(paragraphs, options.permalinks);
        for (const [name, backend] of [['embedded', embedded], ['elasticsearch', es]] as const) {
          if (!backend) continue;
          scaleResult.lookups.push(await measureCommitments(name, backend, corpus.entries, options.rounds));
          scaleResult.lookups.push(await measurePermalinks(name, backend, ids, options.rounds));
        }
      } finally {
        await embedded.close();
        await es?.close();
      }
      save();

      const paths = queries.map((q) => searchPath(q.request));
      const serverEnv = { ...process.env };
      delete serverEnv.REDIS_URL;
      delete serverEnv.ELASTICSEARCH_URL;
      delete serverEnv.ADMIN_TOKEN;
      log(`${scale}×: HTTP, embedded server, ${options.httpSeconds} s`);
      scaleResult.http.push(
        await measureHttp('embedded', { ...serverEnv, DATA_DIR: embeddedDir }, paths, { seconds: options.httpSeconds, connections: options.connections, nodeOptions }),
      );
      if (elastic && esPrefix) {
        log(`${scale}×: HTTP, Elasticsearch server, ${options.httpSeconds} s`);
        scaleResult.http.push(
          await measureHttp('elasticsearch', { ...serverEnv, DATA_DIR: join(work, 'es-server'), ELASTICSEARCH_URL: elastic.esUrl, ES_INDEX_PREFIX: esPrefix }, paths, {
            seconds: options.httpSeconds,
            connections: options.connections,
            nodeOptions,
          }),
        );
      }
      scaleResult.load.end = currentLoad();
      save();
      console.log(renderScale(scaleResult, machine));
    } finally {
      if (elastic && !options.keep) for (const prefix of prefixes) await deleteIndices(elastic.esUrl, prefix).catch((e: Error) => log(`could not delete ${prefix}-*: ${e.message}`));
      if (!options.keep) rmSync(work, { recursive: true, force: true });
      else log(`kept ${work}${prefixes.length ? ` and indices ${prefixes.join(', ')}` : ''}`);
    }
  }
  result.finishedAt = new Date().toISOString();
  save();
  if (options.latest) copyFileSync(file, join(options.out, 'latest.json'));
  console.log(`\nResults: ${file}${options.profile ? `\nCPU profiles: ${profileDir}` : ''}`);
  const missed = result.scales.flatMap((s) => targetChecks(s).filter((t) => t.met === false).map((t) => `${s.scale}×: ${t.target} (${t.figure})`));
  if (missed.length > 0) console.log(`Targets missed: ${missed.join('; ')}`);
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await runBench(readOptions(process.argv.slice(2)));
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  }
}
