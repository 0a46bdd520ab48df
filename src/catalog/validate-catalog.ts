import { DOCUMENT_TYPES, type CatalogEntry, type DocumentType } from '../tree/types.ts';

export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  readonly code = 'CATALOG_INVALID';
}

/** Ids appear in every permalink: lower-case letters, digits and single dashes. */
export const DOCUMENT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Checks a parsed catalog and says exactly which entry and field is wrong. */
export function validateCatalog(data: unknown): CatalogEntry[] {
  if (!Array.isArray(data)) throw new CatalogError('the catalog must be a JSON array of documents');
  const seen = new Set<string>();
  return data.map((raw, index) => {
    const entry = validateEntry(raw, `entry ${index + 1}`);
    if (seen.has(entry.id)) throw new CatalogError(`entry ${index + 1}: the id "${entry.id}" is used twice`);
    seen.add(entry.id);
    return entry;
  });
}

export function validateEntry(raw: unknown, where = 'document'): CatalogEntry {
  if (typeof raw !== 'object' || raw === null) throw new CatalogError(`${where}: must be an object`);
  const r = raw as Record<string, unknown>;
  const fail = (field: string, rule: string): never => {
    throw new CatalogError(`${where}: "${field}" ${rule}`);
  };
  if (typeof r.id !== 'string' || !DOCUMENT_ID.test(r.id)) fail('id', 'must be lower-case letters, digits and dashes');
  if (typeof r.title !== 'string' || r.title.trim() === '') fail('title', 'is required');
  if (!isDocumentType(r.type)) fail('type', `must be one of ${DOCUMENT_TYPES.join(', ')}`);
  if (r.year !== null && !(Number.isInteger(r.year) && (r.year as number) >= 1970 && (r.year as number) <= 2100)) {
    fail('year', 'must be a year (1970–2100) or null');
  }
  if (!Array.isArray(r.parties) || !r.parties.every((p) => typeof p === 'string')) fail('parties', 'must be a list of names');
  if (typeof r.source !== 'string' || r.source === '' || r.source.includes('..')) fail('source', 'must be a file name in the catalog folder');
  if (r.date !== undefined && (typeof r.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(r.date))) fail('date', 'must be YYYY-MM-DD');
  const period = r.period as { from?: unknown; to?: unknown } | undefined;
  if (period !== undefined && !(Number.isInteger(period.from) && Number.isInteger(period.to))) fail('period', 'must be { from, to } years');
  return {
    id: r.id as string,
    title: (r.title as string).trim(),
    type: r.type as DocumentType,
    year: (r.year as number | null) ?? null,
    ...(period ? { period: { from: period.from as number, to: period.to as number } } : {}),
    parties: r.parties as string[],
    ...(r.date ? { date: r.date as string } : {}),
    source: r.source as string,
  };
}

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value);
}
