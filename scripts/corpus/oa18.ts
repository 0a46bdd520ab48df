import {
  OA18_BOX_TITLES,
  OA18_BOXES,
  OA18_BULLETS,
  OA18_CHAPTER_HEADINGS,
  OA18_PAGE_STARTS,
  OA18_SECTION_HEADINGS,
} from './oa18-layout.ts';
import { createPdf, renderFlowPages, type FlowLayout, type FlowPage, type PageLine } from './pdf-pages.ts';

export const LAYOUT: FlowLayout = {
  margin: { top: 56, bottom: 62, left: 62, right: 62 },
  styles: {
    body: { font: 'Helvetica', size: 10, leading: 13, blank: 11 },
    chapter: { font: 'Helvetica-Bold', size: 15, leading: 19, blank: 11, spaceBefore: 4 },
    section: { font: 'Helvetica-Bold', size: 10, leading: 13, blank: 11 },
    box: { font: 'Helvetica', size: 8.5, leading: 10.5, blank: 3 },
    boxHeading: { font: 'Helvetica-Bold', size: 9, leading: 12, blank: 3 },
  },
  footerStyle: { font: 'Helvetica', size: 9, leading: 11, blank: 0 },
  footerAlign: 'center',
  bulletIndent: 12,
  box: { padding: 8, indent: 6, fill: '#e4e9ee' },
};

/** ØA18 seed lines → pages of styled lines, following the curated layout. */
export function layOutOa18(seed: string[]): FlowPage[] {
  checkCuration(seed);
  const chapters = new Set(OA18_CHAPTER_HEADINGS);
  const sections = new Set(OA18_SECTION_HEADINGS);
  const boxTitles = new Set(OA18_BOX_TITLES);
  const bulletFirst = new Set(OA18_BULLETS.map(([first]) => first));
  const inBullet = (n: number) => OA18_BULLETS.some(([first, last]) => n > first && n <= last);
  const boxOf = (n: number) => OA18_BOXES.find(([, first, last]) => n >= first && n <= last);
  return OA18_PAGE_STARTS.map((start, index) => {
    const end = (OA18_PAGE_STARTS[index + 1] ?? seed.length + 1) - 1;
    const lines: PageLine[] = [];
    for (let n = start; n <= end; n++) {
      // Leading spaces are the seed's extraction debris (page starts, lost bullet glyphs);
      // trailing ones are invisible in a PDF.
      const text = seed[n - 1]!.trim();
      const box = boxOf(n);
      const boxHeading = box && (n === box[1] || boxTitles.has(n));
      const style = chapters.has(n) ? 'chapter' : sections.has(n) ? 'section' : boxHeading ? 'boxHeading' : box ? 'box' : 'body';
      lines.push({
        text,
        style,
        ...(bulletFirst.has(n) ? { bullet: true } : {}),
        ...(inBullet(n) ? { hanging: true } : {}),
        ...(box ? { box: box[0] } : {}),
      });
    }
    return { lines: trimBlankEdges(lines), footer: { text: `Side ${index + 1}` } };
  });
}

export async function buildOa18(seed: string[]): Promise<Buffer> {
  const { doc, bytes } = createPdf({
    title: 'Aftale om regionernes økonomi for 2018',
    author: 'Regeringen og Danske Regioner',
  });
  renderFlowPages(doc, layOutOa18(seed), LAYOUT, 'oa18');
  doc.end();
  return bytes;
}

/** Blank lines at a page's top or bottom are page-break debris, not spacing. */
function trimBlankEdges(lines: PageLine[]): PageLine[] {
  let first = 0;
  let last = lines.length;
  while (first < last && lines[first]!.text === '') first++;
  while (last > first && lines[last - 1]!.text === '') last--;
  return lines.slice(first, last);
}

/** Fails with a readable line when a curated line number does not point at what it claims. */
function checkCuration(seed: string[]): void {
  const at = (n: number) => seed[n - 1]?.trim() ?? '';
  const fail = (what: string, n: number) => {
    throw new Error(`oa18 layout: ${what} at seed line ${n} ("${at(n)}") — check scripts/corpus/oa18-layout.ts`);
  };
  for (const n of OA18_PAGE_STARTS) if (at(n) === '') fail('page start on a blank line', n);
  for (const n of [...OA18_CHAPTER_HEADINGS, ...OA18_SECTION_HEADINGS]) if (at(n) === '') fail('heading on a blank line', n);
  const chapterStarts = OA18_CHAPTER_HEADINGS.filter((n) => !OA18_CHAPTER_HEADINGS.includes(n - 1));
  for (const n of chapterStarts) if (!/^(?:\d{1,2}\.|Bilag \d\.) \S/.test(at(n))) fail('chapter heading without a number', n);
  for (const [first] of OA18_BULLETS) if (at(first) === '') fail('bullet on a blank line', first);
  for (const [label, first] of OA18_BOXES) if (at(first) !== label) fail(`box "${label}" does not start with its label`, first);
}
