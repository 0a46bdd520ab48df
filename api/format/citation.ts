import type { Citation, Heading } from '../../src/tree/types.ts';

// How a paragraph is cited: a Danish reference string, a Markdown link and the plain URL.
// Pure: the caller decides the URL (it knows the public address).

export interface CiteFormats {
  /** "Aftale om regionernes økonomi for 2018, kap. 3 Styrings- og kvalitetsudvikling, s. 5, afsnit 2" */
  text: string;
  /** `[<text>](<url>)` */
  markdown: string;
  url: string;
}

/** The Danish reference string for a citation. */
export function formatCitation(citation: Citation): string {
  const parts = [citation.document.title];
  if (citation.chapter) parts.push(chapterLabel(citation.chapter));
  if (citation.section) parts.push(sectionLabel(citation.section));
  parts.push(pageLabel(citation.pages.length > 0 ? citation.pages : [citation.page]));
  parts.push(`afsnit ${citation.paragraph}`);
  return parts.filter((part) => part !== '').join(', ');
}

export function citeFormats(citation: Citation, url: string): CiteFormats {
  const text = formatCitation(citation);
  return { text, markdown: `[${escapeMarkdownLabel(text)}](${escapeMarkdownUrl(url)})`, url };
}

/** "kap. 3 Styrings- og kvalitetsudvikling", "bilag 1 Oversigt", or the bare title when unnumbered. */
export function chapterLabel(heading: Heading): string {
  if (heading.number === null) return heading.title;
  // Annexes and boxes carry their word in the number ("Bilag 1"); chapters carry a bare number.
  if (/^\d/.test(heading.number)) return `kap. ${heading.number} ${heading.title}`;
  return `${lowerFirst(heading.number)} ${heading.title}`;
}

/** "pkt. 2.3 Justeret tidsplan", or the section title as printed when unnumbered. */
export function sectionLabel(heading: Heading): string {
  if (heading.number === null) return heading.title;
  if (/^\d/.test(heading.number)) return `pkt. ${heading.number} ${heading.title}`;
  return `${lowerFirst(heading.number)} ${heading.title}`;
}

function pageLabel(pages: number[]): string {
  const first = Math.min(...pages);
  const last = Math.max(...pages);
  return first === last ? `s. ${first}` : `s. ${first}-${last}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function escapeMarkdownLabel(text: string): string {
  return text.replace(/[\\[\]]/g, (ch) => `\\${ch}`);
}

function escapeMarkdownUrl(url: string): string {
  // encodeURIComponent leaves parentheses alone, and a ")" would end the Markdown link.
  return url.replace(/[()\s]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
