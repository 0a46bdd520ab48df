import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../api/server.ts';
import { ingestDocument } from '../../ingest/ingest-document.ts';
import type { IndexBackend } from '../../src/index/backend.ts';
import { openElasticsearchIndex } from '../../src/index/elasticsearch/index.ts';
import { openEmbeddedIndex } from '../../src/index/sqlite/index.ts';
import { corpusDocuments } from '../index/corpus-documents.ts';
import { describeWithService } from '../service-suites.ts';

// Someone types (or scripts) whatever they like into the search box and the address bar, and
// an uploaded document carries markup. The answer is a 4xx or a safe result: never a 500, never
// markup of theirs in our pages, never a file from outside the site.

/** A note whose text carries markup and odd Unicode, as a hostile or careless author writes it. */
const HOSTILE_NOTE = [
  '# Notat med fjendtligt indhold',
  '',
  'Regionerne skal <script>alert("xss")</script> sikre fjendtlighedstest i alle kommuner.',
  '',
  'En <img src=x onerror=alert(1)> billedtest og "><svg onload=alert(2)> vektortest følger her.',
  '',
  'Høringssvar med retningsmarkør \u202Eesrever\u202C og kombinerede tegn e\u0301\u0301\u0301 i retningstesten.',
  '',
].join('\n');

/** Query strings with Elasticsearch and FTS5 syntax, injection attempts, huge and odd input. */
const HOSTILE_QUERIES: string[] = [
  'title:regionerne',
  '_exists_:title',
  '*:*',
  'regioner~2',
  'regi*',
  'a^10 b',
  '/regi.*/',
  '{!lucene}regionerne',
  '(regionerne OR kommunerne) AND NOT staten',
  'regionerne && kommunerne || !staten',
  '+regionerne -kommunerne',
  'regionerne OR',
  'OR',
  '-regionerne',
  '"regionerne',
  '"',
  '""',
  "'",
  '\\',
  '\\"regionerne\\"',
  'NEAR(regionerne kommunerne, 2)',
  'regionerne NOT kommunerne',
  'text:regionerne',
  '^regionerne',
  '{text id}:regionerne',
  '"regionerne" * "kommunerne"',
  'regionerne + kommunerne',
  "x' OR '1'='1",
  "'; DROP TABLE paragraphs; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'fjendtlighedstest',
  'billedtest vektortest',
  'a'.repeat(500),
  'a'.repeat(501),
  'regionerne '.repeat(2_000),
  'e\u0301'.repeat(300),
  '\u0301\u0301\u0301',
  'regio\u0000nerne',
  '\u0000',
  '\u202Eregionerne\u202C',
  '\u200F\u200E\u061C',
  'retningstesten \u202E',
  '\uFEFF\u200B\u00AD',
  '𝕽𝖊𝖌𝖎𝖔𝖓𝖊𝖗𝖓𝖊 🏥',
  '\uD800',
  'ØA18 økonomiaftale',
  '   ',
  '',
];

/** Percent-encodes every UTF-8 byte (a lone surrogate becomes U+FFFD, as a browser sends it). */
function encodeQuery(q: string): string {
  return [...Buffer.from(q, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('');
}

/** Everything our markup may contain in a snippet is <mark> and </mark>; the rest is escaped. */
function expectEscapedSnippet(snippet: string, context: string): void {
  const stripped = snippet.replaceAll('<mark>', '').replaceAll('</mark>', '');
  expect(stripped, `${context}: ${snippet}`).not.toMatch(/[<>]/);
}

const PATHS = [
  '/p/../../etc/passwd',
  '/p/..%2F..%2Fetc%2Fpasswd',
  '/p/%2e%2e/%2e%2e/etc/passwd',
  '/p/%2E%2E%2F%2E%2E%2Fpackage.json',
  '/p/....//....//etc/passwd',
  '/p/..%5C..%5Cpackage.json',
  '/p/%00',
  '/p/%FF%FE',
  '/p/%',
  '/api/paragraphs/..%2F..%2Fetc%2Fpasswd',
  '/api/paragraphs/../../../package.json',
  '/api/documents/..%2F..%2Fetc%2Fpasswd',
  '/api/documents/%2e%2e',
  '/..%2F..%2Fetc%2Fpasswd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/..%2Fpackage.json',
  '/%2E%2E%2Fpackage.json',
  '/..%5Cpackage.json',
  '/style.css/../../package.json',
  '/style.css%2F..%2F..%2Fpackage.json',
  '/api/docs/static/../../../../package.json',
  '/api/docs/static/..%2F..%2F..%2F..%2Fpackage.json',
  '/api/docs/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/package.json',
  '//etc/passwd',
  '/\\..\\..\\package.json',
  '/frister/../../package.json',
];

interface Scene {
  backend: IndexBackend;
  app: FastifyInstance;
  close(): Promise<void>;
}

function hostileSuite(name: 'embedded' | 'elasticsearch', open: () => Promise<Scene>): void {
  const body = () => {
    let scene: Scene;
    let hostileIds: string[];

    beforeAll(async () => {
      scene = await open();
      const outline = (await scene.app.inject('/api/documents/fjendtligt-notat')).json();
      hostileIds = outline.chapters.flatMap((chapter: { children: { id: string; type: string }[] }) =>
        chapter.children.filter((child) => child.type === 'paragraph').map((child) => child.id),
      );
      expect(hostileIds.length).toBeGreaterThanOrEqual(3);
    }, 120_000);

    afterAll(async () => {
      await scene?.close();
    });

    it('every hostile query answers 200 with escaped snippets or 400 with a code, never 500', async () => {
      const outcomes = new Map<number, number>();
      for (const q of HOSTILE_QUERIES) {
        for (const extra of ['', '&group=year', '&sort=year&limit=100']) {
          const res = await scene.app.inject(`/api/search?q=${encodeQuery(q)}${extra}`);
          outcomes.set(res.statusCode, (outcomes.get(res.statusCode) ?? 0) + 1);
          expect(res.statusCode, `${JSON.stringify(q.slice(0, 60))}${extra}: ${res.body.slice(0, 300)}`).toBeOneOf([200, 400]);
          const body = res.json();
          if (res.statusCode === 400) {
            expect(body.code).toMatch(/^(QUERY_[A-Z_]+|INVALID_PARAMETER)$/);
            continue;
          }
          for (const hit of [...body.hits, ...(body.groups ?? []).flatMap((g: { hits: unknown[] }) => g.hits)]) expectEscapedSnippet(hit.snippet, q);
        }
      }
      // Both kinds occur: the list holds real searches and real mistakes.
      expect(outcomes.get(200)).toBeGreaterThan(20);
      expect(outcomes.get(400)).toBeGreaterThan(5);
    }, 60_000);

    it('markup in a document is found as text and shown escaped, in snippets and on its page', async () => {
      for (const q of ['fjendtlighedstest', 'billedtest vektortest', 'alert xss', 'retningstesten']) {
        const res = await scene.app.inject(`/api/search?q=${encodeQuery(q)}`);
        expect(res.statusCode, q).toBe(200);
        const hits = res.json().hits as { id: string; snippet: string; text: string }[];
        expect(hits.length, q).toBeGreaterThan(0);
        for (const hit of hits) expectEscapedSnippet(hit.snippet, q);
      }
      const withScript = (await scene.app.inject(`/api/search?q=fjendtlighedstest`)).json().hits[0];
      expect(withScript.text).toContain('<script>alert("xss")</script>');
      expect(withScript.snippet).toContain('&lt;script&gt;');

      for (const id of hostileIds) {
        const page = await scene.app.inject({ url: `/p/${id}`, headers: { accept: 'text/html' } });
        expect(page.statusCode).toBe(200);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        expect(page.body).not.toMatch(/<script>alert|<img src=x|<svg onload/i);
        // The page's own scripts are the only script elements.
        expect([...page.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/copy.js" defer>']);
      }
      const page = await scene.app.inject({ url: `/p/${hostileIds[1]}`, headers: { accept: 'text/html' } });
      expect(page.body).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    });

    it('markup and odd characters in a permalink id come back escaped in the 404 page', async () => {
      for (const id of ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'oa18/\u202E1', 'oa18/%00']) {
        const res = await scene.app.inject({ url: `/p/${encodeQuery(id)}`, headers: { accept: 'text/html' } });
        expect(res.statusCode, id).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, id).toBeLessThan(500);
        expect(res.body, id).not.toMatch(/<script>alert|<img src=x/);
      }
    });

    it('path traversal in ids and paths: 4xx or a normal page, never a file from outside the site', async () => {
      for (const path of PATHS) {
        for (const accept of ['text/html', 'application/json']) {
          const res = await scene.app.inject({ url: path, headers: { accept } });
          expect(res.statusCode, `${path} (${accept}): ${res.body.slice(0, 200)}`).toBeLessThan(500);
          expect(res.body, path).not.toMatch(/root:.*:0:0:|"name": "aftalesog"|"devDependencies"/);
          if (res.statusCode < 300) expect(path, `${path} answered ${res.statusCode}`).toMatch(/^\/(frister|style\.css)|^\/\//);
        }
      }
    });
  };
  const title = `hostile input (${name} index)`;
  if (name === 'embedded') describe(title, body);
  else describeWithService(name, title, body);
}

hostileSuite('embedded', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'aftalesog-hostile-'));
  const backend = await openEmbeddedIndex({ dir: join(dir, 'data') });
  for (const { doc, commitments } of await corpusDocuments()) await backend.putDocument(doc, commitments);
  return withHostileNote(backend, dir, async () => {
    await backend.close();
    await rm(dir, { recursive: true, force: true });
  });
});

const esUrl = process.env.ELASTICSEARCH_URL;

hostileSuite('elasticsearch', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'aftalesog-hostile-es-'));
  const prefix = `test-hostile-${process.pid}-${Date.now().toString(36)}`;
  const backend = await openElasticsearchIndex({ node: esUrl!, prefix });
  for (const { doc, commitments } of await corpusDocuments()) await backend.putDocument(doc, commitments);
  return withHostileNote(backend, dir, async () => {
    await backend.close();
    const es = new Client({ node: esUrl });
    await es.indices.delete({ index: `${prefix}-*` });
    await es.close();
    await rm(dir, { recursive: true, force: true });
  });
});

async function withHostileNote(backend: IndexBackend, dir: string, cleanup: () => Promise<void>): Promise<Scene> {
  const path = join(dir, 'fjendtligt-notat.md');
  await writeFile(path, HOSTILE_NOTE);
  const outcome = await ingestDocument(backend, {
    path,
    entry: { id: 'fjendtligt-notat', title: 'Notat <b>med</b> "markup"', type: 'notat', year: 2021, parties: [], source: 'fjendtligt-notat.md' },
  });
  expect(outcome.status, outcome.error?.message).toBe('ingested');
  const app = await buildServer({ backend, queue: null, security: { adminToken: null, rateLimit: false, corsOrigins: [] } });
  return {
    backend,
    app,
    async close() {
      await app.close();
      await cleanup();
    },
  };
}
