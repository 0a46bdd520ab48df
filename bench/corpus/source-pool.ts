import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processFile, readCatalog, sourcePath } from '../../ingest/process-file.ts';
import type { FollowUpSeedRow } from '../../scripts/corpus/oa20-table.ts';
import type { ChapterNode, DocumentNode, ParagraphNode } from '../../src/tree/types.ts';

// The real text the scale corpus is recombined from: the bundled corpus run through our own
// pipeline (so footers, hyphenation and bullets are already resolved into paragraphs), plus the
// curated follow-up rows, whose cells keep the scheme's own line breaks.

export interface PoolBlock {
  kind: 'text' | 'item';
  text: string;
}

export interface PoolSection {
  title: string;
  blocks: PoolBlock[];
}

export interface PoolChapter {
  title: string;
  intro: PoolBlock[];
  sections: PoolSection[];
}

export interface PoolBox {
  title: string;
  paragraphs: string[];
}

/** Each group remembers the year its text is about, so recombined text can move to other years. */
export interface SourcePool {
  agreement: { year: number; chapters: PoolChapter[]; annexes: PoolChapter[]; boxes: PoolBox[] };
  note: { year: number; chapters: PoolChapter[] };
  statements: { blocks: PoolBlock[]; headings: string[] };
  proposal: { title: string; blocks: PoolBlock[]; headings: string[] };
  rows: { year: number; rows: FollowUpSeedRow[] };
}

export async function buildSourcePool(repo: string): Promise<SourcePool> {
  const catalog = await readCatalog(join(repo, 'corpus/catalog.json'));
  const trees = new Map<string, DocumentNode>();
  for (const entry of catalog.entries) trees.set(entry.type, await processFile(sourcePath(catalog, entry), entry));
  const tree = (type: string) => {
    const doc = trees.get(type);
    if (!doc) throw new Error(`the bundled corpus has no ${type}; the scale corpus recombines one of each type`);
    return doc;
  };
  const agreement = tree('økonomiaftale');
  const note = tree('notat');
  const statements = tree('hensigtserklæring');
  const proposal = tree('udspil');
  const rows = JSON.parse(readFileSync(join(repo, 'scripts/corpus/oa20-opfoelgning.rows.json'), 'utf8')) as FollowUpSeedRow[];
  return {
    agreement: {
      year: agreement.meta.year!,
      chapters: agreement.children.filter((c) => c.kind === 'chapter').map(poolChapter),
      annexes: agreement.children
        .filter((c) => c.kind === 'annex' && !c.children.some((s) => s.type === 'section' && s.heading.number?.startsWith('Boks')))
        .map(poolChapter),
      boxes: agreement.children
        .filter((c) => c.kind === 'annex')
        .flatMap((c) => c.children)
        .flatMap((c) => (c.type === 'section' && c.heading.number?.startsWith('Boks') ? [{ title: c.heading.title, paragraphs: c.children.map((p) => p.text) }] : [])),
    },
    note: { year: note.meta.year!, chapters: note.children.filter((c) => c.kind === 'chapter' && c.children.length > 0).map(poolChapter) },
    statements: flatPool(statements),
    proposal: { title: proposal.meta.title, ...flatPool(proposal) },
    rows: { year: tree('opfølgningsskema').meta.year!, rows },
  };
}

function poolChapter(chapter: ChapterNode): PoolChapter {
  const intro = chapter.children.filter((c): c is ParagraphNode => c.type === 'paragraph').map(poolBlock);
  const sections = chapter.children.flatMap((c) => (c.type === 'section' ? [{ title: c.heading.title, blocks: c.children.map(poolBlock) }] : []));
  return { title: chapter.heading.title, intro, sections };
}

function flatPool(doc: DocumentNode): { blocks: PoolBlock[]; headings: string[] } {
  const chapters = doc.children.map(poolChapter);
  return {
    blocks: chapters.flatMap((c) => [...c.intro, ...c.sections.flatMap((s) => s.blocks)]),
    headings: chapters.flatMap((c) => c.sections.map((s) => s.title)),
  };
}

function poolBlock(paragraph: ParagraphNode): PoolBlock {
  return { kind: paragraph.role === 'list-item' ? 'item' : 'text', text: paragraph.text };
}
