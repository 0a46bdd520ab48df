import type { CatalogEntry, ChapterNode, DocumentNode, FollowUpRow, ParagraphNode, RowColumn, SectionNode } from '../../src/tree/types.ts';

/** Small hand-built document trees: just the fields the commitment extraction reads. */

export function entry(overrides: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    id: 'oa18',
    title: 'Aftale om regionernes økonomi for 2018',
    type: 'økonomiaftale',
    year: 2018,
    parties: ['Regeringen', 'Danske Regioner'],
    source: 'oa18.pdf',
    ...overrides,
  };
}

export function paragraph(id: string, text: string, column?: RowColumn): ParagraphNode {
  return {
    type: 'paragraph',
    id,
    role: column ? 'row-cell' : 'text',
    text,
    page: 1,
    pages: [1],
    citation: {
      document: { id: id.split('/')[0] ?? id, title: 't', type: 'økonomiaftale', year: 2018 },
      chapter: null,
      section: null,
      page: 1,
      pages: [1],
      paragraph: 1,
    },
    fingerprint: { quote: text, prefix: '', suffix: '', hash: '0' },
    ...(column ? { column } : {}),
  };
}

export function documentOf(meta: CatalogEntry, paragraphs: ParagraphNode[], sections: SectionNode[] = []): DocumentNode {
  const chapter: ChapterNode = {
    type: 'chapter',
    id: `${meta.id}/1`,
    kind: 'chapter',
    heading: { number: '1', title: 'Kapitel' },
    pages: [1],
    children: [...paragraphs, ...sections],
  };
  return { type: 'document', id: meta.id, meta, contentHash: 'x', pageCount: 1, children: [chapter], findings: [] };
}

export function followUpRow(id: string, row: FollowUpRow): SectionNode {
  const cells = (['agreement', 'economy', 'status'] as const).map((column, i) => paragraph(`${id}/${i + 1}`, row[column], column));
  return { type: 'section', id, heading: { number: null, title: row.topic }, pages: [1], row, children: cells };
}
