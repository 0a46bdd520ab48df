import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedIndex } from '../../src/index/sqlite/index.ts';
import { paragraphDigest, type ParagraphDigest } from '../ingest/paragraph-digest.ts';
import { BAD_FILES, BAD_FILES_DIR, badOnes, goodOnes } from './bad-files.ts';

// An editor runs `aftalesog ingest` on a folder where some files are broken: each broken file
// gets one line saying why, the good ones are ingested, the exit code says "some failed", and
// what the index held before is still there.

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const NOTE = join(REPO, 'corpus/dr-arbejdsprogram-2019-2020.md');

let dataDir: string;

async function aftalesog(args: string[]): Promise<{ code: number; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  // The embedded mode: this test is about the in-process runner and its sandbox.
  delete env.REDIS_URL;
  delete env.ELASTICSEARCH_URL;
  try {
    const { stderr } = await promisify(execFile)(process.execPath, ['bin/aftalesog.js', 'ingest', ...args], { cwd: REPO, env });
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, stderr: failed.stderr ?? '' };
  }
}

async function digest(): Promise<ParagraphDigest> {
  const backend = await openEmbeddedIndex({ dir: dataDir });
  try {
    return await paragraphDigest(backend);
  } finally {
    await backend.close();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'aftalesog-cli-batch-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('aftalesog ingest on a batch with broken files', () => {
  let before: ParagraphDigest;

  it('ingests a first document', async () => {
    const first = await aftalesog([NOTE]);
    expect(first.code, first.stderr).toBe(0);
    before = await digest();
    expect(before.documents).toEqual(['dr-arbejdsprogram-2019-2020']);
    expect(before.count).toBeGreaterThan(10);
  }, 60_000);

  it('exits 1 with one readable line per broken file, ingests the good files and keeps what was stored', async () => {
    const run = await aftalesog(BAD_FILES.map((file) => join(BAD_FILES_DIR, file.file)));
    expect(run.code, run.stderr).toBe(1);

    const errorLines = run.stderr.split('\n').filter((line) => line.startsWith('FEJL '));
    expect(errorLines).toHaveLength(badOnes().length);
    for (const file of badOnes()) {
      const line = errorLines.find((l) => l.includes(` ${file.file}: `));
      expect(line, `${file.file} has no error line in:\n${run.stderr}`).toBeDefined();
      expect(line).toMatch(new RegExp(`^FEJL ${file.code}: ${file.file.replace('.', '\\.')}: \\S.+$`));
    }
    expect(run.stderr).toMatch(new RegExp(`Indlæst: ${goodOnes().length}, uændret: 0, fejl: ${badOnes().length}`));

    const after = await digest();
    expect(after.documents).toEqual(['dr-arbejdsprogram-2019-2020', 'god-aftale', 'godt-notat']);
    // The note stored before is still there, paragraph for paragraph.
    const noteOnly = await digestOf(['dr-arbejdsprogram-2019-2020']);
    expect(noteOnly).toEqual(before);
  }, 90_000);

  it('a broken new version of a stored document fails and leaves the stored version as it was', async () => {
    const stored = await digest();
    const run = await aftalesog(['--id', 'dr-arbejdsprogram-2019-2020', '--title', 'Arbejdsprogram', join(BAD_FILES_DIR, 'afkortet.pdf')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^FEJL EXTRACT_CORRUPT: afkortet\.pdf: the PDF is damaged and cannot be read/m);
    expect(await digest()).toEqual(stored);
  }, 60_000);
});

/** The digest of some documents only: the same paragraphs, read from the same index. */
async function digestOf(ids: string[]): Promise<ParagraphDigest> {
  const backend = await openEmbeddedIndex({ dir: dataDir });
  try {
    const only = { ...backend, listDocuments: async () => (await backend.listDocuments()).filter((summary) => ids.includes(summary.meta.id)) };
    return await paragraphDigest(only);
  } finally {
    await backend.close();
  }
}
