import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bullmqRunner, removeQueues } from '../../ingest/bullmq/index.ts';
import { inProcessRunner } from '../../ingest/in-process-runner.ts';
import { readCatalog, sourcePath } from '../../ingest/process-file.ts';
import type { IngestItem } from '../../ingest/runner.ts';
import type { IndexBackend } from '../../src/index/backend.ts';
import { openElasticsearchIndex } from '../../src/index/elasticsearch/index.ts';
import { openEmbeddedIndex } from '../../src/index/sqlite/index.ts';
import { CATALOG_PATH } from '../foundation/corpus-documents.ts';
import { paragraphDigest } from '../ingest/paragraph-digest.ts';
import { startWorkerProcess, type WorkerProcess } from '../ingest/worker-process.ts';
import { describeWithService, serviceAvailable } from '../service-suites.ts';

// The scaled mode as an organisation runs it: two worker processes take the corpus off BullMQ and
// index it into Elasticsearch; the answers are those of the embedded default.

const run = `scaled-${process.pid}-${Date.now().toString(36)}`;
const QUERIES = ['patientansvarlig læge', 'patientansvarlige læger', 'laege', 'ØA18', '"inden udgangen af 2018"', 'telemedicin OR hjertesvigt'];

describeWithService('redis', 'the scaled mode (BullMQ workers into Elasticsearch)', () => {
  if (!serviceAvailable('elasticsearch')) {
    it.skip('needs Elasticsearch as well', () => undefined);
    return;
  }
  const redis = process.env.REDIS_URL!;
  const node = process.env.ELASTICSEARCH_URL!;
  let dir: string;
  let items: IngestItem[];
  let embedded: IndexBackend;
  let scaled: IndexBackend;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aftalesog-scaled-'));
    const catalog = await readCatalog(CATALOG_PATH);
    items = catalog.entries.map((entry) => ({ path: sourcePath(catalog, entry), entry }));
    embedded = await openEmbeddedIndex({ dir });
    await inProcessRunner(embedded).run(items);
    scaled = await openElasticsearchIndex({ node, prefix: run });
    const env = { REDIS_URL: redis, ELASTICSEARCH_URL: node, ES_INDEX_PREFIX: run, INGEST_QUEUE_PREFIX: run };
    workers.push(...(await Promise.all([startWorkerProcess(env), startWorkerProcess(env)])));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await removeQueues(redis, run);
    await scaled?.close();
    await embedded?.close();
    const es = new Client({ node });
    await es.indices.delete({ index: `${run}-*` });
    await es.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('ingests the corpus on two workers to the same paragraphs and answers as the embedded default', async () => {
    const runner = bullmqRunner({ connection: redis, backend: scaled, queuePrefix: run });
    try {
      const outcomes = await runner.run(items);
      expect(outcomes.map((o) => o.status)).toEqual(items.map(() => 'ingested'));
    } finally {
      await runner.close();
    }
    expect(await paragraphDigest(scaled)).toEqual(await paragraphDigest(embedded));
    for (const q of QUERIES) {
      const [a, b] = await Promise.all([embedded.search({ q, limit: 5 }), scaled.search({ q, limit: 5 })]);
      // The same top 5; hits whose scores differ in the last digits may swap places.
      expect(b.hits.map((h) => h.id).sort(), q).toEqual(a.hits.map((h) => h.id).sort());
      expect(b.hits[0]?.id, q).toBe(a.hits[0]?.id);
    }
    const year2020 = { deadlineFrom: '2020-01-01', deadlineTo: '2020-12-31', limit: 100 };
    const [c1, c2] = await Promise.all([embedded.commitments(year2020), scaled.commitments(year2020)]);
    expect(c2.items.map((c) => c.id).sort()).toEqual(c1.items.map((c) => c.id).sort());
  }, 240_000);
});
