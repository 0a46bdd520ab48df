import { parseArgs } from 'node:util';
import { commitmentsCsv } from '../api/format/commitments-csv.ts';
import { formatCitation } from '../api/format/citation.ts';
import { absoluteUrl, paragraphPath } from '../api/format/permalink.ts';
import type { CommitmentRequest } from '../src/index/backend.ts';
import type { Commitment } from '../src/tree/types.ts';
import { openConfiguredBackend } from '../ingest/open-backend.ts';
import { publicUrl } from './site.ts';
import { UsageError } from './usage-error.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PAGE = 500;

/** `aftalesog commitments --deadline 2020 [--format csv]`: who agreed to do what, by when. */
export async function commitmentsCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      deadline: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      actor: { type: 'string' },
      doc: { type: 'string', multiple: true },
      q: { type: 'string' },
      format: { type: 'string', default: 'text' },
    },
  });
  if (!['text', 'json', 'csv'].includes(values.format)) throw new UsageError('--format skal være text, json eller csv');
  const request: CommitmentRequest = {};
  if (values.deadline !== undefined) {
    if (!/^\d{4}$/.test(values.deadline)) throw new UsageError(`--deadline skal være et årstal, ikke "${values.deadline}"`);
    if (values.from || values.to) throw new UsageError('brug enten --deadline eller --from/--to');
    request.deadlineFrom = `${values.deadline}-01-01`;
    request.deadlineTo = `${values.deadline}-12-31`;
  }
  for (const [flag, value] of [['from', values.from], ['to', values.to]] as const) {
    if (value !== undefined && !(ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)))) {
      throw new UsageError(`--${flag} skal være en dato som 2020-06-30, ikke "${value}"`);
    }
  }
  if (values.from) request.deadlineFrom = values.from;
  if (values.to) request.deadlineTo = values.to;
  if (request.deadlineFrom && request.deadlineTo && request.deadlineFrom > request.deadlineTo) throw new UsageError('--from ligger efter --to');
  if (values.actor) request.actor = values.actor;
  if (values.doc) request.documents = values.doc;
  if (values.q) request.q = values.q;

  const backend = await openConfiguredBackend();
  try {
    const items: Commitment[] = [];
    for (let total = Infinity; items.length < total; ) {
      const page = await backend.commitments({ ...request, offset: items.length, limit: PAGE });
      total = page.total;
      items.push(...page.items);
      if (page.items.length === 0) break;
    }
    const site = publicUrl();
    if (values.format === 'csv') process.stdout.write(commitmentsCsv(items, site));
    else if (values.format === 'json') console.log(JSON.stringify({ total: items.length, items }, null, 2));
    else printTable(items, site);
    return 0;
  } finally {
    await backend.close();
  }
}

function printTable(items: Commitment[], site: string): void {
  if (items.length === 0) {
    console.log('Ingen aftaler med frist i det valgte tidsrum.');
    return;
  }
  console.log(`${items.length} aftaler:\n`);
  for (const item of items) {
    const deadline = item.deadline ? `${item.deadline.end} (${item.deadline.text})` : 'ingen frist';
    console.log(`${deadline}  ${item.actors.join(', ') || '–'}`);
    console.log(`      ${item.action}`);
    if (item.status) console.log(`      Status: ${shorten(item.status.replace(/\s+/g, ' '), 160)}${item.responsible ? ` (ansvarlig: ${item.responsible})` : ''}`);
    console.log(`      ${formatCitation(item.citation)}`);
    console.log(`      ${absoluteUrl(site, paragraphPath(item.paragraphId))}\n`);
  }
}

function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
