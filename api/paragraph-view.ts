import type { ParagraphLookup } from '../src/index/backend.ts';
import type { Citation, ParagraphNode } from '../src/tree/types.ts';
import { chapterLabel, citeFormats, type CiteFormats } from './format/citation.ts';
import { absoluteUrl, paragraphPath } from './format/permalink.ts';

// One view of a permalink's lookup, shared by the JSON resource and the HTML page.

export interface Neighbour {
  id: string;
  permalink: string;
  text: string;
}

export interface Crumb {
  label: string;
  /** Root-relative link; absent for the last crumbs that have no page of their own. */
  href?: string;
}

export interface FoundView {
  status: 'found';
  id: string;
  permalink: string;
  role: ParagraphNode['role'];
  text: string;
  page: number;
  pages: number[];
  box?: string;
  column?: ParagraphNode['column'];
  citation: Citation;
  cite: CiteFormats;
  breadcrumb: Crumb[];
  previous: Neighbour | null;
  next: Neighbour | null;
}

export interface ArchivedView {
  status: 'archived';
  id: string;
  permalink: string;
  quote: string;
  archivedAt: string;
  citation: Citation;
  cite: CiteFormats;
  breadcrumb: Crumb[];
}

export interface MovedView {
  status: 'moved';
  from: string;
  to: string;
}

export type ParagraphView = FoundView | ArchivedView | MovedView | { status: 'unknown' };

export function paragraphView(lookup: ParagraphLookup, site: string): ParagraphView {
  switch (lookup.status) {
    case 'found': {
      const p = lookup.paragraph;
      const permalink = absoluteUrl(site, paragraphPath(p.id));
      return {
        status: 'found',
        id: p.id,
        permalink,
        role: p.role,
        text: p.text,
        page: p.page,
        pages: p.pages,
        ...(p.box !== undefined ? { box: p.box } : {}),
        ...(p.column !== undefined ? { column: p.column } : {}),
        citation: p.citation,
        cite: citeFormats(p.citation, permalink),
        breadcrumb: breadcrumb(p.citation),
        previous: neighbour(lookup.previous, site),
        next: neighbour(lookup.next, site),
      };
    }
    case 'archived': {
      const permalink = absoluteUrl(site, paragraphPath(lookup.id));
      return {
        status: 'archived',
        id: lookup.id,
        permalink,
        quote: lookup.fingerprint.quote,
        archivedAt: lookup.archivedAt,
        citation: lookup.citation,
        cite: citeFormats(lookup.citation, permalink),
        breadcrumb: breadcrumb(lookup.citation),
      };
    }
    case 'moved':
      return { status: 'moved', from: lookup.from, to: lookup.to };
    case 'unknown':
      return { status: 'unknown' };
  }
}

/** document › kap. › afsnit: the document links to a search within it. */
export function breadcrumb(citation: Citation): Crumb[] {
  const crumbs: Crumb[] = [{ label: citation.document.title, href: `/?doc=${encodeURIComponent(citation.document.id)}` }];
  if (citation.chapter) crumbs.push({ label: chapterLabel(citation.chapter) });
  if (citation.section) crumbs.push({ label: citation.section.number ? `${citation.section.number} ${citation.section.title}` : citation.section.title });
  crumbs.push({ label: `afsnit ${citation.paragraph}` });
  return crumbs;
}

function neighbour(paragraph: ParagraphNode | null, site: string): Neighbour | null {
  if (!paragraph) return null;
  return { id: paragraph.id, permalink: absoluteUrl(site, paragraphPath(paragraph.id)), text: paragraph.text };
}
