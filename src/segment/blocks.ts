import type { NormalizedLine } from '../tree/types.ts';

/** A run of lines that forms one structural unit, before ids and citations are given. */
export type Block =
  | { kind: 'chapter'; number: string | null; title: string; pages: number[]; level?: number }
  | { kind: 'annex'; number: string; title: string; pages: number[] }
  | { kind: 'section'; number: string | null; title: string; pages: number[] }
  | { kind: 'box'; number: string; title: string; pages: number[] }
  | { kind: 'paragraph' | 'list-item'; text: string; pages: number[] };

const CHAPTER = /^(\d{1,2})\.\s+(\p{Lu}.*)$/u;
const ANNEX = /^Bilag\s+(\d{1,2})\.?\s*(.*)$/u;
const BOX = /^Boks\s+(\d{1,2})\.?$/u;
const ENDS_SENTENCE = /[.:;!?,)”"]$/;
/** A line shorter than this share of a full line ends its paragraph. */
const SHORT_LINE = 0.75;

/**
 * PDF text lines → blocks. PDF text keeps no paragraph spacing, so structure is read from the
 * layout that survives: numbered chapter and annex headings, "Boks N", short unpunctuated lines
 * standing alone (section headings), and short lines that end a paragraph.
 */
export function blocksFromPdfLines(lines: NormalizedLine[]): Block[] {
  const fullWidth = typicalWidth(lines);
  const isShort = (line: NormalizedLine) => (line.width ?? line.text.length) < fullWidth * SHORT_LINE;
  const blocks: Block[] = [];
  let lastChapter = 0;
  let paragraph: { kind: 'paragraph' | 'list-item'; lines: NormalizedLine[] } | null = null;
  const flush = () => {
    if (paragraph && paragraph.lines.length > 0) {
      blocks.push({ kind: paragraph.kind, text: joinLines(paragraph.lines), pages: pagesOf(paragraph.lines) });
    }
    paragraph = null;
  };
  const previousEnded = () => paragraph === null;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind === 'blank') {
      flush();
      continue;
    }
    const next = nextNonBlank(lines, i);
    const previous = i > 0 ? lines[i - 1] : undefined;
    // The next chapter number in sequence is a heading even where the paragraph before it
    // seemed to go on (a paragraph's last line can be nearly full).
    const chapter = line.kind === 'text' ? CHAPTER.exec(line.text) : null;
    if (chapter && Number(chapter[1]) === lastChapter + 1 && !ENDS_SENTENCE.test(line.text) && isShort(line)) {
      flush();
    }
    const atBoundary = previousEnded() || (previous !== undefined && /[.:!?]$/.test(previous.text));
    if (line.kind === 'text' && atBoundary) {
      if (chapter && Number(chapter[1]) === lastChapter + 1 && !ENDS_SENTENCE.test(line.text) && isShort(line)) {
        flush();
        const { title, used } = headingWithContinuation(chapter[2]!, lines, i, isShort);
        lastChapter += 1;
        blocks.push({ kind: 'chapter', number: chapter[1]!, title, pages: pagesOf(lines.slice(i, i + used)) });
        i += used - 1;
        continue;
      }
      const annex = ANNEX.exec(line.text);
      if (annex && isShort(line)) {
        flush();
        const { title, used } = headingWithContinuation(annex[2]!, lines, i, isShort);
        blocks.push({ kind: 'annex', number: `Bilag ${annex[1]}`, title, pages: pagesOf(lines.slice(i, i + used)) });
        i += used - 1;
        continue;
      }
      const box = BOX.exec(line.text);
      if (box) {
        flush();
        const titleLine = next && next.kind === 'text' && isHeadingLike(next, isShort) ? next : null;
        blocks.push({ kind: 'box', number: `Boks ${box[1]}`, title: titleLine?.text ?? '', pages: [line.page] });
        if (titleLine) i += 1;
        continue;
      }
      const headings = headingRun(lines, i, isShort);
      if (headings) {
        flush();
        for (const heading of headings.titles) blocks.push({ kind: 'section', number: null, title: heading.text, pages: [heading.page] });
        i += headings.used - 1;
        continue;
      }
    }
    if (line.kind === 'bullet' || line.kind === 'heading') flush();
    if (line.kind === 'heading') {
      blocks.push({ kind: 'section', number: null, title: line.text, pages: [line.page] });
      continue;
    }
    paragraph ??= { kind: line.kind === 'bullet' ? 'list-item' : 'paragraph', lines: [] };
    paragraph.lines.push(line);
    const following = lines[i + 1];
    if (!following || following.kind !== 'text' || endsParagraph(line, following, fullWidth, isShort)) flush();
  }
  flush();
  return blocks;
}

/**
 * Markdown-like notes: headings are marked, paragraphs are separated by blank lines. The
 * heading levels in such notes are unreliable, so numbering decides: "2." is a chapter,
 * "2.3." a section; unnumbered headings are chapters at level 1–2 and sections below.
 */
export function blocksFromNoteLines(lines: NormalizedLine[]): Block[] {
  const blocks: Block[] = [];
  let paragraph: { kind: 'paragraph' | 'list-item'; lines: NormalizedLine[] } | null = null;
  const flush = () => {
    if (paragraph && paragraph.lines.length > 0) {
      const text = joinLines(paragraph.lines);
      const previous = blocks.at(-1);
      // A paragraph cut in two by a stray blank line: the second half starts in lower case.
      if (previous?.kind === 'paragraph' && paragraph.kind === 'paragraph' && /^\p{Ll}/u.test(text) && !/[.!?:]$/.test(previous.text)) {
        previous.text = `${previous.text} ${text}`;
        previous.pages = [...new Set([...previous.pages, ...pagesOf(paragraph.lines)])];
      } else {
        blocks.push({ kind: paragraph.kind, text, pages: pagesOf(paragraph.lines) });
      }
    }
    paragraph = null;
  };
  for (const line of lines) {
    if (line.kind === 'blank') {
      flush();
      continue;
    }
    if (line.kind === 'heading') {
      flush();
      promoteThemeLine(blocks);
      blocks.push(noteHeading(line));
      continue;
    }
    if (line.kind === 'bullet') flush();
    paragraph ??= { kind: line.kind === 'bullet' ? 'list-item' : 'paragraph', lines: [] };
    paragraph.lines.push(line);
    // Short unpunctuated lines in a note are a letterhead (date, case number, author), one per line.
    if (line.text.length < 40 && !/[.,;:!?]$/.test(line.text)) flush();
  }
  flush();
  return blocks;
}

/**
 * A theme title written as a plain line just before a heading ("Moderne, effektive og
 * demokratisk styrede regioner" over chapter 7) is a heading too, once real text has begun
 * (before that, short lines are the letterhead).
 */
function promoteThemeLine(blocks: Block[]): void {
  const last = blocks.at(-1);
  if (last?.kind !== 'paragraph' || last.text.length > 80 || /[.,;:!?]$/.test(last.text)) return;
  const textBegun = blocks.some((b) => b.kind === 'paragraph' && b !== last && /[.!?]$/.test(b.text));
  if (!textBegun) return;
  blocks[blocks.length - 1] = { kind: 'chapter', number: null, title: last.text, pages: last.pages };
}

function noteHeading(line: NormalizedLine): Block {
  const numbered = /^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(.+)$/u.exec(line.text);
  if (numbered) {
    const number = numbered[1]!;
    const title = numbered[2]!.trim();
    return number.includes('.')
      ? { kind: 'section', number, title, pages: [line.page] }
      : { kind: 'chapter', number, title, pages: [line.page] };
  }
  return (line.level ?? 2) <= 2
    ? { kind: 'chapter', number: null, title: line.text, pages: [line.page], level: line.level }
    : { kind: 'section', number: null, title: line.text, pages: [line.page] };
}

/** A heading may wrap: "6. Sammenhængende sundhed og effektiv" + "kronikeromsorg". */
function headingWithContinuation(
  first: string,
  lines: NormalizedLine[],
  start: number,
  isShort: (line: NormalizedLine) => boolean,
): { title: string; used: number } {
  const parts = [first.trim()];
  let used = 1;
  for (let j = start + 1; j < lines.length && used < 4; j++) {
    const line = lines[j]!;
    if (line.kind !== 'text' || !/^\p{Ll}/u.test(line.text) || !isShort(line) || /[.:;!?]$/.test(line.text)) break;
    if (line.text.length > 40) break;
    parts.push(line.text.trim());
    used += 1;
  }
  return { title: parts.join(' ').replace(/\s+/g, ' '), used };
}

function isHeadingLike(line: NormalizedLine, isShort: (line: NormalizedLine) => boolean): boolean {
  return (
    line.kind === 'text' &&
    isShort(line) &&
    /^\p{Lu}/u.test(line.text) &&
    !ENDS_SENTENCE.test(line.text) &&
    line.text.length >= 3 &&
    line.text.split(' ').length <= 12
  );
}

/**
 * A heading is a short, unpunctuated line standing before real text. Several may stand
 * together ("Forslag til ny styring" / "Fra styring efter aktivitet til styring" / "efter
 * politiske målsætninger"): a line starting in lower case continues the heading above it.
 */
function headingRun(
  lines: NormalizedLine[],
  start: number,
  isShort: (line: NormalizedLine) => boolean,
): { titles: { text: string; page: number }[]; used: number } | null {
  const titles: { text: string; page: number }[] = [];
  let j = start;
  for (; j < lines.length && j < start + 4; j++) {
    const line = lines[j]!;
    if (line.kind === 'blank') continue;
    const continuation = titles.length > 0 && line.kind === 'text' && /^\p{Ll}/u.test(line.text) && isShort(line) && !ENDS_SENTENCE.test(line.text);
    if (continuation) {
      titles[titles.length - 1]!.text += ` ${line.text}`;
      continue;
    }
    if (!isHeadingLike(line, isShort)) break;
    titles.push({ text: line.text, page: line.page });
  }
  const after = lines.slice(j).find((l) => l.kind !== 'blank');
  if (titles.length === 0 || !after || !startsParagraph(after, isShort)) return null;
  return { titles, used: j - start };
}

/** The line after a heading must open real text, not be another lone short line. */
function startsParagraph(line: NormalizedLine, isShort: (line: NormalizedLine) => boolean): boolean {
  if (line.kind === 'bullet') return true;
  if (line.kind !== 'text') return false;
  return !isShort(line) || ENDS_SENTENCE.test(line.text);
}

/**
 * A line ends its paragraph when it is short, or when it closes a sentence and the next
 * line's first word would still have fitted on it: the writer broke the line on purpose.
 */
function endsParagraph(line: NormalizedLine, next: NormalizedLine, fullWidth: number, isShort: (line: NormalizedLine) => boolean): boolean {
  if (isShort(line)) return true;
  const firstWord = next.text.split(' ', 1)[0] ?? '';
  return /[.:!?)”"]$/.test(line.text) && (line.width ?? line.text.length) + 1 + firstWord.length <= fullWidth;
}

function nextNonBlank(lines: NormalizedLine[], from: number): NormalizedLine | undefined {
  for (let j = from + 1; j < lines.length; j++) if (lines[j]!.kind !== 'blank') return lines[j];
  return undefined;
}

function typicalWidth(lines: NormalizedLine[]): number {
  const widths = lines
    .filter((l) => l.kind === 'text' || l.kind === 'bullet')
    .map((l) => l.width ?? l.text.length)
    .sort((a, b) => a - b);
  return widths[Math.floor(widths.length * 0.9)] ?? 80;
}

function joinLines(lines: NormalizedLine[]): string {
  return lines
    .map((l) => l.text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function pagesOf(lines: { page: number }[]): number[] {
  return [...new Set(lines.map((l) => l.page))].sort((a, b) => a - b);
}
