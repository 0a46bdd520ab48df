// Builds corpus/ from the seed texts: realistic PDFs (pages, footers, bullets, boxes, a ruled
// table), the note as it is, and catalog.json. Deterministic: the same seeds give the same bytes.
//
//   npm run corpus:build [-- --seeds <dir>] [--out <dir>]
//
// --seeds defaults to ../shared/seeds next to the repository, --out to corpus/.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOG } from './corpus/catalog.ts';
import { buildOa18 } from './corpus/oa18.ts';
import { buildOa20Table, type FollowUpSeedRow } from './corpus/oa20-table.ts';
import { buildPatientforloeb } from './corpus/patientforloeb.ts';
import { readSeed, SeedError, seedLines } from './corpus/seeds.ts';
import { buildUdspil } from './corpus/udspil.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROWS_FILE = join(repo, 'scripts/corpus/oa20-opfoelgning.rows.json');

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = process.argv[index + 1];
  if (!value || value.startsWith('--')) throw new SeedError(`--${name} needs a directory`);
  return resolve(value);
}

function readRows(): FollowUpSeedRow[] {
  if (!existsSync(ROWS_FILE)) throw new SeedError(`${ROWS_FILE} is missing: the follow-up rows are curated there`);
  const rows: unknown = JSON.parse(readFileSync(ROWS_FILE, 'utf8'));
  const texts = ['topic', 'agreement', 'economy', 'status'] as const;
  if (!Array.isArray(rows) || rows.length === 0) throw new SeedError(`${ROWS_FILE}: expected a non-empty array of rows`);
  rows.forEach((row: Record<string, unknown>, index) => {
    const bad = texts.find((key) => typeof row[key] !== 'string');
    if (bad) throw new SeedError(`${ROWS_FILE}: row ${index + 1} has no text "${bad}"`);
    if (row.responsible !== null && typeof row.responsible !== 'string') throw new SeedError(`${ROWS_FILE}: row ${index + 1}: responsible must be a string or null`);
    if (row.referencesText !== null && typeof row.referencesText !== 'string') throw new SeedError(`${ROWS_FILE}: row ${index + 1}: referencesText must be a string or null`);
  });
  return rows as FollowUpSeedRow[];
}

async function main(): Promise<void> {
  const seeds = option('seeds', resolve(repo, '../shared/seeds'));
  const out = option('out', join(repo, 'corpus'));
  if (!existsSync(seeds)) throw new SeedError(`seed folder ${seeds} not found (pass --seeds <dir>)`);
  const files: [string, Buffer][] = [
    ['oa18.pdf', await buildOa18(seedLines(readSeed(seeds, 'oa18')))],
    ['patientforloeb-hensigtserklaeringer.pdf', await buildPatientforloeb(seedLines(readSeed(seeds, 'patientforloeb')))],
    ['oa20-opfoelgning.pdf', await buildOa20Table(readRows())],
    // The note is bundled as it is: its quirks (## headings, dotted TOC, stray <b>) are the point.
    ['dr-arbejdsprogram-2019-2020.md', readSeed(seeds, 'arbejdsprogram')],
    ['afskaf-produktivitetskravet.pdf', await buildUdspil(seedLines(readSeed(seeds, 'udspil')))],
    ['catalog.json', Buffer.from(`${JSON.stringify(CATALOG, null, 2)}\n`)],
  ];
  const missing = CATALOG.filter((entry) => !files.some(([name]) => name === entry.source));
  if (missing.length) throw new Error(`catalog lists files the build does not make: ${missing.map((e) => e.source).join(', ')}`);
  mkdirSync(out, { recursive: true });
  for (const [name, bytes] of files) {
    writeFileSync(join(out, name), bytes);
    console.log(`${createHash('sha256').update(bytes).digest('hex')}  ${name}`);
  }
}

main().catch((error: unknown) => {
  console.error(`corpus:build: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
