import type { FastifyInstance } from 'fastify';
import { normalizeActor } from '../../src/analysis/synonyms.ts';
import type { CommitmentRequest, IndexBackend } from '../../src/index/backend.ts';
import type { Commitment } from '../../src/tree/types.ts';
import { baseUrl, type RouteOptions } from '../context.ts';
import { apiError } from '../errors.ts';
import { parseIsoDate, splitList } from '../filters.ts';
import { citeFormats, formatCitation } from '../format/citation.ts';
import { commitmentsCsv } from '../format/commitments-csv.ts';
import { toIcs } from '../format/ics.ts';
import { absoluteUrl, paragraphPath } from '../format/permalink.ts';
import { errorRef, listParameter, paging } from '../schemas.ts';

// Commitments with deadlines ("Aftaler og frister") as JSON, CSV for Excel and iCalendar.

type Format = 'json' | 'csv' | 'ics';

interface CommitmentQuery {
  deadlineFrom?: string;
  deadlineTo?: string;
  deadlineYear?: number;
  actor?: string;
  doc?: string[];
  q?: string;
  limit?: number;
  offset: number;
  format: Format;
}

/** Page size when an export walks the whole filtered list. */
const EXPORT_BATCH = 100;
const DEFAULT_LIMIT = 20;

const deadlineSchema = {
  anyOf: [
    {
      type: 'object',
      required: ['text', 'start', 'end', 'precision'],
      properties: {
        text: { type: 'string' },
        start: { type: 'string', format: 'date' },
        end: { type: 'string', format: 'date' },
        precision: { type: 'string' },
      },
    },
    { type: 'null' },
  ],
} as const;

const itemSchema = {
  type: 'object',
  required: ['id', 'actors', 'action', 'deadline', 'paragraphId', 'citation', 'cite', 'permalink', 'year'],
  properties: {
    id: { type: 'string' },
    actors: { type: 'array', items: { type: 'string' } },
    action: { type: 'string' },
    deadline: deadlineSchema,
    paragraphId: { type: 'string' },
    citation: { $ref: 'Citation#' },
    cite: { $ref: 'Cite#' },
    permalink: { type: 'string' },
    year: { type: ['integer', 'null'] },
    status: { type: 'string' },
    responsible: { type: 'string' },
    references: { type: 'array', items: { type: 'string' } },
  },
} as const;

const listSchema = {
  tags: ['commitments'],
  summary: 'Commitments and their deadlines, sorted by deadline',
  description:
    'A commitment matches a deadline filter when its deadline interval overlaps it. format=csv gives a semicolon-separated ' +
    'UTF-8 file for Excel; format=ics an iCalendar feed to subscribe to (one all-day event per deadline). ' +
    'Exports hold the whole filtered list unless limit is given.',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      deadlineFrom: { type: 'string', description: 'YYYY-MM-DD' },
      deadlineTo: { type: 'string', description: 'YYYY-MM-DD' },
      deadlineYear: { type: 'integer', minimum: 1900, maximum: 2199, description: 'Shorthand for a whole calendar year.' },
      actor: { type: 'string', maxLength: 200, description: 'An actor as listed by /api/commitments/facets, or its abbreviation (KL, DR, SUM, …).' },
      doc: listParameter('Document ids, repeated or comma-separated.'),
      q: { type: 'string', maxLength: 200, description: 'Words that must occur in the commitment.' },
      limit: { ...paging.limit, default: undefined, description: `Items per page (1–100); ${DEFAULT_LIMIT} for JSON, all for exports.` },
      offset: paging.offset,
      format: { type: 'string', enum: ['json', 'csv', 'ics'], default: 'json' },
    },
  },
  response: {
    200: {
      description: 'JSON (format=json); text/csv or text/calendar for the exports.',
      type: 'object',
      required: ['total', 'items'],
      properties: { total: { type: 'integer' }, items: { type: 'array', items: itemSchema } },
    },
    400: errorRef,
  },
} as const;

const facetItem = (extra: Record<string, unknown> = {}) => ({
  type: 'array',
  items: { type: 'object', required: ['value', 'count'], properties: { value: { type: 'string' }, count: { type: 'integer' }, ...extra } },
});

const facetsSchema = {
  tags: ['commitments'],
  summary: 'The actors, documents and deadline years there are commitments for (to build filters)',
  response: {
    200: {
      type: 'object',
      required: ['actors', 'documents', 'years'],
      properties: {
        actors: facetItem(),
        documents: facetItem({ title: { type: 'string' } }),
        years: { type: 'array', items: { type: 'object', properties: { value: { type: 'integer' }, count: { type: 'integer' } } } },
      },
    },
  },
} as const;

export async function commitmentRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  const { backend } = options;
  const facets = facetCache(backend);

  app.get('/api/commitments/facets', { schema: facetsSchema }, async () => facets.get());

  app.get<{ Querystring: CommitmentQuery }>('/api/commitments', { schema: listSchema }, async (request, reply) => {
    const query = request.query;
    const filter = await commitmentFilter(query, await facets.get());
    const site = baseUrl(request, options.publicUrl);

    if (query.format === 'json') {
      const result = await backend.commitments({ ...filter, limit: query.limit ?? DEFAULT_LIMIT, offset: query.offset });
      return { total: result.total, items: result.items.map((item) => presentCommitment(item, site)) };
    }

    const items = await collect(backend, filter, query.limit, query.offset);
    if (query.format === 'csv') {
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="frister.csv"');
      return reply.send(commitmentsCsv(items, site));
    }
    const stamps = new Map((await backend.listDocuments()).map((doc) => [doc.meta.id, doc.ingestedAt]));
    reply.type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="frister.ics"');
    return reply.send(
      toIcs({
        name: 'Aftalesøg – frister',
        events: items
          .filter((item) => item.deadline !== null)
          .map((item) => ({
            uid: `${item.id}@aftalesog`,
            stamp: stamps.get(item.citation.document.id) ?? new Date(0).toISOString(),
            date: item.deadline!.end,
            summary: `${item.actors.length > 0 ? `${item.actors.join(', ')}: ` : ''}${item.action}`,
            description: [`Frist: ${item.deadline!.text}`, `Kilde: ${formatCitation(item.citation)}`, ...(item.status ? [`Status: ${item.status}`] : [])].join('\n'),
            url: absoluteUrl(site, paragraphPath(item.paragraphId)),
          })),
      }),
    );
  });
}

/** Checks the query and turns it into the backend's filter. */
async function commitmentFilter(query: CommitmentQuery, known: Facets): Promise<CommitmentRequest> {
  let deadlineFrom = parseIsoDate('deadlineFrom', query.deadlineFrom);
  let deadlineTo = parseIsoDate('deadlineTo', query.deadlineTo);
  if (query.deadlineYear !== undefined) {
    if (deadlineFrom || deadlineTo) throw apiError('CONFLICTING_PARAMETERS', 'give deadlineYear or deadlineFrom/deadlineTo, not both');
    deadlineFrom = `${query.deadlineYear}-01-01`;
    deadlineTo = `${query.deadlineYear}-12-31`;
  }
  if (deadlineFrom && deadlineTo && deadlineFrom > deadlineTo) throw apiError('DATE_RANGE_REVERSED', deadlineFrom, deadlineTo);

  let actor: string | undefined;
  if (query.actor !== undefined && query.actor.trim() !== '') {
    // Abbreviations and genitives name the same actor: "KL", "DR", "Danske Regioners".
    const wanted = normalizeActor(query.actor.trim()).toLocaleLowerCase('da');
    actor = known.actors.find((facet) => facet.value.toLocaleLowerCase('da') === wanted)?.value;
    if (!actor) throw apiError('UNKNOWN_ACTOR', query.actor);
  }

  const documents = splitList(query.doc);
  const knownDocuments = new Set(known.documents.map((doc) => doc.value));
  for (const id of documents) if (!knownDocuments.has(id)) throw apiError('UNKNOWN_DOCUMENT_FILTER', id);

  const q = query.q?.trim();
  return {
    ...(deadlineFrom ? { deadlineFrom } : {}),
    ...(deadlineTo ? { deadlineTo } : {}),
    ...(actor ? { actor } : {}),
    ...(documents.length > 0 ? { documents } : {}),
    ...(q ? { q } : {}),
  };
}

/** The whole filtered list (or the requested slice) for an export, fetched page by page. */
async function collect(backend: IndexBackend, filter: CommitmentRequest, limit: number | undefined, offset: number): Promise<Commitment[]> {
  const items: Commitment[] = [];
  const wanted = limit ?? Infinity;
  while (items.length < wanted) {
    const page = await backend.commitments({ ...filter, offset: offset + items.length, limit: Math.min(EXPORT_BATCH, wanted - items.length) });
    items.push(...page.items);
    if (page.items.length === 0 || offset + items.length >= page.total) break;
  }
  return items;
}

function presentCommitment(item: Commitment, site: string) {
  const permalink = absoluteUrl(site, paragraphPath(item.paragraphId));
  return {
    id: item.id,
    actors: item.actors,
    action: item.action,
    deadline: item.deadline,
    paragraphId: item.paragraphId,
    citation: item.citation,
    cite: citeFormats(item.citation, permalink),
    permalink,
    year: item.year,
    ...(item.status !== undefined ? { status: item.status } : {}),
    ...(item.responsible !== undefined ? { responsible: item.responsible } : {}),
    ...(item.references !== undefined ? { references: item.references } : {}),
  };
}

interface Facets {
  actors: { value: string; count: number }[];
  documents: { value: string; title: string; count: number }[];
  years: { value: number; count: number }[];
}

/**
 * Actors, documents and deadline years over all commitments. The backend has no facet query
 * for commitments, so they are counted once per index state (documents and their ingest times).
 */
function facetCache(backend: IndexBackend) {
  let cached: { key: string; facets: Promise<Facets> } | null = null;
  return {
    async get(): Promise<Facets> {
      const documents = await backend.listDocuments();
      const key = documents.map((doc) => `${doc.meta.id}:${doc.contentHash}:${doc.ingestedAt}`).join('|');
      if (cached?.key !== key) {
        const facets = countFacets(backend, documents.map((doc) => ({ id: doc.meta.id, title: doc.meta.title })));
        cached = { key, facets };
        // A failed count is not kept: the next request tries again.
        facets.catch(() => {
          if (cached?.facets === facets) cached = null;
        });
      }
      return cached.facets;
    },
  };
}

async function countFacets(backend: IndexBackend, documents: { id: string; title: string }[]): Promise<Facets> {
  const all = await collect(backend, {}, undefined, 0);
  const actors = new Map<string, number>();
  const perDocument = new Map<string, number>();
  const years = new Map<number, number>();
  for (const item of all) {
    for (const actor of item.actors) actors.set(actor, (actors.get(actor) ?? 0) + 1);
    perDocument.set(item.citation.document.id, (perDocument.get(item.citation.document.id) ?? 0) + 1);
    // A deadline counts in every year it overlaps, as the deadlineYear filter matches it.
    if (item.deadline) {
      for (let year = Number(item.deadline.start.slice(0, 4)); year <= Number(item.deadline.end.slice(0, 4)); year++) {
        years.set(year, (years.get(year) ?? 0) + 1);
      }
    }
  }
  return {
    actors: [...actors].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'da')),
    documents: documents.map((doc) => ({ value: doc.id, title: doc.title, count: perDocument.get(doc.id) ?? 0 })),
    years: [...years].map(([value, count]) => ({ value, count })).sort((a, b) => a.value - b.value),
  };
}
