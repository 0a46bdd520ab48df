import { describe, expect, it } from 'vitest';
import { extractFile, readCatalog, sourcePath } from '../../ingest/process-file.ts';
import { foldWhitespace } from '../../src/segment/fingerprint.ts';
import { paragraphsOf, sectionsOf } from '../../src/tree/visit.ts';
import { CATALOG_PATH, corpusDocument } from './corpus-documents.ts';

const allText = async (id: string) => paragraphsOf(await corpusDocument(id)).map((p) => p.text).join('\n');

describe('ØA18 reads as the agreement it is', () => {
  it('has the fifteen chapters and two annexes, in order, with their pages', async () => {
    const doc = await corpusDocument('oa18');
    const headings = doc.children.map((c) => `${c.heading.number}. ${c.heading.title}`);
    expect(headings[0]).toBe('1. Indledning');
    expect(headings[14]).toBe('15. Øvrige temaer');
    expect(headings.slice(15)).toEqual([
      'Bilag 1. Regionernes økonomi for 2018',
      'Bilag 2. Principper for udbetaling af den statslige, aktivitetsbestemte pulje',
    ]);
    expect(doc.children.map((c) => c.heading.number)).toEqual([
      ...Array.from({ length: 15 }, (_, i) => String(i + 1)),
      'Bilag 1',
      'Bilag 2',
    ]);
    expect(doc.children.find((c) => c.heading.number === '6')?.heading.title).toBe('Sammenhængende sundhed og effektiv kronikeromsorg');
  });

  it('joins words hyphenated at line ends and keeps real hyphens', async () => {
    const text = await allText('oa18');
    expect(text).toContain('Endvidere er det centralt med et sammenhængende sundhedsvæsen');
    expect(text).not.toMatch(/sammenhæn-\s*gende/);
    expect(text).toContain('offentligt-privat samarbejde');
    expect(text).toContain('Pris- og lønudviklingen');
    expect(text).toContain('Regeringen');
  });

  it('leaves no footers, bullet glyphs or artefacts in the text', async () => {
    const text = await allText('oa18');
    expect(text).not.toMatch(/Side \d+/);
    expect(text).not.toMatch(/[•\uF0B7]/u);
    expect(text).not.toContain('Nyt kapitel');
  });

  it('keeps list items as list items and boxes as boxes', async () => {
    const doc = await corpusDocument('oa18');
    const economy = doc.children[1]!;
    const items = economy.children.filter((c) => c.type === 'paragraph' && c.role === 'list-item');
    expect(items.length).toBe(3);
    const annex = doc.children.find((c) => c.heading.number === 'Bilag 1')!;
    const boxes = annex.children.filter((c) => c.type === 'section').map((s) => s.type === 'section' && s.heading);
    expect(boxes).toEqual([
      { number: 'Boks 1', title: 'Økonomiske forudsætninger vedrørerende sundhed' },
      { number: 'Boks 2', title: 'Økonomiske forudsætninger vedrørerende regional udvikling' },
      { number: 'Boks 3', title: 'Øvrige økonomiske forudsætninger' },
    ]);
    const boxed = paragraphsOf(doc).filter((p) => p.role === 'box');
    expect(boxed.length).toBeGreaterThan(5);
    expect(boxed.every((p) => p.box?.startsWith('Boks '))).toBe(true);
  });

  it('cites the patient-responsible doctor section with a readable, stable id', async () => {
    const doc = await corpusDocument('oa18');
    const paragraph = paragraphsOf(doc).find((p) => p.id === 'oa18/3/national-udrulning-af-den-patientansvarlige-laege/2');
    expect(paragraph?.text).toMatch(/^Udrulningen til alle kræftpatienter skal være igangsat inden udgangen af 2017/);
    expect(paragraph?.citation).toMatchObject({
      document: { id: 'oa18', title: 'Aftale om regionernes økonomi for 2018', type: 'økonomiaftale', year: 2018 },
      chapter: { number: '3', title: 'Styrings- og kvalitetsudvikling' },
      section: { number: null, title: 'National udrulning af den patientansvarlige læge' },
      page: 5,
      paragraph: 2,
    });
  });
});

describe('every paragraph carries the page it stands on in the PDF', () => {
  it.each(['oa18', 'patientforloeb-hensigtserklaeringer', 'afskaf-produktivitetskravet'])('%s', async (id) => {
    const catalog = await readCatalog(CATALOG_PATH);
    const entry = catalog.entries.find((e) => e.id === id)!;
    const extracted = await extractFile(sourcePath(catalog, entry));
    // Compare letters only: hyphenation and line breaks differ between the PDF and the tree.
    const letters = (s: string) => s.replace(/[^\p{L}\d]+/gu, '').toLowerCase();
    const pageLetters = new Map(extracted.pages.map((p) => [p.page, letters(p.text)]));
    const paragraphs = paragraphsOf(await corpusDocument(id));
    expect(paragraphs.length).toBeGreaterThan(3);
    for (const paragraph of paragraphs) {
      const opening = letters(paragraph.text).slice(0, 30);
      expect(pageLetters.get(paragraph.page), `${paragraph.id} on page ${paragraph.page}`).toContain(opening);
      const closing = letters(paragraph.text).slice(-30);
      expect(pageLetters.get(paragraph.pages.at(-1)!), `${paragraph.id} ends on page ${paragraph.pages.at(-1)}`).toContain(closing);
    }
  });
});

describe('the intentions on patient pathways (001)', () => {
  it('has no "Side 2" footer and keeps the suspended compound', async () => {
    const text = await allText('patientforloeb-hensigtserklaeringer');
    expect(text).not.toMatch(/Side \d/);
    expect(text).toContain('inden for hoved- og regionsfunktioner');
    const headings = sectionsOf(await corpusDocument('patientforloeb-hensigtserklaeringer')).map((s) => s.heading.title);
    expect(headings).toContain('Hoved- og regionsfunktioner');
    expect(headings).toContain('Højtspecialiserede funktioner');
  });

  it('does not repeat the title as content', async () => {
    const doc = await corpusDocument('patientforloeb-hensigtserklaeringer');
    expect(paragraphsOf(doc)[0]!.text).toMatch(/^Regionerne ønsker et stærkt offentligt sundhedsvæsen/);
  });
});

describe('the ØA20 follow-up scheme (002)', () => {
  it('has one record per agreed item with its four columns, initials and cross-references', async () => {
    const rows = sectionsOf(await corpusDocument('oa20-opfoelgning')).map((s) => s.row!);
    expect(rows).toHaveLength(29);
    expect(rows[0]).toMatchObject({ topic: 'Fremtidssikring af den fællesoffentlige infrastruktur', responsible: 'AKJ', references: ['ØA18', 'ØA19'] });
    expect(rows[0]!.status).toContain('vurderes tilendebragt inden ØA21');
    expect(rows[3]).toMatchObject({ topic: 'Cyber – og informationssikkerhed', responsible: 'MLN', references: ['ØA19'] });
    expect(rows[9]!.references).toEqual(['ØA19', 'ØA18', 'ØA17']);
    expect(rows.find((r) => r.topic === 'National udrulning af den patientansvarlige læge')?.responsible).toBe('LMR');
    expect(rows.every((r) => r.agreement !== undefined && r.economy !== undefined && r.status !== '')).toBe(true);
  });

  it('repairs hyphens left mid-line by copy-paste and keeps real ones', async () => {
    const text = await allText('oa20-opfoelgning');
    expect(text).toContain('parterne endvidere enige om');
    expect(text).toContain('sundhedssektorens trinvise styrkelse');
    expect(text).toContain('it-organisationernes');
    expect(text).toContain('ØA19-teksten');
    expect(text).not.toMatch(/endvi-dere|sund-hedssektorens/);
  });

  it('cites a row cell by its row and column', async () => {
    const doc = await corpusDocument('oa20-opfoelgning');
    const cell = paragraphsOf(doc).find((p) => p.column === 'status' && p.text.includes('tilendebragt inden ØA21'))!;
    expect(cell.id).toBe('oa20-opfoelgning/fremtidssikring-af-den-faellesoffentlige-infrastruktur/5');
    expect(cell.citation.section?.title).toBe('Fremtidssikring af den fællesoffentlige infrastruktur');
    expect(cell.page).toBe(1);
  });
});

describe('the Danske Regioner work programme note (003)', () => {
  it('has its numbered chapters and sections, and no table of contents', async () => {
    const doc = await corpusDocument('dr-arbejdsprogram-2019-2020');
    const numbered = sectionsOf(doc).map((s) => s.heading.number).filter(Boolean);
    expect(numbered).toEqual(expect.arrayContaining(['1.1', '1.2', '2.3', '2.10', '6.6', '7.5', '8.3']));
    expect(doc.children.filter((c) => c.heading.number).map((c) => c.heading.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const text = await allText('dr-arbejdsprogram-2019-2020');
    expect(text).not.toMatch(/\.{4,}/);
    expect(text).not.toMatch(/<\/?b>/);
    expect(text).not.toMatch(/\*/);
    expect(text).not.toMatch(/\]\(#\)/);
  });

  it('keeps the theme titles between the numbered chapters as headings', async () => {
    const doc = await corpusDocument('dr-arbejdsprogram-2019-2020');
    const titles = doc.children.map((c) => c.heading.title);
    expect(titles.indexOf('Et bæredygtigt Danmark, der hænger sammen')).toBe(titles.indexOf('Gode levevilkår i hele Danmark') - 1);
    expect(titles.indexOf('Moderne, effektive og demokratisk styrede regioner')).toBe(titles.indexOf('Politisk ledelse og prioritering') - 1);
    expect(await allText('dr-arbejdsprogram-2019-2020')).not.toMatch(/^Moderne, effektive og demokratisk styrede regioner$/m);
  });

  it('keeps the letterhead apart from the text', async () => {
    const doc = await corpusDocument('dr-arbejdsprogram-2019-2020');
    expect(doc.children[0]!.kind).toBe('front');
    expect(doc.children[1]!.heading.title).toBe('Indledning');
  });
});

describe('ids and fingerprints', () => {
  it('are identical when the same file is processed again', async () => {
    const { processFile } = await import('../../ingest/process-file.ts');
    const catalog = await readCatalog(CATALOG_PATH);
    for (const entry of catalog.entries) {
      const first = paragraphsOf(await corpusDocument(entry.id));
      const second = paragraphsOf(await processFile(sourcePath(catalog, entry), entry));
      expect(second.map((p) => p.id)).toEqual(first.map((p) => p.id));
      expect(second.map((p) => p.fingerprint)).toEqual(first.map((p) => p.fingerprint));
    }
  });

  it('are unique, URL-safe and carry the quote with its context', async () => {
    const catalog = await readCatalog(CATALOG_PATH);
    for (const entry of catalog.entries) {
      const paragraphs = paragraphsOf(await corpusDocument(entry.id));
      const ids = paragraphs.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const p of paragraphs) {
        expect(p.id).toMatch(/^[a-z0-9-]+(\/[a-z0-9-]+)*$/);
        expect(p.fingerprint.quote).toBe(foldWhitespace(p.text));
      }
      expect(paragraphs[1]!.fingerprint.prefix).toBe(foldWhitespace(paragraphs[0]!.text).slice(-32));
    }
  });
});
