import { randomUUID } from 'node:crypto';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import fastifyMultipart, { type Multipart } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { IngestItem, IngestOutcome } from '../../ingest/runner.ts';
import { CatalogError, isDocumentType, validateEntry } from '../../src/catalog/index.ts';
import { contentHash, ExtractError, extractNote, NOTE_EXTENSIONS } from '../../src/extract/index.ts';
import { BACKEND_ERROR_CAUSES, type BackendErrorCause } from '../../src/index/backend-error.ts';
import { slugify } from '../../src/segment/slug.ts';
import type { CatalogEntry } from '../../src/tree/types.ts';
import { DOCUMENT_TYPES } from '../../src/tree/types.ts';
import { requireAdminToken } from '../admin-token.ts';
import type { RouteOptions } from '../context.ts';
import { ApiError, apiError, EXTRACT_ERROR_STATUS } from '../errors.ts';
import { errorRef } from '../schemas.ts';

// POST /api/documents: an admin adds a document (PDF, Markdown or text) with its metadata.
// The file is checked by its content, not only its name, stored under its SHA-256 and ingested
// through the same runner as the CLI, so a new version of a document keeps its old links.

export interface UploadRouteOptions extends RouteOptions {
  adminToken: string | null;
  /** Where uploads are kept: `<dir>/<sha256>.<ext>`. In the scaled mode every worker must read it at this path. */
  uploadDir: string;
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Ingests one file (through the configured runner, one upload at a time); messages name the file as uploaded. */
  ingest(item: IngestItem, contentHash: string): Promise<IngestOutcome>;
}

const PDF_EXTENSIONS = ['.pdf'];
const FIELDS = ['id', 'title', 'type', 'year'] as const;
type Field = (typeof FIELDS)[number];

const uploadResult = {
  type: 'object',
  required: ['status', 'document', 'pages', 'paragraphs', 'commitments', 'contentHash', 'url'],
  properties: {
    status: { type: 'string', enum: ['ingested', 'unchanged'], description: '"unchanged": this exact file is already the stored version.' },
    document: { $ref: 'DocumentRef#' },
    pages: { type: 'integer' },
    paragraphs: { type: 'integer' },
    commitments: { type: 'integer' },
    contentHash: { type: 'string' },
    url: { type: 'string', description: "The document's outline: /api/documents/<id>." },
  },
} as const;

const uploadSchema = {
  tags: ['admin'],
  summary: 'Add a document or a new version of one (needs the admin token)',
  description:
    'multipart/form-data with a part `file` (PDF, Markdown or UTF-8 text) and optional fields `id`, `title`, `type`, `year`. ' +
    'A new version of a stored id keeps its metadata unless given, and its old permalinks keep working. ' +
    'A file that cannot be read answers 422 with its EXTRACT_* code.',
  consumes: ['multipart/form-data'],
  security: [{ adminToken: [] }],
  response: { 200: uploadResult, 201: uploadResult, 400: errorRef, 401: errorRef, 403: errorRef, 413: errorRef, 415: errorRef, 422: errorRef, 503: errorRef },
} as const;

export async function uploadRoutes(app: FastifyInstance, options: UploadRouteOptions): Promise<void> {
  await app.register(fastifyMultipart, {
    limits: { fileSize: options.maxBytes, files: 1, fields: FIELDS.length, fieldSize: 1_000, parts: FIELDS.length + 1 },
  });

  app.post('/api/documents', { schema: uploadSchema, onRequest: requireAdminToken(options.adminToken, 'uploads') }, async (request, reply) => {
    const { file, fields } = await readForm(request.parts(), options.maxBytes);
    const name = safeFileName(file.name);
    checkContent(name, file.bytes);

    const hash = contentHash(file.bytes);
    const entry = await entryFor(options, name, fields);
    const path = await store(options.uploadDir, hash, extname(name).toLowerCase(), file.bytes);
    const outcome = await options.ingest({ path, entry }, hash);
    if (outcome.status === 'failed') {
      // Bytes that cannot be read are of no use; a timeout or a busy index may pass another time.
      const code = outcome.error?.code ?? '';
      if (code.startsWith('EXTRACT_') && code !== 'EXTRACT_TIMEOUT') await unlink(path).catch(() => undefined);
      throw failure(outcome);
    }
    return sendResult(reply, outcome, entry, hash);
  });
}

interface Form {
  file: { name: string; bytes: Buffer };
  fields: Partial<Record<Field, string>>;
}

async function readForm(parts: AsyncIterableIterator<Multipart>, maxBytes: number): Promise<Form> {
  let file: Form['file'] | undefined;
  const fields: Form['fields'] = {};
  try {
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw apiError('INVALID_PARAMETER', `unknown file field "${part.fieldname}": send the file as "file"`);
        file = { name: part.filename, bytes: await part.toBuffer() };
        continue;
      }
      if (!(FIELDS as readonly string[]).includes(part.fieldname)) {
        throw apiError('INVALID_PARAMETER', `unknown form field "${part.fieldname}" (known: file, ${FIELDS.join(', ')})`);
      }
      fields[part.fieldname as Field] = String(part.value).trim();
    }
  } catch (error) {
    throw formError(error, maxBytes);
  }
  if (!file) throw apiError('UPLOAD_FILE_MISSING');
  return { file, fields };
}

/** @fastify/multipart's limits, in our codes. */
function formError(error: unknown, maxBytes: number): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return apiError('UPLOAD_TOO_LARGE', String(Number((maxBytes / 2 ** 20).toPrecision(3))));
  if (code === 'FST_FILES_LIMIT') return apiError('INVALID_PARAMETER', 'send one file per upload');
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') return apiError('INVALID_PARAMETER', `too many form fields (known: file, ${FIELDS.join(', ')})`);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return apiError('INVALID_PARAMETER', 'send the file as multipart/form-data');
  return error;
}

/**
 * The client's file name made safe to show and to file under: no folders (`../../etc/passwd`
 * is `passwd`), no control or direction-changing characters, no dot runs.
 */
export function safeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[^\p{L}\p{M}\p{N} ._-]/gu, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.\s]+/, '')
    .trim();
  return cleaned.slice(-120) || 'upload';
}

/**
 * The content must be what the name says: a PDF starts with its header, a note is UTF-8 text.
 * Refused here, before anything is stored, with the extractor's own codes.
 */
function checkContent(name: string, bytes: Buffer): void {
  const extension = extname(name).toLowerCase();
  if (PDF_EXTENSIONS.includes(extension)) {
    if (bytes.length === 0) throw new ExtractError(name, 'empty');
    // As the PDF reader: the header may follow a little junk within the first 1024 bytes.
    if (!bytes.subarray(0, 1024).toString('latin1').includes('%PDF-')) throw new ExtractError(name, 'not-pdf');
    return;
  }
  if (NOTE_EXTENSIONS.includes(extension)) {
    extractNote(name, bytes);
    return;
  }
  throw apiError('UNSUPPORTED_FILE_TYPE', name);
}

/** The metadata: the form's fields, else the stored version's, else taken from the file name. */
async function entryFor(options: UploadRouteOptions, name: string, fields: Form['fields']): Promise<CatalogEntry> {
  const stem = name.replace(/\.[^.]+$/, '');
  const id = fields.id || slugify(stem) || 'dokument';
  if (fields.type && !isDocumentType(fields.type)) throw apiError('INVALID_PARAMETER', `type must be one of ${DOCUMENT_TYPES.join(', ')}`);
  if (fields.year && !/^\d{4}$/.test(fields.year)) throw apiError('INVALID_PARAMETER', `year must be a four-digit year, not "${fields.year}"`);
  const stored = fields.id ? (await options.backend.getDocument(fields.id))?.meta : undefined;
  try {
    return validateEntry(
      {
        id,
        title: fields.title || stored?.title || stem,
        type: fields.type || stored?.type || 'notat',
        year: fields.year ? Number(fields.year) : (stored?.year ?? null),
        parties: stored?.parties ?? [],
        ...(stored?.period ? { period: stored.period } : {}),
        ...(stored?.date ? { date: stored.date } : {}),
        source: name,
      },
      'upload',
    );
  } catch (error) {
    if (error instanceof CatalogError) throw apiError('INVALID_PARAMETER', error.message.replace(/^upload: /, ''));
    throw error;
  }
}

/** Writes the file once under its hash (atomically: a reader never sees half of it). */
async function store(dir: string, hash: string, extension: string, bytes: Buffer): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${hash}${extension}`);
  const exists = await stat(path).then(
    (s) => s.size === bytes.length,
    () => false,
  );
  if (!exists) {
    const partial = join(dir, `.${hash}.${randomUUID()}.part`);
    await writeFile(partial, bytes);
    await rename(partial, path);
  }
  return path;
}

/**
 * An upload's outcome as its sender knows the file: messages name the uploaded file
 * (`entry.source`), not the server's path or the hash it is stored under.
 */
export function asUploaded(outcome: IngestOutcome, item: IngestItem): IngestOutcome {
  if (!outcome.error) return outcome;
  const stored = item.path.split(/[/\\]/).pop()!;
  const message = outcome.error.message.replaceAll(item.path, item.entry.source).replaceAll(stored, item.entry.source);
  return { ...outcome, error: { ...outcome.error, message } };
}

/** A failed ingest as an API error: unreadable files 422, an unreachable index 503. */
function failure(outcome: IngestOutcome): ApiError {
  const code = outcome.error?.code ?? 'INGEST_FAILED';
  const message = outcome.error?.message ?? 'the file could not be ingested';
  if (code.startsWith('EXTRACT_')) return new ApiError(code, EXTRACT_ERROR_STATUS, message);
  if (code.startsWith('BACKEND_')) {
    const cause = code.slice('BACKEND_'.length).toLowerCase().replaceAll('_', '-') as BackendErrorCause;
    return new ApiError(code, BACKEND_ERROR_CAUSES[cause]?.status ?? 500, message);
  }
  return apiError('INGEST_FAILED', message);
}

function sendResult(reply: FastifyReply, outcome: IngestOutcome, entry: CatalogEntry, hash: string) {
  const url = `/api/documents/${entry.id}`;
  const body = {
    status: outcome.status,
    document: { id: entry.id, title: entry.title, type: entry.type, year: entry.year },
    pages: outcome.pages,
    paragraphs: outcome.paragraphs,
    commitments: outcome.commitments,
    contentHash: hash,
    url,
  };
  if (outcome.status === 'ingested') return reply.code(201).header('location', url).send(body);
  return reply.send(body);
}
