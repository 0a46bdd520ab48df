// Abbreviations and what they stand for, generated from data/synonyms.json: the query side
// expands them both ways, Elasticsearch gets them as synonym_graph rules, and the commitment
// extraction normalizes actor names with them.
import synonymData from './data/synonyms.json' with { type: 'json' };

/** Words that mean the same: an abbreviation and the phrases it stands for, as written. */
export interface SynonymGroup {
  abbreviations: string[];
  phrases: string[];
  /** Abbreviations count only when typed exactly so ("SUM" but not the word "sum"). */
  exactCase: boolean;
}

function fillYear(template: string, year: number): string {
  return template.replaceAll('{yyyy}', String(year)).replaceAll('{yy}', String(year % 100).padStart(2, '0'));
}

function buildGroups(): SynonymGroup[] {
  const groups: SynonymGroup[] = synonymData.actors
    .filter((actor) => actor.abbreviations.length > 0)
    .map((actor) => ({ abbreviations: actor.abbreviations, phrases: [actor.name], exactCase: actor.exactCase === true }));
  for (const term of synonymData.terms) {
    const templates = [...term.abbreviations, ...term.phrases];
    if (!templates.some((t) => t.includes('{yy'))) {
      groups.push({ abbreviations: term.abbreviations, phrases: term.phrases, exactCase: false });
      continue;
    }
    // One group per agreement year: ØA18 ↔ "aftale om regionernes økonomi for 2018".
    for (let year = synonymData.years.from; year <= synonymData.years.to; year++) {
      groups.push({
        abbreviations: term.abbreviations.map((t) => fillYear(t, year)),
        phrases: term.phrases.map((t) => fillYear(t, year)),
        exactCase: false,
      });
    }
  }
  return groups;
}

export const SYNONYM_GROUPS: readonly SynonymGroup[] = buildGroups();

const collapse = (name: string) => name.trim().replace(/\s+/g, ' ');
const actorByKey = new Map<string, string>();
const actorByExactAbbreviation = new Map<string, string>();
for (const actor of synonymData.actors) {
  actorByKey.set(actor.name.toLowerCase(), actor.name);
  for (const abbreviation of actor.abbreviations) {
    if (actor.exactCase) actorByExactAbbreviation.set(abbreviation, actor.name);
    else actorByKey.set(abbreviation.toLowerCase(), actor.name);
  }
}

/**
 * The canonical name of an actor: `normalizeActor("DR") === "Danske Regioner"`,
 * `normalizeActor("SUM") === "Sundheds- og Ældreministeriet"`; case and spacing of full names
 * do not matter, and a genitive is dropped ("Danske Regioners", "KL's").
 * Unknown names come back with their spacing collapsed.
 */
export function normalizeActor(name: string): string {
  const collapsed = collapse(name);
  const exact = actorByExactAbbreviation.get(collapsed);
  if (exact) return exact;
  const key = collapsed.toLowerCase();
  const genitive = /(?:'s|s)$/.exec(key);
  const known = actorByKey.get(key) ?? (genitive ? actorByKey.get(key.slice(0, genitive.index)) : undefined);
  if (known) return known;
  return collapsed;
}
