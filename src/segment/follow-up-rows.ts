import type { CatalogEntry, FollowUpRow, NormalizedLine, NormalizedTableRow, RowColumn } from '../tree/types.ts';
import type { DraftChapter, DraftParagraph, DraftSection } from './assemble.ts';

const COLUMNS: RowColumn[] = ['topic', 'agreement', 'economy', 'status'];
const RESPONSIBLE = /Ansvarlig:\s*(.+?)\s*$/m;
const REFERENCES = /\[\s*\+?\s*((?:ØA\s?\d{2}\s*,?\s*)+)[\])]/u;

/**
 * One section per agreed item: the topic is its heading; the agreement text, economy and
 * status cells are its paragraphs.
 */
export function draftFromFollowUpRows(rows: NormalizedTableRow[], entry: CatalogEntry): DraftChapter[] {
  const sections = rows.map((row) => rowSection(row.cells, row.pages));
  return [{ kind: 'front', heading: { number: null, title: entry.title }, paragraphs: [], sections }];
}

function rowSection(cells: NormalizedLine[][], pages: number[]): DraftSection {
  const [topicLines = [], agreement = [], economy = [], status = []] = cells;
  const topicCell = topicLines.map((line) => line.text).join('\n');
  const responsible = RESPONSIBLE.exec(topicCell)?.[1]?.trim() ?? null;
  const referenceMatch = REFERENCES.exec(topicCell);
  const references = referenceMatch ? [...referenceMatch[1]!.matchAll(/ØA\s?(\d{2})/gu)].map((m) => `ØA${m[1]}`) : [];
  const topic = cellParagraphs(topicLines.filter((line) => !RESPONSIBLE.test(line.text) && !REFERENCES.test(line.text))).join(' ');
  const texts = { agreement, economy, status };
  const row: FollowUpRow = {
    topic,
    agreement: cellParagraphs(agreement).join('\n\n'),
    economy: cellParagraphs(economy).join('\n\n'),
    status: cellParagraphs(status).join('\n\n'),
    references,
    responsible,
  };
  const paragraphs: DraftParagraph[] = COLUMNS.slice(1).flatMap((column) =>
    cellParagraphs(texts[column as keyof typeof texts]).map((text) => ({ text, pages, role: 'row-cell' as const, column })),
  );
  return { heading: { number: null, title: topic }, row, paragraphs };
}

/** A cell's lines → its paragraphs: a list item starts a new one, and so does a sentence ending a short line (a colon introduces what follows). */
function cellParagraphs(lines: NormalizedLine[]): string[] {
  const widths = lines.filter((l) => l.kind !== 'blank').map((l) => l.width ?? l.text.length);
  const full = Math.max(1, ...widths);
  const paragraphs: NormalizedLine[][] = [];
  let current: NormalizedLine[] = [];
  const flush = () => {
    if (current.length) paragraphs.push(current);
    current = [];
  };
  for (const line of lines) {
    if (line.kind === 'blank') {
      flush();
      continue;
    }
    if (line.kind === 'bullet') flush();
    current.push(line);
    if (line.text.endsWith('.') && (line.width ?? line.text.length) < full * 0.6) flush();
  }
  flush();
  return paragraphs.map((p) => p.map((l) => l.text).join(' ').replace(/\s+/g, ' ').trim()).filter(Boolean);
}
