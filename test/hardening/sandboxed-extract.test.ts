import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sandboxedExtractor, type SandboxedExtractor } from '../../ingest/sandboxed-extract.ts';
import { ExtractError } from '../../src/extract/index.ts';
import { buildBadFiles } from '../../scripts/build-bad-files.ts';
import { BAD_FILES, BAD_FILES_DIR, badOnes } from './bad-files.ts';
import { isAlive } from '../ingest/worker-process.ts';

// Extraction for the in-process runner runs in a child process: a file that hangs or kills the
// PDF reader costs that file, never the batch or the server.

const OA18 = new URL('../../corpus/oa18.pdf', import.meta.url).pathname;
const GOOD_NOTE = join(BAD_FILES_DIR, 'godt-notat.md');
const extractors: SandboxedExtractor[] = [];
let dir: string;

function extractor(options: Parameters<typeof sandboxedExtractor>[0] = {}): SandboxedExtractor {
  const made = sandboxedExtractor(options);
  extractors.push(made);
  return made;
}

async function failure(run: Promise<unknown>): Promise<ExtractError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExtractError);
  return error as ExtractError;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aftalesog-sandbox-'));
});

afterEach(async () => {
  await Promise.all(extractors.splice(0).map((e) => e.close()));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the bad-file corpus', () => {
  it('is what scripts/build-bad-files.ts builds, byte for byte', async () => {
    const built = await buildBadFiles();
    expect(built.map(([entry]) => entry)).toEqual(BAD_FILES);
    for (const [entry, bytes] of built) expect(Buffer.compare(await readFile(join(BAD_FILES_DIR, entry.file)), bytes), entry.file).toBe(0);
  });

  it('gives each bad file its own error through the sandbox, and reads the good ones', async () => {
    const sandbox = extractor();
    for (const file of BAD_FILES) {
      const run = sandbox.extract(file.file, join(BAD_FILES_DIR, file.file));
      if (file.code === null) {
        expect((await run).pages.length, file.file).toBeGreaterThan(0);
        continue;
      }
      const error = await failure(run);
      expect(error.code, file.file).toBe(file.code);
      expect(error.message.startsWith(`${file.file}: `), error.message).toBe(true);
    }
    expect(badOnes().length).toBe(7);
  }, 60_000);
});

describe('a file that takes too long', () => {
  it('is stopped at the time limit with EXTRACT_TIMEOUT; its child is killed and the next file gets a fresh one', async () => {
    // oa18 takes about 2 s to extract on a fresh reader; the limit is a fraction of that.
    const sandbox = extractor({ timeLimitMs: 300 });
    const run = sandbox.extract('oa18.pdf', OA18);
    const error = await failure(run);
    expect(error.code).toBe('EXTRACT_TIMEOUT');
    expect(error.message).toBe('oa18.pdf: reading the file took too long (stopped after 0.3 s)');
    expect(sandbox.pid()).toBeNull();

    const note = await sandbox.extract('godt-notat.md', GOOD_NOTE);
    expect(note.pages[0]!.text).toContain('Regionerne skal inden udgangen af 2021');
  }, 60_000);
});

describe('a reader that dies', () => {
  it('fails the file it was reading (killed as V8 kills itself on a fatal error) and the next file goes on', async () => {
    // A PDF long enough to keep the reader busy for a while.
    const big = join(dir, 'lang-aftale.pdf');
    await writeFile(big, await longPdf(150));
    const sandbox = extractor();
    await sandbox.extract('godt-notat.md', GOOD_NOTE);
    const pid = sandbox.pid()!;
    const run = sandbox.extract('lang-aftale.pdf', big);
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(pid, 'SIGABRT');
    const error = await failure(run);
    expect(error.code).toBe('EXTRACT_CORRUPT');
    expect(error.message).toBe('lang-aftale.pdf: the PDF is damaged and cannot be read (the reader stopped: killed by SIGABRT)');
    expect(isAlive(pid)).toBe(false);

    const again = await sandbox.extract('oa18.pdf', OA18);
    expect(again.pages).toHaveLength(20);
    expect(sandbox.pid()).not.toBe(pid);
  }, 60_000);

  it('reports a reader out of memory as that file\'s error, not a crash of this process', async () => {
    // Far below what pdf.js needs: V8 aborts the child with a fatal heap error.
    const sandbox = extractor({ maxOldSpaceMb: 16 });
    const error = await failure(sandbox.extract('oa18.pdf', OA18));
    expect(error.code).toBe('EXTRACT_CORRUPT');
    expect(error.message).toMatch(/^oa18\.pdf: .*the reader ran out of memory, limit 16 MB\)$/);
  }, 60_000);
});

function longPdf(pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const line = 'Regionerne skal inden udgangen af 2021 afrapportere om udbredelsen af de fælles forløbsprogrammer. ';
  for (let page = 1; page <= pages; page++) doc.addPage().fontSize(9).text(line.repeat(40));
  doc.end();
  return done;
}
