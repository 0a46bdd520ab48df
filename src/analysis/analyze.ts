// Danish analysis for both index backends. Index and query run the same functions, so the
// same word always becomes the same terms.
//
// Intended SQLite FTS5 columns (one row per paragraph; original text kept elsewhere for
// display), each the space-joined term list of the field of the same name:
//   exact  – lowercased words, stopwords kept: exact phrases such as "regionerne skal".
//   stems  – Snowball stems, one per word, stopwords kept: the main field; phrases still
//            line up, and the query side drops stopwords from bag-of-words matching.
//   folded – folded stems (økonomiaftalen → okonomiaftal) for people typing without æ/ø/å.
//   parts  – stems of compound parts (speciallæger → special, læg), weighted lower.
// exact, stems and folded have exactly one term per token, so positions (and phrase queries)
// line up across them and with `tokens` for highlighting. Create the table with
// `tokenize = <FTS5_TOKENIZE>` so the terms pass through unchanged, and quote each term
// in MATCH expressions ("2,2", "bl.a").
import { compoundPartStems } from './decompound.ts';
import { fold } from './fold.ts';
import { stem } from './stem.ts';
import { isStopword } from './stopwords.ts';
import { SYNONYM_GROUPS } from './synonyms.ts';
import { tokenize } from './tokenize.ts';
import type { Token } from './tokenize.ts';

/** FTS5 tokenizer that keeps our terms whole: no diacritics removed, and the joiners of
 * TOKEN_PATTERN (. , ') count as token characters. */
export const FTS5_TOKENIZE = "unicode61 remove_diacritics 0 tokenchars '.,'''";

/** A text analysed into the aligned fields (term i of each field comes from tokens[i]). */
export interface AnalyzedPhrase {
  text: string;
  tokens: Token[];
  exact: string[];
  stems: string[];
  folded: string[];
}

export interface IndexAnalysis extends AnalyzedPhrase {
  /** Stems of compound parts, in text order; not aligned with tokens. */
  parts: string[];
}

/** The folded field's term: the stem, folded (as Elasticsearch's stemmer → scandinavian_folding). */
export function foldedStem(term: string): string {
  return fold(stem(term));
}

function analyzePhrase(text: string): AnalyzedPhrase {
  const tokens = tokenize(text);
  const exact = tokens.map((t) => t.term);
  const stems = exact.map(stem);
  return { text, tokens, exact, stems, folded: stems.map(fold) };
}

/** Analyses a paragraph (or any indexed text) into the index fields. */
export function analyzeForIndex(text: string): IndexAnalysis {
  const phrase = analyzePhrase(text);
  const parts: string[] = [];
  for (const term of phrase.exact) parts.push(...compoundPartStems(term));
  return { ...phrase, parts };
}

/** Query tokens [from, to) may also match as any of the alternatives (a synonym). */
export interface Expansion {
  from: number;
  to: number;
  alternatives: AnalyzedPhrase[];
}

export interface QueryAnalysis extends AnalyzedPhrase {
  /** stopword[i]: tokens[i] is a Snowball stopword — leave it out of bag-of-words matching,
   * keep it in phrases (the stop list holds the modals skal, vil, kunne, skulle, ville). */
  stopword: boolean[];
  /** Synonym expansions, left to right, not overlapping. */
  expansions: Expansion[];
}

interface SynonymMember {
  /** Folded stems of the member, compared with the query's folded stems. */
  key: string[];
  /** For exact-case abbreviations: the surface the query must show. */
  surface?: string;
  group: AnalyzedPhrase[];
  self: AnalyzedPhrase;
}

let membersByFirstKey: Map<string, SynonymMember[]> | undefined;

function synonymMembers(): Map<string, SynonymMember[]> {
  if (!membersByFirstKey) {
    membersByFirstKey = new Map();
    for (const group of SYNONYM_GROUPS) {
      const written = [...group.abbreviations, ...group.phrases];
      const analyzed = written.map(analyzePhrase);
      analyzed.forEach((self, i) => {
        const first = self.folded[0];
        if (first === undefined) return;
        const isAbbreviation = i < group.abbreviations.length;
        const member: SynonymMember = {
          key: self.folded,
          surface: isAbbreviation && group.exactCase ? self.text : undefined,
          group: analyzed,
          self,
        };
        const list = membersByFirstKey?.get(first) ?? [];
        list.push(member);
        membersByFirstKey?.set(first, list);
      });
    }
    // Longest member first, so "økonomiaftalen for 2018" wins over "økonomiaftalen".
    for (const list of membersByFirstKey.values()) list.sort((a, b) => b.key.length - a.key.length);
  }
  return membersByFirstKey;
}

function matches(member: SynonymMember, query: AnalyzedPhrase, at: number): boolean {
  if (at + member.key.length > query.folded.length) return false;
  if (!member.key.every((term, i) => query.folded[at + i] === term)) return false;
  if (member.surface === undefined) return true;
  const token = query.tokens[at] as Token;
  return query.text.slice(token.start, token.end) === member.surface;
}

/**
 * Analyses a query (words or a phrase) like the index, and finds synonyms both ways:
 * "ØA18" may also match "aftale om regionernes økonomi for 2018" and the reverse. Matching is
 * on folded stems, so "oa18" and "økonomiaftalen for 2018" count too.
 */
export function analyzeQuery(text: string): QueryAnalysis {
  const query = analyzePhrase(text);
  const members = synonymMembers();
  const expansions: Expansion[] = [];
  for (let at = 0; at < query.folded.length; ) {
    const member = (members.get(query.folded[at] as string) ?? []).find((m) => matches(m, query, at));
    if (!member) {
      at++;
      continue;
    }
    const to = at + member.key.length;
    const alternatives = member.group.filter((phrase) => phrase !== member.self);
    expansions.push({ from: at, to, alternatives });
    at = to;
  }
  return { ...query, stopword: query.exact.map(isStopword), expansions };
}
