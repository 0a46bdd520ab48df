import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { IndexBackend, SearchHit } from '../../src/index/backend.ts';
import { INDEX_FILE, openEmbeddedIndex } from '../../src/index/sqlite/index.ts';
import type { Commitment } from '../../src/tree/types.ts';
import { runBackendContract } from './contract.ts';
import { corpusDocument } from './corpus-documents.ts';

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aftalesog-index-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

runBackendContract('embedded', async () => openEmbeddedIndex({ dir: await freshDir() }));

describe('the embedded index on disk', () => {
  it('keeps the previous version whole when storing a new one fails midway', async () => {
    const dir = await freshDir();
    const backend = await openEmbeddedIndex({ dir });
    try {
      const { doc, commitments } = await corpusDocument('oa18');
      await backend.putDocument(doc, commitments);
      const before = await backend.search({ q: 'patientansvarlig læge' });
      // Two commitments with one id break the write after the paragraphs went in.
      const broken = { ...doc, contentHash: 'broken' };
      const duplicate: Commitment[] = [commitments[0]!, commitments[0]!];
      await expect(backend.putDocument(broken, duplicate)).rejects.toThrow();
      expect(await backend.contentHashOf('oa18')).toBe(doc.contentHash);
      expect(await backend.search({ q: 'patientansvarlig læge' })).toEqual(before);
      expect((await backend.commitments({ documents: ['oa18'], limit: 100 })).total).toBe(commitments.length);
    } finally {
      await backend.close();
    }
  });

  it('is there again after closing and opening the folder', async () => {
    const dir = await freshDir();
    const { doc, commitments } = await corpusDocument('afskaf-produktivitetskravet');
    const first: IndexBackend = await openEmbeddedIndex({ dir });
    await first.putDocument(doc, commitments);
    const found = await first.search({ q: 'aktivitetspuljen' });
    await first.close();
    const again = await openEmbeddedIndex({ dir });
    try {
      expect(await again.search({ q: 'aktivitetspuljen' })).toEqual(found);
      expect(found.total).toBeGreaterThan(0);
    } finally {
      await again.close();
    }
  });

  it('orders very common words by year instead of scoring every hit, and says so with score 0', async () => {
    const dir = await freshDir();
    const backend = await openEmbeddedIndex({ dir, rankLimit: 10 });
    try {
      for (const id of ['oa18', 'dr-arbejdsprogram-2019-2020']) {
        const { doc, commitments } = await corpusDocument(id);
        await backend.putDocument(doc, commitments);
      }
      const common = await backend.search({ q: 'regionerne', limit: 100 });
      expect(common.total).toBeGreaterThan(10);
      const years = common.hits.map((h) => h.citation.document.year ?? -1);
      expect(years).toEqual([...years].sort((a, b) => b - a));
      expect(common.hits.every((h) => h.score === 0)).toBe(true);
      const rare = await backend.search({ q: 'ledelseskommissionen' });
      expect(rare.total).toBeLessThanOrEqual(10);
      const scores = rare.hits.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(rare.hits.every((h) => h.score > 0)).toBe(true);
    } finally {
      await backend.close();
    }
  });

  it('lists documents from their summaries index, added on open to an index made without it', async () => {
    const dir = await freshDir();
    const first = await openEmbeddedIndex({ dir });
    const { doc, commitments } = await corpusDocument('oa18');
    await first.putDocument(doc, commitments);
    await first.close();
    // As an index written before documents_summaries existed.
    const older = new Database(join(dir, INDEX_FILE));
    older.exec('DROP INDEX documents_summaries');
    older.close();
    const again = await openEmbeddedIndex({ dir });
    try {
      expect((await again.listDocuments()).map((d) => [d.meta.id, d.contentHash, d.paragraphCount])).toEqual([['oa18', doc.contentHash, expect.any(Number)]]);
    } finally {
      await again.close();
    }
    const reopened = new Database(join(dir, INDEX_FILE), { readonly: true });
    try {
      const indexes = reopened.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'documents'").pluck().all();
      expect(indexes).toContain('documents_summaries');
    } finally {
      reopened.close();
    }
  });
});

describe('ranking on the embedded index', () => {
  it('a very common word ranks paragraphs that contain it above those with it only inside a compound', async () => {
    const backend = await openEmbeddedIndex({ dir: await freshDir() });
    try {
      for (const { doc, commitments } of [await corpusDocument('oa18'), await corpusDocument('dr-arbejdsprogram-2019-2020')]) {
        await backend.putDocument(doc, commitments);
      }
      const hits: SearchHit[] = [];
      for (let offset = 0; hits.length === offset; offset += 100) hits.push(...(await backend.search({ q: 'regionerne', limit: 100, offset })).hits);
      const asWord = (text: string) => /(?<![\p{L}])region(?:en|er|erne|ernes|ens|ers)?(?![\p{L}])/iu.test(text);
      const firstCompoundOnly = hits.findIndex((h) => !asWord(h.text));
      expect(firstCompoundOnly).toBeGreaterThan(0);
      expect(hits.slice(firstCompoundOnly).every((h) => !asWord(h.text))).toBe(true);
      expect(hits.slice(firstCompoundOnly).every((h) => h.score === 0)).toBe(true);
    } finally {
      await backend.close();
    }
  });
});

describe('a server and a CLI ingest sharing one index folder', () => {
  it('the server finds, and suggests, what the other process just ingested', async () => {
    const dir = await freshDir();
    const cli = await openEmbeddedIndex({ dir });
    const server = await openEmbeddedIndex({ dir });
    try {
      const first = await corpusDocument('afskaf-produktivitetskravet');
      await cli.putDocument(first.doc, first.commitments);
      expect((await server.search({ q: 'aktivitetspuljen' })).total).toBeGreaterThan(0);
      expect((await server.search({ q: 'ledelseskommisionen' })).suggestion).toBeUndefined();
      const second = await corpusDocument('oa18');
      await cli.putDocument(second.doc, second.commitments);
      expect((await server.search({ q: 'ledelseskommisionen' })).suggestion).toMatch(/^ledelseskommission/);
    } finally {
      await cli.close();
      await server.close();
    }
  });
});
