import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexBackend, ParagraphLookup, SearchHit, SearchRequest } from '../../src/index/backend.ts';
import { QueryError } from '../../src/search/index.ts';
import type { DraftChapter } from '../../src/segment/index.ts';
import type { Commitment, DocumentNode } from '../../src/tree/types.ts';
import { paragraphsOf } from '../../src/tree/visit.ts';
import { corpusDocument, corpusDocuments } from './corpus-documents.ts';
import { noteDocument } from './note-document.ts';
import { reviseDocument } from './revise-document.ts';

// One suite for every IndexBackend: the embedded SQLite index now, Elasticsearch later.
// `factory` must give a fresh, empty backend on each call.

const ROLLOUT = 'oa18/3/national-udrulning-af-den-patientansvarlige-laege';
const DR_ROLLOUT_MENTION = 'dr-arbejdsprogram-2019-2020/1/bedre-patientoplevelser/2';

async function allHits(backend: IndexBackend, request: SearchRequest): Promise<SearchHit[]> {
  const hits: SearchHit[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await backend.search({ ...request, limit: 100, offset });
    hits.push(...page.hits);
    if (page.hits.length < 100) return hits;
  }
}

const ids = (hits: SearchHit[]) => hits.map((h) => h.id);
const withoutMarks = (html: string) => html.replaceAll('<mark>', '').replaceAll('</mark>', '');
const marked = (html: string) => [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]!);

export function runBackendContract(name: string, factory: () => Promise<IndexBackend>): void {
  describe(`${name} index: searching the corpus`, () => {
    let backend: IndexBackend;
    beforeAll(async () => {
      backend = await factory();
      for (const { doc, commitments } of await corpusDocuments()) await backend.putDocument(doc, commitments);
    });
    afterAll(() => backend?.close());

    it('"patientansvarlig læge" finds ØA18\'s section on the national rollout first, and the DR work programme', async () => {
      const result = await backend.search({ q: 'patientansvarlig læge' });
      const found = ids(await allHits(backend, { q: 'patientansvarlig læge' }));
      expect(found).toContain(`${ROLLOUT}/1`);
      expect(found).toContain(DR_ROLLOUT_MENTION);
      expect(found).toContain('oa20-opfoelgning/national-udrulning-af-den-patientansvarlige-laege/1');
      const firstFromOa18 = result.hits.find((h) => h.citation.document.id === 'oa18');
      expect(firstFromOa18?.id).toBe(`${ROLLOUT}/1`);
      expect(firstFromOa18?.citation.section?.title).toBe('National udrulning af den patientansvarlige læge');
      expect(firstFromOa18?.citation.page).toBe(5);
    });

    it('inflected "patientansvarlige læger" and ASCII "patientansvarlig laege" find the same paragraphs', async () => {
      const plain = ids(await allHits(backend, { q: 'patientansvarlig læge' })).sort();
      expect(ids(await allHits(backend, { q: 'patientansvarlige læger' })).sort()).toEqual(plain);
      expect(ids(await allHits(backend, { q: 'patientansvarlig laege' })).sort()).toEqual(plain);
      const ascii = await backend.search({ q: 'patientansvarlig laege', filters: { documents: ['oa18'] } });
      expect(marked(ascii.hits[0]!.snippet).map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(['patientansvarlig', 'læge']));
    });

    it('finds "sammenhængende" whole where ØA18 hyphenated it across a line in chapter 1', async () => {
      const result = await backend.search({ q: 'sammenhængende', filters: { documents: ['oa18'] }, limit: 100 });
      const intro = result.hits.find((h) => h.id === 'oa18/1/2');
      expect(intro).toBeDefined();
      expect(marked(intro!.snippet)).toContain('sammenhængende');
    });

    it('a quoted phrase keeps its stopwords and its word order', async () => {
      const hits = await allHits(backend, { q: '"regionerne skal"' });
      expect(hits.length).toBeGreaterThan(0);
      for (const hit of hits) expect(marked(hit.snippet).some((m) => m.split(' ').length === 2)).toBe(true);
      const reversed = ids(await allHits(backend, { q: '"skal regionerne"' }));
      expect(reversed).not.toEqual(ids(hits));
    });

    it('OR widens, a minus narrows', async () => {
      const kol = (await backend.search({ q: 'KOL' })).total;
      const tvang = (await backend.search({ q: 'tvang' })).total;
      const either = (await backend.search({ q: 'KOL OR tvang' })).total;
      expect(either).toBeGreaterThanOrEqual(Math.max(kol, tvang));
      expect(either).toBeLessThanOrEqual(kol + tvang);
      const hits = await allHits(backend, { q: 'patientansvarlig -kræftpatienter' });
      expect(hits.length).toBeGreaterThan(0);
      for (const hit of hits) expect(hit.text.toLowerCase()).not.toContain('kræftpatienter');
      expect(ids(hits)).not.toContain(DR_ROLLOUT_MENTION);
    });

    it('counts facets over the whole result set, not the page', async () => {
      const result = await backend.search({ q: 'regionerne', limit: 5 });
      const hits = await allHits(backend, { q: 'regionerne' });
      expect(result.hits).toHaveLength(5);
      expect(hits).toHaveLength(result.total);
      const perYear = new Map<number | null, number>();
      for (const h of hits) perYear.set(h.citation.document.year, (perYear.get(h.citation.document.year) ?? 0) + 1);
      expect(new Map(result.facets.year.map((f) => [f.value, f.count]))).toEqual(perYear);
      const perType = new Map<string, number>();
      for (const h of hits) perType.set(h.citation.document.type, (perType.get(h.citation.document.type) ?? 0) + 1);
      expect(new Map(result.facets.type.map((f) => [f.value, f.count]))).toEqual(perType);
      expect(result.facets.year.map((f) => f.value)).toEqual([2020, 2019, 2018, null].filter((y) => perYear.has(y)));
    });

    it('filters by year, type and document', async () => {
      const byYear = await allHits(backend, { q: 'regionerne', filters: { years: [2018] } });
      expect(byYear.length).toBeGreaterThan(0);
      expect(new Set(byYear.map((h) => h.citation.document.id))).toEqual(new Set(['oa18']));
      const byType = await backend.search({ q: 'regionerne', filters: { types: ['notat', 'udspil'] } });
      expect(byType.facets.type.map((f) => f.value).sort()).toEqual(['notat', 'udspil']);
      const byDocument = await allHits(backend, { q: 'regionerne', filters: { documents: ['patientforloeb-hensigtserklaeringer'] } });
      expect(new Set(byDocument.map((h) => h.citation.document.id))).toEqual(new Set(['patientforloeb-hensigtserklaeringer']));
    });

    it('sorts by relevance or by year, and pages without gaps', async () => {
      const byScore = await backend.search({ q: 'sundhedsvæsenet', limit: 30 });
      const scores = byScore.hits.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      const byYear = await backend.search({ q: 'sundhedsvæsenet', sort: 'year', limit: 100 });
      const years = byYear.hits.map((h) => h.citation.document.year ?? -1);
      expect(years).toEqual([...years].sort((a, b) => b - a));
      const first = await backend.search({ q: 'sundhedsvæsenet', limit: 10 });
      const second = await backend.search({ q: 'sundhedsvæsenet', limit: 10, offset: 10 });
      expect([...ids(first.hits), ...ids(second.hits)]).toEqual(ids(byScore.hits).slice(0, 20));
    });

    it('ranks a word as written above its compounds', async () => {
      const hits = await allHits(backend, { q: 'læge' });
      const compoundOnly = hits.findIndex((h) => !/\blæge(?:n|r|rne|s)?\b/i.test(h.text));
      const asWritten = hits.findIndex((h) => /\blæge\b/i.test(h.text));
      expect(asWritten).toBe(0);
      expect(compoundOnly).toBeGreaterThan(0);
    });

    it('offers "Mente du …?" when nothing is found', async () => {
      const result = await backend.search({ q: 'patientansvarlieg' });
      expect(result.total).toBe(0);
      expect(result.suggestion).toBeDefined();
      expect((await backend.search({ q: result.suggestion! })).total).toBeGreaterThan(0);
      expect((await backend.search({ q: 'patientansvarlig' })).suggestion).toBeUndefined();
    });

    it('every snippet is escaped text with nothing but <mark> tags', async () => {
      for (const hit of await allHits(backend, { q: 'regionerne OR kr' })) {
        expect(withoutMarks(hit.snippet)).not.toMatch(/[<>]/);
      }
    });

    it('refuses a broken query with a QueryError and treats engine syntax as text', async () => {
      await expect(backend.search({ q: '"regionerne skal' })).rejects.toMatchObject({ code: 'QUERY_UNBALANCED_QUOTES' });
      await expect(backend.search({ q: '-læge' })).rejects.toBeInstanceOf(QueryError);
      await expect(backend.search({ q: '***' })).rejects.toMatchObject({ code: 'QUERY_EMPTY' });
      for (const q of ['NEAR(læge sygehus)', 'læge*', 'exact:læge', '{stems}: læge', 'læge^2', 'læge AND NOT', "'; DROP TABLE paragraphs; x"]) {
        await expect(backend.search({ q })).resolves.toMatchObject({ total: expect.any(Number) });
      }
      expect(ids((await backend.search({ q: 'læge*' })).hits)).toEqual(ids((await backend.search({ q: 'læge' })).hits));
    });

    it('lists documents and gives back each tree as stored', async () => {
      const docs = await corpusDocuments();
      const listed = await backend.listDocuments();
      expect(listed.map((d) => d.meta.id).sort()).toEqual(docs.map((d) => d.doc.id).sort());
      const oa18 = await corpusDocument('oa18');
      expect(listed.find((d) => d.meta.id === 'oa18')).toMatchObject({
        contentHash: oa18.doc.contentHash,
        pageCount: oa18.doc.pageCount,
        paragraphCount: paragraphsOf(oa18.doc).length,
        commitmentCount: oa18.commitments.length,
      });
      expect(await backend.getDocument('oa18')).toEqual(oa18.doc);
      expect(await backend.getDocument('nope')).toBeNull();
      expect(await backend.contentHashOf('oa18')).toBe(oa18.doc.contentHash);
      expect(await backend.contentHashOf('nope')).toBeNull();
    });

    it('resolves a permalink with its neighbours', async () => {
      const lookup = await backend.getParagraph(`${ROLLOUT}/2`);
      expect(lookup.status).toBe('found');
      if (lookup.status !== 'found') return;
      expect(lookup.paragraph.text).toMatch(/^Udrulningen til alle kræftpatienter/);
      expect(lookup.previous?.id).toBe(`${ROLLOUT}/1`);
      expect(lookup.next?.id).toBe('oa18/3/klare-rammer-for-de-faelles-akutmodtagelser/1');
      expect((await backend.getParagraph('oa18/1/1')).status === 'found' && (await backend.getParagraph('oa18/1/1'))).toMatchObject({ previous: null });
      expect(await backend.getParagraph('oa18/99/1')).toEqual({ status: 'unknown' });
    });
  });

  describe(`${name} index: commitments`, () => {
    let backend: IndexBackend;
    let all: Commitment[];
    beforeAll(async () => {
      backend = await factory();
      const docs = await corpusDocuments();
      for (const { doc, commitments } of docs) await backend.putDocument(doc, commitments);
      all = docs.flatMap((d) => d.commitments);
    });
    afterAll(() => backend?.close());

    const everything = async (request: Parameters<IndexBackend['commitments']>[0]) => {
      const items: Commitment[] = [];
      for (let offset = 0; ; offset += 100) {
        const page = await backend.commitments({ ...request, limit: 100, offset });
        items.push(...page.items);
        if (page.items.length < 100) return { total: page.total, items };
      }
    };

    it('finds the commitments due in 2018, soonest first', async () => {
      const { total, items } = await everything({ deadlineFrom: '2018-01-01', deadlineTo: '2018-12-31' });
      const expected = all.filter((c) => c.deadline && c.deadline.start <= '2018-12-31' && c.deadline.end >= '2018-01-01');
      expect(expected.length).toBeGreaterThan(0);
      expect(total).toBe(expected.length);
      expect(items.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
      const ends = items.map((c) => c.deadline!.end);
      expect(ends).toEqual([...ends].sort());
    });

    it('finds what Danske Regioner committed to, typed as "DR"', async () => {
      const { total, items } = await everything({ actor: 'DR' });
      expect(total).toBe(all.filter((c) => c.actors.includes('Danske Regioner')).length);
      for (const c of items) expect(c.actors).toContain('Danske Regioner');
      expect((await backend.commitments({ actor: 'danske regioner' })).total).toBe(total);
    });

    it('narrows by document and by words in the action', async () => {
      const { items } = await everything({ documents: ['oa18'], q: 'patientansvarlig' });
      expect(items.length).toBeGreaterThan(0);
      for (const c of items) {
        expect(c.citation.document.id).toBe('oa18');
        expect(c.action.toLowerCase()).toContain('patientansvarlig');
      }
      expect(items.map((c) => c.id)).toEqual(
        expect.arrayContaining(all.filter((c) => c.citation.document.id === 'oa18' && /patientansvarlig/i.test(c.action)).map((c) => c.id)),
      );
    });

    it('commitments without a deadline come last', async () => {
      const { items } = await everything({ documents: ['oa18'] });
      const firstWithout = items.findIndex((c) => c.deadline === null);
      if (firstWithout >= 0) expect(items.slice(firstWithout).every((c) => c.deadline === null)).toBe(true);
      expect(items).toHaveLength(all.filter((c) => c.citation.document.id === 'oa18').length);
    });
  });

  describe(`${name} index: links that keep working`, () => {
    let oa18: DocumentNode;
    beforeAll(async () => {
      oa18 = (await corpusDocument('oa18')).doc;
    });

    const findDraft = (chapters: DraftChapter[], sectionSlug: string) =>
      chapters.flatMap((c) => c.sections).find((s) => s.slug === sectionSlug)!;
    const locate = (doc: DocumentNode, start: string) => paragraphsOf(doc).find((p) => p.text.startsWith(start))!.id;

    // Version 2: a paragraph moved to another chapter, a section renamed with a word corrected
    // in it, a paragraph deleted, and a word corrected in place.
    const revise = (doc: DocumentNode) =>
      reviseDocument(doc, 'v2', (chapters) => {
        const rollout = findDraft(chapters, 'national-udrulning-af-den-patientansvarlige-laege');
        const moved = rollout.paragraphs.splice(1, 1)[0]!;
        findDraft(chapters, 'implementering-af-kraeftplan-iv').paragraphs.push(moved);
        const emergency = findDraft(chapters, 'klare-rammer-for-de-faelles-akutmodtagelser');
        emergency.heading = { number: null, title: 'Klare rammer for akutmodtagelserne' };
        delete emergency.slug;
        emergency.paragraphs[1]!.text = emergency.paragraphs[1]!.text.replace('belyse', 'undersøge');
        findDraft(chapters, 'videndeling').paragraphs.pop();
        chapters[0]!.paragraphs[1]!.text = chapters[0]!.paragraphs[1]!.text.replace('ambitionen', 'målet');
      });

    async function resolve(backend: IndexBackend, id: string): Promise<ParagraphLookup> {
      return backend.getParagraph(id);
    }

    it('re-ingesting the same file keeps every id', async () => {
      const backend = await factory();
      try {
        const { doc, commitments } = await corpusDocument('oa18');
        await backend.putDocument(doc, commitments);
        await backend.putDocument(doc, commitments);
        for (const p of paragraphsOf(doc)) {
          const lookup = await resolve(backend, p.id);
          expect(lookup.status, p.id).toBe('found');
        }
      } finally {
        await backend.close();
      }
    });

    it('a revised document redirects moved and renamed paragraphs and archives the deleted one', async () => {
      const backend = await factory();
      try {
        const v2 = revise(oa18);
        const deleted = paragraphsOf(oa18).find((p) => p.id === 'oa18/9/videndeling/3')!;
        await backend.putDocument(oa18, []);
        await backend.putDocument(v2, []);

        expect(await resolve(backend, `${ROLLOUT}/2`)).toEqual({
          status: 'moved',
          from: `${ROLLOUT}/2`,
          to: locate(v2, 'Udrulningen til alle kræftpatienter'),
        });
        expect(locate(v2, 'Udrulningen til alle kræftpatienter')).toBe('oa18/4/implementering-af-kraeftplan-iv/2');
        expect(await resolve(backend, 'oa18/3/klare-rammer-for-de-faelles-akutmodtagelser/1')).toMatchObject({
          status: 'moved',
          to: 'oa18/3/klare-rammer-for-akutmodtagelserne/1',
        });
        expect(await resolve(backend, 'oa18/3/klare-rammer-for-de-faelles-akutmodtagelser/2')).toMatchObject({
          status: 'moved',
          to: 'oa18/3/klare-rammer-for-akutmodtagelserne/2',
        });
        const archived = await resolve(backend, 'oa18/9/videndeling/3');
        expect(archived).toMatchObject({ status: 'archived', id: 'oa18/9/videndeling/3', fingerprint: deleted.fingerprint, citation: deleted.citation });
        expect(archived.status === 'archived' && archived.archivedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

        const corrected = await resolve(backend, 'oa18/1/2');
        expect(corrected.status === 'found' && corrected.paragraph.text).toContain('deler målet om');
        expect((await backend.search({ q: 'udrulningen kræftpatienter', filters: { documents: ['oa18'] } })).hits[0]?.id).toBe(
          'oa18/4/implementering-af-kraeftplan-iv/2',
        );
      } finally {
        await backend.close();
      }
    });

    it('a later version re-points old redirects and no issued link ever breaks', async () => {
      const backend = await factory();
      try {
        const v2 = revise(oa18);
        // Version 3 deletes the paragraph that moved in version 2.
        const v3 = reviseDocument(v2, 'v3', (chapters) => {
          findDraft(chapters, 'implementering-af-kraeftplan-iv').paragraphs.pop();
        });
        const issued = new Set<string>();
        for (const version of [oa18, v2, v3]) {
          await backend.putDocument(version, []);
          for (const p of paragraphsOf(version)) issued.add(p.id);
        }
        expect(await resolve(backend, `${ROLLOUT}/2`)).toMatchObject({ status: 'archived' });
        expect(await resolve(backend, 'oa18/4/implementering-af-kraeftplan-iv/2')).toMatchObject({ status: 'archived' });
        for (const id of issued) {
          const lookup = await resolve(backend, id);
          expect(lookup.status, id).not.toBe('unknown');
          if (lookup.status === 'moved') expect((await resolve(backend, lookup.to)).status, `${id} → ${lookup.to}`).toBe('found');
        }
        // Going back to the first version makes its ids current again.
        await backend.putDocument(oa18, []);
        expect((await resolve(backend, `${ROLLOUT}/2`)).status).toBe('found');
      } finally {
        await backend.close();
      }
    });

    it('snippets escape markup in the text itself', async () => {
      const backend = await factory();
      try {
        const doc = noteDocument('## 1. Sikkerhed\n\nTeksten nævner <script>alert("x")</script> & andre "tegn" i et notat om sikkerhed.\n', {
          id: 'escape-note',
          year: 2021,
        });
        await backend.putDocument(doc, []);
        const [hit] = (await backend.search({ q: 'script' })).hits;
        expect(hit!.snippet).toBe(
          'Teksten nævner &lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; &amp; andre &quot;tegn&quot; i et notat om sikkerhed.',
        );
      } finally {
        await backend.close();
      }
    });
  });
}
