import type { ChapterNode, DocumentNode, ParagraphNode, SectionNode } from './types.ts';

/** Every paragraph of a document in reading order. */
export function paragraphsOf(doc: DocumentNode): ParagraphNode[] {
  return doc.children.flatMap(paragraphsOfChapter);
}

function paragraphsOfChapter(chapter: ChapterNode): ParagraphNode[] {
  return chapter.children.flatMap((child) => (child.type === 'paragraph' ? [child] : child.children));
}

/** Every section of a document in reading order. */
export function sectionsOf(doc: DocumentNode): SectionNode[] {
  return doc.children.flatMap((chapter) => chapter.children.filter((c): c is SectionNode => c.type === 'section'));
}
