import { DOCUMENT_TYPES } from '../src/tree/types.ts';

// Schemas shared by several route groups, registered once with `addSchema` and used by `$ref`.
// Response schemas also drive serialization: a field not listed here is not sent.

const heading = {
  $id: 'Heading',
  type: 'object',
  required: ['number', 'title'],
  properties: { number: { type: ['string', 'null'] }, title: { type: 'string' } },
} as const;

const documentRef = {
  $id: 'DocumentRef',
  type: 'object',
  required: ['id', 'title', 'type', 'year'],
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    type: { type: 'string', enum: [...DOCUMENT_TYPES] },
    year: { type: ['integer', 'null'] },
  },
} as const;

const citation = {
  $id: 'Citation',
  type: 'object',
  required: ['document', 'chapter', 'section', 'page', 'pages', 'paragraph'],
  properties: {
    document: { $ref: 'DocumentRef#' },
    chapter: { anyOf: [{ $ref: 'Heading#' }, { type: 'null' }] },
    section: { anyOf: [{ $ref: 'Heading#' }, { type: 'null' }] },
    page: { type: 'integer' },
    pages: { type: 'array', items: { type: 'integer' } },
    paragraph: { type: 'integer' },
  },
} as const;

const cite = {
  $id: 'Cite',
  description: 'Ready-made ways to cite a paragraph: Danish reference, Markdown link, plain URL.',
  type: 'object',
  required: ['text', 'markdown', 'url'],
  properties: { text: { type: 'string' }, markdown: { type: 'string' }, url: { type: 'string' } },
} as const;

const error = {
  $id: 'Error',
  description: 'Every error: a stable code (see api/ERRORS.md), the HTTP status and a readable message.',
  type: 'object',
  required: ['statusCode', 'code', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string' },
    error: { type: 'string' },
    message: { type: 'string' },
  },
} as const;

export const SHARED_SCHEMAS = [heading, documentRef, citation, cite, error];

export const errorRef = { $ref: 'Error#' } as const;

/** Query parameters that may be repeated or comma-separated (`year=2018&year=2020`, `year=2018,2020`). */
export const listParameter = (description: string) =>
  ({ type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 20, description }) as const;

export const paging = {
  limit: { type: 'integer', minimum: 1, maximum: 100, default: 20, description: 'Results per page (1–100).' },
  offset: { type: 'integer', minimum: 0, maximum: 10000, default: 0, description: 'Results to skip.' },
} as const;
