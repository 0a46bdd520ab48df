import { normalizeActor } from '../analysis/index.ts';
import type { Commitment, Deadline, DocumentNode, FollowUpRow, ParagraphNode } from '../tree/types.ts';
import { findActors, uniqueNames } from './actors.ts';
import { findDeadlines, type LocatedDeadline } from './deadlines.ts';
import { commitmentSentences, type Sentence } from './sentences.ts';

/**
 * Commitments — who agreed to do what, by when — read sentence by sentence from a document tree.
 *
 * A sentence is a commitment when a cue says so: agreement ("er enige om", "Der er enighed om",
 * "har aftalt"), a modal ("vil", "skal"), an actor with a present-tense action verb ("Regionerne
 * følger op"), or an agreed passive ("Der igangsættes", "Monitoreringen foretages"). Reports
 * (follow-up status and economy columns, notes) also count expectations ("forventes"), and in a
 * status column every deadline still ahead is a commitment. One commitment per deadline: a
 * sentence with two deadlines is cut between them into two actions.
 */

/**
 * How a paragraph speaks: agreement text binds its parties; a report (status column, note) describes
 * progress and plans; an economy column states money, where only obligations count.
 */
type Voice = 'agreement' | 'report' | 'economy';

const B = '(?<![\\p{L}\\d])';
const E = '(?![\\p{L}\\d])';
const word = (alternatives: string) => new RegExp(`${B}(?:${alternatives})${E}`, 'iu');

const AGREEMENT_CUE = word(
  'enige\\s+om|enighed(?:\\s+mellem\\s+\\p{L}+)?\\s+om|har\\s+aftalt|aftalt,?\\s+at|har\\s+besluttet|tilstræbes|tilstræber|' +
    '(?:er|bliver)\\s+ansvarlige?\\s+for|har\\s+(?:[\\p{L}-]+\\s+){0,2}ansvar(?:et)?\\s+for|har\\s+til\\s+opgave',
);
/** "skal ses i lyset af", "skal bemærkes": a modal that binds no one. */
const MODAL_CUE = /(?<![\p{L}\d])(?:skal(?!\s+(?:ses|bemærkes|nævnes|understreges|kunne))|forpligter\s+sig|påtager\s+sig)(?![\p{L}\d])/iu;
const WILL_CUE = word('vil');
const ACTION_VERBS =
  'igangsætter|gennemfører|udarbejder|sikrer|følger|arbejder|afholder|etablerer|nedsætter|fremlægger|præsenterer|' +
  'udvikler|understøtter|samarbejder|prioriterer|afprøver|påbegynder|pilotafprøver|idriftsætter|beregner|udmelder|' +
  'gør\\s+status|går\\s+i\\s+gang|lukker';
/** An actor as the subject of a sentence, as the texts write it. */
const ACTOR_SUBJECT =
  '(?:[Rr]egeringen|Danske\\s+Regioner(?:s\\s+bestyrelse)?|KL|[Rr]egionerne|[Pp]arterne|SUM|SDS|DIGST|SST|[Ss]taten|' +
  'Sundheds-\\s*og\\s+Ældreministeriet|Sundhedsstyrelsen|Sundhedsdatastyrelsen|Digitaliseringsstyrelsen|Medicinrådet|' +
  '[Aa]lmen\\s+praksis|\\p{Lu}\\p{Ll}+\\s+Kommune|\\p{Lu}\\p{Ll}+\\s+(?:Universitets)?[Hh]ospital)';
/** An action verb counts only next to an actor: "Regionerne følger i 2018 op", "sikrer regionerne". */
const ACTION_CUE = new RegExp(
  `(?<=${B}${ACTOR_SUBJECT}\\s+(?:[\\p{L}-]+\\s+)?)(?:${ACTION_VERBS})${E}|${B}(?:${ACTION_VERBS})(?=\\s+${ACTOR_SUBJECT}${E})`,
  'u',
);
/** "Danske Regioner vil", "vi skal": a modal with an actor as its subject (the cue is the modal itself). */
const ACTOR_MODAL_CUE = new RegExp(`(?<=${B}(?:${ACTOR_SUBJECT}|[Vv]i)\\s+(?:[\\p{L}-]+\\s+){0,2})(?:vil|skal)${E}`, 'u');
const PASSIVE_CUE = word(
  'igangsættes|gennemføres|etableres|følges(?:\\s+op)?|udarbejdes|nedsættes|foretages|arbejdes|gøres|planlægges|' +
    'afholdes|indføres|implementeres|afsluttes|drøftes|konsolideres|udbygges|vurderes|fastholdes|udmeldes|opgøres|' +
    'lanceres|udbredes|analyseres|fremlægges|opdateres|fjernes|udgives',
);
const FORECAST_CUE = word('forventes|forventer|forventeligt|planlægges|bliver\\s+lanceret');
/** A cue after "blev"/"var" reports an earlier agreement: "I 2016 blev … enige om". */
const PAST_AGREEMENT = word('blev|var');

/** Participles of things done; after "forventes", "skal være" or "blive" they are plans instead. */
const PARTICIPLES =
  'overdraget|offentliggjort|afholdt|igangsat|påbegyndt|afsluttet|gennemført|godkendt|besluttet|sendt(?:\\s+ud)?|kørt|' +
  'indgået|åbnet|startet|drøftet|præsenteret|fremlagt|etableret|oprettet|vedtaget|lanceret|aftalt';
/** Words that mark a reported event as done (report voice), near a date this year or earlier. */
const PAST_MARKERS = new RegExp(
  `(?<![\\p{L}\\d])(?:blev|var|har|havde|godkendte|aftalte|besluttede|overgik|indgik|startede|præsenterede|lancerede|` +
    `nedsatte|foreslog|vurderede|trådte|${PARTICIPLES})(?![\\p{L}\\d])`,
  'giu',
);
/** Auxiliaries of the past tell anywhere in the clause: "Analyserapporten blev godkendt af … den 30. januar 2019". */
const PAST_AUXILIARIES = word('blev|var|har|havde');
const PLANNED_BEFORE = /(?:forventes|forventeligt|være|blive|skal|vil|kan)\s+(?:at\s+)?$/iu;
const PAST_AFTER = new RegExp(`^\\s*(?:\\p{L}+\\s+){0,3}?(?:blev|var|aftalte|godkendte|besluttede|startede|${PARTICIPLES})(?![\\p{L}\\d])`, 'iu');
/** A status date, not a plan: "Status for projektet medio oktober 2019 er:". */
const STATUS_STAMP_AFTER = /^\s*er\s*:/iu;
/** In agreement text only an auxiliary right before the date makes it past: "har den 31. marts 2017 overdraget". */
const PAST_AUXILIARY_BEFORE = /(?<![\p{L}\d])(?:(?:har|havde|blev|var)\s+(?:[\p{L}-]+\s+){0,2}|(?:er|blev)\s+\p{L}+e?t\s+(?:pr\.\s+)?)$/iu;

/** Where a sentence's actions part between two deadlines, strongest joint first: ", og at", " og ", ", ". */
const CLAUSE_JOINTS = [/[,;]\s+(?:og\s+|samt\s+)?(?=at\s)/u, /\s+(?:og|samt)\s+/u, /[,;]\s+/u];

interface Context {
  documentYear: number | null;
  /** Deadlines ending before this date are history, not commitments (report voice and body text). */
  cutoff: string | null;
  parties: string[];
  year: number | null;
}

/**
 * The year the text speaks from: its date's year; without a date, an agreement for year N and its
 * follow-up scheme speak from N−1, the year the agreement was negotiated and followed up.
 */
export function documentYearOf(doc: DocumentNode): number | null {
  const { date, year, type } = doc.meta;
  if (date !== undefined) return Number(date.slice(0, 4));
  if (year === null) return null;
  return type === 'økonomiaftale' || type === 'opfølgningsskema' ? year - 1 : year;
}

export function extractCommitments(doc: DocumentNode): Commitment[] {
  const documentYear = documentYearOf(doc);
  const ctx: Context = {
    documentYear,
    cutoff: doc.meta.date ?? (documentYear === null ? null : `${documentYear}-01-01`),
    parties: doc.meta.parties.map(normalizeActor),
    year: documentYear,
  };
  const isReportDocument = doc.meta.type !== 'økonomiaftale' && doc.meta.type !== 'opfølgningsskema';
  const found: Commitment[] = [];
  for (const chapter of doc.children) {
    for (const child of chapter.children) {
      if (child.type === 'paragraph') {
        found.push(...fromParagraph(child, isReportDocument ? 'report' : 'agreement', ctx, undefined));
        continue;
      }
      for (const paragraph of child.children) {
        const column = paragraph.column;
        const voice: Voice = column === 'economy' ? 'economy' : column === 'status' || isReportDocument ? 'report' : 'agreement';
        // The agreement column quotes older agreements: their deadlines are not history to it.
        const rowCtx = column === 'agreement' ? { ...ctx, cutoff: null } : ctx;
        found.push(...fromParagraph(paragraph, voice, rowCtx, child.row));
      }
    }
  }
  return found;
}

function fromParagraph(paragraph: ParagraphNode, voice: Voice, ctx: Context, row: FollowUpRow | undefined): Commitment[] {
  const everyDeadlineCounts = paragraph.column === 'status';
  const actions = commitmentSentences(paragraph.text).flatMap((sentence) => actionsOf(sentence, voice, ctx, everyDeadlineCounts));
  return actions.map((action, i) => ({
    type: 'commitment' as const,
    id: `${paragraph.id}#c${i + 1}`,
    actors: action.actors,
    action: action.text,
    deadline: action.deadline,
    paragraphId: paragraph.id,
    citation: paragraph.citation,
    year: ctx.year,
    ...(row === undefined
      ? {}
      : { status: row.status, references: row.references, ...(row.responsible === null ? {} : { responsible: row.responsible }) }),
  }));
}

interface Action {
  text: string;
  actors: string[];
  deadline: Deadline | null;
}

function firstCue(text: string, voice: Voice): { index: number; length: number } | null {
  // Modals bind in agreement text. In reports "vil" and "skal" are often mere future or norms ("udgifterne
  // vil indgå i ØA21", "Borgerne skal kunne stole på"), so there they need an actor: "Danske Regioner vil";
  // an economy note's obligations ("Udgifterne skal afholdes i 2019") still count.
  const modals = voice === 'agreement' ? [MODAL_CUE, WILL_CUE] : voice === 'economy' ? [MODAL_CUE, ACTOR_MODAL_CUE] : [ACTOR_MODAL_CUE];
  const cues = [AGREEMENT_CUE, ...modals, PASSIVE_CUE, ACTION_CUE, ...(voice === 'report' ? [FORECAST_CUE] : [])];
  let best: { index: number; length: number } | null = null;
  for (const cue of cues) {
    const m = cue.exec(text);
    if (m !== null && (best === null || m.index < best.index)) best = { index: m.index, length: m[0].length };
  }
  return best;
}


function isHistory(sentence: string, d: LocatedDeadline, voice: Voice, ctx: Context): boolean {
  if (ctx.cutoff !== null && d.end < ctx.cutoff) return true;
  if (voice === 'agreement') return PAST_AUXILIARY_BEFORE.test(sentence.slice(Math.max(0, d.from - 30), d.from));
  if (STATUS_STAMP_AFTER.test(sentence.slice(d.to))) return true;
  if (ctx.documentYear !== null && d.end > `${ctx.documentYear}-12-31`) return false;
  const clauseStart = Math.max(0, ...[',', ';', ':'].map((c) => sentence.lastIndexOf(c, d.from - 1) + 1));
  const clause = sentence.slice(clauseStart, d.from);
  const before = sentence.slice(Math.max(clauseStart, d.from - 40), d.from);
  const doneBefore =
    PAST_AUXILIARIES.test(clause) || [...before.matchAll(PAST_MARKERS)].some((m) => !PLANNED_BEFORE.test(before.slice(0, m.index)));
  return doneBefore || PAST_AFTER.test(sentence.slice(d.to, d.to + 30));
}

/** "overgik … primo februar måned (…) og primo marts måned": a date joined to a past one is past too. */
function withoutHistory(sentence: string, deadlines: LocatedDeadline[], voice: Voice, ctx: Context): LocatedDeadline[] {
  const past = deadlines.map((d) => isHistory(sentence, d, voice, ctx));
  for (let i = 1; i < deadlines.length; i++) {
    const gap = sentence.slice(deadlines[i - 1]!.to, deadlines[i]!.from);
    if (voice !== 'agreement' && past[i - 1] && /^\s*(?:\([^)]*\)\s*)?og\s+$/u.test(gap)) past[i] = true;
  }
  return deadlines.filter((_, i) => !past[i]);
}

function actionsOf(sentence: Sentence, voice: Voice, ctx: Context, everyDeadlineCounts: boolean): Action[] {
  const text = sentence.text;
  const cue = firstCue(text, voice);
  const pastAgreement = cue !== null && PAST_AGREEMENT.test(text.slice(0, cue.index));
  const deadlines = withoutHistory(text, findDeadlines(text, { documentYear: ctx.documentYear }), voice, ctx);
  const isCommitment = (cue !== null && !pastAgreement) || (everyDeadlineCounts && deadlines.length > 0);
  if (!isCommitment) return [];
  const subject = subjectActors(text, cue?.index ?? text.length, ctx);
  if (deadlines.length === 0) return [{ text: clean(text), actors: subject ?? ctx.parties, deadline: null }];
  return segments(text, deadlines).map(({ from, to, deadline }) => {
    const part = text.slice(from, to);
    const named = segmentActors(part, deadline.from - from, ctx);
    return {
      text: clean(part),
      actors: complementActors(text, from, to, ctx) ?? (from > 0 ? named : null) ?? subject ?? named ?? ctx.parties,
      deadline: { text: deadline.text, start: deadline.start, end: deadline.end, precision: deadline.precision },
    };
  });
}

/** Cuts a sentence between consecutive deadlines at the last clause joint between them. */
function segments(text: string, deadlines: LocatedDeadline[]): { from: number; to: number; deadline: LocatedDeadline }[] {
  const cuts: number[] = [];
  for (let i = 1; i < deadlines.length; i++) {
    const gapFrom = deadlines[i - 1]!.to;
    const gap = text.slice(gapFrom, deadlines[i]!.from);
    const joint = CLAUSE_JOINTS.map((j) => j.exec(gap)).find((m) => m !== null);
    cuts.push(joint === undefined || joint === null ? deadlines[i]!.from : gapFrom + joint.index);
  }
  return deadlines.map((deadline, i) => ({ from: i === 0 ? 0 : cuts[i - 1]!, to: i === cuts.length ? text.length : cuts[i]!, deadline }));
}

function clean(part: string): string {
  return part
    .replace(/^[\s,;]*(?:og|samt)?\s*/iu, '')
    .replace(/[\s,;.]+$/u, '')
    .trim();
}

/** Actors named before the cue: the sentence's subject ("Regeringen, Danske Regioner og KL vil …"). */
function subjectActors(text: string, cueIndex: number, ctx: Context): string[] | null {
  const names = uniqueNames(findActors(text.slice(0, cueIndex), ctx.parties, ctx.parties));
  return names.length > 0 ? names : null;
}

/** "enige om, at regionerne …": the doer named in what was agreed. */
function complementActors(text: string, from: number, to: number, ctx: Context): string[] | null {
  const complement = /(?:enige|enighed)\s+om,?\s+at\s+|aftalt,?\s+at\s+|(?:^|[\s,])at\s+(?=(?:alle\s+)?(?:regionerne|regioner|staten|kommuner|Danske))/giu;
  for (const m of text.slice(0, to).matchAll(complement)) {
    const start = m.index + m[0].length;
    if (start > to || (start < from && text.slice(start, from).match(/,\s+og\s+at|\s+og\s+at\s/u))) continue;
    const mentions = findActors(text.slice(start, start + 40), ctx.parties, ctx.parties).filter((a) => a.from <= 12);
    if (mentions.length > 0) return uniqueNames(mentions);
  }
  return null;
}

/** Actors named in the action itself before its deadline: "og regionerne mellem medio 2020 og Q2 2022". */
function segmentActors(part: string, deadlineOffset: number, ctx: Context): string[] | null {
  const names = uniqueNames(findActors(part.slice(0, Math.max(0, deadlineOffset)), ctx.parties, ctx.parties));
  return names.length > 0 ? names : null;
}
