import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../api/server.ts';
import { inProcessRunner } from '../../ingest/in-process-runner.ts';
import { contentHash } from '../../src/extract/index.ts';
import type { IndexBackend } from '../../src/index/backend.ts';
import { openEmbeddedIndex } from '../../src/index/sqlite/index.ts';
import { paragraphDigest } from '../ingest/paragraph-digest.ts';
import { BAD_FILES_DIR, badOnes } from './bad-files.ts';
import { multipart, type FormPart } from './multipart.ts';

// An administrator adds documents over HTTP with the admin token; everyone else can only
// search and read. Broken files are refused one by one with the reason, and nothing stored is lost.

const TOKEN = 'test-admin-token-5f2c9a';
const NOTE = new URL('../../corpus/dr-arbejdsprogram-2019-2020.md', import.meta.url).pathname;
const GOOD_PDF = join(BAD_FILES_DIR, 'god-aftale.pdf');

let dir: string;
let uploadDir: string;
let backend: IndexBackend;
let app: FastifyInstance;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aftalesog-upload-'));
  uploadDir = join(dir, 'data', 'uploads');
  backend = await openEmbeddedIndex({ dir: join(dir, 'data') });
  app = await buildServer({
    backend,
    runner: inProcessRunner(backend),
    queue: null,
    security: { adminToken: TOKEN, uploadDir, rateLimit: false },
  });
});

afterAll(async () => {
  await app?.close();
  await backend?.close();
  await rm(dir, { recursive: true, force: true });
});

const auth = { authorization: `Bearer ${TOKEN}` };

function upload(parts: FormPart[], headers: Record<string, string> = auth) {
  const form = multipart(parts);
  return app.inject({ method: 'POST', url: '/api/documents', payload: form.payload, headers: { ...form.headers, ...headers } });
}

const file = (filename: string, value: Buffer | string): FormPart => ({ name: 'file', filename, value });

describe('who may add documents', () => {
  it('nobody, when the server has no ADMIN_TOKEN: 403, while search and links stay open', async () => {
    const closed = await buildServer({ backend, runner: inProcessRunner(backend), queue: null, security: { adminToken: null, uploadDir, rateLimit: false } });
    try {
      const form = multipart([file('god-aftale.pdf', await readFile(GOOD_PDF))]);
      const res = await closed.inject({ method: 'POST', url: '/api/documents', payload: form.payload, headers: { ...form.headers, ...auth } });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'ADMIN_DISABLED', message: 'uploads are disabled: the server has no ADMIN_TOKEN set' });
      expect((await closed.inject({ url: '/api/jobs', headers: auth })).json()).toMatchObject({ statusCode: 403, code: 'ADMIN_DISABLED' });
      expect((await closed.inject('/api/search?q=regionerne')).statusCode).toBe(200);
    } finally {
      await closed.close();
    }
  });

  it('not without the token, nor with a wrong one (401, unread); search needs none', async () => {
    const pdf = await readFile(GOOD_PDF);
    const none = await upload([file('god-aftale.pdf', pdf)], {});
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.json().code).toBe('ADMIN_TOKEN_MISSING');
    for (const wrong of ['Bearer nope', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}`]) {
      const res = await upload([file('god-aftale.pdf', pdf)], { authorization: wrong });
      expect(res.statusCode, wrong).toBe(401);
    }
    expect((await app.inject('/api/documents')).json().documents).toEqual([]);
    expect((await app.inject('/api/search?q=regionerne')).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/jobs' })).statusCode).toBe(401);
  });
});

describe('adding a document', () => {
  it('stores the file under its hash, ingests it with its metadata and makes it searchable', async () => {
    const pdf = await readFile(GOOD_PDF);
    // A hostile name: folders in it are dropped, the file is kept under its hash only.
    const res = await upload([
      file('../../../tmp/god-aftale.pdf', pdf),
      { name: 'title', value: 'Aftale om det nære sundhedsvæsen' },
      { name: 'type', value: 'økonomiaftale' },
      { name: 'year', value: '2021' },
      { name: 'id', value: 'naere-sundhed-2021' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.location).toBe('/api/documents/naere-sundhed-2021');
    const body = res.json();
    expect(body).toMatchObject({
      status: 'ingested',
      document: { id: 'naere-sundhed-2021', title: 'Aftale om det nære sundhedsvæsen', type: 'økonomiaftale', year: 2021 },
      contentHash: contentHash(pdf),
    });
    expect(body.paragraphs).toBeGreaterThan(0);
    expect(await readdir(uploadDir)).toEqual([`${contentHash(pdf)}.pdf`]);

    const search = (await app.inject(`/api/search?q=${encodeURIComponent('forløbsprogrammer')}&year=2021`)).json();
    expect(search.hits[0].citation.document).toMatchObject({ id: 'naere-sundhed-2021', year: 2021 });
  });

  it('is idempotent: the same file again is "unchanged" and the index is as it was', async () => {
    const before = await paragraphDigest(backend);
    const res = await upload([file('god-aftale.pdf', await readFile(GOOD_PDF)), { name: 'id', value: 'naere-sundhed-2021' }]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'unchanged', document: { id: 'naere-sundhed-2021', title: 'Aftale om det nære sundhedsvæsen', year: 2021 } });
    expect(await paragraphDigest(backend)).toEqual(before);
    expect(await readdir(uploadDir)).toHaveLength(1);
  });

  it('a new version keeps the stored metadata and the old links: a deleted passage shows its archived quote', async () => {
    const original = await readFile(NOTE, 'utf8');
    const first = await upload([file('arbejdsprogram.md', original), { name: 'id', value: 'arbejdsprogram' }, { name: 'title', value: 'Arbejdsprogram 2019-2020' }, { name: 'year', value: '2019' }]);
    expect(first.statusCode, first.body).toBe(201);
    const outline = (await app.inject('/api/documents/arbejdsprogram')).json();
    const paragraphs = outline.chapters.flatMap((c: { children: { type: string; id: string; text: string; children?: { id: string; text: string }[] }[] }) =>
      c.children.flatMap((child) => (child.type === 'paragraph' ? [child] : (child.children ?? []))),
    );
    const deleted = paragraphs.find((p: { text: string }) => p.text.startsWith('Med økonomiaftalen for 2019 er fastlagt'));
    const kept = paragraphs.find((p: { text: string }) => p.text.startsWith('Danske Regioner og regionerne har siden begyndelse af 2019'));
    expect(deleted && kept).toBeTruthy();
    const deletedLine = original.split('\n').find((line) => line.startsWith('Med økonomiaftalen for 2019 er fastlagt'))!;

    const second = await upload([file('arbejdsprogram-rev2.md', original.replace(`${deletedLine}\n\n`, '')), { name: 'id', value: 'arbejdsprogram' }]);
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().document).toEqual({ id: 'arbejdsprogram', title: 'Arbejdsprogram 2019-2020', type: 'notat', year: 2019 });

    const gone = await app.inject({ url: `/p/${deleted.id}`, headers: { accept: 'application/json' } });
    expect(gone.statusCode).toBe(200);
    expect(gone.json()).toMatchObject({ status: 'archived', quote: deleted.text });
    const still = await app.inject({ url: `/p/${kept.id}`, headers: { accept: 'application/json' } });
    expect(still.json()).toMatchObject({ status: 'found', text: kept.text });
  });
});

describe('files that cannot be added', () => {
  it('each broken file: 422 with its code and a message naming it; the index and the upload folder keep what they had', async () => {
    const before = await paragraphDigest(backend);
    const stored = (await readdir(uploadDir)).sort();
    for (const bad of badOnes()) {
      const res = await upload([file(bad.file, await readFile(join(BAD_FILES_DIR, bad.file))), { name: 'id', value: 'naere-sundhed-2021' }]);
      expect(res.statusCode, `${bad.file}: ${res.body}`).toBe(422);
      const body = res.json();
      expect(body).toMatchObject({ statusCode: 422, code: bad.code, error: 'Unprocessable Entity' });
      expect(body.message.startsWith(`${bad.file}: `), body.message).toBe(true);
      expect(body.message).not.toContain(uploadDir);
    }
    expect(await paragraphDigest(backend)).toEqual(before);
    expect((await readdir(uploadDir)).sort()).toEqual(stored);
  }, 60_000);

  it('the job list shows each upload with its outcome, failures with their reason', async () => {
    const res = await app.inject({ url: '/api/jobs?state=failed&limit=50', headers: auth });
    expect(res.statusCode).toBe(200);
    const { source, jobs } = res.json();
    expect(source).toBe('in-process');
    // Files refused by their content never reach the ingest; the others failed there.
    const reasons = jobs.map((job: { failedReason: string }) => job.failedReason.split(': ').slice(0, 2).join(': '));
    expect(reasons.sort()).toEqual(['EXTRACT_CORRUPT: afkortet.pdf', 'EXTRACT_ENCRYPTED: krypteret.pdf', 'EXTRACT_NO_TEXT: scannet.pdf', 'EXTRACT_TOO_MANY_PAGES: tusindvis-af-sider.pdf']);
    const all = (await app.inject({ url: '/api/jobs', headers: auth })).json().jobs;
    expect(all.filter((job: { state: string }) => job.state === 'completed').map((job: { documentId: string }) => job.documentId)).toEqual(
      expect.arrayContaining(['naere-sundhed-2021', 'arbejdsprogram']),
    );
  });

  it('other types, misnamed content, a missing file, unknown fields and bad metadata: 4xx with the reason', async () => {
    const pdf = await readFile(GOOD_PDF);
    const cases: [FormPart[], number, string][] = [
      [[file('rapport.docx', 'PK\u0003\u0004')], 415, 'UNSUPPORTED_FILE_TYPE'],
      [[file('uden-endelse', pdf)], 415, 'UNSUPPORTED_FILE_TYPE'],
      [[file('aftale.txt', pdf)], 422, 'EXTRACT_ENCODING'],
      [[file('billede.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))], 422, 'EXTRACT_ENCODING'],
      [[{ name: 'title', value: 'Uden fil' }], 400, 'UPLOAD_FILE_MISSING'],
      [[file('a.pdf', pdf), { name: 'owner', value: 'x' }], 400, 'INVALID_PARAMETER'],
      [[file('a.pdf', pdf), { name: 'type', value: 'roman' }], 400, 'INVALID_PARAMETER'],
      [[file('a.pdf', pdf), { name: 'year', value: '20x1' }], 400, 'INVALID_PARAMETER'],
      [[file('a.pdf', pdf), { name: 'id', value: '../../etc/passwd' }], 400, 'INVALID_PARAMETER'],
      [[file('a.pdf', pdf), file('b.pdf', pdf)], 400, 'INVALID_PARAMETER'],
    ];
    for (const [parts, status, code] of cases) {
      const res = await upload(parts);
      expect([res.statusCode, res.json().code], JSON.stringify(parts.map((p) => p.filename ?? p.name))).toEqual([status, code]);
    }
    const json = await app.inject({ method: 'POST', url: '/api/documents', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"file":"x"}' });
    expect(json.statusCode).toBeGreaterThanOrEqual(400);
    expect(json.statusCode).toBeLessThan(500);
  });

  it('a file over the size limit: 413 before it is stored', async () => {
    const small = await buildServer({ backend, runner: inProcessRunner(backend), queue: null, security: { adminToken: TOKEN, uploadDir: join(dir, 'small'), uploadMaxBytes: 1000, rateLimit: false } });
    try {
      const form = multipart([file('god-aftale.pdf', await readFile(GOOD_PDF))]);
      const res = await small.inject({ method: 'POST', url: '/api/documents', payload: form.payload, headers: { ...form.headers, ...auth } });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'UPLOAD_TOO_LARGE', message: 'the file is larger than the upload limit of 0.000954 MB' });
      await expect(readdir(join(dir, 'small'))).rejects.toThrow(/ENOENT/);
    } finally {
      await small.close();
    }
  });
});

describe('the job list in the scaled mode, while Redis is unreachable', () => {
  it('answers 503 JOBS_UNAVAILABLE at once instead of waiting for Redis', async () => {
    const probe = createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)));
    await new Promise((resolve) => probe.close(resolve));
    const scaled = await buildServer({ backend, queue: { connection: `redis://127.0.0.1:${port}` }, security: { adminToken: TOKEN, uploadDir, rateLimit: false } });
    try {
      const started = Date.now();
      const res = await scaled.inject({ url: '/api/jobs', headers: auth });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'JOBS_UNAVAILABLE', message: 'the job queue (Redis) cannot be reached; try again shortly' });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await scaled.close();
    }
  });
});
