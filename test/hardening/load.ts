// A bounded load test on loopback: the API on a real embedded index of the corpus, loaded by
// autocannon with a mix of searches, permalink pages and paragraph JSON. Rate limiting is
// switched off for it (RATE_LIMIT_MAX=0): every request comes from one address, and the test
// measures the server, not the limiter.
//
//   npm run load [-- --connections 50 --duration 30]
import type { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildServer } from '../../api/server.ts';
import { openCorpusIndex } from '../api/corpus-index.ts';

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
}

export interface LoadReport {
  connections: number;
  durationSeconds: number;
  paths: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

const QUERIES = [
  'patientansvarlig læge',
  'regionerne skal',
  'nærhedsfinansiering',
  '"den patientansvarlige læge"',
  'produktivitetskrav OR aktivitetspulje',
  'økonomiaftale -kommunerne',
  'afrapportering 2020',
  'digitalisering',
];

/** Starts the server, loads it, stops it; resolves with the figures. */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const index = await openCorpusIndex();
  const app = await buildServer({ backend: index.backend, queue: null, security: { adminToken: null, rateLimit: false, corsOrigins: [] } });
  try {
    const origin = await app.listen({ host: '127.0.0.1', port: 0 });
    const paths: { path: string; headers: Record<string, string> }[] = [];
    for (const q of QUERIES) {
      const search = `/api/search?q=${encodeURIComponent(q)}`;
      const response = await app.inject(search);
      if (response.statusCode !== 200) throw new Error(`${search}: HTTP ${response.statusCode} ${response.body}`);
      paths.push({ path: search, headers: { accept: 'application/json' } });
      const [first] = response.json<{ hits: { id: string }[] }>().hits;
      if (!first) throw new Error(`${q}: no hit to take a permalink from`);
      paths.push({ path: `/p/${first.id}`, headers: { accept: 'text/html' } });
      paths.push({ path: `/api/paragraphs/${first.id}`, headers: { accept: 'application/json' } });
    }

    const latencies: number[] = [];
    const settings = {
      url: origin,
      connections: options.connections,
      duration: options.durationSeconds,
      requests: paths.map(({ path, headers }) => ({ method: 'GET', path, headers })),
      // Every response's time, for percentiles autocannon does not report (p95).
      setupClient: (client: EventEmitter) => {
        client.on('response', (_status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
      },
    };
    const result = await autocannon(settings);
    latencies.sort((a, b) => a - b);
    const at = (p: number) => round(latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0);
    return {
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      paths: paths.length,
      requests: result.requests.total,
      requestsPerSecond: round(result.requests.average),
      latencyMs: { p50: at(50), p95: at(95), p99: at(99), max: round(latencies.at(-1) ?? 0) },
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    };
  } finally {
    await app.close();
    await index.close();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

export function formatReport(report: LoadReport): string {
  const { latencyMs: l } = report;
  return [
    `load: ${report.connections} connections for ${report.durationSeconds} s over ${report.paths} paths (search, permalink pages, paragraph JSON), rate limit off`,
    `  ${report.requests} requests, ${report.requestsPerSecond} req/s`,
    `  latency p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms`,
    `  non-2xx ${report.non2xx}, errors ${report.errors}, timeouts ${report.timeouts}`,
  ].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { connections: { type: 'string', default: '50' }, duration: { type: 'string', default: '30' } } });
  const report = await runLoad({ connections: Number(values.connections), durationSeconds: Number(values.duration) });
  console.log(formatReport(report));
  console.log(JSON.stringify(report));
  return report.non2xx + report.errors + report.timeouts === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main();
