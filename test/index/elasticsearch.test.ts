// The Elasticsearch index against a real node (ci/services.sh starts one): the shared backend
// contract, parity with the embedded index on the users' tasks, an alias swap under load, and
// what happens when the node goes away. Runs when ELASTICSEARCH_URL is set; with
// REQUIRE_SERVICES=1 a missing URL fails instead of skipping.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeForIndex, analyzeQuery } from '../../src/analysis/index.ts';
import type { IndexBackend, SearchHit } from '../../src/index/backend.ts';
import { openElasticsearchIndex } from '../../src/index/elasticsearch/index.ts';
import type { ElasticsearchIndex } from '../../src/index/elasticsearch/index.ts';
import { openEmbeddedIndex } from '../../src/index/sqlite/index.ts';
import { paragraphsOf } from '../../src/tree/visit.ts';
import { describeWithService } from '../service-suites.ts';
import { runBackendContract } from './contract.ts';
import { corpusDocument, corpusDocuments } from './corpus-documents.ts';
import { reviseDocument } from './revise-document.ts';

const url = process.env.ELASTICSEARCH_URL;
const runPrefix = `test-es-${process.pid}-${Date.now().toString(36)}`;
let opened = 0;

/** A fresh, empty index under a prefix of its own; all are deleted after the file. */
async function freshIndex(options: { node?: string; now?: () => Date } = {}): Promise<ElasticsearchIndex> {
  opened += 1;
  return openElasticsearchIndex({ node: options.node ?? url!, prefix: `${runPrefix}-${opened}`, now: options.now });
}

const ids = (hits: SearchHit[]) => hits.map((h) => h.id);

/**
 * Both backends rank with FTS5's bm25, but Lucene keeps a paragraph's length in one byte, so
 * scores part by a few tenths of a percent and near ties may swap: whatever Elasticsearch puts
 * in its top 5 must be in the embedded index's top 5 or within 1 % of its fifth score, and what
 * the embedded index ranks clearly (1 % above its fifth) must be in Elasticsearch's top 5.
 */
function expectSameTopFive(mine: SearchHit[], theirs: SearchHit[], label: string): void {
  const fifth = theirs[4]?.score ?? 0;
  const clear = theirs.filter((h) => h.score > fifth * 1.01);
  const close = theirs.filter((h) => h.score >= fifth * 0.99);
  expect(ids(mine.slice(0, 5)), label).toEqual(expect.arrayContaining(ids(clear)));
  expect(ids(close), label).toEqual(expect.arrayContaining(ids(mine.slice(0, 5))));
}

describeWithService('elasticsearch', 'the Elasticsearch index', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    const es = new Client({ node: url });
    await es.indices.delete({ index: `${runPrefix}-*` });
    await es.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  runBackendContract('elasticsearch', () => freshIndex());

  describe('parity with the embedded index', () => {
    const clock = () => new Date('2024-03-01T12:00:00Z');
    let elastic: ElasticsearchIndex;
    let embedded: IndexBackend;
    beforeAll(async () => {
      const dir = await mkdtemp(join(tmpdir(), 'aftalesog-parity-'));
      dirs.push(dir);
      [elastic, embedded] = await Promise.all([freshIndex({ now: clock }), openEmbeddedIndex({ dir, now: clock })]);
      for (const { doc, commitments } of await corpusDocuments()) {
        await Promise.all([elastic.putDocument(doc, commitments), embedded.putDocument(doc, commitments)]);
      }
    });
    afterAll(async () => {
      await elastic?.close();
      await embedded?.close();
    });

    // The users' searches: a topic, its inflections and ASCII spelling, an agreement's
    // abbreviation, an actor, a deadline phrase, operators.
    it.each([
      'patientansvarlig læge',
      'patientansvarlige læger',
      'patientansvarlig laege',
      'laege',
      'ØA18',
      'oa18',
      'DR',
      '"inden udgangen af 2018"',
      '"regionerne skal"',
      'KOL OR tvang',
      'patientansvarlig -kræftpatienter',
      'regionernes økonomi',
      'økonomiaftalen',
      'akutmodtagelser',
      'SUM',
      'KL',
    ])('%s: the same five paragraphs on top, and as many hits', async (q) => {
      const [mine, theirs] = await Promise.all([elastic.search({ q, limit: 5 }), embedded.search({ q, limit: 5 })]);
      expect(theirs.total).toBeGreaterThan(0);
      expect(mine.total).toBe(theirs.total);
      expect(ids(mine.hits).sort()).toEqual(ids(theirs.hits).sort());
      expect(mine.facets).toEqual(theirs.facets);
    });

    it.each(['Danske Regioner', '"Danske Regioner"', 'regionerne', 'sundhedsvæsenet', 'økonomi'])(
      '%s: the same top 5 up to near ties',
      async (q) => {
        const [mine, theirs] = await Promise.all([elastic.search({ q, limit: 5 }), embedded.search({ q, limit: 30 })]);
        expect(mine.total).toBe(theirs.total);
        expectSameTopFive(mine.hits, theirs.hits, q);
      },
    );

    it('agrees on every paragraph with the word itself and differs only in compound-part matches', async () => {
      // Elasticsearch's dictionary_decompounder tries substrings against the word list, the
      // embedded index reads a word whole as parts + head: "lægevagtnummer" gives "læge" here
      // only, a few compounds there only. Both rank such matches below the word's own forms.
      for (const q of ['læge', 'kræft', 'aftale', 'behandling']) {
        const [mine, theirs] = await Promise.all([elastic.search({ q, limit: 100 }), embedded.search({ q, limit: 100 })]);
        const forms = analyzeQuery(q);
        const own = (hits: SearchHit[]) =>
          hits.filter((h) => {
            const text = analyzeForIndex(h.text);
            return text.exact.includes(forms.exact[0]!) || text.stems.includes(forms.stems[0]!) || text.folded.includes(forms.folded[0]!);
          });
        expect(own(theirs.hits).length, q).toBeGreaterThan(0);
        expect(ids(own(mine.hits)).sort(), q).toEqual(ids(own(theirs.hits)).sort());
        expect(ids(mine.hits.slice(0, own(mine.hits).length)), q).toEqual(ids(own(mine.hits)));
        expectSameTopFive(own(mine.hits), own(theirs.hits), q);
        expect(Math.abs(mine.total - theirs.total), q).toBeLessThanOrEqual(theirs.total / 2);
      }
    });

    it('offers the same "Mente du …?"', async () => {
      for (const q of ['patientansvarlieg', 'sundhedsvæsnt', 'regionrne', 'kræftpatinter læge']) {
        const [mine, theirs] = await Promise.all([elastic.search({ q }), embedded.search({ q })]);
        expect(mine.total, q).toBe(0);
        expect(mine.suggestion, q).toBe(theirs.suggestion);
        expect(mine.suggestion, q).toBeDefined();
      }
    });

    it('lists the same commitments for each deadline year, an actor and a word', async () => {
      for (const year of [2018, 2019, 2020, 2021]) {
        const request = { deadlineFrom: `${year}-01-01`, deadlineTo: `${year}-12-31`, limit: 100 };
        const [mine, theirs] = await Promise.all([elastic.commitments(request), embedded.commitments(request)]);
        expect(mine.total, String(year)).toBe(theirs.total);
        expect(mine.items.map((c) => c.id), String(year)).toEqual(theirs.items.map((c) => c.id));
      }
      for (const request of [{ actor: 'DR', limit: 100 }, { q: 'patientansvarlig', limit: 100 }, { actor: 'Regeringen', documents: ['oa18'], limit: 100 }]) {
        const [mine, theirs] = await Promise.all([elastic.commitments(request), embedded.commitments(request)]);
        expect(mine).toEqual(theirs);
      }
    });

    it('resolves every permalink alike after a revision', async () => {
      const { doc } = await corpusDocument('oa18');
      const revised = reviseDocument(doc, 'parity', (chapters) => {
        const section = chapters.flatMap((c) => c.sections).find((s) => s.slug === 'national-udrulning-af-den-patientansvarlige-laege')!;
        section.paragraphs.splice(0, 1);
        chapters[1]!.paragraphs.reverse();
      });
      await Promise.all([elastic.putDocument(revised, []), embedded.putDocument(revised, [])]);
      const issued = new Set([...paragraphsOf(doc), ...paragraphsOf(revised)].map((p) => p.id));
      for (const id of [...issued, 'oa18/99/1']) {
        const [mine, theirs] = await Promise.all([elastic.getParagraph(id), embedded.getParagraph(id)]);
        expect(mine, id).toEqual(theirs);
      }
      expect(await elastic.listDocuments()).toEqual(await embedded.listDocuments());
    });
  });

  describe('rebuilding behind the aliases', () => {
    it('moves every alias to new indices in one step while searches keep answering', async () => {
      const index = await freshIndex();
      const es = new Client({ node: url });
      try {
        for (const id of ['oa18', 'afskaf-produktivitetskravet']) {
          const { doc, commitments } = await corpusDocument(id);
          await index.putDocument(doc, commitments);
        }
        const before = await index.search({ q: 'patientansvarlig læge' });
        const indicesBefore = Object.keys((await es.indices.getAlias({ name: Object.values(index.aliases).join(',') })).body);

        let reindexed = false;
        const answers: string[][] = [];
        const searching = (async () => {
          while (!reindexed) answers.push(ids((await index.search({ q: 'patientansvarlig læge' })).hits));
        })();
        const rebuilding = index.reindex().finally(() => {
          reindexed = true;
        });
        await expect(index.reindex()).rejects.toThrow(/already running/);
        const report = await rebuilding;
        await searching;

        expect(answers.length).toBeGreaterThan(5);
        for (const answer of answers) expect(answer).toEqual(ids(before.hits));
        expect(report.indices.map((i) => i.kind).sort()).toEqual(['commitments', 'documents', 'paragraphs', 'permalinks']);
        const { body: aliases } = await es.indices.getAlias({ name: Object.values(index.aliases).join(',') });
        expect(Object.keys(aliases).sort()).toEqual(report.indices.map((i) => i.to).sort());
        expect((await es.indices.exists({ index: indicesBefore.join(',') })).body).toBe(false);
        expect(report.indices.find((i) => i.kind === 'documents')?.count).toBe(2);

        // Everything is there, and writable, behind the moved aliases.
        expect(await index.search({ q: 'patientansvarlig læge' })).toEqual(before);
        expect((await index.getParagraph('oa18/1/1')).status).toBe('found');
        const { doc, commitments } = await corpusDocument('patientforloeb-hensigtserklaeringer');
        await index.putDocument(doc, commitments);
        expect((await index.listDocuments()).map((d) => d.meta.id).sort()).toEqual(['afskaf-produktivitetskravet', 'oa18', 'patientforloeb-hensigtserklaeringer']);
      } finally {
        await es.close();
        await index.close();
      }
    });
  });

  describe('when the node goes away', () => {
    /** A TCP relay to the node that the test can cut and restore on the same port. */
    async function relay(): Promise<{ node: string; cut: () => Promise<void>; restore: () => Promise<void> }> {
      const target = new URL(url!);
      const sockets = new Set<Socket>();
      let server: Server;
      const listen = (port: number) =>
        new Promise<number>((resolve) => {
          server = createServer((socket) => {
            const upstream = connect(Number(target.port), target.hostname);
            for (const s of [socket, upstream]) {
              sockets.add(s);
              s.on('error', () => s.destroy());
              s.on('close', () => sockets.delete(s));
            }
            socket.pipe(upstream).pipe(socket);
          });
          server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
        });
      const port = await listen(0);
      return {
        node: `http://127.0.0.1:${port}`,
        cut: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            for (const s of sockets) s.destroy();
          }),
        restore: async () => {
          await listen(port);
        },
      };
    }

    it('answers BACKEND_UNAVAILABLE (503) while the node is gone and recovers by itself', async () => {
      const link = await relay();
      const index = await freshIndex({ node: link.node });
      try {
        const { doc, commitments } = await corpusDocument('afskaf-produktivitetskravet');
        await index.putDocument(doc, commitments);
        const found = await index.search({ q: 'aktivitetspuljen' });
        expect(found.total).toBeGreaterThan(0);

        await link.cut();
        const unavailable = { name: 'BackendError', code: 'BACKEND_UNAVAILABLE', statusCode: 503 };
        await expect(index.search({ q: 'aktivitetspuljen' })).rejects.toMatchObject(unavailable);
        await expect(index.getParagraph(found.hits[0]!.id)).rejects.toMatchObject(unavailable);
        await expect(index.putDocument(doc, commitments)).rejects.toMatchObject(unavailable);
        await expect(index.commitments({})).rejects.toMatchObject(unavailable);
        // A query error is still the user's, not the node's.
        await expect(index.search({ q: '"open' })).rejects.toMatchObject({ code: 'QUERY_UNBALANCED_QUOTES' });

        await link.restore();
        expect(await index.search({ q: 'aktivitetspuljen' })).toEqual(found);
        await index.putDocument(doc, commitments);
      } finally {
        await index.close();
        await link.cut();
      }
    });

    it('opens while the node is gone and sets itself up once it is back', async () => {
      const link = await relay();
      await link.cut();
      const index = await freshIndex({ node: link.node });
      try {
        await expect(index.listDocuments()).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
        await link.restore();
        expect(await index.listDocuments()).toEqual([]);
        const { doc, commitments } = await corpusDocument('afskaf-produktivitetskravet');
        await index.putDocument(doc, commitments);
        expect(await index.contentHashOf(doc.id)).toBe(doc.contentHash);
      } finally {
        await index.close();
        await link.cut();
      }
    });
  });

  describe('writes', () => {
    it('reports an item the node refuses instead of dropping it, and keeps the stored version', async () => {
      const index = await freshIndex();
      try {
        const { doc, commitments } = await corpusDocument('afskaf-produktivitetskravet');
        await index.putDocument(doc, commitments);
        // A deadline that is no date: the commitments index refuses that one item.
        const broken = commitments.map((c, i) => (i === 0 ? { ...c, deadline: { text: 'snart', start: 'snart', end: 'snart', precision: 'year' as const } } : c));
        const error = await index.putDocument({ ...doc, contentHash: 'changed' }, broken).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'BACKEND_WRITE_FAILED', statusCode: 500 });
        expect((error as { failures: { id: string }[] }).failures.map((f) => f.id)).toEqual([commitments[0]!.id]);
        // The document record still holds the old content hash, so ingest stores the file again.
        expect(await index.contentHashOf(doc.id)).toBe(doc.contentHash);
      } finally {
        await index.close();
      }
    });

    it('refuses two paragraphs or commitments with one id before writing anything', async () => {
      const index = await freshIndex();
      try {
        const { doc, commitments } = await corpusDocument('afskaf-produktivitetskravet');
        await expect(index.putDocument(doc, [commitments[0]!, commitments[0]!])).rejects.toThrow(/two commitments have the id/);
        expect(await index.listDocuments()).toEqual([]);
        expect((await index.search({ q: 'aktivitetspuljen' })).total).toBe(0);
      } finally {
        await index.close();
      }
    });
  });
});
