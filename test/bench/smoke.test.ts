import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchResult } from '../../bench/report.ts';

const BENCH = fileURLToPath(new URL('../../bench/run-bench.ts', import.meta.url));

// The benchmark itself runs for minutes (npm run bench); this is its smallest run: the 1× scale
// corpus, five queries, one round, a one-second load test, embedded and MiniSearch only. About
// 15 s on an idle machine; the time limit leaves room for a machine busy with other suites.
describe('npm run bench at 1×', () => {
  const work = mkdtempSync(join(tmpdir(), 'aftalesog-bench-smoke-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('prints every table with its scale and machine and writes the figures as JSON', async () => {
    const env = { ...process.env };
    delete env.ELASTICSEARCH_URL;
    delete env.REDIS_URL;
    const args = ['--import', import.meta.resolve('tsx'), BENCH, '--scale', '1', '--backends', 'embedded,minisearch', '--rounds', '1', '--queries', '5'];
    args.push('--http-seconds', '1', '--connections', '2', '--extract-files', '2', '--permalinks', '5', '--out', join(work, 'results'), '--corpus-root', join(work, 'corpus'));
    const { stdout } = await promisify(execFile)(process.execPath, args, { env, timeout: 280_000, maxBuffer: 16 * 2 ** 20 });

    for (const title of ['Corpus — 1×', 'Extraction', 'Ingest end to end', 'Search latency', 'Search p95 by kind', 'HTTP API under load', 'Commitments and permalinks', 'Memory and index size', 'Targets']) {
      expect(stdout).toContain(title);
    }
    expect(stdout).toMatch(/scale 1× \(5 documents, \d+ pages, \d+ paragraphs\) · \d+ cores, [\d.]+ GiB, Node [\d.]+ \(load [\d.]+ → [\d.]+ during this scale\)/);

    const files = readdirSync(join(work, 'results')).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(1);
    const result = JSON.parse(readFileSync(join(work, 'results', files[0]!), 'utf8')) as BenchResult;
    expect(result.finishedAt).not.toBeNull();
    expect(result.machine.cores).toBeGreaterThan(0);
    const [scale] = result.scales;
    expect(scale?.scale).toBe(1);
    expect(scale?.corpus.byType).toEqual({ økonomiaftale: 1, hensigtserklæring: 1, opfølgningsskema: 1, notat: 1, udspil: 1 });
    expect(scale?.extraction?.pages).toBeGreaterThan(0);
    const [ingest] = scale!.ingest;
    expect(ingest).toMatchObject({ backend: 'embedded', files: 5, failed: 0 });
    expect(ingest!.paragraphs).toBeGreaterThan(300);
    expect(scale!.search.map((s) => [s.backend, s.overall.n])).toEqual([
      ['embedded', 5],
      ['minisearch', 5],
    ]);
    expect(scale!.search[0]!.empty).toEqual([]);
    expect(scale!.http[0]!.requests).toBeGreaterThan(0);
    expect(scale!.http[0]!.non2xx).toBe(0);
    expect(scale!.lookups.map((l) => l.what)).toEqual(['commitments', 'permalinks']);
    expect(scale!.storage[0]!.bytes).toBeGreaterThan(0);
  }, 300_000);
});
