import { A4, type FlowLayout, type FlowPage, type PageLine, useStyle } from '../../scripts/corpus/pdf-pages.ts';
import type { Random } from './random.ts';

// Recombined text → pages of pre-broken lines for the corpus build's renderFlowPages: lines
// filled to the column width as a typesetter would, some long words hyphenated at the line end
// (the normalizer joins them again), blank lines between blocks, headings kept with the text
// after them, "Side N" footers.

export type FlowItem =
  | { kind: 'heading'; style: string; text: string }
  | { kind: 'paragraph'; style: string; text: string; bullet?: boolean }
  | { kind: 'box'; label: string; title: string; paragraphs: string[] }
  | { kind: 'gap'; style: string };

export interface FlowOptions {
  /** Footer text of a page, or none. */
  footer?: (page: number) => string | undefined;
  /** Write the footer into the content stream after the page's first paragraph (as word processors do). */
  footerAfterFirstParagraph?: boolean;
  /** Stop after this many pages (a one-page proposal). */
  maxPages?: number;
  /** Share of long words broken at a line end. */
  hyphenation: number;
}

const VOWEL = /[aeiouyæøå]/;
/** Line-end parts the normalizer reads as words of their own ("hoved- og …", "it-", months). */
const KEEPS_HYPHEN = new Set(['og', 'eller', 'samt', 'til', 'som', 'end', 'web', 'sms', 'app', 'cpr', 'dna', 'ekg', 'maj', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec']);

export function flowPages(doc: PDFKit.PDFDocument, items: FlowItem[], layout: FlowLayout, random: Random, options: FlowOptions): FlowPage[] {
  const textWidth = A4.width - layout.margin.left - layout.margin.right;
  const lines: PageLine[] = [];
  const style = (name: string) => {
    const found = layout.styles[name];
    if (!found) throw new Error(`unknown style ${name}`);
    return found;
  };
  const wrap = (text: string, styleName: string, width: number) => {
    useStyle(doc, style(styleName));
    return wrapText(doc, text, width, random, options.hyphenation);
  };
  for (const item of items) {
    if (item.kind === 'gap') {
      lines.push({ text: '', style: item.style });
    } else if (item.kind === 'heading') {
      // Headings wrap early, as typeset headings do: a short line reads as a heading.
      for (const text of wrap(item.text, item.style, textWidth * 0.7)) lines.push({ text, style: item.style });
    } else if (item.kind === 'paragraph') {
      const indent = item.bullet ? layout.bulletIndent : 0;
      wrap(item.text, item.style, textWidth - indent).forEach((text, i) => {
        lines.push({ text, style: item.style, ...(item.bullet ? (i === 0 ? { bullet: true } : { hanging: true }) : {}) });
      });
    } else {
      const inner = textWidth - 2 * layout.box.indent;
      lines.push({ text: item.label, style: 'boxHeading', box: item.label });
      for (const text of wrap(item.title, 'boxHeading', inner * 0.7)) lines.push({ text, style: 'boxHeading', box: item.label });
      for (const paragraph of item.paragraphs) {
        lines.push({ text: '', style: 'box', box: item.label });
        for (const text of wrap(paragraph, 'box', inner)) lines.push({ text, style: 'box', box: item.label });
      }
    }
  }
  return paginate(lines, layout, options);
}

/** Greedy line filling; a word that does not fit may be broken before a syllable. */
function wrapText(doc: PDFKit.PDFDocument, text: string, width: number, random: Random, hyphenation: number): string[] {
  const fits = (line: string) => doc.widthOfString(line) <= width;
  const out: string[] = [];
  let line = '';
  const words = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    const split = line && random.chance(hyphenation) ? hyphenate(word, (left) => fits(`${line} ${left}-`)) : null;
    if (split) {
      out.push(`${line} ${split[0]}-`);
      line = split[1];
      continue;
    }
    if (line) out.push(line);
    if (!fits(word)) throw new Error(`a word wider than its column: "${word}"`);
    line = word;
  }
  if (line) out.push(line);
  return out;
}

/** The longest left part that fits, broken before a consonant that opens a syllable. */
function hyphenate(word: string, fits: (left: string) => boolean): [string, string] | null {
  const match = /^(\p{Ll}+)([.,;:]?)$/u.exec(word);
  if (!match || match[1]!.length < 8) return null;
  const letters = match[1]!;
  for (let cut = letters.length - 3; cut >= 3; cut--) {
    const left = letters.slice(0, cut);
    const right = letters.slice(cut);
    if (VOWEL.test(right[0]!) || !VOWEL.test(right[1] ?? '') || KEEPS_HYPHEN.has(left) || KEEPS_HYPHEN.has(right)) continue;
    if (fits(left)) return [left, right + match[2]!];
  }
  return null;
}

function paginate(lines: PageLine[], layout: FlowLayout, options: FlowOptions): FlowPage[] {
  const bottom = A4.height - layout.margin.bottom;
  const pages: PageLine[][] = [];
  let page: PageLine[] = [];
  let y = layout.margin.top;
  const isHeading = (line: PageLine) => line.style !== 'body' && line.style !== 'box';
  for (const line of lines) {
    if (page.length === 0 && line.text === '') continue;
    const style = layout.styles[line.style]!;
    const top = y + (line.text !== '' && page.length > 0 ? (style.spaceBefore ?? 0) : 0);
    if (line.text !== '' && top + style.size > bottom) {
      // Headings (and the blank before them) go over with the text they introduce.
      const carried: PageLine[] = [];
      while (page.length > 0 && (page.at(-1)!.text === '' || isHeading(page.at(-1)!))) carried.unshift(page.pop()!);
      pages.push(page);
      if (options.maxPages !== undefined && pages.length >= options.maxPages) break;
      page = [];
      y = layout.margin.top;
      for (const moved of carried.filter((l, i) => i > 0 || l.text !== '')) y = place(moved);
      y = place(line);
      continue;
    }
    y = place(line);
  }
  if (page.some((l) => l.text !== '') && (options.maxPages === undefined || pages.length < options.maxPages)) pages.push(page);
  return pages.map((pageLines, index) => {
    while (pageLines.at(-1)?.text === '') pageLines.pop();
    const text = options.footer?.(index + 1);
    if (text === undefined) return { lines: pageLines };
    const firstEnd = pageLines.findIndex((l, i) => i > 0 && l.text === '' && pageLines[i - 1]!.style === 'body');
    const afterLine = options.footerAfterFirstParagraph && firstEnd > 0 ? firstEnd - 1 : undefined;
    return { lines: pageLines, footer: { text, ...(afterLine !== undefined ? { afterLine } : {}) } };
  });

  function place(line: PageLine): number {
    const style = layout.styles[line.style]!;
    const top = y + (line.text !== '' && page.length > 0 ? (style.spaceBefore ?? 0) : 0);
    page.push(line);
    return top + (line.text === '' ? style.blank : style.leading);
  }
}
