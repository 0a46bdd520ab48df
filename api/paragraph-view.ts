import type { ParagraphLookup } from '../src/index/backend.ts';
import type { FollowUpVia } from '../src/enrich/index.ts';
import type { Citation, ParagraphNode } from '../src/tree/types.ts';
import { NO_FOLLOW_UPS, type FollowingRow, type FollowUps } from './follow-ups.ts';
import { chapterLabel, citeFormats, formatCitation, type CiteFormats } from './format/citation.ts';
import { absoluteUrl, paragraphPath } from './format/permalink.ts';

// One view of a permalink's lookup, shared by the JSON resource and the HTML page.

/** Longest snippet of a followed paragraph's text, in characters. */
const SNIPPET_LENGTH = 240;

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

/** An agreement paragraph a follow-up row follows. */
export interface FollowsView {
  id: string;
  permalink: string;
  citation: Citation;
  /** The Danish reference string. */
  citationText: string;
  /** The paragraph's text, shortened. */
  snippet: string;
  score: number;
  via: FollowUpVia;
}

/** A follow-up row that follows an agreement paragraph; `id` and `permalink` are its status cell's. */
export type FollowedUpByView = Omit<FollowingRow, 'cellId'> & { id: string; permalink: string };

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
  follows: FollowsView[];
  followedUpBy: FollowedUpByView[];
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

/** `followUps` are the found paragraph's (see follow-ups.ts); other lookups have none. */
export function paragraphView(lookup: ParagraphLookup, site: string, followUps: FollowUps = NO_FOLLOW_UPS): ParagraphView {
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
        follows: followUps.follows.map((followed) => ({
          id: followed.id,
          permalink: absoluteUrl(site, paragraphPath(followed.id)),
          citation: followed.citation,
          citationText: formatCitation(followed.citation),
          snippet: shorten(followed.text, SNIPPET_LENGTH),
          score: roundScore(followed.score),
          via: followed.via,
        })),
        followedUpBy: followUps.followedUpBy.map((row) => ({
          id: row.cellId,
          permalink: absoluteUrl(site, paragraphPath(row.cellId)),
          rowId: row.rowId,
          document: row.document,
          topic: row.topic,
          status: row.status,
          responsible: row.responsible,
          references: row.references,
          score: roundScore(row.score),
          via: row.via,
        })),
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


/** The text up to `max` characters, cut at a word boundary with "…". */
function shorten(text: string, max: number): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  if (folded.length <= max) return folded;
  const cut = folded.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/u, '')} …`;
}

function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}
