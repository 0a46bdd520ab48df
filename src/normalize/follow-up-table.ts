import type { ExtractedText, Finding, TableRow } from '../tree/types.ts';

/** A follow-up scheme's table: four columns, headed "Emne". */
export function isFollowUpTable(table: TableRow[]): boolean {
  return table.some((row) => row.length === 4 && /^\s*Emne\b/.test(row[0] ?? ''));
}

/**
 * The rows of a follow-up scheme's table in reading order, the header rows repeated on every
 * page left out, and a row that continues on the next page (empty topic cell) merged back.
 */
export function followUpTableRows(extracted: Pick<ExtractedText, 'tables'>): { rows: { cells: string[]; pages: number[] }[]; findings: Finding[] } {
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
  return { rows, findings };
}
