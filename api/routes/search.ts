import type { FastifyInstance } from 'fastify';
import type { SearchHit, SearchRequest, SortOrder } from '../../src/index/backend.ts';
import { MAX_QUERY_LENGTH, parseQuery } from '../../src/search/parse-query.ts';
import { baseUrl, type RouteOptions } from '../context.ts';
import { parseDocuments, parseTypes, parseYears } from '../filters.ts';
import { citeFormats } from '../format/citation.ts';
import { absoluteUrl, paragraphPath } from '../format/permalink.ts';
import { errorRef, listParameter, paging } from '../schemas.ts';

/** Hits shown per year when results are grouped by year. */
const HITS_PER_GROUP = 3;

interface SearchQuery {
  q: string;
  year?: string[];
  type?: string[];
  doc?: string[];
  limit: number;
  offset: number;
  sort: SortOrder;
  group?: 'year';
}

const hitSchema = {
  type: 'object',
  required: ['id', 'permalink', 'text', 'snippet', 'citation', 'cite'],
  properties: {
    id: { type: 'string' },
    permalink: { type: 'string', description: 'The paragraph\'s own page; a link that keeps working.' },
    text: { type: 'string' },
    snippet: { type: 'string', description: 'HTML-escaped text with the matches in <mark>…</mark>.' },
    citation: { $ref: 'Citation#' },
    cite: { $ref: 'Cite#' },
  },
} as const;

const facetSchema = (valueType: readonly string[] | string) => ({
  type: 'array',
  items: {
    type: 'object',
    required: ['value', 'count'],
    properties: { value: { type: valueType }, count: { type: 'integer' } },
  },
});

const searchSchema = {
  tags: ['search'],
  summary: 'Full-text search over every paragraph of every document',
  querystring: {
    type: 'object',
    required: ['q'],
    additionalProperties: false,
    properties: {
      q: {
        type: 'string',
        // No maxLength here: the parser refuses overlong queries with its own code (QUERY_TOO_LONG).
        description: `Words (all required), "a phrase", a OR b, -excluded; at most ${MAX_QUERY_LENGTH} characters.`,
      },
      year: listParameter('Document years, repeated or comma-separated.'),
      type: listParameter('Document types, repeated or comma-separated.'),
      doc: listParameter('Document ids, repeated or comma-separated.'),
      ...paging,
      sort: { type: 'string', enum: ['relevance', 'year'], default: 'relevance' },
      group: { type: 'string', enum: ['year'], description: 'Also return the best hits of each year.' },
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['total', 'hits', 'facets'],
      properties: {
        total: { type: 'integer' },
        hits: { type: 'array', items: hitSchema },
        facets: {
          type: 'object',
          required: ['year', 'type'],
          properties: { year: facetSchema(['integer', 'null']), type: facetSchema('string') },
        },
        groups: {
          type: 'array',
          description: `With group=year: per year (newest first, undated last) its hit count and up to ${HITS_PER_GROUP} best hits.`,
          items: {
            type: 'object',
            required: ['year', 'count', 'hits'],
            properties: { year: { type: ['integer', 'null'] }, count: { type: 'integer' }, hits: { type: 'array', items: hitSchema } },
          },
        },
        suggestion: { type: 'string', description: '"Mente du …?": a nearby query when this one found nothing.' },
      },
    },
    400: errorRef,
  },
} as const;

export async function searchRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  const { backend } = options;

  app.get<{ Querystring: SearchQuery }>('/api/search', { schema: searchSchema }, async (request) => {
    const query = request.query;
    // Parse first so a malformed query is a 400 with the parser's code, whichever backend runs.
    parseQuery(query.q);
    const base: SearchRequest = {
      q: query.q,
      filters: {
        years: parseYears(query.year),
        types: parseTypes(query.type),
        documents: await parseDocuments(backend, query.doc),
      },
      sort: query.sort,
      limit: query.limit,
      offset: query.offset,
    };
    const result = await backend.search(base);
    const site = baseUrl(request, options.publicUrl);
    const toHit = (hit: SearchHit) => presentHit(hit, site);

    let groups;
    if (query.group === 'year') {
      const years = result.facets.year.filter((facet) => facet.count > 0);
      groups = await Promise.all(
        years.map(async (facet) => {
          // The backend filters by numeric years only: undated hits come from this page of results.
          const hits =
            facet.value === null
              ? result.hits.filter((hit) => hit.citation.document.year === null).slice(0, HITS_PER_GROUP)
              : (await backend.search({ ...base, filters: { ...base.filters, years: [facet.value] }, limit: HITS_PER_GROUP, offset: 0 })).hits;
          return { year: facet.value, count: facet.count, hits: hits.map(toHit) };
        }),
      );
      groups.sort((a, b) => (b.year ?? -Infinity) - (a.year ?? -Infinity));
    }

    return {
      total: result.total,
      hits: result.hits.map(toHit),
      facets: result.facets,
      ...(groups ? { groups } : {}),
      ...(result.suggestion ? { suggestion: result.suggestion } : {}),
    };
  });
}

function presentHit(hit: SearchHit, site: string) {
  const permalink = absoluteUrl(site, paragraphPath(hit.id));
  return { id: hit.id, permalink, text: hit.text, snippet: hit.snippet, citation: hit.citation, cite: citeFormats(hit.citation, permalink) };
}
