import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDEX_FILE, openEmbeddedIndex } from '../../src/index/sqlite/index.ts';
import { paragraphsOf } from '../../src/tree/visit.ts';
import { corpusDocument, corpusDocuments } from '../index/corpus-documents.ts';
import { paragraphDigest, type ParagraphDigest } from '../ingest/paragraph-digest.ts';

// The machine running an ingest dies (SIGKILL) while the embedded index is writing a large new
// version of a stored document: afterwards the index is whole and holds exactly what it held
// before, because a document is written in one transaction.

const WRITER = fileURLToPath(new URL('./write-large-document.ts', import.meta.url));
const TARGET = 'dr-arbejdsprogram-2019-2020';

let dir: string;
let before: ParagraphDigest;
let hashBefore: string | null;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aftalesog-crash-'));
  const backend = await openEmbeddedIndex({ dir });
  for (const { doc, commitments } of await corpusDocuments()) await backend.putDocument(doc, commitments);
  before = await paragraphDigest(backend);
  hashBefore = await backend.contentHashOf(TARGET);
  await backend.close();
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fileSize = (path: string) => stat(path).then((s) => s.size, () => 0);

describe('the embedded index killed mid-ingest', () => {
  it('keeps the previous index intact: integrity check passes and every paragraph is as before', async () => {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), WRITER, TARGET, '600'], {
      env: { ...process.env, DATA_DIR: dir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
    const writing = new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('writing')) resolve();
      });
      void exited.then(() => reject(new Error(`the writer exited before writing:\n${log}`)));
    });
    await writing;

    // Kill it once the transaction has spilled pages into the write-ahead log: the write is
    // under way on disk, not only in memory.
    const wal = join(dir, `${INDEX_FILE}-wal`);
    const start = await fileSize(wal);
    const deadline = Date.now() + 30_000;
    while ((await fileSize(wal)) <= start + 1_000_000) {
      if (log.includes('written')) throw new Error('the write finished before it could be interrupted: make the document larger');
      if (Date.now() > deadline) throw new Error(`the write-ahead log did not grow:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(log).not.toContain('written');

    const backend = await openEmbeddedIndex({ dir });
    try {
      expect(await paragraphDigest(backend)).toEqual(before);
      expect(await backend.contentHashOf(TARGET)).toBe(hashBefore);
      // Still writable: the next ingest goes through.
      const { doc, commitments } = await corpusDocument(TARGET);
      await backend.putDocument(doc, commitments);
      expect(await paragraphDigest(backend)).toEqual(before);
    } finally {
      await backend.close();
    }
    const db = new Database(join(dir, INDEX_FILE), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const target = await corpusDocument(TARGET);
      expect(db.prepare(`SELECT COUNT(*) AS n FROM paragraphs WHERE doc_id = ?`).get(TARGET)).toEqual({ n: paragraphsOf(target.doc).length });
    } finally {
      db.close();
    }
  }, 120_000);
});
