import { createPdf, renderFlowPages, type FlowLayout, type FlowPage, type PageLine } from './pdf-pages.ts';

// Hand-curated layout of "Patientforløb mellem regionerne - hensigtserklæringer" (seed 001), in
// seed line numbers. The seed's page breaks are its runs of blank lines (32–36 in the middle of
// "ar-" / "bejder", 80–89). Each page's footer ("Side 2" at 40, "Side 3" at 94) comes out right
// after the page's first paragraph: it is drawn at the bottom of the page but written into the
// content stream at that point, as word processors do, so extraction reports it where the seed
// has it. Page 1 has no footer.
const PAGES: { first: number; last: number; footer?: number }[] = [
  { first: 1, last: 31 },
  { first: 37, last: 79, footer: 40 },
  { first: 90, last: 103, footer: 94 },
];
const TITLE = 1;
const HEADINGS = [27, 55];

export const LAYOUT: FlowLayout = {
  margin: { top: 72, bottom: 72, left: 72, right: 72 },
  styles: {
    title: { font: 'Helvetica-Bold', size: 14, leading: 20, blank: 14 },
    heading: { font: 'Helvetica-Bold', size: 11, leading: 15, blank: 14 },
    body: { font: 'Helvetica', size: 11, leading: 15, blank: 14 },
  },
  footerStyle: { font: 'Helvetica', size: 9, leading: 11, blank: 0 },
  footerAlign: 'right',
  bulletIndent: 0,
  box: { padding: 0, indent: 0, fill: '#ffffff' },
};

export function layOutPatientforloeb(seed: string[]): FlowPage[] {
  return PAGES.map(({ first, last, footer }) => {
    const lines: PageLine[] = [];
    let afterLine = -1;
    for (let n = first; n <= last; n++) {
      if (n === footer) {
        afterLine = lines.findLastIndex((line) => line.text !== '');
        continue;
      }
      const text = seed[n - 1]!.trim();
      // Blank runs around the removed footer are one paragraph gap.
      if (text === '' && lines.at(-1)?.text === '') continue;
      lines.push({ text, style: n === TITLE ? 'title' : HEADINGS.includes(n) ? 'heading' : 'body' });
    }
    if (lines[0]?.text === '' || lines.at(-1)?.text === '') throw new Error(`patientforløb: page ${first}–${last} starts or ends with a blank line`);
    if (footer === undefined) return { lines };
    const text = seed[footer - 1]!.trim();
    if (!/^Side \d+$/.test(text) || afterLine < 0) throw new Error(`patientforløb: seed line ${footer} is not a footer after body text ("${text}")`);
    return { lines, footer: { text, afterLine } };
  });
}

export async function buildPatientforloeb(seed: string[]): Promise<Buffer> {
  const { doc, bytes } = createPdf({ title: 'Patientforløb mellem regionerne - hensigtserklæringer', author: 'Regionerne' });
  renderFlowPages(doc, layOutPatientforloeb(seed), LAYOUT, 'patientforløb');
  doc.end();
  return bytes;
}
