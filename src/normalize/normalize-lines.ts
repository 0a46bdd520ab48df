import type { ExtractedText, Finding, NormalizedLine, PageText } from '../tree/types.ts';
import { ARTEFACT_LINE, BULLET_START, PAGE_NUMBER_LINE, STRAY_TAG, TOC_LINE } from './debris.ts';
import { joinLineEndHyphen, repairMidLineHyphens, type IsWord } from './hyphenation.ts';

export interface NormalizeResult {
  lines: NormalizedLine[];
  findings: Finding[];
}

const MARKDOWN_HEADING = /^(#{1,6})\s+(.*)$/;

/**
 * Extracted pages → clean lines with their pages: footers, tags, tables of contents and
 * artefacts dropped, bullet glyphs turned into list markers, hyphenation joined (also across
 * pages) and copy-paste hyphens repaired. Blank lines are kept where the source has them.
 */
export function normalizeText(
  extracted: Pick<ExtractedText, 'format' | 'pages'>,
  isWord: IsWord,
  options: { footers?: boolean } = {},
): NormalizeResult {
  const findings: Finding[] = [];
  const raw = extracted.pages.flatMap((page) => pageLines(page, findings, options.footers ?? true));
  const lines =
    extracted.format === 'note'
      ? raw.flatMap((line) => {
          const parsed = markdownLine(line);
          return parsed ? [dropEmphasis(parsed)] : [];
        })
      : raw;
  return { lines: joinHyphenation(dropTableOfContents(lines, findings), isWord), findings };
}

function pageLines(page: PageText, findings: Finding[], footers: boolean): NormalizedLine[] {
  const texts = page.text.split('\n').map((line) => cleanLine(line));
  const nonBlank = texts.map((t, i) => (t === '' ? -1 : i)).filter((i) => i >= 0);
  const edges = new Set([nonBlank[0], nonBlank.at(-1)]);
  const lines: NormalizedLine[] = [];
  texts.forEach((text, index) => {
    if (text === '') {
      lines.push({ text: '', page: page.page, kind: 'blank' });
      return;
    }
    // A bare number is only a page number at the top or bottom of a page; "Side N" anywhere.
    if (footers && PAGE_NUMBER_LINE.test(text) && (edges.has(index) || /^side/i.test(text))) {
      findings.push({ code: 'footer-removed', message: `removed page footer "${text}"`, page: page.page });
      return;
    }
    if (ARTEFACT_LINE.test(text)) {
      findings.push({ code: 'artefact-removed', message: `removed artefact "${text}"`, page: page.page });
      return;
    }
    const bullet = BULLET_START.exec(text);
    if (bullet) lines.push({ text: text.slice(bullet[0].length), page: page.page, kind: 'bullet', width: text.length });
    else lines.push({ text, page: page.page, kind: 'text', width: text.length });
  });
  return lines;
}

function cleanLine(line: string): string {
  return line
    .replace(STRAY_TAG, '')
    .replace(/[\u00AD\u200B\uFEFF]/g, '')
    .replace(/[ \t\u00A0]+/g, ' ')
    .trim();
}

/** Markdown escapes (`\*`) are unescaped, links keep their text; a thematic break (`***`, `---`) is layout, not text. */
function markdownLine(line: NormalizedLine): NormalizedLine | null {
  const text = line.text
    .replace(/\\([\\`*_{}[\]()#+\-.!"])/g, '$1')
    .replace(/\[([^\]]+)\]\([^)\s]*\)/g, '$1');
  if (/^(?:[*_-]\s*){3,}$/.test(text)) return null;
  return markdownHeading({ ...line, text });
}

function markdownHeading(line: NormalizedLine): NormalizedLine {
  const match = MARKDOWN_HEADING.exec(line.text);
  if (!match) return line;
  const title = (match[2] ?? '').replace(/^[*_]+|[*_]+$/g, '').trim();
  return { text: title, page: line.page, kind: 'heading', level: match[1]?.length ?? 1 };
}

/** Markdown emphasis (*word*, **word**, _word_) is typography, not text. */
function dropEmphasis(line: NormalizedLine): NormalizedLine {
  return { ...line, text: line.text.replace(/(\*\*|\*|__|_)(?=\S)(.+?)(?<=\S)\1/g, '$2') };
}

/** Drops TOC lines, and a heading "Indhold"/"Indholdsfortegnelse" that only introduces them. */
function dropTableOfContents(lines: NormalizedLine[], findings: Finding[]): NormalizedLine[] {
  const isToc = (line: NormalizedLine) => line.kind !== 'blank' && TOC_LINE.test(line.text);
  const tocCount = lines.filter(isToc).length;
  if (tocCount > 0) findings.push({ code: 'toc-removed', message: `removed ${tocCount} table-of-contents lines` });
  return lines.filter((line, index) => {
    if (isToc(line)) return false;
    if (/^indhold(sfortegnelse)?$/i.test(line.text)) {
      const next = lines.slice(index + 1).find((l) => l.kind !== 'blank');
      return !(next && isToc(next));
    }
    return true;
  });
}

function joinHyphenation(lines: NormalizedLine[], isWord: IsWord): NormalizedLine[] {
  const out: NormalizedLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = { ...lines[i]! };
    if (line.kind === 'blank' || line.kind === 'heading') {
      out.push(line);
      continue;
    }
    line.text = repairMidLineHyphens(line.text, isWord);
    const next = nextTextLine(lines, i);
    if (/\p{L}-$/u.test(line.text) && next) {
      const target = lines[next.index]!;
      const [firstWord = '', ...rest] = target.text.split(' ');
      const lastSpace = line.text.lastIndexOf(' ');
      const head = line.text.slice(0, lastSpace + 1);
      const tail = line.text.slice(lastSpace + 1);
      line.text = head + joinLineEndHyphen(tail, firstWord, isWord);
      lines[next.index] = { ...target, text: rest.join(' ') };
      // The moved word was the whole next line: its slot is gone, not a paragraph break.
      if (rest.length === 0) lines.splice(next.index, 1);
    }
    out.push(line);
  }
  return out.filter((line) => line.kind === 'blank' || line.text !== '');
}

/** The next line a hyphenated word can continue on: blank lines and page breaks are crossed. */
function nextTextLine(lines: NormalizedLine[], from: number): { index: number } | undefined {
  for (let j = from + 1; j < lines.length && j <= from + 4; j++) {
    const candidate = lines[j]!;
    if (candidate.kind === 'text') return { index: j };
    if (candidate.kind !== 'blank') return undefined;
  }
  return undefined;
}

/** Table cell text: lines joined into paragraphs, hyphenation and bullets handled the same way. */
export function normalizeCellText(text: string, isWord: IsWord): NormalizedLine[] {
  return normalizeText({ format: 'pdf', pages: [{ page: 0, text }] }, isWord, { footers: false }).lines;
}
