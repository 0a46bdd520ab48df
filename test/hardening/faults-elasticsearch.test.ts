import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../../api/server.ts';
import { inProcessRunner } from '../../ingest/in-process-runner.ts';
import { openElasticsearchIndex, type ElasticsearchIndex } from '../../src/index/elasticsearch/index.ts';
import { corpusDocument } from '../index/corpus-documents.ts';
import { describeWithService } from '../service-suites.ts';
import { BAD_FILES_DIR } from './bad-files.ts';
import { multipart } from './multipart.ts';
import { tcpRelay, type TcpRelay } from './tcp-relay.ts';

// Elasticsearch goes away (a restart, a network split): the API says so with a 503 and a
// readable message, quickly, and answers again by itself when the node is back — no restart of
// the API. The node is reached through a relay the test cuts, so the shared node stays up.
// (The backend's own reconnects are tested in test/index/elasticsearch.test.ts.)

const url = process.env.ELASTICSEARCH_URL;
const TOKEN = 'test-admin-token-es';
const UNAVAILABLE = { statusCode: 503, code: 'BACKEND_UNAVAILABLE', error: 'Service Unavailable', message: 'the search index cannot be reached; try again shortly' };

describeWithService('elasticsearch', 'the API when Elasticsearch is unreachable', () => {
  const prefix = `test-hardening-es-${process.pid}-${Date.now().toString(36)}`;
  let relay: TcpRelay;
  let backend: ElasticsearchIndex;
  let app: FastifyInstance;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aftalesog-es-fault-'));
    relay = await tcpRelay(url!);
    backend = await openElasticsearchIndex({ node: relay.url, prefix: `${prefix}-a`, requestTimeout: 3_000 });
    const { doc, commitments } = await corpusDocument('afskaf-produktivitetskravet');
    await backend.putDocument(doc, commitments);
    app = await buildServer({
      backend,
      runner: inProcessRunner(backend),
      queue: null,
      security: { adminToken: TOKEN, uploadDir: join(dir, 'uploads'), rateLimit: false, corsOrigins: [] },
    });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await backend?.close();
    await relay?.cut();
    const es = new Client({ node: url });
    await es.indices.delete({ index: `${prefix}-*` });
    await es.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers 503 with a readable message while the node is gone, and the same answers once it is back', async () => {
    const search = '/api/search?q=aktivitetspuljen';
    const found = await app.inject(search);
    expect(found.statusCode).toBe(200);
    const permalink = `/p/${found.json().hits[0].id}`;
    const page = await app.inject({ url: permalink, headers: { accept: 'application/json' } });
    expect(page.statusCode).toBe(200);

    await relay.cut();
    for (const path of [search, permalink, '/api/documents', '/api/documents/afskaf-produktivitetskravet', '/api/commitments?deadlineYear=2020']) {
      const started = Date.now();
      const res = await app.inject({ url: path, headers: { accept: 'application/json' } });
      expect(res.statusCode, path).toBe(503);
      expect(res.json(), path).toEqual(UNAVAILABLE);
      // Quickly: a refused connection is not waited out.
      expect(Date.now() - started, path).toBeLessThan(5_000);
    }
    // A query error is still the user's, said as such.
    expect((await app.inject('/api/search?q=%22open')).json().code).toBe('QUERY_UNBALANCED_QUOTES');
    // An upload cannot be stored now: 503 too, with the file named.
    const form = multipart([{ name: 'file', filename: 'notat.md', value: await readFile(join(BAD_FILES_DIR, 'godt-notat.md')) }]);
    const upload = await app.inject({ method: 'POST', url: '/api/documents', payload: form.payload, headers: { ...form.headers, authorization: `Bearer ${TOKEN}` } });
    expect(upload.statusCode).toBe(503);
    expect(upload.json()).toMatchObject({ code: 'BACKEND_UNAVAILABLE', message: expect.stringMatching(/^notat\.md: the search index cannot be reached/) });

    await relay.restore();
    expect((await app.inject(search)).json()).toEqual(found.json());
    expect((await app.inject({ url: permalink, headers: { accept: 'application/json' } })).json()).toEqual(page.json());
  }, 60_000);

  it('starts while the node is unreachable and serves as soon as it answers', async () => {
    const gone = await tcpRelay(url!);
    await gone.cut();
    const late = await openElasticsearchIndex({ node: gone.url, prefix: `${prefix}-b`, requestTimeout: 3_000 });
    const server = await buildServer({ backend: late, queue: null, security: { adminToken: null, rateLimit: false, corsOrigins: [] } });
    try {
      expect((await server.inject('/api/search?q=regionerne')).json()).toEqual(UNAVAILABLE);
      await gone.restore();
      const res = await server.inject('/api/search?q=regionerne');
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBe(0);
    } finally {
      await server.close();
      await late.close();
      await gone.cut();
    }
  }, 60_000);
});
