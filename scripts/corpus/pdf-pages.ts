import PDFDocument from 'pdfkit';

/**
 * pdfkit derives the trailer /ID from the info dictionary (CreationDate included), so a fixed
 * date makes every build of the corpus byte-for-byte the same.
 */
export const FIXED_DATE = new Date('2020-01-01T00:00:00Z');

export const A4 = { width: 595.28, height: 841.89 } as const;

export type FontName = 'Helvetica' | 'Helvetica-Bold';

export interface TextStyle {
  font: FontName;
  size: number;
  /** Distance from this line's top to the next line's top. */
  leading: number;
  /** Height of an empty seed line drawn in this style. */
  blank: number;
  /** Extra space above the line (headings). */
  spaceBefore?: number;
}

/** One seed line placed on a page. Every non-blank line is drawn as exactly one PDF text line. */
export interface PageLine {
  text: string;
  style: string;
  /** First line of a bullet item: a "•" at the margin, the text at the bullet indent. */
  bullet?: boolean;
  /** Continuation line of a bullet item: the text at the bullet indent. */
  hanging?: boolean;
  /** The shaded box the line belongs to ("Boks 1"). */
  box?: string;
}

export interface Footer {
  text: string;
  /**
   * Index of the page line after which the footer is written into the content stream. It is
   * always drawn at the bottom; where it sits in the stream decides where text extraction
   * reports it (pdf-parse reads in stream order). Default: after the last line.
   */
  afterLine?: number;
}

export interface FlowPage {
  lines: PageLine[];
  footer?: Footer;
}

export interface FlowLayout {
  margin: { top: number; bottom: number; left: number; right: number };
  styles: Record<string, TextStyle>;
  footerStyle: TextStyle;
  footerAlign: 'center' | 'right';
  bulletIndent: number;
  /** Boxes are shaded only: a stroked frame would be read as a ruled table by extraction. */
  box: { padding: number; indent: number; fill: string };
}

export interface PdfInfo {
  title: string;
  author: string;
  subject?: string;
  landscape?: boolean;
}

export function createPdf(info: PdfInfo): { doc: PDFKit.PDFDocument; bytes: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    layout: info.landscape ? 'landscape' : 'portrait',
    margin: 0,
    autoFirstPage: false,
    info: {
      Title: info.title,
      Author: info.author,
      ...(info.subject ? { Subject: info.subject } : {}),
      CreationDate: FIXED_DATE,
      ModDate: FIXED_DATE,
    },
  });
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, bytes };
}

export function useStyle(doc: PDFKit.PDFDocument, style: TextStyle): void {
  doc.font(style.font).fontSize(style.size);
}

/** Draws one line of text that must not wrap: a line too wide for its column is a build error. */
export function drawLine(doc: PDFKit.PDFDocument, text: string, x: number, y: number, maxWidth: number, where: string): void {
  const width = doc.widthOfString(text);
  if (width > maxWidth + 0.01) {
    throw new Error(`${where}: line is ${width.toFixed(1)}pt wide, the column has ${maxWidth.toFixed(1)}pt: "${text}"`);
  }
  doc.text(text, x, y, { lineBreak: false });
}

/**
 * Draws pages of pre-broken lines. Page breaks are the caller's (curated) decision, so a
 * page whose lines do not fit is an error rather than a silent reflow.
 */
export function renderFlowPages(doc: PDFKit.PDFDocument, pages: FlowPage[], layout: FlowLayout, name: string): void {
  const bottom = A4.height - layout.margin.bottom;
  const textWidth = A4.width - layout.margin.left - layout.margin.right;
  pages.forEach((page, pageIndex) => {
    const where = `${name} page ${pageIndex + 1}`;
    doc.addPage({ size: 'A4', margin: 0 });
    const placed = placeLines(page.lines, layout, where);
    const last = placed.at(-1);
    if (last && last.y + styleOf(layout, last.line.style, where).size > bottom) {
      throw new Error(`${where}: ${page.lines.length} lines overflow the page by ${(last.y + styleOf(layout, last.line.style, where).size - bottom).toFixed(1)}pt`);
    }
    drawBoxes(doc, placed, layout);
    doc.fillColor('black');
    placed.forEach(({ line, y }, index) => {
      if (line.text !== '') {
        const style = styleOf(layout, line.style, where);
        useStyle(doc, style);
        const boxIndent = line.box ? layout.box.indent : 0;
        const x = layout.margin.left + boxIndent;
        const indent = line.bullet || line.hanging ? layout.bulletIndent : 0;
        if (line.bullet) doc.text('•', x, y, { lineBreak: false });
        drawLine(doc, line.text, x + indent, y, textWidth - boxIndent * 2 - indent, `${where} line ${index + 1}`);
      }
      if (page.footer && index === (page.footer.afterLine ?? placed.length - 1)) drawFooter(doc, page.footer.text, layout);
    });
    if (page.footer && placed.length === 0) drawFooter(doc, page.footer.text, layout);
  });
}

interface PlacedLine {
  line: PageLine;
  y: number;
}

function placeLines(lines: PageLine[], layout: FlowLayout, where: string): PlacedLine[] {
  let y = layout.margin.top;
  return lines.map((line, index) => {
    const style = styleOf(layout, line.style, where);
    if (line.text !== '' && index > 0) y += style.spaceBefore ?? 0;
    const placed = { line, y };
    y += line.text === '' ? style.blank : style.leading;
    return placed;
  });
}

function drawBoxes(doc: PDFKit.PDFDocument, placed: PlacedLine[], layout: FlowLayout): void {
  const extents = new Map<string, { top: number; bottom: number }>();
  for (const { line, y } of placed) {
    if (!line.box || line.text === '') continue;
    const style = layout.styles[line.style]!;
    const extent = extents.get(line.box) ?? { top: y, bottom: y };
    extent.bottom = y + style.size * 1.2;
    extents.set(line.box, extent);
  }
  const { padding, fill } = layout.box;
  for (const { top, bottom } of extents.values()) {
    const x = layout.margin.left - padding;
    const width = A4.width - layout.margin.left - layout.margin.right + 2 * padding;
    doc.rect(x, top - padding, width, bottom - top + 2 * padding).fill(fill);
  }
}

function drawFooter(doc: PDFKit.PDFDocument, text: string, layout: FlowLayout): void {
  useStyle(doc, layout.footerStyle);
  const y = A4.height - layout.margin.bottom / 2 - layout.footerStyle.size / 2;
  const width = doc.widthOfString(text);
  const x = layout.footerAlign === 'center' ? (A4.width - width) / 2 : A4.width - layout.margin.right - width;
  doc.fillColor('black').text(text, x, y, { lineBreak: false });
}

function styleOf(layout: FlowLayout, name: string, where: string): TextStyle {
  const style = layout.styles[name];
  if (!style) throw new Error(`${where}: unknown text style "${name}"`);
  return style;
}
