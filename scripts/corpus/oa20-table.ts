import { createPdf, drawLine, type TextStyle, useStyle } from './pdf-pages.ts';

/** One agreed item of the ØA20 follow-up scheme, as curated in oa20-opfoelgning.rows.json. */
export interface FollowUpSeedRow {
  topic: string;
  references: string[];
  /** The bracket text exactly as the scheme prints it, e.g. "[+ ØA18, ØA19]"; null when none. */
  referencesText: string | null;
  responsible: string | null;
  agreement: string;
  economy: string;
  status: string;
}

export const TABLE_HEADER = [
  'Emne',
  'ØA tekst',
  'Økonomi (aftalt økonomi\nog/eller skøn over\nregionale udgifter)',
  'Status og/eller bemærkninger\n(herunder vedr. deadlines, hvis disse\nikke fremgår af ØA-teksten)',
];

const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = { top: 36, bottom: 36, left: 32, right: 32 };
const COLUMN_WIDTHS = [128, 262, 130, 256];
const PADDING = { x: 4, top: 4, bottom: 5 };
const TITLE: TextStyle = { font: 'Helvetica-Bold', size: 15, leading: 26, blank: 0 };
const HEADER: TextStyle = { font: 'Helvetica-Bold', size: 8.5, leading: 10.5, blank: 10.5 };
const CELL: TextStyle = { font: 'Helvetica', size: 8.5, leading: 10.5, blank: 10.5 };
/** A row taller than a page starts on the current page only when this many lines still fit. */
const MIN_LINES_BEFORE_SPLIT = 6;

/** The four cells of a row as lines; the topic cell ends with the references and the responsible. */
export function rowCells(row: FollowUpSeedRow): string[][] {
  const topic = row.topic.split('\n');
  if (row.referencesText) topic.push(row.referencesText);
  if (row.responsible) topic.push('', `Ansvarlig: ${row.responsible}`);
  return [topic, row.agreement.split('\n'), row.economy.split('\n'), row.status.split('\n')];
}

/**
 * The follow-up scheme as a ruled four-column table on landscape A4: the title above the
 * table on page 1, the header row on every page, one table row per agreed item. A row that
 * does not fit the rest of a page moves to the next; a row taller than a page is split
 * between pages, its continuation a row of its own under the repeated header (with an empty
 * topic cell, as word processors do).
 */
export async function buildOa20Table(rows: FollowUpSeedRow[], title = 'Økonomiaftale for 2020'): Promise<Buffer> {
  const { doc, bytes } = createPdf({ title, author: 'Danske Regioner', subject: 'Opfølgningsskema', landscape: true });
  const bottom = PAGE.height - MARGIN.bottom;
  const header = TABLE_HEADER.map((cell) => cell.split('\n'));
  const headerHeight = segmentHeight(header);
  let page = 0;
  let y = 0;
  const newPage = () => {
    doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
    page++;
    y = MARGIN.top;
    if (page === 1) {
      useStyle(doc, TITLE);
      drawLine(doc, title, MARGIN.left, y, PAGE.width - MARGIN.left - MARGIN.right, 'oa20 title');
      y += TITLE.leading;
    }
    drawSegment(doc, header, y, HEADER, `oa20 page ${page} header`);
    y += headerHeight;
  };
  const linesThatFit = () => Math.floor((bottom - y - PADDING.top - PADDING.bottom) / CELL.leading);
  newPage();
  rows.forEach((row, index) => {
    let cells = rowCells(row);
    const fullPageLines = Math.floor((bottom - MARGIN.top - headerHeight - PADDING.top - PADDING.bottom) / CELL.leading);
    const height = segmentHeight(cells);
    const fitsFreshPage = maxLines(cells) <= fullPageLines;
    if (y + height > bottom && (fitsFreshPage || linesThatFit() < MIN_LINES_BEFORE_SPLIT)) newPage();
    for (;;) {
      const take = linesThatFit();
      const part = cells.map((cell) => cell.slice(0, take));
      drawSegment(doc, part, y, CELL, `oa20 row ${index + 1}`);
      y += segmentHeight(part);
      cells = cells.map((cell) => dropLeadingBlanks(cell.slice(take)));
      if (maxLines(cells) === 0) break;
      newPage();
    }
  });
  doc.end();
  return bytes;
}

function maxLines(cells: string[][]): number {
  return Math.max(...cells.map((cell) => cell.length));
}

function segmentHeight(cells: string[][]): number {
  return PADDING.top + maxLines(cells) * CELL.leading + PADDING.bottom;
}

function dropLeadingBlanks(lines: string[]): string[] {
  const first = lines.findIndex((line) => line.trim() !== '');
  return first < 0 ? [] : lines.slice(first);
}

/** One table row (or the part of it on this page): cell text column by column, then the rules. */
function drawSegment(doc: PDFKit.PDFDocument, cells: string[][], top: number, style: TextStyle, where: string): void {
  const height = segmentHeight(cells);
  useStyle(doc, style);
  doc.fillColor('black');
  let x = MARGIN.left;
  cells.forEach((lines, column) => {
    const width = COLUMN_WIDTHS[column]!;
    lines.forEach((line, i) => {
      if (line.trim() !== '') drawLine(doc, line.trim(), x + PADDING.x, top + PADDING.top + i * style.leading, width - 2 * PADDING.x, `${where} column ${column + 1}`);
    });
    x += width;
  });
  const right = MARGIN.left + COLUMN_WIDTHS.reduce((a, b) => a + b, 0);
  doc.lineWidth(0.6).strokeColor('black');
  doc.moveTo(MARGIN.left, top).lineTo(right, top).stroke();
  doc.moveTo(MARGIN.left, top + height).lineTo(right, top + height).stroke();
  let edge = MARGIN.left;
  for (const width of [0, ...COLUMN_WIDTHS]) {
    edge += width;
    doc.moveTo(edge, top).lineTo(edge, top + height).stroke();
  }
}
