import type { DocumentNode, ParagraphNode } from '../tree/types.ts';
import { paragraphsOf } from '../tree/visit.ts';
import { createReanchor, type ReanchorOptions } from './reanchor.ts';

/**
 * Carries paragraph ids over from the stored version of a document to a revised one.
 *
 * Segment numbers paragraphs by position, so a paragraph inserted or deleted early in a section
 * would hand every later paragraph's id to other text, and an old link would silently show a
 * different passage. Here a paragraph that is still in its section keeps the id it had (found
 * by its quote and context, exactly or approximately); a paragraph that moved to another section
 * or chapter takes its new id there (the old one then redirects to it); and a new paragraph never
 * takes an id that was issued for other text — it gets a suffix instead.
 * Re-ingesting the same file changes nothing: every paragraph matches itself.
 */
export function reconcileIds(previous: DocumentNode | null, next: DocumentNode, options?: ReanchorOptions): DocumentNode {
  if (!previous) return next;
  const old = paragraphsOf(previous);
  const fresh = paragraphsOf(next);
  const assigned = new Map<ParagraphNode, string>();
  const taken = new Set<string>();
  const claim = (paragraph: ParagraphNode, id: string) => {
    assigned.set(paragraph, id);
    taken.add(id);
  };

  // Exact quotes first (nearest position wins among repeats), then approximate ones, best first.
  const oldFree = new Set(old);
  const oldPosition = new Map(old.map((p, i) => [p, old.length > 1 ? i / (old.length - 1) : 0]));
  const freshPosition = new Map(fresh.map((p, i) => [p, fresh.length > 1 ? i / (fresh.length - 1) : 0]));
  const byHash = new Map<string, ParagraphNode[]>();
  for (const o of old) byHash.set(o.fingerprint.hash, [...(byHash.get(o.fingerprint.hash) ?? []), o]);
  for (const paragraph of fresh) {
    const twins = (byHash.get(paragraph.fingerprint.hash) ?? []).filter((o) => oldFree.has(o) && parentOf(o.id) === parentOf(paragraph.id));
    if (twins.length === 0) continue;
    const here = freshPosition.get(paragraph)!;
    const distance = (o: ParagraphNode) => Math.abs(oldPosition.get(o)! - here);
    const nearest = twins.reduce((a, b) => (distance(a) <= distance(b) ? a : b));
    oldFree.delete(nearest);
    claim(paragraph, nearest.id);
  }
  const find = createReanchor([...oldFree].map((o) => ({ id: o.id, fingerprint: o.fingerprint })), options);
  const candidates = fresh
    .filter((p) => !assigned.has(p))
    .map((p) => ({ paragraph: p, match: find({ fingerprint: p.fingerprint, position: freshPosition.get(p)! }) }))
    .filter((c): c is { paragraph: ParagraphNode; match: NonNullable<typeof c.match> } => c.match !== null)
    .filter((c) => parentOf(c.match.id) === parentOf(c.paragraph.id))
    .sort((a, b) => b.match.score - a.match.score);
  for (const { paragraph, match } of candidates) {
    if (assigned.has(paragraph) || taken.has(match.id)) continue;
    claim(paragraph, match.id);
  }

  // The rest keep their positional id unless it was issued for other text.
  const issued = new Set(old.map((o) => o.id));
  for (const paragraph of fresh) {
    if (assigned.has(paragraph)) continue;
    let id = paragraph.id;
    for (let n = 2; taken.has(id) || issued.has(id); n++) id = `${paragraph.id}-${n}`;
    claim(paragraph, id);
  }

  const rename = (p: ParagraphNode): ParagraphNode => ({ ...p, id: assigned.get(p) ?? p.id });
  return {
    ...next,
    children: next.children.map((chapter) => ({
      ...chapter,
      children: chapter.children.map((child) => (child.type === 'paragraph' ? rename(child) : { ...child, children: child.children.map(rename) })),
    })),
  };
}

function parentOf(id: string): string {
  return id.slice(0, id.lastIndexOf('/'));
}
