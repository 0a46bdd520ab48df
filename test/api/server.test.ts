import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../api/server.ts';
import { processFile, readCatalog, sourcePath } from '../../ingest/process-file.ts';
import { extractCommitments } from '../../src/enrich/commitments.ts';
import type { DocumentNode, SectionNode } from '../../src/tree/types.ts';
import { openCorpusIndex, type CorpusIndex } from './corpus-index.ts';

// The users' tasks against a real embedded index filled from the corpus.

const SITE = 'https://aftalesog.example.dk';
const PATIENT_SECTION = 'oa18/3/national-udrulning-af-den-patientansvarlige-laege';

let index: CorpusIndex;
let app: FastifyInstance;

beforeAll(async () => {
  index = await openCorpusIndex();
  app = await buildServer({ backend: index.backend, publicUrl: SITE });
});

afterAll(async () => {
  await app?.close();
  await index?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

interface Hit {
  id: string;
  permalink: string;
  snippet: string;
  citation: { document: { id: string; year: number | null; type: string }; chapter: { title: string } | null; page: number; paragraph: number };
  cite: { text: string; markdown: string; url: string };
}

describe('searching across the agreements', () => {
  it('finds ØA18\'s paragraph on the patient-responsible doctor, with its citation and permalink', async () => {
    const res = await get(`/api/search?q=${encodeURIComponent('patientansvarlig læge')}`);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ total: number; hits: Hit[] }>();
    expect(body.total).toBeGreaterThan(0);
    const hit = body.hits.find((h) => h.id.startsWith(`${PATIENT_SECTION}/`));
    expect(hit, 'a hit in ØA18 chapter 3').toBeDefined();
    expect(hit!.permalink).toBe(`${SITE}/p/${hit!.id}`);
    expect(hit!.citation.document).toMatchObject({ id: 'oa18', year: 2018, type: 'økonomiaftale' });
    expect(hit!.cite.text).toMatch(/^Aftale om regionernes økonomi for 2018, kap\. 3 Styrings- og kvalitetsudvikling, .*s\. \d+, afsnit \d+$/);
    expect(hit!.cite.markdown).toBe(`[${hit!.cite.text}](${hit!.permalink})`);
    expect(hit!.snippet).toContain('<mark>');
  });

  it('filters by year and type, repeated or comma-separated, and counts facets', async () => {
    const q = encodeURIComponent('patientansvarlig læge');
    const only2018 = (await get(`/api/search?q=${q}&year=2018`)).json<{ hits: Hit[] }>();
    expect(only2018.hits.length).toBeGreaterThan(0);
    expect(only2018.hits.every((h) => h.citation.document.year === 2018)).toBe(true);

    const both = (await get(`/api/search?q=${q}&year=2018,2020`)).json<{ total: number; facets: { year: { value: number | null; count: number }[] } }>();
    const repeated = (await get(`/api/search?q=${q}&year=2018&year=2020`)).json<{ total: number }>();
    expect(repeated.total).toBe(both.total);
    expect(both.facets.year.map((f) => f.value).sort()).toEqual([2018, 2020]);

    const schemes = (await get(`/api/search?q=${q}&type=${encodeURIComponent('opfølgningsskema')}`)).json<{ hits: Hit[] }>();
    expect(schemes.hits.length).toBeGreaterThan(0);
    expect(schemes.hits.every((h) => h.citation.document.type === 'opfølgningsskema')).toBe(true);

    const inDoc = (await get(`/api/search?q=${q}&doc=oa20-opfoelgning`)).json<{ hits: Hit[] }>();
    expect(inDoc.hits.every((h) => h.citation.document.id === 'oa20-opfoelgning')).toBe(true);
  });

  it('groups the hits per year so every year shows at once', async () => {
    const res = await get(`/api/search?q=${encodeURIComponent('patientansvarlig læge')}&group=year&limit=5`);
    const body = res.json<{ groups: { year: number | null; count: number; hits: Hit[] }[]; facets: { year: { value: number | null }[] } }>();
    const years = body.groups.map((g) => g.year);
    expect(years).toEqual(expect.arrayContaining([2020, 2018]));
    expect(years).toEqual(body.facets.year.map((f) => f.value).sort((a, b) => (b ?? -1) - (a ?? -1)));
    for (const group of body.groups) {
      expect(group.hits.length).toBeGreaterThan(0);
      expect(group.hits.every((h) => h.citation.document.year === group.year)).toBe(true);
    }
  });

  it('suggests a nearby query ("Mente du …?") when a misspelling finds nothing', async () => {
    const body = (await get('/api/search?q=patientansvarlik')).json<{ total: number; suggestion?: string }>();
    expect(body.total).toBe(0);
    expect(body.suggestion).toBe('patientansvarlig');
  });

  it('pages with limit and offset', async () => {
    const q = encodeURIComponent('regionerne');
    const first = (await get(`/api/search?q=${q}&limit=3`)).json<{ total: number; hits: Hit[] }>();
    const second = (await get(`/api/search?q=${q}&limit=3&offset=3`)).json<{ hits: Hit[] }>();
    expect(first.total).toBeGreaterThan(6);
    expect(first.hits).toHaveLength(3);
    expect(second.hits.map((h) => h.id)).not.toContain(first.hits[0]!.id);
  });
});

describe('documents and paragraphs', () => {
  it('lists the five corpus documents', async () => {
    const body = (await get('/api/documents')).json<{ documents: { id: string; paragraphCount: number }[] }>();
    expect(body.documents.map((d) => d.id).sort()).toEqual(
      ['afskaf-produktivitetskravet', 'dr-arbejdsprogram-2019-2020', 'oa18', 'oa20-opfoelgning', 'patientforloeb-hensigtserklaeringer'].sort(),
    );
    expect(body.documents.every((d) => d.paragraphCount > 0)).toBe(true);
  });

  it('gives a document outline with chapters, sections and paragraph permalinks', async () => {
    const body = (await get('/api/documents/oa18')).json<{
      title: string;
      chapters: { heading: { number: string | null; title: string }; children: { type: string; id: string; children?: { permalink: string }[] }[] }[];
    }>();
    expect(body.title).toBe('Aftale om regionernes økonomi for 2018');
    const chapter3 = body.chapters.find((c) => c.heading.number === '3')!;
    expect(chapter3.heading.title).toBe('Styrings- og kvalitetsudvikling');
    const section = chapter3.children.find((c) => c.id === PATIENT_SECTION)!;
    expect(section.type).toBe('section');
    expect(section.children![1]!.permalink).toBe(`${SITE}/p/${PATIENT_SECTION}/2`);
  });

  it('answers a paragraph id (with slashes) with its text, neighbours and citation formats', async () => {
    const res = await get(`/api/paragraphs/${PATIENT_SECTION}/2`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'found', id: `${PATIENT_SECTION}/2`, permalink: `${SITE}/p/${PATIENT_SECTION}/2` });
    expect(body.text).toMatch(/patientansvarlig/i);
    expect(body.previous.id).toBe(`${PATIENT_SECTION}/1`);
    expect(body.next).not.toBeNull();
    expect(body.cite.text).toBe(
      `Aftale om regionernes økonomi for 2018, kap. 3 Styrings- og kvalitetsudvikling, National udrulning af den patientansvarlige læge, s. ${body.page}, afsnit 2`,
    );
    expect(body.cite.url).toBe(body.permalink);
  });
});

describe("a paragraph's own page", () => {
  it('renders Danish HTML with breadcrumb, context, citation and copy buttons', async () => {
    const res = await get(`/p/${PATIENT_SECTION}/2`, { accept: 'text/html' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const page = res.body;
    expect(page).toContain('<html lang="da">');
    const crumbs = /<nav class="breadcrumb"[^>]*>([\s\S]*?)<\/nav>/.exec(page)![1]!;
    expect(crumbs).toContain('Aftale om regionernes økonomi for 2018');
    expect(crumbs).toContain('kap. 3 Styrings- og kvalitetsudvikling');
    expect(crumbs).toContain('National udrulning af den patientansvarlige læge');
    expect(page).toContain('Forrige afsnit');
    expect(page).toContain('Næste afsnit');
    expect(page).toContain('Kopiér link');
    expect(page).toContain('Kopiér citat');
    expect(page).toContain(`data-copy="${SITE}/p/${PATIENT_SECTION}/2"`);
  });

  it('gives the same JSON as the API when asked for JSON', async () => {
    const page = await get(`/p/${PATIENT_SECTION}/2`, { accept: 'application/json' });
    const api = await get(`/api/paragraphs/${PATIENT_SECTION}/2`);
    expect(page.headers['content-type']).toMatch(/^application\/json/);
    expect(page.json()).toEqual(api.json());
  });

  it('says in Danish when a link points at nothing', async () => {
    const res = await get('/p/oa18/99/findes-ikke/1');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Afsnittet blev ikke fundet');
  });
});

describe('commitments and deadlines', () => {
  it('lists the commitments with a deadline in 2020, sorted by deadline', async () => {
    const res = await get('/api/commitments?deadlineYear=2020&limit=100');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ total: number; items: { id: string; permalink: string; deadline: { start: string; end: string } | null; cite: { text: string } }[] }>();
    expect(body.total).toBeGreaterThan(0);
    for (const item of body.items) {
      expect(item.deadline!.start <= '2020-12-31' && item.deadline!.end >= '2020-01-01', item.id).toBe(true);
      expect(item.permalink).toBe(`${SITE}/p/${item.id.split('#')[0]}`);
    }
    const ends = body.items.map((i) => i.deadline!.end);
    expect(ends).toEqual([...ends].sort());
  });

  it('exports them as CSV that Danish Excel opens with æøå intact', async () => {
    const json = (await get('/api/commitments?deadlineYear=2020&limit=100')).json<{ total: number }>();
    const res = await get('/api/commitments?deadlineYear=2020&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('frister.csv');
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8').slice(1);
    expect(text.startsWith('Frist;Frist (som skrevet);Aktører;Handling;Dokument;Kilde;Link;Status;Ansvarlig\r\n')).toBe(true);
    const records = text.split(/\r\n(?=\d{4}-\d{2}-\d{2};|;|$)/).filter((line) => line !== '');
    expect(records.length - 1).toBe(json.total);
    expect(text).toContain('Danske Regioner');
    expect(text).toContain('økonomi');
  });

  it('exports them as an iCalendar feed to subscribe to', async () => {
    const json = (await get('/api/commitments?deadlineYear=2020&limit=100')).json<{ items: { id: string }[] }>();
    const res = await get('/api/commitments?deadlineYear=2020&format=ics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const ics = res.body;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = ics.split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' ')), 'long lines are folded').toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(json.items.length);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(`UID:${json.items[0]!.id}@aftalesog`);
    expect(unfolded).toMatch(/DTSTART;VALUE=DATE:2020\d{4}\r\n/);
    expect(unfolded).toContain(`URL:${SITE}/p/`);
    // Same download twice: same calendar (stable UIDs and stamps), so subscriptions update in place.
    expect((await get('/api/commitments?deadlineYear=2020&format=ics')).body).toBe(ics);
  });

  it('filters by actor, document and date range, and lists the filter values', async () => {
    const facets = (await get('/api/commitments/facets')).json<{ actors: { value: string }[]; documents: { value: string; count: number }[]; years: { value: number }[] }>();
    expect(facets.actors.map((a) => a.value)).toContain('Danske Regioner');
    expect(facets.years.map((y) => y.value)).toContain(2020);
    const byActor = (await get(`/api/commitments?actor=${encodeURIComponent('danske regioner')}&limit=100`)).json<{ items: { actors: string[] }[] }>();
    expect(byActor.items.length).toBeGreaterThan(0);
    expect(byActor.items.every((i) => i.actors.includes('Danske Regioner'))).toBe(true);
    const byAbbreviation = (await get('/api/commitments?actor=KL&limit=100')).json<{ total: number; items: { actors: string[] }[] }>();
    expect(byAbbreviation.total).toBeGreaterThan(0);
    expect(byAbbreviation.items.every((i) => i.actors.includes('Kommunernes Landsforening'))).toBe(true);
    const range = (await get('/api/commitments?deadlineFrom=2018-01-01&deadlineTo=2018-06-30&doc=oa18&limit=100')).json<{
      items: { citation: { document: { id: string } }; deadline: { start: string; end: string } }[];
    }>();
    expect(range.items.length).toBeGreaterThan(0);
    for (const item of range.items) {
      expect(item.citation.document.id).toBe('oa18');
      expect(item.deadline.start <= '2018-06-30' && item.deadline.end >= '2018-01-01').toBe(true);
    }
  });
});

describe('bad input gets a readable 4xx, never a 500', () => {
  const long = 'a'.repeat(501);
  const cases: [string, number, string][] = [
    ['/api/search', 400, 'INVALID_PARAMETER'],
    ['/api/search?q=', 400, 'QUERY_EMPTY'],
    ['/api/search?q=%20%20', 400, 'QUERY_EMPTY'],
    [`/api/search?q=${long}`, 400, 'QUERY_TOO_LONG'],
    ['/api/search?q=%22patientansvarlig%20l%C3%A6ge', 400, 'QUERY_UNBALANCED_QUOTES'],
    ['/api/search?q=-l%C3%A6ge', 400, 'QUERY_ONLY_EXCLUSIONS'],
    ['/api/search?q=OR', 400, 'QUERY_STRAY_OPERATOR'],
    ['/api/search?q=l%C3%A6ge&year=18', 400, 'UNKNOWN_YEAR'],
    ['/api/search?q=l%C3%A6ge&type=lov', 400, 'UNKNOWN_TYPE'],
    ['/api/search?q=l%C3%A6ge&doc=oa18,oa99', 400, 'UNKNOWN_DOCUMENT_FILTER'],
    // A long list is checked against the listing instead of one lookup per id.
    [`/api/search?q=l%C3%A6ge&doc=${Array.from({ length: 12 }, (_, i) => `oa${i}`).join(',')}`, 400, 'UNKNOWN_DOCUMENT_FILTER'],
    ['/api/search?q=l%C3%A6ge&limit=101', 400, 'INVALID_PARAMETER'],
    ['/api/search?q=l%C3%A6ge&limit=tyve', 400, 'INVALID_PARAMETER'],
    ['/api/search?q=l%C3%A6ge&offset=-1', 400, 'INVALID_PARAMETER'],
    ['/api/search?q=l%C3%A6ge&sort=date', 400, 'INVALID_PARAMETER'],
    ['/api/search?q=l%C3%A6ge&years=2018', 400, 'INVALID_PARAMETER'],
    ['/api/commitments?deadlineFrom=2020-02-30', 400, 'INVALID_DATE'],
    ['/api/commitments?deadlineTo=31-12-2020', 400, 'INVALID_DATE'],
    ['/api/commitments?deadlineFrom=2021-01-01&deadlineTo=2020-01-01', 400, 'DATE_RANGE_REVERSED'],
    ['/api/commitments?deadlineYear=2020&deadlineFrom=2020-01-01', 400, 'CONFLICTING_PARAMETERS'],
    ['/api/commitments?deadlineYear=tyve', 400, 'INVALID_PARAMETER'],
    ['/api/commitments?actor=Marsboerne', 400, 'UNKNOWN_ACTOR'],
    ['/api/commitments?doc=oa99', 400, 'UNKNOWN_DOCUMENT_FILTER'],
    ['/api/commitments?format=pdf', 400, 'INVALID_PARAMETER'],
    ['/api/commitments?limit=500', 400, 'INVALID_PARAMETER'],
    ['/api/documents/oa99', 404, 'DOCUMENT_NOT_FOUND'],
    ['/api/paragraphs/oa18/99/findes-ikke/1', 404, 'PARAGRAPH_NOT_FOUND'],
    ['/api/findes-ikke', 404, 'ROUTE_NOT_FOUND'],
  ];

  it.each(cases)('%s → %i %s', async (url, status, code) => {
    const res = await get(url);
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body).toEqual({ statusCode: status, code, error: expect.any(String), message: expect.any(String) });
    expect(body.message.length).toBeGreaterThan(10);
  });

  it('names the offending parameter in validation messages', async () => {
    expect((await get('/api/search?q=l%C3%A6ge&limit=101')).json().message).toContain('limit');
    expect((await get('/api/search?q=l%C3%A6ge&years=2018')).json().message).toContain('"years"');
  });

  it('refuses a permalink in a format it does not have', async () => {
    const res = await get(`/p/${PATIENT_SECTION}/2`, { accept: 'image/png' });
    expect(res.statusCode).toBe(406);
    expect(res.json().code).toBe('NOT_ACCEPTABLE');
  });
});

// Runs last: it stores a revised version of the proposal (udspil), which no test above reads.
describe('links into an earlier version keep working', () => {
  const DOC = 'afskaf-produktivitetskravet';
  const OLD_SECTION = `${DOC}/styring-af-regionerne-og-sundhedsvaesnet`;
  const NEW_SECTION = `${DOC}/styring-af-sundhedsvaesenet`;
  const DROPPED = `${DOC}/fra-styring-efter-aktivitet-til-styring-efter-politiske/3`;
  let droppedText = '';

  beforeAll(async () => {
    // The revision renames a section (its paragraphs get new ids) and drops a paragraph.
    const catalog = await readCatalog(new URL('../../corpus/catalog.json', import.meta.url).pathname);
    const entry = catalog.entries.find((e) => e.id === DOC)!;
    const original = await processFile(sourcePath(catalog, entry), entry);
    const revised: DocumentNode = structuredClone(original);
    revised.contentHash = `${original.contentHash}-revised`;
    const sections = revised.children[0]!.children.filter((c): c is SectionNode => c.type === 'section');
    const renamed = sections.find((c) => c.id === OLD_SECTION)!;
    renamed.id = NEW_SECTION;
    renamed.heading = { number: null, title: 'Styring af sundhedsvæsenet' };
    for (const p of renamed.children) {
      p.id = p.id.replace(OLD_SECTION, NEW_SECTION);
      p.citation.section = renamed.heading;
    }
    const last = sections.find((c) => DROPPED.startsWith(`${c.id}/`))!;
    droppedText = last.children.find((p) => p.id === DROPPED)!.text;
    last.children = last.children.filter((p) => p.id !== DROPPED);
    await index.backend.putDocument(revised, extractCommitments(revised));
  });

  it('redirects a renamed paragraph to its new id (API, page and page-as-JSON)', async () => {
    const api = await get(`/api/paragraphs/${OLD_SECTION}/2`);
    expect(api.statusCode).toBe(301);
    expect(api.headers.location).toBe(`/api/paragraphs/${NEW_SECTION}/2`);
    expect(api.json()).toEqual({ status: 'moved', from: `${OLD_SECTION}/2`, to: `${NEW_SECTION}/2`, location: `/api/paragraphs/${NEW_SECTION}/2` });

    const page = await get(`/p/${OLD_SECTION}/2`, { accept: 'text/html' });
    expect(page.statusCode).toBe(301);
    expect(page.headers.location).toBe(`/p/${NEW_SECTION}/2`);
    const pageJson = await get(`/p/${OLD_SECTION}/2`, { accept: 'application/json' });
    expect(pageJson.statusCode).toBe(301);
    expect(pageJson.headers.location).toBe(`/p/${NEW_SECTION}/2`);

    const target = await get(api.headers.location as string);
    expect(target.json()).toMatchObject({ status: 'found', id: `${NEW_SECTION}/2` });
  });

  it('shows a dropped paragraph as its archived quote with a Danish notice', async () => {
    const api = await get(`/api/paragraphs/${DROPPED}`);
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ status: 'archived', id: DROPPED, quote: droppedText, permalink: `${SITE}/p/${DROPPED}` });
    expect(api.json().cite.text).toMatch(/^Afskaf produktivitetskravet og aktivitetspuljen, /);

    const page = await get(`/p/${DROPPED}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Dette afsnit findes ikke længere i den nyeste udgave af dokumentet.');
    expect(page.body).toContain(droppedText.slice(0, 40).replace(/&/g, '&amp;'));
    expect(page.body).toMatch(new RegExp(`<a href="/\\?q=[^"]+&amp;doc=${DOC}">Søg efter teksten i dokumentets nyeste udgave</a>`));
  });
});

describe('the API describes itself', () => {
  it('serves an OpenAPI document and its UI from the server itself', async () => {
    const spec = (await get('/api/docs/json')).json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/search', '/api/documents', '/api/documents/{id}', '/api/commitments']));
    const ui = await get('/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).not.toMatch(/src="https?:/);
    expect(ui.headers['content-security-policy']).toContain("default-src 'self'");
    expect(ui.headers['content-security-policy']).not.toMatch(/https?:/);
    expect((await get('/api/docs/static/swagger-ui-bundle.js')).statusCode).toBe(200);
  });

  it('serves the two web pages and their scripts', async () => {
    expect((await get('/')).body).toContain('Søg i aftaletekster');
    expect((await get('/frister')).body).toContain('Aftaler og frister');
    for (const asset of ['/app.js', '/frister.js', '/copy.js', '/style.css']) expect((await get(asset)).statusCode, asset).toBe(200);
  });
});
