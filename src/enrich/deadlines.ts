import type { Deadline, DeadlinePrecision } from '../tree/types.ts';

/**
 * A Danish deadline grammar: a table of time-expression rules (pattern → interval builder),
 * each optionally preceded by a cue ("inden udgangen af", "senest", "frem mod" …).
 *
 * Conventions (documented here because the texts leave them open):
 * - The interval is that of the time expression itself; the cue is kept in `text` but does not
 *   move the interval: "inden udgangen af 2018" → 2018-01-01..2018-12-31 ('year'), so its end
 *   is the deadline.
 * - primo / ultimo YEAR = first / last quarter ('quarter'); medio YEAR = June–July ('month'),
 *   the two months around the turn of the half-year. primo / medio / ultimo MONTH = days 1–10 /
 *   11–20 / 21–end ('month'). "starten/begyndelsen af", "midten af", "slutningen af" read as
 *   primo, medio, ultimo.
 * - Seasons: forår Mar–May, sommer Jun–Aug, efterår Sep–Nov, vinter Dec (year−1)–Feb ('season').
 * - An ØA for year N (ØA21, "økonomiaftalen for 2021", "økonomiforhandlingerne for 2021",
 *   "aftalerne om den kommunale og regionale økonomi for 2021") is negotiated in spring–summer of
 *   N−1: (N−1)-03-01..(N−1)-06-30 ('season'). "inden ØA21" thus ends 2020-06-30.
 * - "årets udgang" is the document's own year; "årsskiftet 2017/2018" is Dec 2017–Jan 2018.
 * - "fra A til (og med) B", "A-B" (years) and "i YEAR og YEAR" are periods ('period').
 *
 * Which bare years are deadlines: a year, a year range or an agreement name counts only after a
 * cue word ("i", "inden", "senest", "frem mod", "fra", "til og med", "i perioden" …), never as a
 * name part ("strategi 2018-2022", "takstsystem 2018", "for perioden 2016-2020"), a price basis
 * ("18-pl", "2018-niveau") or an economic figure: a year next to an amount ("0,5 mia. kr. i 2018",
 * "i 2018 på 131 mio. kr.", "151,1 mio. kr. årligt fra 2018") is a budget year, not a deadline.
 * Dates, months with a year, quarters, half-years, seasons and primo/medio/ultimo stand alone; a
 * date or month without a year ("den 19. september", "i november") needs a cue and takes the
 * document's year. Not deadlines either: a date after "efter", "siden" or "tidligst" (a condition or
 * history), and the date of a document ("hvidbogen fra april 2017", "økonomiaftalen fra 2019").
 */

/** A deadline found in a text, with its position: `text` is `source.slice(from, to)`. */
export interface LocatedDeadline extends Deadline {
  from: number;
  to: number;
}

export interface DeadlineContext {
  /** The year the document was written or is about; resolves "inden årets udgang" and yearless dates. */
  documentYear: number | null;
}

interface Interval {
  start: string;
  end: string;
  precision: DeadlinePrecision;
}

type Groups = Record<string, string | undefined>;

interface Rule {
  name: string;
  /** Regex source of the time expression, with named groups read by `build`. */
  core: string;
  /** True when the expression is only a deadline after a cue word (bare years, agreement names). */
  needsCue: boolean;
  build: (g: Groups, ctx: DeadlineContext) => Interval | null;
}

// ------------------------------------------------------------------ vocabulary

const MONTHS: [string, number][] = [
  ['januar', 1], ['februar', 2], ['marts', 3], ['april', 4], ['maj', 5], ['juni', 6], ['juli', 7],
  ['august', 8], ['september', 9], ['oktober', 10], ['november', 11], ['december', 12],
  ['sept', 9], ['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4], ['jun', 6], ['jul', 7], ['aug', 8],
  ['sep', 9], ['okt', 10], ['nov', 11], ['dec', 12],
];
const MONTH_NUMBER = new Map(MONTHS);

const ORDINALS: Record<string, number> = {
  '1.': 1, første: 1, '2.': 2, anden: 2, andet: 2, '3.': 3, tredje: 3, '4.': 4, fjerde: 4,
};

const SEASONS: Record<string, { from: number; to: number; yearShift: number }> = {
  forår: { from: 3, to: 5, yearShift: 0 },
  sommer: { from: 6, to: 8, yearShift: 0 },
  efterår: { from: 9, to: 11, yearShift: 0 },
  vinter: { from: 12, to: 2, yearShift: -1 },
};

/** Longest alternatives first, since regex alternation takes the first that matches. */
const CUES = [
  'senest\\s+inden\\s+udgangen\\s+af', 'senest\\s+med\\s+udgangen\\s+af', 'senest\\s+ved\\s+udgangen\\s+af',
  'inden\\s+udgangen\\s+af', 'ved\\s+udgangen\\s+af', 'med\\s+udgangen\\s+af', 'frem\\s+mod\\s+udgangen\\s+af',
  'i\\s+forbindelse\\s+med', 'i\\s+løbet\\s+af', 'i\\s+perioden', 'til\\s+og\\s+med', 'frem\\s+mod', 'frem\\s+til',
  'forud\\s+for', 'senest\\s+i', 'mellem', 'senest', 'inden', 'indtil', 'omkring', 'fra', 'pr\\.', 'ved', 'den', 'd\\.', 'i',
];

const YEAR = '(?:19|20)\\d{2}';
const isAbbreviation = (name: string) => name.length <= 4 && name !== 'maj' && name !== 'juni' && name !== 'juli';
const MONTH = `(?:${MONTHS.map(([name]) => (isAbbreviation(name) ? `${name}\\.?` : name)).sort((a, b) => b.length - a.length).join('|')})`;
const DAY = '(?:[12]\\d|3[01]|0?[1-9])';
const ORDINAL = '(?:[1-4]\\.|første|anden|andet|tredje|fjerde)';
const AGREEMENT_NAME =
  '(?:økonomi(?:aftale|forhandling)\\p{L}*|(?:aftale|forhandling|drøftelse)\\p{L}*\\s+om\\s+(?:den\\s+)?(?:kommunale\\s+og\\s+)?region\\p{L}*\\s+økonomi)';

// ------------------------------------------------------------------ intervals

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const iso = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

function months(year: number, from: number, to: number, precision: DeadlinePrecision, toYear = year): Interval {
  return { start: iso(year, from, 1), end: iso(toYear, to, lastDay(toYear, to)), precision };
}

const wholeYear = (year: number): Interval => months(year, 1, 12, 'year');

function yearOf(g: Groups, key: string, ctx: DeadlineContext): number | null {
  const written = g[key];
  return written === undefined ? ctx.documentYear : Number(written);
}

function monthOf(written: string | undefined): number | null {
  if (written === undefined) return null;
  return MONTH_NUMBER.get(written.toLowerCase().replace(/\.$/, '')) ?? null;
}

type Part = 'primo' | 'medio' | 'ultimo';

function partOf(written: string): Part {
  const word = written.toLowerCase();
  if (word.startsWith('primo') || word.startsWith('start') || word.startsWith('begyndelse')) return 'primo';
  if (word.startsWith('medio') || word.startsWith('midt')) return 'medio';
  return 'ultimo';
}

function partOfYear(part: Part, year: number): Interval {
  if (part === 'primo') return months(year, 1, 3, 'quarter');
  if (part === 'medio') return months(year, 6, 7, 'month');
  return months(year, 10, 12, 'quarter');
}

function partOfMonth(part: Part, year: number, month: number): Interval {
  const [from, to] = part === 'primo' ? [1, 10] : part === 'medio' ? [11, 20] : [21, lastDay(year, month)];
  return { start: iso(year, month, from), end: iso(year, month, to), precision: 'month' };
}

function agreementInterval(agreementYear: number): Interval {
  return months(agreementYear - 1, 3, 6, 'season');
}

function fullYear(written: string): number {
  return written.length === 2 ? 2000 + Number(written) : Number(written);
}

function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= lastDay(year, month);
}

function dayOf(g: Groups, ctx: DeadlineContext): Interval | null {
  const year = yearOf(g, 'year', ctx);
  const month = monthOf(g.month);
  const day = Number(g.day);
  if (year === null || month === null || !validDay(year, month, day)) return null;
  return { start: iso(year, month, day), end: iso(year, month, day), precision: 'day' };
}

function period(first: Interval, last: Interval): Interval {
  return { start: first.start, end: last.end, precision: 'period' };
}

// ------------------------------------------------------------------ the rule table

const RULES: Rule[] = [
  {
    name: 'day-month-year',
    core: `(?<day>${DAY})\\.\\s*(?<month>${MONTH})\\s+(?<year>${YEAR})`,
    needsCue: false,
    build: (g, ctx) => dayOf(g, ctx),
  },
  {
    name: 'day-month-of-document-year',
    core: `(?<day>${DAY})\\.\\s*(?<month>${MONTH})`,
    needsCue: true,
    build: (g, ctx) => dayOf(g, ctx),
  },
  {
    name: 'numeric-date',

    core: `(?<day>${DAY})\\.(?<month>0?[1-9]|1[0-2])\\.\\s?(?<year>${YEAR})`,
    needsCue: false,
    build: (g) => {
      const [year, month, day] = [Number(g.year), Number(g.month), Number(g.day)];
      if (!validDay(year, month, day)) return null;
      return { start: iso(year, month, day), end: iso(year, month, day), precision: 'day' };
    },
  },
  {
    name: 'part-of-month',
    core: `(?<part>primo|medio|ultimo|start|slut|starten\\s+af|begyndelsen\\s+af|midten\\s+af|slutningen\\s+af)\\s+(?<month>${MONTH})(?:\\s+måned)?(?:\\s+(?<year>${YEAR}))?`,
    needsCue: false,
    build: (g, ctx) => {
      const year = yearOf(g, 'year', ctx);
      const month = monthOf(g.month);
      if (year === null || month === null || g.part === undefined) return null;
      return partOfMonth(partOf(g.part), year, month);
    },
  },
  {
    name: 'month-range',
    core: `(?<first>${MONTH})\\s*[-–]\\s*(?<last>${MONTH})\\s+(?<year>${YEAR})`,
    needsCue: false,
    build: (g) => {
      const [first, last] = [monthOf(g.first), monthOf(g.last)];
      if (first === null || last === null || last <= first) return null;
      return months(Number(g.year), first, last, 'period');
    },
  },
  {
    name: 'month-year',
    core: `(?<month>${MONTH})(?:\\s+måned)?\\s+(?<year>${YEAR})`,
    needsCue: false,
    build: (g) => {
      const month = monthOf(g.month);
      if (month === null) return null;
      return months(Number(g.year), month, month, 'month');
    },
  },
  {
    name: 'month-of-document-year',
    core: `(?<month>${MONTH})(?:\\s+måned)?`,
    needsCue: true,
    build: (g, ctx) => {
      const month = monthOf(g.month);
      if (month === null || ctx.documentYear === null) return null;
      return months(ctx.documentYear, month, month, 'month');
    },
  },
  {
    name: 'quarter',
    core: `(?:(?<ordinal>${ORDINAL})\\s*kvartal|Q(?<q>[1-4]))\\s*(?:af\\s+)?(?<year>${YEAR})`,
    needsCue: false,
    build: (g) => {
      const quarter = g.q !== undefined ? Number(g.q) : ORDINALS[(g.ordinal ?? '').toLowerCase()];
      if (quarter === undefined) return null;
      return months(Number(g.year), quarter * 3 - 2, quarter * 3, 'quarter');
    },
  },
  {
    name: 'half-year',
    core: `(?<ordinal>[12]\\.|første|anden|andet)\\s*halvår(?:et)?\\s*(?:af\\s+)?(?<year>${YEAR})`,
    needsCue: false,
    build: (g) => {
      const half = ORDINALS[(g.ordinal ?? '').toLowerCase()];
      if (half === undefined) return null;
      return months(Number(g.year), half === 1 ? 1 : 7, half === 1 ? 6 : 12, 'half-year');
    },
  },
  {
    name: 'season',
    core: `(?<season>forår|sommer|efterår|vinter)(?:et|en)?\\s+(?<year>${YEAR})`,
    needsCue: false,
    build: (g) => {
      const season = SEASONS[(g.season ?? '').toLowerCase()];
      if (season === undefined) return null;
      const year = Number(g.year);
      return months(year + season.yearShift, season.from, season.to, 'season', year);
    },
  },
  {
    name: 'part-of-year',
    core: `(?<part>primo|medio|ultimo|starten\\s+af|begyndelsen\\s+af|midten\\s+af|slutningen\\s+af)\\s+(?<year>${YEAR})`,
    needsCue: false,
    build: (g) => (g.part === undefined ? null : partOfYear(partOf(g.part), Number(g.year))),
  },
  {
    name: 'end-of-document-year',
    core: 'årets\\s+udgang',
    needsCue: false,
    build: (_g, ctx) => (ctx.documentYear === null ? null : wholeYear(ctx.documentYear)),
  },
  {
    name: 'turn-of-year',
    core: `årsskiftet\\s+(?<from>${YEAR})\\s*/\\s*(?<to>${YEAR}|\\d{2})`,
    needsCue: false,
    build: (g) => {
      const from = Number(g.from);
      if (fullYear(g.to ?? '') !== from + 1) return null;
      return months(from, 12, 1, 'month', from + 1);
    },
  },
  {
    name: 'agreement-abbreviation',
    core: 'ØA\\s?-?(?<year>\\d{4}|\\d{2})(?![\\d\\p{L}])',
    needsCue: true,
    build: (g) => agreementInterval(fullYear(g.year ?? '')),
  },
  {
    name: 'agreement-name',
    core: `${AGREEMENT_NAME}\\s+for\\s+(?<year>${YEAR})(?:\\s+og\\s+(?<year2>${YEAR}))?`,
    needsCue: true,
    build: (g) => {
      const first = agreementInterval(Number(g.year));
      return g.year2 === undefined ? first : period(first, agreementInterval(Number(g.year2)));
    },
  },
  {
    name: 'year-range',
    core: `(?<from>${YEAR})\\s*[-–]\\s*(?<to>${YEAR}|\\d{2})(?![\\d-])`,
    needsCue: true,
    build: (g) => {
      const from = Number(g.from);
      const to = g.to !== undefined && g.to.length === 2 ? Math.floor(from / 100) * 100 + Number(g.to) : Number(g.to);
      return to > from ? months(from, 1, 12, 'period', to) : null;
    },
  },
  {
    name: 'year',
    core: `(?<year>${YEAR})(?:\\s+og\\s+(?<year2>${YEAR}))?(?![.,]\\d)`,
    needsCue: true,
    build: (g) => {
      const first = wholeYear(Number(g.year));
      if (g.year2 === undefined) return first;
      const last = wholeYear(Number(g.year2));
      return last.start > first.start ? period(first, last) : null;
    },
  },
];

const NOT_WORD_BEFORE = '(?<![\\p{L}\\d])';
const NOT_WORD_AFTER = '(?![\\p{L}\\d])';
const CUE = `(?<cue>${CUES.join('|')})`;

const COMPILED = RULES.map((rule) => ({
  rule,
  regex: new RegExp(
    `${NOT_WORD_BEFORE}(?:${CUE}\\s+)${rule.needsCue ? '' : '?'}(?:${rule.core})${NOT_WORD_AFTER}`,
    'giu',
  ),
}));

// ------------------------------------------------------------------ economic figures

const AMOUNT_BEFORE = /(?:kr\.?|mio\.?|mia\.?|pct\.?|procent|%)\s*(?:\([^)]{0,12}\)\s*)?(?:årligt\s*)?$/iu;
const AMOUNT_AFTER = /^\s*(?:\([^)]{0,12}\)\s*)?(?:[\p{L}-]+\s+){0,3}?(?:ca\.\s*)?\d[\d.,½]*\s*(?:mia|mio|kr|pct|procent|%)/iu;
/** Money earlier in the same clause ("De 50 mio. kr. til fødeafdelingerne fordeles i 2018"). */
const MONEY_IN_CLAUSE = /\d[\d.,]*\s*(?:mia\.|mio\.|kr\.)[^,;:]*$/iu;
/** The thing dated is money: "midler i 2020", "projektomkostningerne i 2018". */
const MONEY_NOUN_BEFORE = /(?:midl|bevilling|udgift|omkostning|budget|tilskud|finansiering)\p{L}*\s*$/iu;
const PRICE_BASIS_AFTER = /^-?(?:pl|niveau|priser|midl)/iu;
/** "hvidbogen fra april 2017", "økonomiaftalen fra 2019": the date names a document, not a deadline. */
const DOCUMENT_NOUN_BEFORE_FRA =
  /(?:bog|rapport|analyse|plan|udspil|aftale|retningslinje|strategi|lov|vejledning|anbefaling|evaluering)\p{L}{0,4}(?:\s+(?:af|om|på|for)\s+[\p{L}-]+){0,2}\s*(?:[”"][^”"]*[”"]\s*)?$/iu;
/** "efter 1. maj 2017", "siden september 2017", "tidligst 2 år efter": conditions and history, not deadlines. */
const NOT_A_DEADLINE_BEFORE = /(?<![\p{L}\d])(?:efter|siden|tidligst)\s+$/iu;

/** A year next to an amount is a budget year; "2018-niveau", "18-pl" are price bases. */
function isEconomicFigure(text: string, from: number, to: number): boolean {
  const before = text.slice(Math.max(0, from - 60), from);
  return AMOUNT_BEFORE.test(before.slice(-40)) || MONEY_IN_CLAUSE.test(before) || MONEY_NOUN_BEFORE.test(before) ||
    AMOUNT_AFTER.test(text.slice(to, to + 40)) || PRICE_BASIS_AFTER.test(text.slice(to, to + 8));
}

function isDocumentDate(text: string, from: number, cue: string | undefined): boolean {
  return cue === 'fra' && DOCUMENT_NOUN_BEFORE_FRA.test(text.slice(Math.max(0, from - 60), from));
}

function isConditionOrHistory(text: string, from: number, cue: string | undefined): boolean {
  return cue === undefined && NOT_A_DEADLINE_BEFORE.test(text.slice(Math.max(0, from - 12), from));
}

// ------------------------------------------------------------------ matching

interface Candidate extends LocatedDeadline {
  cue: string | undefined;
  /** Read as a time expression but not a deadline; it still blocks shorter readings inside it. */
  excluded: boolean;
}

function candidates(text: string, ctx: DeadlineContext): Candidate[] {
  const found: Candidate[] = [];
  for (const { rule, regex } of COMPILED) {
    regex.lastIndex = 0;
    for (const match of text.matchAll(regex)) {
      const groups = match.groups ?? {};
      const interval = rule.build(groups, ctx);
      if (interval === null) continue;
      const from = match.index;
      const to = from + match[0].length;
      const cue = groups.cue?.toLowerCase();
      const excluded =
        (rule.needsCue && isEconomicFigure(text, from, to)) || isDocumentDate(text, from, cue) || isConditionOrHistory(text, from, cue);
      found.push({ ...interval, text: match[0], from, to, cue, excluded });
    }
  }
  return found;
}

/** Earliest first, then longest: the greedy reading keeps "inden udgangen af 2018" whole. */
function nonOverlapping(found: Candidate[]): Candidate[] {
  const sorted = [...found].sort((a, b) => a.from - b.from || b.to - a.to);
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const previous = kept.at(-1);
    if (previous === undefined || c.from >= previous.to) kept.push(c);
  }
  return kept;
}

const RANGE_JOINER = /^\s*(?:til\s+og\s+med|til|[-–])\s*$/iu;

function isRangeEnd(text: string, first: Candidate, second: Candidate): boolean {
  const between = text.slice(first.to, second.from);
  if (first.cue === 'mellem') return /^\s*og\s*$/iu.test(between);
  if (first.cue !== 'fra') return false;
  const cueOfSecond = second.cue === 'til og med' || second.cue === 'til';
  return RANGE_JOINER.test(between) || (cueOfSecond && /^\s*$/u.test(between));
}

/** "fra medio 2017 til og med 2020", "mellem medio 2020 og Q2 2022": two expressions become one period. */
function joinRanges(text: string, found: Candidate[]): Candidate[] {
  const joined: Candidate[] = [];
  for (const c of found) {
    const previous = joined.at(-1);
    if (previous !== undefined && isRangeEnd(text, previous, c)) {
      joined[joined.length - 1] = {
        ...previous,
        text: text.slice(previous.from, c.to),
        to: c.to,
        end: c.end,
        precision: 'period',
      };
      continue;
    }
    joined.push(c);
  }
  return joined;
}

/** "frem mod økonomiforhandlingerne for 2021 (forår 2020)": the parenthesis glosses the first. */
function dropGlosses(text: string, found: Candidate[]): Candidate[] {
  return found.filter((c, i) => {
    const previous = found[i - 1];
    return !(previous !== undefined && /^\s*\($/u.test(text.slice(previous.to, c.from)) && text[c.to] === ')');
  });
}

/** Every deadline-like time expression in `text`, in reading order. */
export function findDeadlines(text: string, context: DeadlineContext): LocatedDeadline[] {
  const readings = nonOverlapping(candidates(text, context)).filter((c) => !c.excluded);
  const found = dropGlosses(text, joinRanges(text, readings));
  return found.map(({ text: written, start, end, precision, from, to }) => ({ text: written, start, end, precision, from, to }));
}
