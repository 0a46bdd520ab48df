import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ChapterNode, DocumentNode, ParagraphNode, SectionNode } from '../../src/tree/types.ts';
import { DOCUMENT_TYPES } from '../../src/tree/types.ts';
import type { IndexBackend } from '../../src/index/backend.ts';
import { baseUrl, type RouteOptions } from '../context.ts';
import { apiError } from '../errors.ts';
import { followUpsFor, NO_FOLLOW_UPS } from '../follow-ups.ts';
import { absoluteUrl, paragraphApiPath, paragraphPath } from '../format/permalink.ts';
import { paragraphView, type ParagraphView } from '../paragraph-view.ts';
import { errorRef } from '../schemas.ts';

// Documents (list and outline) and paragraphs by permalink id.

const meta = {
  id: { type: 'string' },
  title: { type: 'string' },
  type: { type: 'string', enum: [...DOCUMENT_TYPES] },
  year: { type: ['integer', 'null'] },
  period: { type: 'object', required: ['from', 'to'], properties: { from: { type: 'integer' }, to: { type: 'integer' } } },
  parties: { type: 'array', items: { type: 'string' } },
  date: { type: 'string' },
  source: { type: 'string' },
} as const;

const documentListSchema = {
  tags: ['documents'],
  summary: 'Every stored document with its counts',
  response: {
    200: {
      type: 'object',
      required: ['documents'],
      properties: {
        documents: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'title', 'type', 'year', 'parties', 'pageCount', 'paragraphCount', 'commitmentCount', 'ingestedAt', 'contentHash'],
            properties: {
              ...meta,
              contentHash: { type: 'string' },
              pageCount: { type: 'integer' },
              paragraphCount: { type: 'integer' },
              commitmentCount: { type: 'integer' },
              ingestedAt: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;

const outlineParagraph = {
  type: 'object',
  required: ['type', 'id', 'permalink', 'role', 'page', 'text'],
  properties: {
    type: { type: 'string', enum: ['paragraph'] },
    id: { type: 'string' },
    permalink: { type: 'string' },
    role: { type: 'string' },
    page: { type: 'integer' },
    text: { type: 'string' },
    box: { type: 'string' },
    column: { type: 'string' },
  },
} as const;

// A chapter's children are paragraphs or sections; one item schema with optional fields
// describes both (told apart by `type`), which keeps serialization simple.
const outlineChild = {
  type: 'object',
  required: ['type', 'id'],
  properties: {
    ...outlineParagraph.properties,
    type: { type: 'string', enum: ['paragraph', 'section'] },
    heading: { $ref: 'Heading#' },
    pages: { type: 'array', items: { type: 'integer' } },
    row: {
      type: 'object',
      properties: {
        topic: { type: 'string' },
        agreement: { type: 'string' },
        economy: { type: 'string' },
        status: { type: 'string' },
        references: { type: 'array', items: { type: 'string' } },
        responsible: { type: ['string', 'null'] },
      },
    },
    children: { type: 'array', items: outlineParagraph },
  },
} as const;

const documentSchema = {
  tags: ['documents'],
  summary: "A document's outline: chapters, sections and paragraphs with their permalinks",
  params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 200 } } },
  response: {
    200: {
      type: 'object',
      required: ['id', 'title', 'type', 'year', 'contentHash', 'pageCount', 'chapters'],
      properties: {
        ...meta,
        contentHash: { type: 'string' },
        pageCount: { type: 'integer' },
        chapters: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'kind', 'heading', 'pages', 'children'],
            properties: {
              id: { type: 'string' },
              kind: { type: 'string', enum: ['front', 'chapter', 'annex'] },
              heading: { $ref: 'Heading#' },
              pages: { type: 'array', items: { type: 'integer' } },
              children: { type: 'array', items: outlineChild },
            },
          },
        },
      },
    },
    404: errorRef,
  },
} as const;

const neighbour = {
  anyOf: [
    { type: 'object', required: ['id', 'permalink', 'text'], properties: { id: { type: 'string' }, permalink: { type: 'string' }, text: { type: 'string' } } },
    { type: 'null' },
  ],
} as const;

const crumbs = {
  type: 'array',
  items: { type: 'object', required: ['label'], properties: { label: { type: 'string' }, href: { type: 'string' } } },
} as const;

const via = {
  type: 'string',
  enum: ['reference', 'similarity'],
  description: '"reference": the row names the agreement ("[+ ØA18]"); "similarity": it names none and the agreement is older than the scheme.',
} as const;

const follows = {
  description: "For a follow-up row's cells: the agreement paragraphs the row follows, best match first (empty otherwise).",
  type: 'array',
  items: {
    type: 'object',
    required: ['id', 'permalink', 'citation', 'citationText', 'snippet', 'score', 'via'],
    properties: {
      id: { type: 'string' },
      permalink: { type: 'string' },
      citation: { $ref: 'Citation#' },
      citationText: { type: 'string', description: 'The Danish reference string.' },
      snippet: { type: 'string', description: "The paragraph's text, shortened." },
      score: { type: 'number', description: 'Text similarity, 0–1.' },
      via,
    },
  },
} as const;

const followedUpBy = {
  description: 'For an agreement paragraph: the follow-up rows that follow it, best match first (empty otherwise). id and permalink are the row\'s status cell.',
  type: 'array',
  items: {
    type: 'object',
    required: ['id', 'permalink', 'rowId', 'document', 'topic', 'status', 'responsible', 'references', 'score', 'via'],
    properties: {
      id: { type: 'string' },
      permalink: { type: 'string' },
      rowId: { type: 'string' },
      document: { $ref: 'DocumentRef#' },
      topic: { type: 'string' },
      status: { type: 'string' },
      responsible: { type: ['string', 'null'], description: 'Responsible staff initials.' },
      references: { type: 'array', items: { type: 'string' } },
      score: { type: 'number', description: 'Text similarity, 0–1.' },
      via,
    },
  },
} as const;

/** The paragraph JSON, shared with the `/p/*` page when JSON is asked for. */
export const paragraphResponses = {
  200: {
    description: 'The paragraph (status "found"), or its archived quote when the passage is gone (status "archived").',
    anyOf: [
      {
        type: 'object',
        required: ['status', 'id', 'permalink', 'role', 'text', 'page', 'pages', 'citation', 'cite', 'breadcrumb', 'previous', 'next', 'follows', 'followedUpBy'],
        properties: {
          status: { type: 'string', enum: ['found'] },
          id: { type: 'string' },
          permalink: { type: 'string' },
          role: { type: 'string' },
          text: { type: 'string' },
          page: { type: 'integer' },
          pages: { type: 'array', items: { type: 'integer' } },
          box: { type: 'string' },
          column: { type: 'string' },
          citation: { $ref: 'Citation#' },
          cite: { $ref: 'Cite#' },
          breadcrumb: crumbs,
          previous: neighbour,
          next: neighbour,
          follows,
          followedUpBy,
        },
      },
      {
        type: 'object',
        required: ['status', 'id', 'permalink', 'quote', 'archivedAt', 'citation', 'cite', 'breadcrumb'],
        properties: {
          status: { type: 'string', enum: ['archived'] },
          id: { type: 'string' },
          permalink: { type: 'string' },
          quote: { type: 'string' },
          archivedAt: { type: 'string' },
          citation: { $ref: 'Citation#' },
          cite: { $ref: 'Cite#' },
          breadcrumb: crumbs,
          notice: { type: 'string' },
        },
      },
    ],
  },
  301: {
    description: 'The id belonged to an earlier version of the document: Location gives the matching paragraph now.',
    type: 'object',
    required: ['status', 'from', 'to', 'location'],
    properties: { status: { type: 'string', enum: ['moved'] }, from: { type: 'string' }, to: { type: 'string' }, location: { type: 'string' } },
  },
  404: errorRef,
} as const;

const ARCHIVED_NOTICE = 'This passage is no longer in the current version of the document; the quote is shown as it was when the link was made.';

const paragraphSchema = {
  tags: ['documents'],
  summary: 'A paragraph by its permalink id (ids contain slashes)',
  description: 'Found → 200; moved in a newer version → 301 to the new id; gone → 200 with the archived quote; never known → 404.',
  params: { type: 'object', properties: { '*': { type: 'string' } } },
  response: paragraphResponses,
} as const;

export async function documentRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  const { backend } = options;

  app.get('/api/documents', { schema: documentListSchema }, async () => {
    const documents = await backend.listDocuments();
    return {
      documents: documents.map((summary) => ({
        ...summary.meta,
        contentHash: summary.contentHash,
        pageCount: summary.pageCount,
        paragraphCount: summary.paragraphCount,
        commitmentCount: summary.commitmentCount,
        ingestedAt: summary.ingestedAt,
      })),
    };
  });

  app.get<{ Params: { id: string } }>('/api/documents/:id', { schema: documentSchema }, async (request) => {
    const doc = await backend.getDocument(request.params.id);
    if (!doc) throw apiError('DOCUMENT_NOT_FOUND', request.params.id);
    return outline(doc, baseUrl(request, options.publicUrl));
  });

  app.get<{ Params: { '*': string } }>('/api/paragraphs/*', { schema: paragraphSchema }, async (request, reply) => {
    const id = request.params['*'];
    const view = await lookupParagraphView(backend, id, baseUrl(request, options.publicUrl));
    return sendParagraphJson(view, id, reply, paragraphApiPath);
  });
}

/** A permalink's view; a found paragraph comes with its follow-ups across years. */
export async function lookupParagraphView(backend: IndexBackend, id: string, site: string): Promise<ParagraphView> {
  const lookup = await backend.getParagraph(id);
  const followUps = lookup.status === 'found' ? await followUpsFor(backend, lookup.paragraph) : NO_FOLLOW_UPS;
  return paragraphView(lookup, site, followUps);
}

/** Answers a paragraph view as JSON; `pathOf` builds the Location of a redirect. */
export function sendParagraphJson(view: ParagraphView, id: string, reply: FastifyReply, pathOf: (id: string) => string) {
  switch (view.status) {
    case 'found':
      return reply.send(view);
    case 'archived':
      return reply.send({ ...view, notice: ARCHIVED_NOTICE });
    case 'moved': {
      const location = pathOf(view.to);
      return reply.code(301).header('location', location).send({ ...view, location });
    }
    case 'unknown':
      throw apiError('PARAGRAPH_NOT_FOUND', id);
  }
}

function outline(doc: DocumentNode, site: string) {
  const paragraph = (p: ParagraphNode) => ({
    type: p.type,
    id: p.id,
    permalink: absoluteUrl(site, paragraphPath(p.id)),
    role: p.role,
    page: p.page,
    text: p.text,
    ...(p.box !== undefined ? { box: p.box } : {}),
    ...(p.column !== undefined ? { column: p.column } : {}),
  });
  const section = (s: SectionNode) => ({ type: s.type, id: s.id, heading: s.heading, pages: s.pages, ...(s.row ? { row: s.row } : {}), children: s.children.map(paragraph) });
  const chapter = (c: ChapterNode) => ({
    id: c.id,
    kind: c.kind,
    heading: c.heading,
    pages: c.pages,
    children: c.children.map((child) => (child.type === 'paragraph' ? paragraph(child) : section(child))),
  });
  return { ...doc.meta, contentHash: doc.contentHash, pageCount: doc.pageCount, chapters: doc.children.map(chapter) };
}
