import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { beforeAll, describe, expect, it } from 'vitest';
import { OA18_BULLETS, OA18_PAGE_STARTS } from '../../scripts/corpus/oa18-layout.ts';
import { rowCells, TABLE_HEADER, type FollowUpSeedRow } from '../../scripts/corpus/oa20-table.ts';
import { DOCUMENT_TYPES, type CatalogEntry } from '../../src/tree/types.ts';

const CORPUS = join(import.meta.dirname, '../../corpus');

interface Parsed {
  pages: string[];
  tables: { num: number; tables: string[][][] }[];
  mergedTables: string[][][];
}

async function parse(file: string): Promise<Parsed> {
  const parser = new PDFParse({ data: new Uint8Array(readFileSync(join(CORPUS, file))) });
  try {
    const text = await parser.getText({ pageJoiner: '' });
    const tables = await parser.getTable();
    return { pages: text.pages.map((p) => p.text), tables: tables.pages, mergedTables: tables.mergedTables };
  } finally {
    await parser.destroy();
  }
}

const lines = (text: string) => text.split('\n');
const readCatalog = (): CatalogEntry[] => JSON.parse(readFileSync(join(CORPUS, 'catalog.json'), 'utf8')) as CatalogEntry[];

describe('the catalog', () => {
  const catalog = readCatalog();

  it('lists every bundled document once, by its permanent id', () => {
    expect(catalog.map((e) => e.id)).toEqual([
      'oa18',
      'patientforloeb-hensigtserklaeringer',
      'oa20-opfoelgning',
      'dr-arbejdsprogram-2019-2020',
      'afskaf-produktivitetskravet',
    ]);
    const documents = readdirSync(CORPUS).filter((f) => f !== 'catalog.json' && f !== 'README.md');
    expect(catalog.map((e) => e.source).sort()).toEqual(documents.sort());
  });

  it('gives each document a known type, its year and its parties', () => {
    for (const entry of catalog) {
      expect(DOCUMENT_TYPES).toContain(entry.type);
      expect(entry.parties.length).toBeGreaterThan(0);
      if (entry.date !== undefined) expect(entry.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const byId = new Map(catalog.map((e) => [e.id, e]));
    expect(byId.get('oa18')).toMatchObject({ type: 'økonomiaftale', year: 2018, parties: ['Regeringen', 'Danske Regioner'] });
    expect(byId.get('oa20-opfoelgning')).toMatchObject({ type: 'opfølgningsskema', year: 2020, parties: ['Regeringen', 'KL', 'Danske Regioner'] });
    expect(byId.get('dr-arbejdsprogram-2019-2020')).toMatchObject({ year: 2019, period: { from: 2019, to: 2020 }, date: '2019-09-04' });
    expect(byId.get('patientforloeb-hensigtserklaeringer')).toMatchObject({ year: null, parties: ['Regionerne'] });
  });
});

describe('ØA18 reads like the published PDF', () => {
  let pdf: Parsed;
  beforeAll(async () => {
    pdf = await parse('oa18.pdf');
  });

  it('has one page per curated page break, each with its "Side N" footer last', () => {
    expect(pdf.pages).toHaveLength(OA18_PAGE_STARTS.length);
    pdf.pages.forEach((text, i) => expect(lines(text).at(-1)).toBe(`Side ${i + 1}`));
  });

  it('breaks pages in mid-sentence where the original did', () => {
    expect(lines(pdf.pages[10]!)[0]).toMatch(/^frem mod 2021\. Aftalerne indgår/);
    expect(lines(pdf.pages[14]!)[0]).toMatch(/^2017 vil have fokus på implementeringsgraden/);
  });

  it('keeps the hyphenation at line ends', () => {
    const page1 = lines(pdf.pages[0]!);
    const at = page1.findIndex((l) => l.endsWith('sammenhæn-'));
    expect(at).toBeGreaterThan(0);
    expect(page1[at + 1]).toMatch(/^gende sundhedsvæsen/);
  });

  it('shows bullets as a "•" glyph and a space at the start of the item', () => {
    const bullets = pdf.pages.flatMap(lines).filter((l) => l.startsWith('•'));
    expect(bullets).toHaveLength(OA18_BULLETS.length);
    for (const bullet of bullets) expect(bullet).toMatch(/^• \S/);
    expect(bullets[0]).toMatch(/^• Rammen for de regionale driftsudgifter/);
  });

  it('keeps chapter lines, the box labels and the stray "Nyt kapitel"', () => {
    const all = pdf.pages.flatMap(lines);
    for (const heading of ['1. Indledning', '12. Digitalisering', '15. Øvrige temaer', 'Bilag 1. Regionernes økonomi', 'Bilag 2. Principper for']) {
      expect(all).toContain(heading);
    }
    for (const box of ['Boks 1', 'Boks 2', 'Boks 3']) expect(all).toContain(box);
    expect(all).toContain('Nyt kapitel');
  });

  it('has no ruled tables: the boxes are shaded, not framed', () => {
    expect(pdf.tables.every((p) => p.tables.length === 0)).toBe(true);
  });
});

describe('the hensigtserklæring keeps its footers where extraction reports them', () => {
  let pdf: Parsed;
  beforeAll(async () => {
    pdf = await parse('patientforloeb-hensigtserklaeringer.pdf');
  });

  it('has three pages, footers on pages 2 and 3 only, right after the first paragraph', () => {
    expect(pdf.pages).toHaveLength(3);
    expect(pdf.pages[0]).not.toMatch(/Side \d/);
    const page2 = lines(pdf.pages[1]!);
    expect(page2[0]).toMatch(/^bejder med at udbygge/);
    expect(page2.slice(1, 3)).toEqual(['en anden region om varetagelse af udvalgte funktioner.', 'Side 2']);
    expect(lines(pdf.pages[2]!)[3]).toBe('Side 3');
  });

  it('splits "ar-" / "bejder" across the page break', () => {
    expect(lines(pdf.pages[0]!).at(-1)).toMatch(/Hver region ar-$/);
  });
});

describe('the ØA20 follow-up scheme comes back as a four-column table', () => {
  let pdf: Parsed;
  const rows = JSON.parse(readFileSync(join(import.meta.dirname, '../../scripts/corpus/oa20-opfoelgning.rows.json'), 'utf8')) as FollowUpSeedRow[];
  beforeAll(async () => {
    pdf = await parse('oa20-opfoelgning.pdf');
  });

  it('has the title above the table and the header row on every page', () => {
    expect(lines(pdf.pages[0]!)[0]).toBe('Økonomiaftale for 2020');
    for (const page of pdf.tables) {
      expect(page.tables).toHaveLength(1);
      expect(page.tables[0]![0]).toEqual(TABLE_HEADER);
    }
  });

  it('gives every agreed item its four cells, in order, on one row or continued on the next page', () => {
    const bodyRows = pdf.tables.flatMap((p) => p.tables[0]!.slice(1));
    for (const cells of bodyRows) expect(cells).toHaveLength(4);
    // A row continued on the next page has an empty topic cell: merge it back.
    const merged: string[][] = [];
    for (const cells of bodyRows) {
      const previous = merged.at(-1);
      if (cells[0] === '' && previous) merged[merged.length - 1] = previous.map((c, i) => [c, cells[i]!].filter(Boolean).join('\n'));
      else merged.push([...cells]);
    }
    // Cells come back line by line without blank lines, with runs of spaces folded.
    const expected = rows.map((row) => rowCells(row).map((cell) => cell.map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n')));
    expect(merged).toEqual(expected);
  });

  it('splits rows taller than a page and leaves mergedTables empty', () => {
    const continuations = pdf.tables.filter((p) => p.tables[0]!.some((cells, i) => i > 0 && cells[0] === ''));
    expect(continuations.length).toBeGreaterThan(0);
    expect(pdf.mergedTables).toEqual([]);
  });

  it('writes references and the responsible into the topic cell', () => {
    const first = pdf.tables[0]!.tables[0]![1]!;
    expect(first[0]).toBe('Fremtidssikring af den\nfællesoffentlige\ninfrastruktur\n[+ ØA18, ØA19]\nAnsvarlig: AKJ');
  });
});

describe('the udspil and the note', () => {
  it('the udspil is one page with its three "•" bullets', async () => {
    const pdf = await parse('afskaf-produktivitetskravet.pdf');
    expect(pdf.pages).toHaveLength(1);
    expect(lines(pdf.pages[0]!).filter((l) => l.startsWith('• '))).toEqual([
      '• De 8 nationale mål for sundhedsvæsenet',
      '• Overholdelsen af patientrettighederne ift. udredning',
      '• Budgetloven: presset fra flere patienter, patientret-',
    ]);
  });

  it('the DR note keeps its markdown-like quirks', () => {
    const note = readFileSync(join(CORPUS, 'dr-arbejdsprogram-2019-2020.md'), 'utf8');
    expect(note).toMatch(/^## Justeret arbejdsprogram 2019-2020$/m);
    expect(note).toMatch(/^1\.1\. Fokus på resultater \.{5}\t8$/m);
    expect(note).toContain('<b>3. En moderne psykiatri.....</b>');
  });
});
