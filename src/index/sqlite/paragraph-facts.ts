import type { SearchFilters } from '../backend.ts';
import type { DocumentType } from '../../tree/types.ts';

// What a search needs of every paragraph besides its terms — year, type, document and position
// — held in typed arrays by rowid. Counting the facets of thousands of hits by joining each to
// its paragraphs row cost more than finding them; here it is a pass over the FTS rowids.

export interface FactRow {
  rowid: number;
  year: number | null;
  type: DocumentType;
  doc_id: string;
  ordinal: number;
}

export interface FactGroup {
  year: number | null;
  type: DocumentType;
  n: number;
}

const NO_YEAR = -2147483648;

export interface ParagraphFacts {
  /** The hits that pass the filters, in the order given, with their counts per year and type. */
  filter(rowids: readonly number[], filters: SearchFilters | undefined): { kept: number[]; groups: FactGroup[] };
  /** Rows `offset` to `offset + limit` of `rowids` in year order: newest first, undated last, then document id and position. */
  pageByYear(rowids: readonly number[], offset: number, limit: number): number[];
}

/** `rows` is read once, without being held: at 1000× the corpus it has ~440,000 rows. */
export function paragraphFacts(maxRowid: number, rows: Iterable<FactRow>): ParagraphFacts {
  const size = maxRowid + 1;
  const known = new Uint8Array(size);
  const year = new Int32Array(size);
  const type = new Uint8Array(size);
  const doc = new Int32Array(size);
  const ordinal = new Int32Array(size);
  const typeNames: DocumentType[] = [];
  const typeIndex = new Map<DocumentType, number>();
  const docNames: string[] = [];
  const docIndex = new Map<string, number>();
  for (const row of rows) {
    let t = typeIndex.get(row.type);
    if (t === undefined) typeIndex.set(row.type, (t = typeNames.push(row.type) - 1));
    let d = docIndex.get(row.doc_id);
    if (d === undefined) docIndex.set(row.doc_id, (d = docNames.push(row.doc_id) - 1));
    known[row.rowid] = 1;
    year[row.rowid] = row.year ?? NO_YEAR;
    type[row.rowid] = t;
    doc[row.rowid] = d;
    ordinal[row.rowid] = row.ordinal;
  }
  // Document ids in SQLite's BINARY order (UTF-8 bytes), as ORDER BY doc_id sorts them.
  const docRank = new Int32Array(docNames.length);
  docNames
    .map((name, index) => ({ bytes: Buffer.from(name, 'utf8'), index }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .forEach((entry, rank) => (docRank[entry.index] = rank));

  /** Negative when a comes first in year order. */
  const compareByYear = (a: number, b: number): number => {
    const ya = year[a]!;
    const yb = year[b]!;
    if (ya !== yb) return ya === NO_YEAR ? 1 : yb === NO_YEAR ? -1 : yb - ya;
    return docRank[doc[a]!]! - docRank[doc[b]!]! || ordinal[a]! - ordinal[b]!;
  };

  return {
    filter(rowids, filters) {
      const years = filters?.years?.length ? new Set(filters.years) : null;
      const types = filters?.types?.length ? new Set(filters.types.map((t) => typeIndex.get(t) ?? -1)) : null;
      const docs = filters?.documents?.length ? new Set(filters.documents.map((d) => docIndex.get(d) ?? -1)) : null;
      const kept: number[] = [];
      // Counts per (year, type), keyed by year * types + type.
      const counts = new Map<number, number>();
      for (const rowid of rowids) {
        if (rowid >= size || known[rowid] === 0) continue;
        const y = year[rowid]!;
        if (years && (y === NO_YEAR || !years.has(y))) continue;
        if (types && !types.has(type[rowid]!)) continue;
        if (docs && !docs.has(doc[rowid]!)) continue;
        kept.push(rowid);
        const key = y * typeNames.length + type[rowid]!;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const groups = [...counts].map(([key, n]) => {
        const t = ((key % typeNames.length) + typeNames.length) % typeNames.length;
        const y = (key - t) / typeNames.length;
        return { year: y === NO_YEAR ? null : y, type: typeNames[t]!, n };
      });
      return { kept, groups };
    },

    pageByYear(rowids, offset, limit) {
      // The first offset + limit in order, kept in a max-heap: one comparison for most hits.
      const wanted = offset + limit;
      const heap: number[] = [];
      const up = (i: number) => {
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (compareByYear(heap[i]!, heap[parent]!) <= 0) break;
          [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
          i = parent;
        }
      };
      const down = (i: number) => {
        for (;;) {
          const left = 2 * i + 1;
          const right = left + 1;
          let largest = i;
          if (left < heap.length && compareByYear(heap[left]!, heap[largest]!) > 0) largest = left;
          if (right < heap.length && compareByYear(heap[right]!, heap[largest]!) > 0) largest = right;
          if (largest === i) return;
          [heap[i], heap[largest]] = [heap[largest]!, heap[i]!];
          i = largest;
        }
      };
      for (const rowid of rowids) {
        if (heap.length < wanted) {
          heap.push(rowid);
          up(heap.length - 1);
        } else if (wanted > 0 && compareByYear(rowid, heap[0]!) < 0) {
          heap[0] = rowid;
          down(0);
        }
      }
      return heap.sort(compareByYear).slice(offset, wanted);
    },
  };
}
