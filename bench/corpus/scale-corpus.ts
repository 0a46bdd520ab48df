import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CatalogEntry } from '../../src/tree/types.ts';
import { composeDocument, KINDS_PER_SAMPLE } from './compose.ts';
import { buildSourcePool, type SourcePool } from './source-pool.ts';

export interface ScaleCorpus {
  scale: number;
  /** The catalog of this scale; sources are relative to its folder. */
  catalogPath: string;
  entries: CatalogEntry[];
  /** Absolute path of each entry's file, in catalog order. */
  paths: string[];
  /** Files made by this call (the rest came from the cache). */
  generated: number;
  generateMs: number;
}

/** What the generated files depend on: a change to any of them makes a new corpus. */
const GENERATOR_INPUTS = ['bench/corpus', 'scripts/corpus', 'corpus'];

/**
 * The scale corpus of `scale` × the bundled sample (five documents per 1×), made under
 * `root/<generator hash>/` and reused while the generator and the sample are unchanged.
 * Corpora of an older generator are removed.
 */
export async function ensureScaleCorpus(options: { repo: string; scale: number; root: string; log?: (line: string) => void }): Promise<ScaleCorpus> {
  const { repo, scale, root } = options;
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`scale must be a whole number ≥ 1, got ${scale}`);
  const hash = generatorHash(repo);
  const dir = join(root, hash);
  mkdirSync(join(dir, 'docs'), { recursive: true });
  for (const old of readdirSync(root)) if (old !== hash) rmSync(join(root, old), { recursive: true, force: true });

  const started = performance.now();
  const pool = await cachedPool(repo, dir);
  const entries: CatalogEntry[] = [];
  const paths: string[] = [];
  let generated = 0;
  const count = scale * KINDS_PER_SAMPLE;
  for (let n = 0; n < count; n++) {
    const doc = composeDocument(n, pool);
    const entry = { ...doc.entry, source: `docs/${doc.entry.source}` };
    const path = join(dir, entry.source);
    if (!existsSync(path)) {
      // Written whole or not at all: an interrupted run leaves no half file in the cache.
      writeFileSync(`${path}.${process.pid}.tmp`, await doc.bytes());
      renameSync(`${path}.${process.pid}.tmp`, path);
      generated += 1;
      if (generated % 250 === 0) options.log?.(`scale corpus: ${n + 1}/${count} documents`);
    }
    entries.push(entry);
    paths.push(path);
  }
  const catalogPath = join(dir, `catalog-${scale}x.json`);
  writeFileSync(catalogPath, `${JSON.stringify(entries, null, 1)}\n`);
  return { scale, catalogPath, entries, paths, generated, generateMs: performance.now() - started };
}

async function cachedPool(repo: string, dir: string): Promise<SourcePool> {
  const path = join(dir, 'pool.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as SourcePool;
  const pool = await buildSourcePool(repo);
  writeFileSync(`${path}.${process.pid}.tmp`, JSON.stringify(pool));
  renameSync(`${path}.${process.pid}.tmp`, path);
  return pool;
}

function generatorHash(repo: string): string {
  const hash = createHash('sha256');
  const files = GENERATOR_INPUTS.flatMap((folder) => listFiles(join(repo, folder))).sort();
  for (const file of files) hash.update(relative(repo, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 12);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}
