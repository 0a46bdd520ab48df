import type { Commitment } from '../../src/tree/types.ts';
import { formatCitation } from './citation.ts';
import { toCsv } from './csv.ts';
import { absoluteUrl, paragraphPath } from './permalink.ts';

/** The commitments list as the CSV that the page's download and the CLI give. */
export function commitmentsCsv(items: Commitment[], site: string): string {
  const header = ['Frist', 'Frist (som skrevet)', 'Aktører', 'Handling', 'Dokument', 'Kilde', 'Link', 'Status', 'Ansvarlig'];
  const rows = items.map((item) => [
    item.deadline?.end ?? null,
    item.deadline?.text ?? null,
    item.actors.join(', '),
    item.action,
    item.citation.document.title,
    formatCitation(item.citation),
    absoluteUrl(site, paragraphPath(item.paragraphId)),
    item.status ?? null,
    item.responsible ?? null,
  ]);
  return toCsv(header, rows);
}
