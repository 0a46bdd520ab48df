import { createPdf, renderFlowPages, type FlowLayout, type FlowPage, type PageLine } from './pdf-pages.ts';

// Hand-curated layout of "Afskaf produktivitetskravet og aktivitetspuljen" (seed 004), in seed
// line numbers: a one-page proposal with a narrow text column. The seed's bullets are "•" and a
// tab; the PDF draws "•" and sets the text at the bullet indent.
const FIRST = 2;
const LAST = 59;
const TITLE = [2, 3];
const HEADINGS = [11, 24, 25, 26];
const BULLETS: [number, number][] = [
  [14, 14],
  [16, 17],
  [19, 22],
];

export const LAYOUT: FlowLayout = {
  margin: { top: 48, bottom: 40, left: 72, right: 190 },
  styles: {
    title: { font: 'Helvetica-Bold', size: 17, leading: 21, blank: 6 },
    heading: { font: 'Helvetica-Bold', size: 10.5, leading: 13, blank: 6, spaceBefore: 2 },
    body: { font: 'Helvetica', size: 10.5, leading: 12.6, blank: 6 },
  },
  footerStyle: { font: 'Helvetica', size: 9, leading: 11, blank: 0 },
  footerAlign: 'right',
  bulletIndent: 14,
  box: { padding: 0, indent: 0, fill: '#ffffff' },
};

export function layOutUdspil(seed: string[]): FlowPage[] {
  const lines: PageLine[] = [];
  for (let n = FIRST; n <= LAST; n++) {
    const text = seed[n - 1]!.replace(/^•\s*/, '').trim();
    const style = TITLE.includes(n) ? 'title' : HEADINGS.includes(n) ? 'heading' : 'body';
    const bullet = BULLETS.find(([first, last]) => n >= first && n <= last);
    if (bullet && n === bullet[0] && !seed[n - 1]!.startsWith('•')) throw new Error(`udspil: seed line ${n} is not a bullet`);
    lines.push({ text, style, ...(bullet?.[0] === n ? { bullet: true } : bullet ? { hanging: true } : {}) });
  }
  return [{ lines }];
}

export async function buildUdspil(seed: string[]): Promise<Buffer> {
  const { doc, bytes } = createPdf({ title: 'Afskaf produktivitetskravet og aktivitetspuljen', author: 'Danske Regioner' });
  renderFlowPages(doc, layOutUdspil(seed), LAYOUT, 'udspil');
  doc.end();
  return bytes;
}
