import { LAYOUT as AGREEMENT_LAYOUT } from '../../scripts/corpus/oa18.ts';
import { buildOa20Table, type FollowUpSeedRow } from '../../scripts/corpus/oa20-table.ts';
import { createPdf, renderFlowPages } from '../../scripts/corpus/pdf-pages.ts';
import { LAYOUT as STATEMENT_LAYOUT } from '../../scripts/corpus/patientforloeb.ts';
import { LAYOUT as PROPOSAL_LAYOUT } from '../../scripts/corpus/udspil.ts';
import type { CatalogEntry } from '../../src/tree/types.ts';
import { flowPages, type FlowItem } from './flow.ts';
import { seededRandom, type Random } from './random.ts';
import type { PoolBlock, PoolChapter, SourcePool } from './source-pool.ts';

// Document n of the scale corpus, made from the pool alone: the sample's mix of one agreement,
// one statement of intent, one follow-up scheme, one note and one proposal per five documents,
// each recombined from real paragraphs and moved to another year. Document n is the same at
// every scale, so the 1000× corpus contains the 100× one.

export interface ScaleDocument {
  entry: CatalogEntry;
  bytes: () => Promise<Buffer>;
}

const KINDS = ['agreement', 'statement', 'scheme', 'note', 'proposal'] as const;
export const KINDS_PER_SAMPLE = KINDS.length;

/** Agreement and scheme years, spread over a quarter century as analysts load them. */
const FIRST_YEAR = 2007;
const YEARS = 24;

export function composeDocument(n: number, pool: SourcePool): ScaleDocument {
  const random = seededRandom(0x5eed0000 + n * 7919);
  const kind = KINDS[n % KINDS.length]!;
  const serial = String(n).padStart(5, '0');
  const year = FIRST_YEAR + random.int(0, YEARS - 1);
  switch (kind) {
    case 'agreement':
      return agreement(`oa${year}-${serial}`, year, pool, random);
    case 'statement':
      return statement(`hensigtserklaering-${serial}`, pool, random);
    case 'scheme':
      return scheme(`oa${year}-opfoelgning-${serial}`, year, pool, random);
    case 'note':
      return note(`arbejdsprogram-${year}-${serial}`, year, pool, random);
    case 'proposal':
      return proposal(`udspil-${serial}`, pool, random);
  }
}

/** Years in the text (2018, ØA19) moved by `delta`, so deadlines and references follow the document. */
export function shiftYears(text: string, delta: number): string {
  if (delta === 0) return text;
  return text
    .replace(/\b(20[0-4]\d)\b/g, (year) => String(Number(year) + delta))
    .replace(/\bØA ?(\d{2})\b/g, (match, yy: string) => match.replace(yy, String((Number(yy) + delta + 100) % 100).padStart(2, '0')));
}

function agreement(id: string, year: number, pool: SourcePool, random: Random): ScaleDocument {
  const delta = year - pool.agreement.year;
  const title = `Aftale om regionernes økonomi for ${year}`;
  const items: FlowItem[] = [];
  const elsewhere = pool.agreement.chapters.flatMap((c) => [...c.intro, ...c.sections.flatMap((s) => s.blocks)]).filter((b) => b.kind === 'text');
  const chapter = (heading: string, parts: ChapterPart[]) => {
    items.push({ kind: 'gap', style: 'body' }, { kind: 'heading', style: 'chapter', text: shiftYears(heading, delta) }, { kind: 'gap', style: 'body' });
    for (const part of parts) {
      if (part.heading) items.push({ kind: 'gap', style: 'body' }, { kind: 'heading', style: 'section', text: shiftYears(part.heading, delta) });
      for (const block of part.blocks) {
        items.push({ kind: 'gap', style: 'body' }, { kind: 'paragraph', style: 'body', text: shiftYears(block.text, delta), bullet: block.kind === 'item' });
      }
    }
  };
  random.shuffle(pool.agreement.chapters).forEach((c, i) => chapter(`${i + 1}. ${c.title}`, chapterParts(c, elsewhere, random)));
  chapter(`Bilag 1. Regionernes økonomi for ${year}`, []);
  random.shuffle(pool.agreement.boxes).slice(0, random.int(1, pool.agreement.boxes.length)).forEach((box, i) => {
    items.push({ kind: 'gap', style: 'body' }, { kind: 'box', label: `Boks ${i + 1}`, title: box.title, paragraphs: box.paragraphs.map((p) => shiftYears(p, delta)) });
  });
  pool.agreement.annexes.forEach((annex, i) => chapter(`Bilag ${i + 2}. ${annex.title}`, chapterParts(annex, elsewhere, random)));
  return pdfDocument({ id, title, type: 'økonomiaftale', year, parties: ['Regeringen', 'Danske Regioner'], source: `${id}.pdf` }, async () => {
    const { doc, bytes } = createPdf({ title, author: 'Regeringen og Danske Regioner' });
    const pages = flowPages(doc, items, AGREEMENT_LAYOUT, random, { footer: (page) => `Side ${page}`, hyphenation: 0.6 });
    renderFlowPages(doc, pages, AGREEMENT_LAYOUT, id);
    doc.end();
    return bytes;
  });
}

interface ChapterPart {
  heading?: string;
  blocks: PoolBlock[];
}

/** A chapter's own text in its order, some sections left out, now and then a paragraph from elsewhere. */
function chapterParts(chapter: PoolChapter, elsewhere: PoolBlock[], random: Random): ChapterPart[] {
  const sections = chapter.sections.filter(() => random.chance(0.85));
  const parts: ChapterPart[] = [];
  if (chapter.intro.length > 0 || sections.length === 0) parts.push({ blocks: chapter.intro.length > 0 ? [...chapter.intro] : chapter.sections.flatMap((s) => s.blocks) });
  for (const section of sections) parts.push({ heading: section.title, blocks: [...section.blocks] });
  for (const part of parts) {
    while (random.chance(0.55)) part.blocks.push(random.pick(elsewhere));
  }
  return parts;
}

function statement(id: string, pool: SourcePool, random: Random): ScaleDocument {
  const topic = random.pick(pool.agreement.chapters.flatMap((c) => c.sections.map((s) => s.title)));
  const title = `${topic} - hensigtserklæringer`;
  const own = random.shuffle(pool.statements.blocks);
  // The sample's statements fill three pages; agreement text about the same field tops them up.
  const extra = random.shuffle(pool.agreement.chapters.flatMap((c) => c.intro.filter((b) => b.kind === 'text'))).slice(0, random.int(4, 8));
  const blocks = [...own, ...extra];
  const headings = random.shuffle(pool.statements.headings);
  const items: FlowItem[] = [{ kind: 'heading', style: 'title', text: title }];
  blocks.forEach((block, i) => {
    if (i > 0 && i % 7 === 0 && headings.length > 0) items.push({ kind: 'gap', style: 'body' }, { kind: 'heading', style: 'heading', text: headings.pop()! });
    items.push({ kind: 'gap', style: 'body' }, { kind: 'paragraph', style: 'body', text: block.text });
  });
  return pdfDocument({ id, title, type: 'hensigtserklæring', year: null, parties: ['Regionerne'], source: `${id}.pdf` }, async () => {
    const { doc, bytes } = createPdf({ title, author: 'Regionerne' });
    const pages = flowPages(doc, items, STATEMENT_LAYOUT, random, {
      footer: (page) => (page > 1 ? `Side ${page}` : undefined),
      footerAfterFirstParagraph: true,
      hyphenation: 0.5,
    });
    renderFlowPages(doc, pages, STATEMENT_LAYOUT, id);
    doc.end();
    return bytes;
  });
}

function scheme(id: string, year: number, pool: SourcePool, random: Random): ScaleDocument {
  const delta = year - pool.rows.year;
  const rows: FollowUpSeedRow[] = random
    .shuffle(pool.rows.rows)
    .slice(0, random.int(Math.ceil(pool.rows.rows.length * 0.8), pool.rows.rows.length))
    .map((row) => ({
      ...row,
      topic: shiftYears(row.topic, delta),
      references: row.references.map((r) => shiftYears(r, delta)),
      referencesText: row.referencesText === null ? null : shiftYears(row.referencesText, delta),
      agreement: shiftYears(row.agreement, delta),
      economy: shiftYears(row.economy, delta),
      status: shiftYears(row.status, delta),
    }));
  const title = `Økonomiaftale for ${year} – opfølgningsskema`;
  return pdfDocument(
    { id, title, type: 'opfølgningsskema', year, parties: ['Regeringen', 'KL', 'Danske Regioner'], source: `${id}.pdf` },
    () => buildOa20Table(rows, `Økonomiaftale for ${year}`),
  );
}

function note(id: string, year: number, pool: SourcePool, random: Random): ScaleDocument {
  const delta = year - pool.note.year;
  const title = `Justeret arbejdsprogram ${year}-${year + 1}`;
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const chapters = random.shuffle(pool.note.chapters).slice(0, random.int(8, pool.note.chapters.length)).map((c) => ({ ...c, title: shiftYears(c.title, delta) }));
  const toc: string[] = [];
  const body: string[] = [];
  chapters.forEach((chapter, c) => {
    const page = 3 + c;
    toc.push(`${c + 1}. ${chapter.title} .....\t${page}`);
    body.push(`## ${c + 1}. ${chapter.title}`, '');
    for (const block of chapter.intro) body.push(markdownBlock(block, delta), '');
    chapter.sections.forEach((section, s) => {
      toc.push(`${c + 1}.${s + 1}. ${shiftYears(section.title, delta)} .....\t${page}`);
      body.push(`### ${c + 1}.${s + 1}. ${shiftYears(section.title, delta)}`, '');
      for (const block of section.blocks) body.push(markdownBlock(block, delta), '');
    });
  });
  // The sample note's quirks stay: a letterhead, a dotted-leader contents list, a stray <b>.
  if (toc.length > 2) toc[2] = `<b>${toc[2]!.replace('\t', '</b>\t<b>')}</b>`;
  const text = [
    '## NOTAT',
    '',
    `${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}-${year}  `,
    `EMN-${year - 2}-${String(random.int(0, 9999)).padStart(5, '0')}  `,
    '',
    `## ${title}`,
    '',
    '### Indhold',
    '',
    ...toc,
    '',
    ...body,
  ].join('\n');
  const entry: CatalogEntry = { id, title, type: 'notat', year, period: { from: year, to: year + 1 }, parties: ['Danske Regioner'], date, source: `${id}.md` };
  return { entry, bytes: async () => Buffer.from(text, 'utf8') };
}

function markdownBlock(block: PoolBlock, delta: number): string {
  const text = shiftYears(block.text, delta);
  return block.kind === 'item' ? `- ${text}` : text;
}

function proposal(id: string, pool: SourcePool, random: Random): ScaleDocument {
  const title = random.chance(0.2) ? pool.proposal.title : `Styrk ${random.pick(pool.agreement.chapters).title.toLocaleLowerCase('da')}`;
  const blocks = [...random.shuffle(pool.proposal.blocks), ...random.shuffle(pool.statements.blocks)];
  const headings = random.shuffle([...pool.proposal.headings, ...pool.statements.headings]);
  const items: FlowItem[] = [{ kind: 'heading', style: 'title', text: title }];
  blocks.forEach((block, i) => {
    if (i % 4 === 1 && headings.length > 0) items.push({ kind: 'gap', style: 'body' }, { kind: 'heading', style: 'heading', text: headings.pop()! });
    items.push({ kind: 'gap', style: 'body' }, { kind: 'paragraph', style: 'body', text: block.text, bullet: block.kind === 'item' });
  });
  return pdfDocument({ id, title, type: 'udspil', year: null, parties: ['Danske Regioner'], source: `${id}.pdf` }, async () => {
    const { doc, bytes } = createPdf({ title, author: 'Danske Regioner' });
    const pages = flowPages(doc, items, PROPOSAL_LAYOUT, random, { maxPages: 1, footer: () => '1', hyphenation: 0.5 });
    renderFlowPages(doc, pages, PROPOSAL_LAYOUT, id);
    doc.end();
    return bytes;
  });
}

function pdfDocument(entry: CatalogEntry, bytes: () => Promise<Buffer>): ScaleDocument {
  return { entry, bytes };
}
