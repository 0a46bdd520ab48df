import { assembleChapters } from '../../src/segment/index.ts';
import type { DraftChapter, DraftParagraph } from '../../src/segment/index.ts';
import type { DocumentNode, ParagraphNode } from '../../src/tree/types.ts';

/**
 * A revised version of a document, as the segmenter would build it from the revised file:
 * the tree goes back to drafts, `edit` changes them (move, correct, delete, rename), and
 * ids, citations and fingerprints are given again.
 */
export function reviseDocument(doc: DocumentNode, version: string, edit: (chapters: DraftChapter[]) => void): DocumentNode {
  const drafts = draftsOf(doc);
  edit(drafts);
  return { ...doc, contentHash: `${doc.contentHash}-${version}`, children: assembleChapters(drafts, doc.meta) };
}

export function draftsOf(doc: DocumentNode): DraftChapter[] {
  const draft = (p: ParagraphNode): DraftParagraph => ({
    text: p.text,
    pages: p.pages,
    role: p.role,
    ...(p.box ? { box: p.box } : {}),
    ...(p.column ? { column: p.column } : {}),
  });
  return doc.children.map((chapter) => ({
    kind: chapter.kind,
    heading: chapter.heading,
    paragraphs: chapter.children.flatMap((c) => (c.type === 'paragraph' ? [draft(c)] : [])),
    sections: chapter.children.flatMap((c) =>
      c.type === 'section' ? [{ heading: c.heading, slug: c.id.split('/').at(-1)!, ...(c.row ? { row: c.row } : {}), paragraphs: c.children.map(draft) }] : [],
    ),
  }));
}
