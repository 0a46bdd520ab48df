import { describe, expect, it } from 'vitest';
import { reconcileIds } from '../../src/index/reconcile-ids.ts';
import type { DraftChapter, DraftSection } from '../../src/segment/index.ts';
import type { DocumentNode } from '../../src/tree/types.ts';
import { paragraphsOf } from '../../src/tree/visit.ts';
import { corpusDocument } from '../foundation/corpus-documents.ts';
import { reviseDocument } from './revise-document.ts';

const PURCHASING = 'oa18/10/indkoeb';

function section(chapters: DraftChapter[], slug: string): DraftSection {
  const found = chapters.flatMap((c) => c.sections).find((s) => s.slug === slug);
  if (!found) throw new Error(`no section ${slug}`);
  return found;
}

/** Where a passage (by its opening words) ended up, by id. */
function idOf(doc: DocumentNode, opening: string): string | undefined {
  return paragraphsOf(doc).find((p) => p.text.startsWith(opening))?.id;
}

describe('ids carried over to a revised version', () => {
  it('are all kept when the same file comes again', async () => {
    const doc = await corpusDocument('oa18');
    const again = reconcileIds(doc, doc);
    expect(paragraphsOf(again).map((p) => p.id)).toEqual(paragraphsOf(doc).map((p) => p.id));
  });

  it('stay with their passages when a paragraph early in the section is deleted', async () => {
    const doc = await corpusDocument('oa18');
    const before = paragraphsOf(doc).filter((p) => p.id.startsWith(`${PURCHASING}/`));
    expect(before.length).toBeGreaterThan(4);
    const revised = reconcileIds(doc, reviseDocument(doc, 'v2', (chapters) => void section(chapters, 'indkoeb').paragraphs.shift()));
    for (const old of before.slice(1)) expect(idOf(revised, old.text.slice(0, 60)), old.id).toBe(old.id);
    // The deleted passage's id is not handed to other text: it will be archived.
    expect(paragraphsOf(revised).map((p) => p.id)).not.toContain(before[0]!.id);
    // Citations still count paragraphs as printed.
    expect(paragraphsOf(revised).find((p) => p.id === before[1]!.id)?.citation.paragraph).toBe(1);
  });

  it('give an inserted paragraph an id of its own, never one issued for other text', async () => {
    const doc = await corpusDocument('oa18');
    const revised = reconcileIds(
      doc,
      reviseDocument(doc, 'v2', (chapters) =>
        section(chapters, 'indkoeb').paragraphs.unshift({ text: 'Parterne er enige om en ny indkøbsstrategi inden udgangen af 2019.', pages: [10], role: 'text' }),
      ),
    );
    expect(idOf(revised, 'Parterne er enige om en ny indkøbsstrategi')).toBe(`${PURCHASING}/1-2`);
    for (const old of paragraphsOf(doc).filter((p) => p.id.startsWith(`${PURCHASING}/`))) {
      expect(idOf(revised, old.text.slice(0, 60))).toBe(old.id);
    }
  });

  it('keep the id of a corrected paragraph, and let a paragraph moved elsewhere take its new place', async () => {
    const doc = await corpusDocument('oa18');
    const revised = reconcileIds(
      doc,
      reviseDocument(doc, 'v2', (chapters) => {
        const purchasing = section(chapters, 'indkoeb');
        purchasing.paragraphs[2]!.text = purchasing.paragraphs[2]!.text.replace('Parterne er enige', 'Parterne er fortsat enige');
        const moved = section(chapters, 'videndeling').paragraphs.shift()!;
        section(chapters, 'lokalisering-og-logistik').paragraphs.push(moved);
      }),
    );
    expect(idOf(revised, 'Parterne er fortsat enige')).toBe(`${PURCHASING}/3`);
    const movedId = idOf(revised, 'Danske Regioner vil fortsat understøtte en tværgående indsats');
    expect(movedId).toMatch(/^oa18\/9\/lokalisering-og-logistik\/\d+$/);
    // The paragraph that stayed keeps its id; the moved one's old id is free to redirect to it.
    const stayed = paragraphsOf(doc).find((p) => p.id === 'oa18/9/videndeling/2')!;
    expect(idOf(revised, stayed.text.slice(0, 60))).toBe('oa18/9/videndeling/2');
    expect(paragraphsOf(revised).map((p) => p.id)).not.toContain('oa18/9/videndeling/1');
  });

  it('leave a first version as segment numbered it', async () => {
    const doc = await corpusDocument('oa18');
    expect(reconcileIds(null, doc)).toBe(doc);
  });
});
