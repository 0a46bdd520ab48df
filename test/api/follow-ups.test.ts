import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followUpsFor } from '../../api/follow-ups.ts';
import { buildServer } from '../../api/server.ts';
import { processFile, readCatalog, sourcePath } from '../../ingest/process-file.ts';
import { extractCommitments } from '../../src/enrich/commitments.ts';
import { linksForRow, termBackground } from '../../src/enrich/index.ts';
import { openEmbeddedIndex } from '../../src/index/sqlite/index.ts';
import { paragraphsOf, sectionsOf } from '../../src/tree/index.ts';
import type { DocumentNode, SectionNode } from '../../src/tree/types.ts';
import { openCorpusIndex, type CorpusIndex } from './corpus-index.ts';

// An analyst reads a ØA18 commitment next to its status in the 2020 follow-up scheme, and the
// other way round, on the real corpus in a real embedded index.

const SITE = 'https://aftalesog.example.dk';
const SCHEME = 'oa20-opfoelgning';
const PATIENT_DOCTOR = 'oa18/3/national-udrulning-af-den-patientansvarlige-laege';
const PATIENT_DOCTOR_ROW = `${SCHEME}/national-udrulning-af-den-patientansvarlige-laege`;
const INFRASTRUCTURE_ROW = `${SCHEME}/fremtidssikring-af-den-faellesoffentlige-infrastruktur`;
const INFRASTRUCTURE = 'oa18/12/finansiering-af-faellesoffentlige-infrastrukturloesninger';

/**
 * Every link the corpus gives, read and accepted by hand: [row, ØA18 paragraph, via]. The row
 * quotes the paragraph, or (patient-responsible doctor /2, CPR, maternity wards) follows up the
 * very commitment the paragraph makes.
 */
const REVIEWED: [row: string, paragraph: string, via: 'reference' | 'similarity'][] = [
  [PATIENT_DOCTOR_ROW, `${PATIENT_DOCTOR}/1`, 'similarity'],
  [PATIENT_DOCTOR_ROW, `${PATIENT_DOCTOR}/2`, 'similarity'],
  [INFRASTRUCTURE_ROW, `${INFRASTRUCTURE}/1`, 'reference'],
  [`${SCHEME}/cpr-grunddata`, `${INFRASTRUCTURE}/2`, 'similarity'],
  [`${SCHEME}/sygehusmedicinregister`, 'oa18/13/nationalt-sygehusmedicinregister/1', 'similarity'],
  [`${SCHEME}/nyt-landspatientregister-lpr3`, 'oa18/13/implementering-af-landspatientregister-3/1', 'similarity'],
  [`${SCHEME}/borgervisning-af-logoplysninger-fra-elektroniske`, 'oa18/13/sikkerhed-i-brugen-af-sundhedsdata/2', 'similarity'],
  [`${SCHEME}/tele-kol-udbredelse-og-anskaffelse-af-en-faelles-generisk-og`, 'oa18/12/hurtigere-og-mere-effektiv-udbredelse-af-digitale/2', 'similarity'],
  [`${SCHEME}/tele-kol-udbredelse-og-anskaffelse-af-en-faelles-generisk-og`, 'oa18/12/hurtigere-og-mere-effektiv-udbredelse-af-digitale/3', 'similarity'],
  [`${SCHEME}/telemedicin-til-gravide`, 'oa18/15/fortsat-oeremaerkede-midler-til-foedeafdelingerne/2', 'similarity'],
];

/** The nearest wrong pairs, which share words but not the initiative. */
const WRONG: [row: string, paragraph: string][] = [
  // Telemedicine for pregnant women is not telemedicine for KOL patients.
  [`${SCHEME}/telemedicin-til-gravide`, 'oa18/12/hurtigere-og-mere-effektiv-udbredelse-af-digitale/2'],
  // "på lige fod" stems like "FODS".
  [`${SCHEME}/faellesoffentlig-digitaliseringsstrategi-2016-2020-fods`, 'oa18/15/center-for-offentlig-innovation/1'],
];

let index: CorpusIndex;
let app: FastifyInstance;
let scheme: DocumentNode;
let agreement: DocumentNode;

beforeAll(async () => {
  index = await openCorpusIndex();
  app = await buildServer({ backend: index.backend, publicUrl: SITE });
  scheme = (await index.backend.getDocument(SCHEME))!;
  agreement = (await index.backend.getDocument('oa18'))!;
});

afterAll(async () => {
  await app?.close();
  await index?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

interface Follows {
  id: string;
  permalink: string;
  citation: { document: { id: string } };
  citationText: string;
  snippet: string;
  score: number;
  via: string;
}

interface FollowedUpBy {
  id: string;
  permalink: string;
  rowId: string;
  document: { id: string; title: string; year: number | null };
  topic: string;
  status: string;
  responsible: string | null;
  references: string[];
  score: number;
  via: string;
}

interface ParagraphJson {
  id: string;
  text: string;
  column?: string;
  follows: Follows[];
  followedUpBy: FollowedUpBy[];
}

const paragraphJson = async (id: string) => (await get(`/api/paragraphs/${id}`)).json<ParagraphJson>();

function row(id: string): SectionNode {
  return sectionsOf(scheme).find((section) => section.id === id)!;
}

describe("a ØA18 commitment next to its status in the 2020 follow-up scheme", () => {
  it("shows on ØA18's paragraph the scheme row that follows it up, with topic, status and the responsible's initials", async () => {
    const body = await paragraphJson(`${PATIENT_DOCTOR}/2`);
    expect(body.follows).toEqual([]);
    expect(body.followedUpBy).toHaveLength(1);
    const [following] = body.followedUpBy;
    const statusCell = row(PATIENT_DOCTOR_ROW).children.find((cell) => cell.column === 'status')!;
    expect(following).toMatchObject({
      id: statusCell.id,
      permalink: `${SITE}/p/${statusCell.id}`,
      rowId: PATIENT_DOCTOR_ROW,
      document: { id: SCHEME, title: 'Økonomiaftale for 2020 – opfølgningsskema', year: 2020 },
      topic: 'National udrulning af den patientansvarlige læge',
      responsible: 'LMR',
      references: [],
      via: 'similarity',
    });
    expect(following!.status).toContain('endeligt implementeret i hele sundhedsvæsenet ultimo 2019');
    expect((await paragraphJson(statusCell.id)).column).toBe('status');
  });

  it("links every cell of that row back to ØA18's section on the patient-responsible doctor", async () => {
    const cells = row(PATIENT_DOCTOR_ROW).children;
    expect(cells.map((cell) => cell.column)).toEqual(expect.arrayContaining(['agreement', 'economy', 'status']));
    for (const cell of cells) {
      const body = await paragraphJson(cell.id);
      expect(body.followedUpBy).toEqual([]);
      expect(body.follows.map((followed) => followed.id)).toEqual([`${PATIENT_DOCTOR}/1`, `${PATIENT_DOCTOR}/2`]);
      const [first] = body.follows;
      expect(first!.permalink).toBe(`${SITE}/p/${PATIENT_DOCTOR}/1`);
      expect(first!.citation.document.id).toBe('oa18');
      expect(first!.citationText).toBe(
        'Aftale om regionernes økonomi for 2018, kap. 3 Styrings- og kvalitetsudvikling, National udrulning af den patientansvarlige læge, s. 5, afsnit 1',
      );
      expect(first!.snippet).toMatch(/^Regeringen og Danske Regioner har aftalt, at der indføres patientansvarlig læge/);
      expect(body.follows.every((followed) => followed.snippet.length <= 242)).toBe(true);
      expect(first!.score).toBeGreaterThan(body.follows[1]!.score);
    }
  });

  it('links the infrastructure row, which names ØA18 and ØA19, to ØA18\'s paragraph on the next NemID and Digital Post', async () => {
    expect(row(INFRASTRUCTURE_ROW).row!.references).toEqual(['ØA18', 'ØA19']);
    const body = await paragraphJson(row(INFRASTRUCTURE_ROW).children[0]!.id);
    expect(body.follows.map((followed) => [followed.id, followed.via])).toEqual([[`${INFRASTRUCTURE}/1`, 'reference']]);
    const followed = await paragraphJson(`${INFRASTRUCTURE}/1`);
    expect(followed.text).toContain('næste generation af de fællesoffentlige infrastrukturløsninger');
    expect(followed.text).toContain('NemID');
    expect(followed.followedUpBy.map((following) => [following.rowId, following.responsible, following.via])).toEqual([[INFRASTRUCTURE_ROW, 'AKJ', 'reference']]);
  });

  it('gives empty lists where there is no counterpart: an introduction, a note, a row naming only an agreement not in the corpus', async () => {
    const introduction = await paragraphJson('oa18/1/1');
    expect(introduction.follows).toEqual([]);
    expect(introduction.followedUpBy).toEqual([]);
    const note = (await index.backend.getDocument('dr-arbejdsprogram-2019-2020'))!;
    const noteBody = await paragraphJson(paragraphsOf(note)[0]!.id);
    expect([noteBody.follows, noteBody.followedUpBy]).toEqual([[], []]);
    const cyber = row(`${SCHEME}/cyber-og-informationssikkerhed`);
    expect(cyber.row!.references).toEqual(['ØA19']);
    const cyberBody = await paragraphJson(cyber.children[0]!.id);
    expect([cyberBody.follows, cyberBody.followedUpBy]).toEqual([[], []]);
  });

  it('answers the same follow-ups on the permalink when JSON is asked for', async () => {
    const id = row(PATIENT_DOCTOR_ROW).children[0]!.id;
    const page = await get(`/p/${id}`, { accept: 'application/json' });
    expect(page.json()).toEqual((await get(`/api/paragraphs/${id}`)).json());
  });
});

describe("the 'Opfølgning' box on the paragraph page", () => {
  it("lists on ØA18's page the row that follows it up, linked to its status, with status and initials", async () => {
    const page = (await get(`/p/${PATIENT_DOCTOR}/2`, { accept: 'text/html' })).body;
    const box = /<section class="cite follow-up"[\s\S]*?<\/section>/.exec(page)![0];
    expect(box).toContain('<h2 id="follow-up-heading">Opfølgning</h2>');
    expect(box).toContain('Følges op i:');
    const statusCell = row(PATIENT_DOCTOR_ROW).children.find((cell) => cell.column === 'status')!;
    expect(box).toContain(`<a href="/p/${statusCell.id}">National udrulning af den patientansvarlige læge</a>`);
    expect(box).toContain('(Økonomiaftale for 2020 – opfølgningsskema)');
    expect(box).toContain('<strong>Status:</strong> Den patientansvarlige skal være endeligt implementeret');
    expect(box).toContain('Ansvarlig: LMR');
  });

  it("lists on a row's page the agreement paragraphs it follows, with their citation and text", async () => {
    const page = (await get(`/p/${row(PATIENT_DOCTOR_ROW).children[0]!.id}`, { accept: 'text/html' })).body;
    expect(page).toContain('Følger op på:');
    expect(page).toContain(`<a href="/p/${PATIENT_DOCTOR}/1">Aftale om regionernes økonomi for 2018, kap. 3 Styrings- og kvalitetsudvikling`);
    expect(page).toContain(`<a href="/p/${PATIENT_DOCTOR}/2">`);
  });

  it('is left out where there is nothing to list', async () => {
    const page = (await get('/p/oa18/1/1', { accept: 'text/html' })).body;
    expect(page).not.toContain('Opfølgning');
  });
});

describe('every follow-up link in the corpus', () => {
  it('is found both ways, is one a reader accepts, and is what comparing every pair would find', async () => {
    const fromRows: string[] = [];
    const log: string[] = [];
    for (const section of sectionsOf(scheme)) {
      const { follows } = await followUpsFor(index.backend, section.children[0]!);
      for (const followed of follows) {
        fromRows.push(`${section.id} → ${followed.id} (${followed.via})`);
        log.push(`${followed.score.toFixed(2)} ${followed.via.padEnd(10)} ${section.row!.topic} → ${followed.id}`);
      }
    }
    const fromParagraphs: string[] = [];
    for (const paragraph of paragraphsOf(agreement)) {
      const { followedUpBy } = await followUpsFor(index.backend, paragraph);
      for (const following of followedUpBy) fromParagraphs.push(`${following.rowId} → ${paragraph.id} (${following.via})`);
    }
    console.log(`Follow-up links in the corpus (${log.length}):\n${log.join('\n')}`);

    expect(fromParagraphs.sort()).toEqual([...fromRows].sort());
    expect(fromRows.sort()).toEqual(REVIEWED.map(([rowId, paragraphId, via]) => `${rowId} → ${paragraphId} (${via})`).sort());
    for (const [rowId, paragraphId] of WRONG) expect(fromRows.some((link) => link.startsWith(`${rowId} → ${paragraphId} `))).toBe(false);

    // The candidate search misses nothing that comparing the row with every ØA18 paragraph finds.
    const background = termBackground(agreement);
    const exhaustive = sectionsOf(scheme).flatMap((section) =>
      linksForRow(section.row!, scheme.meta, paragraphsOf(agreement), () => background).map((link) => `${section.id} → ${link.paragraphId} (${link.via})`),
    );
    expect(exhaustive.sort()).toEqual(fromRows);
  });
});

describe('follow-ups need no re-ingest', () => {
  it('appear on a scheme row once the agreement it follows is ingested after it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aftalesog-follow-ups-'));
    const backend = await openEmbeddedIndex({ dir });
    try {
      const catalog = await readCatalog(new URL('../../corpus/catalog.json', import.meta.url).pathname);
      const ingest = async (id: string) => {
        const entry = catalog.entries.find((candidate) => candidate.id === id)!;
        const doc = await processFile(sourcePath(catalog, entry), entry);
        await backend.putDocument(doc, extractCommitments(doc));
      };
      await ingest(SCHEME);
      const lookup = await backend.getParagraph(row(PATIENT_DOCTOR_ROW).children[0]!.id);
      expect(lookup.status).toBe('found');
      if (lookup.status !== 'found') return;
      expect((await followUpsFor(backend, lookup.paragraph)).follows).toEqual([]);
      await ingest('oa18');
      expect((await followUpsFor(backend, lookup.paragraph)).follows.map((followed) => followed.id)).toEqual([`${PATIENT_DOCTOR}/1`, `${PATIENT_DOCTOR}/2`]);
    } finally {
      await backend.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
