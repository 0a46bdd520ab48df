import { normalizeCellText } from '../normalize/normalize-lines.ts';
import type { IsWord } from '../normalize/hyphenation.ts';
import type { CatalogEntry, ExtractedText, Finding, FollowUpRow, NormalizedLine, RowColumn, TableRow } from '../tree/types.ts';
import type { DraftChapter, DraftParagraph, DraftSection } from './assemble.ts';

const COLUMNS: RowColumn[] = ['topic', 'agreement', 'economy', 'status'];
const RESPONSIBLE = /Ansvarlig:\s*(.+?)\s*$/m;
const REFERENCES = /\[\s*\+?\s*((?:ØA\s?\d{2}\s*,?\s*)+)[\])]/u;

/** A follow-up scheme's table: four columns, headed "Emne". */
export function isFollowUpTable(table: TableRow[]): boolean {
  return table.some((row) => row.length === 4 && /^\s*Emne\b/.test(row[0] ?? ''));
}

/**
 * One section per agreed item: the topic is its heading; the agreement text, economy and
 * status cells are its paragraphs. A row that continues on the next page (empty topic cell)
 * is merged back into its row.
 */
export function draftFromFollowUpTables(
  extracted: ExtractedText,
  entry: CatalogEntry,
  isWord: IsWord,
): { chapters: DraftChapter[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const rows: { cells: string[]; pages: number[] }[] = [];
  for (const { page, tables } of extracted.tables) {
    for (const table of tables.filter(isFollowUpTable)) {
      for (const cells of table) {
        if (cells.length !== 4) {
          findings.push({ code: 'table-row-skipped', message: `row with ${cells.length} cells skipped`, page });
          continue;
        }
        if (/^\s*Emne\b/.test(cells[0] ?? '')) continue;
        const previous = rows.at(-1);
        if ((cells[0] ?? '').trim() === '' && previous) {
          previous.cells = previous.cells.map((text, i) => [text, cells[i] ?? ''].filter((t) => t.trim()).join('\n'));
          if (!previous.pages.includes(page)) previous.pages.push(page);
        } else {
          rows.push({ cells: [...cells], pages: [page] });
        }
      }
    }
  }
  const sections = rows.map((row) => rowSection(row.cells, row.pages, isWord));
  const chapter: DraftChapter = { kind: 'front', heading: { number: null, title: entry.title }, paragraphs: [], sections };
  return { chapters: [chapter], findings };
}

function rowSection(cells: string[], pages: number[], isWord: IsWord): DraftSection {
  const [topicCell = '', agreement = '', economy = '', status = ''] = cells;
  const responsible = RESPONSIBLE.exec(topicCell)?.[1]?.trim() ?? null;
  const referenceMatch = REFERENCES.exec(topicCell);
  const references = referenceMatch ? [...referenceMatch[1]!.matchAll(/ØA\s?(\d{2})/gu)].map((m) => `ØA${m[1]}`) : [];
  const topicText = topicCell.replace(RESPONSIBLE, '').replace(REFERENCES, '');
  const topic = cellParagraphs(topicText, isWord).join(' ');
  const texts = { agreement, economy, status };
  const row: FollowUpRow = {
    topic,
    agreement: cellParagraphs(agreement, isWord).join('\n\n'),
    economy: cellParagraphs(economy, isWord).join('\n\n'),
    status: cellParagraphs(status, isWord).join('\n\n'),
    references,
    responsible,
  };
  const paragraphs: DraftParagraph[] = COLUMNS.slice(1).flatMap((column) =>
    cellParagraphs(texts[column as keyof typeof texts], isWord).map((text) => ({ text, pages, role: 'row-cell' as const, column })),
  );
  return { heading: { number: null, title: topic }, row, paragraphs };
}

/** A cell's lines → its paragraphs: a list item starts a new one, and so does a sentence ending a short line (a colon introduces what follows). */
function cellParagraphs(cell: string, isWord: IsWord): string[] {
  const lines = normalizeCellText(cell, isWord);
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
