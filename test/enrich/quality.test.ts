import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { processFile, readCatalog, sourcePath } from '../../ingest/process-file.ts';
import { normalizeActor } from '../../src/analysis/index.ts';
import { extractCommitments } from '../../src/enrich/index.ts';
import { paragraphsOf, type Commitment, type Deadline, type DocumentNode } from '../../src/tree/index.ts';

/**
 * How well the extraction finds the commitments with deadlines that a reader finds: the corpus
 * documents run through the whole pipeline, compared with the hand-made gold list.
 */

interface GoldItem {
  document: string;
  quote: string;
  deadline: Deadline;
  actors: string[];
}

const gold = (JSON.parse(readFileSync(new URL('./gold-commitments.json', import.meta.url), 'utf8')) as { items: GoldItem[] }).items;

/** Case, spaces, hyphens and punctuation ignored, so line breaks and hyphenation do not matter. */
const fold = (text: string) => text.toLowerCase().replace(/[^\p{L}\d]+/gu, '');

interface Match {
  gold: GoldItem;
  found: Commitment;
}

interface Measure {
  matches: Match[];
  missed: GoldItem[];
  extra: Commitment[];
  docs: Map<string, DocumentNode>;
}

async function measure(): Promise<Measure> {
  const catalog = await readCatalog('corpus/catalog.json');
  const docs = new Map<string, DocumentNode>();
  const extracted: Commitment[] = [];
  for (const entry of catalog.entries) {
    const doc = await processFile(sourcePath(catalog, entry), entry);
    docs.set(entry.id, doc);
    extracted.push(...extractCommitments(doc).filter((c) => c.deadline !== null));
  }
  const paragraphText = new Map([...docs.values()].flatMap((doc) => paragraphsOf(doc).map((p) => [p.id, fold(p.text)] as const)));
  const unmatched = new Set(extracted);
  const matches: Match[] = [];
  const missed: GoldItem[] = [];
  for (const item of gold) {
    const quote = fold(item.quote);
    const deadline = fold(item.deadline.text);
    const candidates = [...unmatched].filter((c) => {
      const written = fold(c.deadline?.text ?? '');
      return (
        c.citation.document.id === item.document &&
        (paragraphText.get(c.paragraphId) ?? '').includes(quote) &&
        (written.includes(deadline) || deadline.includes(written))
      );
    });
    const found = candidates.find((c) => fold(c.action).includes(quote)) ?? candidates[0];
    if (found === undefined) {
      missed.push(item);
      continue;
    }
    unmatched.delete(found);
    matches.push({ gold: item, found });
  }
  return { matches, missed, extra: [...unmatched], docs };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

describe('commitments with deadlines in the corpus, against the hand-made gold list', () => {
  let result: Measure;
  beforeAll(async () => {
    result = await measure();
    const { matches, missed, extra, docs } = result;
    const exact = matches.filter((m) => m.found.deadline?.start === m.gold.deadline.start && m.found.deadline.end === m.gold.deadline.end);
    const actorsRight = matches.filter((m) => {
      const parties = docs.get(m.gold.document)?.meta.parties ?? [];
      return sameSet(m.found.actors, m.gold.actors.flatMap((a) => (a === '@parties' ? parties : [a])).map(normalizeActor));
    });
    const rate = (n: number, d: number) => `${n}/${d} = ${(n / Math.max(1, d)).toFixed(3)}`;
    console.log(
      [
        `precision ${rate(matches.length, matches.length + extra.length)}`,
        `recall    ${rate(matches.length, gold.length)}`,
        `intervals exact ${rate(exact.length, matches.length)}`,
        `actors as in gold ${rate(actorsRight.length, matches.length)}`,
        '',
        'missed (in gold, not extracted):',
        ...missed.map((g) => `  ${g.document} | ${g.deadline.text} | ${g.quote}`),
        'extra (extracted, not in gold):',
        ...extra.map((c) => `  ${c.paragraphId} | ${c.deadline?.text} | ${c.action.slice(0, 110)}`),
        'interval differs:',
        ...matches
          .filter((m) => !exact.includes(m))
          .map((m) => `  ${m.gold.deadline.text}: gold ${m.gold.deadline.start}..${m.gold.deadline.end}, found ${m.found.deadline?.start}..${m.found.deadline?.end}`),
        'actors differ:',
        ...matches.filter((m) => !actorsRight.includes(m)).map((m) => `  ${m.gold.quote}: gold ${m.gold.actors.join(', ')}; found ${m.found.actors.join(', ')}`),
      ].join('\n'),
    );
  }, 120_000);

  it('finds at least 90% of the gold commitments (recall)', () => {
    expect(result.matches.length / gold.length).toBeGreaterThanOrEqual(0.9);
  });

  it('is right at least 90% of the time (precision)', () => {
    expect(result.matches.length / (result.matches.length + result.extra.length)).toBeGreaterThanOrEqual(0.9);
  });

  it('gives the exact deadline interval for at least 95% of the matched commitments', () => {
    const exact = result.matches.filter((m) => m.found.deadline?.start === m.gold.deadline.start && m.found.deadline.end === m.gold.deadline.end);
    expect(exact.length / result.matches.length).toBeGreaterThanOrEqual(0.95);
  });
});
