import type { DocumentNode, ParagraphNode } from '../src/tree/types.ts';

const pageLabel = (pages: number[]) =>
  pages.length === 0 ? '' : pages.length === 1 ? `s. ${pages[0]}` : `s. ${pages[0]}–${pages.at(-1)}`;

/** The document's tree as indented text with page numbers, for reading against the original. */
export function formatOutline(doc: DocumentNode, options: { paragraphs?: boolean; width?: number } = {}): string {
  const width = options.width ?? 100;
  const out: string[] = [`${doc.meta.title} (${doc.id}, ${doc.pageCount} sider)`];
  const paragraph = (p: ParagraphNode, indent: string) => {
    if (options.paragraphs === false) return;
    const marker = p.role === 'list-item' ? '•' : p.role === 'box' ? '▢' : p.role === 'row-cell' ? `[${p.column}]` : '¶';
    const text = p.text.length > width ? `${p.text.slice(0, width - 1)}…` : p.text;
    out.push(`${indent}${marker} ${p.citation.paragraph} (${pageLabel(p.pages)}) ${text}`);
  };
  for (const chapter of doc.children) {
    const number = chapter.heading.number ? `${chapter.heading.number}. ` : '';
    out.push(`${number}${chapter.heading.title}${chapter.pages.length ? `  [${pageLabel(chapter.pages)}]` : ''}`);
    for (const child of chapter.children) {
      if (child.type === 'paragraph') {
        paragraph(child, '  ');
        continue;
      }
      const sectionNumber = child.heading.number ? `${child.heading.number} ` : '';
      const row = child.row ? `  {Ansvarlig: ${child.row.responsible ?? '–'}; ${child.row.references.join(', ') || 'ingen henvisninger'}}` : '';
      out.push(`  ${sectionNumber}${child.heading.title}  [${pageLabel(child.pages)}]${row}`);
      for (const p of child.children) paragraph(p, '    ');
    }
  }
  return out.join('\n');
}
