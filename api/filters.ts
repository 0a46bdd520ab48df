import type { IndexBackend } from '../src/index/backend.ts';
import { DOCUMENT_TYPES, type DocumentType } from '../src/tree/types.ts';
import { apiError } from './errors.ts';

// Turning query-string filters into backend filters, refusing what cannot match anything
// with a coded 400 instead of silently returning nothing.

/** Repeated and comma-separated values alike: `["2018,2019", "2020"]` → `["2018", "2019", "2020"]`. */
export function splitList(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value !== '');
}

export function parseYears(values: string[] | undefined): number[] | undefined {
  const list = splitList(values);
  if (list.length === 0) return undefined;
  return list.map((value) => {
    if (!/^\d{4}$/.test(value)) throw apiError('UNKNOWN_YEAR', value);
    return Number(value);
  });
}

export function parseTypes(values: string[] | undefined): DocumentType[] | undefined {
  const list = splitList(values);
  if (list.length === 0) return undefined;
  return list.map((value) => {
    const type = DOCUMENT_TYPES.find((known) => known === value.toLowerCase());
    if (!type) throw apiError('UNKNOWN_TYPE', value, DOCUMENT_TYPES.join(', '));
    return type;
  });
}

const SINGLE_LOOKUPS = 10;

async function listedIn(backend: IndexBackend, ids: string[]): Promise<boolean[]> {
  const known = new Set((await backend.listDocuments()).map((doc) => doc.meta.id));
  return ids.map((id) => known.has(id));
}

/** Document ids, each checked against the stored documents. */
export async function parseDocuments(backend: IndexBackend, values: string[] | undefined): Promise<string[] | undefined> {
  const list = splitList(values);
  if (list.length === 0) return undefined;
  const ids = [...new Set(list)];
  // A few ids are looked up one by one (a listing of every document costs more as the corpus
  // grows); a long list is checked against one listing.
  const isKnown =
    ids.length <= SINGLE_LOOKUPS
      ? await Promise.all(ids.map(async (id) => (await backend.contentHashOf(id)) !== null))
      : await listedIn(backend, ids);
  const unknown = ids.find((_, i) => !isKnown[i]);
  if (unknown !== undefined) throw apiError('UNKNOWN_DOCUMENT_FILTER', unknown);
  return list;
}

/** A real calendar date written YYYY-MM-DD (2020-02-30 is refused). */
export function parseIsoDate(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw apiError('INVALID_DATE', name, value);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (date.toISOString().slice(0, 10) !== value) throw apiError('INVALID_DATE', name, value);
  return value;
}
