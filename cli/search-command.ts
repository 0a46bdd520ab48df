import { parseArgs } from 'node:util';
import { absoluteUrl, paragraphPath } from '../api/format/permalink.ts';
import { formatCitation } from '../api/format/citation.ts';
import { isDocumentType } from '../src/catalog/index.ts';
import type { SearchRequest } from '../src/index/backend.ts';
import type { DocumentType } from '../src/tree/types.ts';
import { openConfiguredBackend } from '../ingest/open-backend.ts';
import { publicUrl } from './site.ts';
import { UsageError } from './usage-error.ts';

/** `aftalesog search <query>`: hits with their citations and permalinks. */
export async function searchCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      year: { type: 'string', multiple: true },
      type: { type: 'string', multiple: true },
      doc: { type: 'string', multiple: true },
      limit: { type: 'string' },
      sort: { type: 'string' },
    },
  });
  const q = positionals.join(' ');
  if (q.trim() === '') throw new UsageError('search tager en forespørgsel, fx aftalesog search "patientansvarlig læge"');
  const years = (values.year ?? []).map((y) => {
    if (!/^\d{4}$/.test(y)) throw new UsageError(`--year skal være et årstal, ikke "${y}"`);
    return Number(y);
  });
  const types = (values.type ?? []).map((t): DocumentType => {
    if (!isDocumentType(t)) throw new UsageError(`ukendt dokumenttype "${t}"`);
    return t;
  });
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError('--limit skal være et tal fra 1 til 100');
  if (values.sort !== undefined && values.sort !== 'relevance' && values.sort !== 'year') throw new UsageError('--sort skal være relevance eller year');
  const request: SearchRequest = {
    q,
    filters: { ...(years.length ? { years } : {}), ...(types.length ? { types } : {}), ...(values.doc ? { documents: values.doc } : {}) },
    limit,
    ...(values.sort ? { sort: values.sort as 'relevance' | 'year' } : {}),
  };

  const backend = await openConfiguredBackend();
  try {
    const result = await backend.search(request);
    const site = publicUrl();
    if (values.json) {
      const hits = result.hits.map((hit) => ({ ...hit, permalink: absoluteUrl(site, paragraphPath(hit.id)) }));
      console.log(JSON.stringify({ ...result, hits }, null, 2));
      return 0;
    }
    if (result.total === 0) {
      console.log(`Ingen resultater for "${q}".${result.suggestion ? ` Mente du "${result.suggestion}"?` : ''}`);
      return 0;
    }
    console.log(`${result.total} afsnit fundet (viser ${result.hits.length}):\n`);
    for (const hit of result.hits) {
      console.log(`${hit.citation.document.year ?? 'u.å.'}  ${formatCitation(hit.citation)}`);
      console.log(`      ${terminalSnippet(hit.snippet)}`);
      console.log(`      ${absoluteUrl(site, paragraphPath(hit.id))}\n`);
    }
    return 0;
  } finally {
    await backend.close();
  }
}

/** The HTML snippet for a terminal: marks become bold (on a TTY), entities are decoded. */
function terminalSnippet(snippet: string): string {
  const bold = process.stdout.isTTY ? ['\u001b[1m', '\u001b[22m'] : ['', ''];
  return snippet
    .replace(/<mark>/g, bold[0]!)
    .replace(/<\/mark>/g, bold[1]!)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
