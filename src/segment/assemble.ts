import type {
  CatalogEntry,
  ChapterKind,
  ChapterNode,
  Citation,
  DocumentRef,
  FollowUpRow,
  Heading,
  ParagraphNode,
  ParagraphRole,
  RowColumn,
  SectionNode,
} from '../tree/types.ts';
import type { Block } from './blocks.ts';
import { fingerprint } from './fingerprint.ts';
import { slugify, uniqueIds } from './slug.ts';

/** A paragraph before ids: its text, where it is, and what kind of text it is. */
export interface DraftParagraph {
  text: string;
  pages: number[];
  role: ParagraphRole;
  box?: string;
  column?: RowColumn;
}

export interface DraftSection {
  heading: Heading;
  /** The id segment; derived from the heading when absent. */
  slug?: string;
  row?: FollowUpRow;
  paragraphs: DraftParagraph[];
}

export interface DraftChapter {
  kind: ChapterKind;
  heading: Heading;
  paragraphs: DraftParagraph[];
  sections: DraftSection[];
}

/** Blocks → chapters and sections; the document's own title at the top is not content. */
export function draftFromBlocks(blocks: Block[], entry: CatalogEntry): DraftChapter[] {
  const chapters: DraftChapter[] = [];
  let chapter: DraftChapter | null = null;
  let section: DraftSection | null = null;
  let box: string | undefined;
  const front = (): DraftChapter => {
    if (!chapter) {
      chapter = { kind: 'front', heading: { number: null, title: entry.title }, paragraphs: [], sections: [] };
      chapters.push(chapter);
    }
    return chapter;
  };
  const isTitle = (text: string) => isPartOfTitle(text, entry.title) && chapters.every((c) => c.kind === 'front' || isEmptyChapter(c));

  for (const block of blocks) {
    switch (block.kind) {
      case 'chapter':
      case 'annex': {
        if (block.kind === 'chapter' && block.number === null && (isTitle(block.title) || /^notat$/i.test(block.title))) {
          front();
          continue;
        }
        chapter = {
          kind: block.kind === 'annex' ? 'annex' : 'chapter',
          heading: { number: block.number, title: block.title },
          paragraphs: [],
          sections: [],
        };
        chapters.push(chapter);
        section = null;
        box = undefined;
        continue;
      }
      case 'section':
      case 'box': {
        if (block.kind === 'section' && isTitle(block.title)) continue;
        section = { heading: { number: block.number, title: block.title }, paragraphs: [] };
        if (block.kind === 'box') section.slug = slugify(block.number);
        box = block.kind === 'box' ? block.number : undefined;
        front().sections.push(section);
        continue;
      }
      default: {
        if (isTitle(block.text)) continue;
        const role: ParagraphRole = box ? 'box' : block.kind === 'list-item' ? 'list-item' : 'text';
        const paragraph: DraftParagraph = { text: block.text, pages: block.pages, role, ...(box ? { box } : {}) };
        (section ?? front()).paragraphs.push(paragraph);
      }
    }
  }
  return chapters;
}

function isPartOfTitle(text: string, title: string): boolean {
  const fold = (s: string) => s.toLowerCase().replace(/[\s\-–]+/g, ' ').trim();
  return text.trim() !== '' && fold(title).includes(fold(text));
}

function isEmptyChapter(chapter: DraftChapter): boolean {
  return chapter.paragraphs.length === 0 && chapter.sections.every((s) => s.paragraphs.length === 0);
}

/** Gives every node its stable id, citation and fingerprint. */
export function assembleChapters(drafts: DraftChapter[], entry: CatalogEntry): ChapterNode[] {
  const document: DocumentRef = { id: entry.id, title: entry.title, type: entry.type, year: entry.year };
  const unique = uniqueIds();
  const onlyFront = drafts.length === 1 && drafts[0]?.kind === 'front';
  const flat: { draft: DraftParagraph; node?: ParagraphNode }[] = [];

  const chapters = drafts
    .filter((draft) => !isEmptyChapter(draft) || draft.kind !== 'front')
    .map((draft): ChapterNode => {
      const segment = draft.kind === 'front' ? (onlyFront ? '' : 'forside') : chapterSegment(draft.heading);
      const chapterId = unique(segment ? `${entry.id}/${segment}` : entry.id);
      const chapterHeading = draft.kind === 'front' ? null : draft.heading;
      const paragraphsOf = (list: DraftParagraph[], parentId: string, section: Heading | null) =>
        list.map((p, index) => {
          const citation: Citation = {
            document,
            chapter: chapterHeading,
            section,
            page: p.pages[0] ?? 1,
            pages: p.pages,
            paragraph: index + 1,
          };
          const node: ParagraphNode = {
            type: 'paragraph',
            id: unique(`${parentId}/${index + 1}`),
            role: p.role,
            text: p.text,
            page: citation.page,
            pages: p.pages,
            citation,
            fingerprint: fingerprint(p.text, '', ''),
            ...(p.box ? { box: p.box } : {}),
            ...(p.column ? { column: p.column } : {}),
          };
          flat.push({ draft: p, node });
          return node;
        });

      const direct = paragraphsOf(draft.paragraphs, chapterId, null);
      const sections = draft.sections
        .map((s): SectionNode => {
          const sectionId = unique(`${chapterId}/${s.slug ?? (slugify(s.heading.title) || 'afsnit')}`);
          const children = paragraphsOf(s.paragraphs, sectionId, s.heading);
          return {
            type: 'section',
            id: sectionId,
            heading: s.heading,
            pages: pagesOfParagraphs(children),
            ...(s.row ? { row: s.row } : {}),
            children,
          };
        });
      const children = [...direct, ...sections];
      return {
        type: 'chapter',
        id: chapterId,
        kind: draft.kind,
        heading: draft.heading,
        pages: pagesOfParagraphs([...direct, ...sections.flatMap((s) => s.children)]),
        children,
      };
    });

  // Context for re-anchoring comes from the neighbours in reading order.
  flat.forEach((entryAt, i) => {
    const node = entryAt.node!;
    node.fingerprint = fingerprint(node.text, flat[i - 1]?.node?.text ?? '', flat[i + 1]?.node?.text ?? '');
  });
  return chapters;
}

function chapterSegment(heading: Heading): string {
  if (heading.number === null) return slugify(heading.title) || 'kapitel';
  return /^\d/.test(heading.number) ? heading.number : slugify(heading.number);
}

function pagesOfParagraphs(paragraphs: ParagraphNode[]): number[] {
  return [...new Set(paragraphs.flatMap((p) => p.pages))].sort((a, b) => a - b);
}
