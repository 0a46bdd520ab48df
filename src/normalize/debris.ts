// Patterns for what extraction leaves behind that is not the document's text.

/** Page footers and headers: "Side 2", "Side 2 af 9", a bare "12", "- 3 -". */
export const PAGE_NUMBER_LINE = /^(?:side\s+\d+(?:\s*(?:af|\/)\s*\d+)?|-?\s*\d{1,4}\s*-?)$/i;

/** A line of a table of contents: title, dotted leader, page number ("Indledning.....\t3"). */
export const TOC_LINE = /(?:\.{4,}|…{2,}|\. \. \. )\s*(?:\t\s*)?\d{1,4}\s*$/;

/** Word-processor artefacts that survive extraction as text lines. */
export const ARTEFACT_LINE = /^(?:nyt kapitel|sektionsskift|sideskift|\p{Ll})$/iu;

/** Stray markup from conversions: <b>, </i>, <br/>. */
export const STRAY_TAG = /<\/?(?:b|i|u|em|strong|br|span|sup|sub|p)\s*\/?>/gi;

/** Bullet glyphs as they come out of PDFs (Symbol-font bullets land in the private use area). */
export const BULLET_START = /^[\u2022\u25AA\u25CF\u25E6\u2023\u2043\u00B7\uF0B7\uF0A7\uF076\uF0D8\u25A0\u25A1\u2013\u2014-](?:\s+|\t)(?=\S)/u;
