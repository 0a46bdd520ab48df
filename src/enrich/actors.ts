import { normalizeActor } from '../analysis/index.ts';

/**
 * Who acts in a commitment sentence: a small table of how the texts write actors (pattern → name),
 * each name then normalized by the shared synonym data (`normalizeActor`: DR → Danske Regioner,
 * SUM → Sundheds- og Ældreministeriet). "Parterne" stands for the document's own parties and "vi"
 * for a note's author; the caller passes those in.
 */

export interface ActorMention {
  name: string;
  from: number;
  to: number;
}

const B = '(?<![\\p{L}\\d])';
const E = '(?![\\p{L}\\d])';

/** Longest names first where one contains another ("Danske Regioners bestyrelse" before "Regioner"). */
const ACTORS: [string, string][] = [
  ['Danske Regioner(?:s\\s+bestyrelse)?', 'Danske Regioner'],
  ['DR', 'Danske Regioner'],
  ['[Rr]egeringen', 'Regeringen'],
  ['KL|Kommunernes\\s+Landsforening', 'KL'],
  ['Sundheds-\\s*og\\s+Ældreministeriet|SUM', 'Sundheds- og Ældreministeriet'],
  ['Sundhedsstyrelsen|SST', 'Sundhedsstyrelsen'],
  ['Sundhedsdatastyrelsen|SDS', 'Sundhedsdatastyrelsen'],
  ['Digitaliseringsstyrelsen|DIGST', 'Digitaliseringsstyrelsen'],
  ['Statens\\s+Serum\\s+Institut|SSI', 'Statens Serum Institut'],
  ['Medicinrådet', 'Medicinrådet'],
  ['Region\\s+(?:Nordjylland|Midtjylland|Syddanmark|Sjælland|Hovedstaden)', ''],
  ['[Rr]egionerne|[Aa]lle\\s+(?:fem\\s+)?regioner|[Hh]ver\\s+region', 'Regionerne'],
  ['[Kk]ommunerne|[Aa]lle\\s+kommuner', 'Kommunerne'],
  ['[Ss]taten', 'Staten'],
  ['[Aa]lmen\\s+praksis', 'Almen praksis'],
  ['(?:\\p{Lu}\\p{Ll}+\\s+)?\\p{Lu}\\p{Ll}+\\s+Kommune', ''],
  ['(?:\\p{Lu}\\p{Ll}+\\s+)?(?:Universitetshospital|Hospital|Sygehus\\s+\\p{Lu}\\p{Ll}+)|Rigshospitalet|OUH', ''],
];

const PARTIES = new RegExp(`${B}(?:[Pp]arterne|[Aa]ftalepartierne)${E}`, 'gu');
const AUTHOR = new RegExp(`${B}(?:[Vv]i)${E}`, 'gu');

const COMPILED = ACTORS.map(([pattern, name]) => ({ regex: new RegExp(`${B}(?:${pattern})${E}`, 'gu'), name }));

function canonical(written: string, name: string): string {
  if (name !== '') return normalizeActor(name);
  const folded = written.replace(/\s+/gu, ' ');
  return normalizeActor(/^[a-zæøå]/u.test(folded) ? folded[0]!.toUpperCase() + folded.slice(1) : folded);
}

/**
 * Actor mentions in reading order, overlapping names resolved to the longest; "Parterne"
 * becomes `parties` and "vi" (a note's own voice) becomes `author`.
 */
export function findActors(text: string, parties: string[], author: string[]): ActorMention[] {
  const found: ActorMention[] = [];
  for (const { regex, name } of COMPILED) {
    for (const m of text.matchAll(regex)) found.push({ name: canonical(m[0], name), from: m.index, to: m.index + m[0].length });
  }
  for (const m of text.matchAll(PARTIES)) {
    for (const name of parties) found.push({ name: normalizeActor(name), from: m.index, to: m.index + m[0].length });
  }
  for (const m of text.matchAll(AUTHOR)) {
    for (const name of author) found.push({ name: normalizeActor(name), from: m.index, to: m.index + m[0].length });
  }
  found.sort((a, b) => a.from - b.from || b.to - a.to);
  const kept: ActorMention[] = [];
  for (const mention of found) {
    const previous = kept.at(-1);
    const samePhrase = previous !== undefined && mention.from === previous.from && mention.to === previous.to;
    if (previous === undefined || mention.from >= previous.to || samePhrase) kept.push(mention);
  }
  return kept;
}

/** Names in order of first mention, each once. */
export function uniqueNames(mentions: ActorMention[]): string[] {
  return [...new Set(mentions.map((m) => m.name))];
}
