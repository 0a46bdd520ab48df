// Checks the real Elasticsearch node that ci/elasticsearch/start.sh starts: the 7.x client must
// accept it, and it must offer every analysis and query feature the Elasticsearch backend relies
// on, with the settings generated from src/analysis (no second, hand-written chain).
// Runs when ELASTICSEARCH_URL is set (eval "$(bash ci/services.sh)"); with REQUIRE_SERVICES=1 a
// missing URL fails instead of skipping.
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { analyzeForIndex } from '../../src/analysis/index.ts';
import { indexDefinition } from '../../src/index/elasticsearch/index.ts';
import { FIELD_WEIGHTS } from '../../src/index/sqlite/fts-match.ts';
import { describeWithService } from '../service-suites.ts';

const url = process.env.ELASTICSEARCH_URL;
const prefix = `test-services-${process.pid}-${Date.now()}`;

const paragraphs = [
  { id: 'oa18-1', doc_id: 'oa18', year: 2018, type: 'økonomiaftale', text: 'Økonomiaftalen for 2018 mellem regeringen og KL om speciallæger, jf. pkt. 3.' },
  { id: 'oa19-1', doc_id: 'oa19', year: 2019, type: 'økonomiaftale', text: 'Aftalen om kommunernes økonomi for 2019 styrker det nære sundhedsvæsen.' },
  { id: 'oa20-1', doc_id: 'oa20', year: 2020, type: 'opfølgningsskema', text: 'Kommunernes Landsforening og regeringen er enige om en økonomisk aftale for 2020.' },
];

interface AnalyzedToken {
  token: string;
  position: number;
  positionLength?: number;
}

describeWithService('elasticsearch', 'the Elasticsearch node for CI and tests', () => {
  // Made in beforeAll: a describe body runs at collection even when the suite is skipped.
  let es: Client;
  const index = `${prefix}-v1`;
  const alias = `${prefix}-paragraphs`;

  async function tokens(analyzer: string, text: string): Promise<AnalyzedToken[]> {
    const { body } = await es.indices.analyze({ index, body: { analyzer, text } });
    return (body as { tokens: AnalyzedToken[] }).tokens;
  }
  const terms = async (analyzer: string, text: string) => (await tokens(analyzer, text)).map((t) => t.token);

  async function ids(query: Record<string, unknown>): Promise<string[]> {
    const { body } = await es.search({ index: alias, body: { query } });
    return (body.hits.hits as { _id: string }[]).map((h) => h._id).sort();
  }

  beforeAll(async () => {
    es = new Client({ node: url });
    await es.indices.create({ index, body: { ...indexDefinition('paragraphs'), aliases: { [alias]: {} } } });
    const { body } = await es.bulk({
      refresh: 'wait_for',
      body: paragraphs.flatMap((doc) => [{ index: { _index: alias, _id: doc.id } }, doc]),
    });
    expect(body.errors).toBe(false);
  });

  afterAll(async () => {
    await es.indices.delete({ index: `${prefix}-*` });
    await es.close();
  });

  it('is Elasticsearch 7.10 and passes the client’s product check', async () => {
    const { body: info } = await es.info();
    expect(info.version.number).toMatch(/^7\.10\./);
    expect(info.version.build_flavor).toBe('default');
    // info() skips the product check; any other call fails with ProductNotSupportedError if it fails.
    const { body: health } = await es.cluster.health({ index });
    expect(['green', 'yellow']).toContain(health.status);
  });

  it('tokenizes, stems and folds a Danish heading exactly as the TypeScript analysis does', async () => {
    for (const text of [...paragraphs.map((p) => p.text), 'Lægerne på ØA19-sygehusene fik 2,2 mia. kr., bl.a. til pc’er og blødere­overgange.']) {
      const ours = analyzeForIndex(text);
      expect(await terms('da_exact', text)).toEqual(ours.exact);
      expect(await terms('da_stem', text)).toEqual(ours.stems);
      expect(await terms('da_folded', text)).toEqual(ours.folded);
    }
  });

  it('splits compounds against the same word list', async () => {
    // Brute force over the list keeps the longest match at each start: "speciallæger" gives
    // "speciallæg" and "læg" (not "special"), and substrings such as "ring" in "regeringen".
    const parts = await terms('da_parts', 'Økonomiaftalen og speciallæger for kræftpatienter');
    expect(parts).toEqual(expect.arrayContaining(['økonomiaftal', 'økonomi', 'aftal', 'speciallæg', 'læg', 'kræftpatient', 'kræft', 'patient']));
  });

  it('expands abbreviations at search time as a synonym graph', async () => {
    const graph = await tokens('da_stem_search', 'KL');
    expect(graph.map((t) => t.token).sort()).toEqual(['kl', 'kommun', 'landsforening']);
    expect(graph.find((t) => t.token === 'kl')?.positionLength).toBe(2);
    // The two-word side becomes a phrase, so "kommunernes økonomi" stays out.
    expect(await ids({ match: { text: 'KL' } })).toEqual(['oa18-1', 'oa20-1']);
    expect(await ids({ match: { text: 'ØA18' } })).toEqual(['oa18-1']);
  });

  it('finds a phrase of pre-analysed terms and highlights it, escaped, in <mark>', async () => {
    const query = { match_phrase: { 'text.exact': { query: 'økonomiaftalen for 2018', analyzer: 'whitespace' } } };
    const { body } = await es.search({
      index: alias,
      body: {
        query,
        highlight: {
          encoder: 'html',
          pre_tags: ['<mark>'],
          post_tags: ['</mark>'],
          fields: { text: { type: 'fvh', matched_fields: ['text', 'text.exact'], number_of_fragments: 0 } },
        },
      },
    });
    const hit = body.hits.hits[0] as { _id: string; highlight: { text: string[] } };
    expect(hit._id).toBe('oa18-1');
    expect(hit.highlight.text).toEqual(['<mark>Økonomiaftalen for 2018</mark> mellem regeringen og KL om speciallæger, jf. pkt. 3.']);
  });

  it('scores with the embedded index’s bm25 through a scripted similarity', async () => {
    // "regeringen" in 2 of 3 paragraphs: FTS5 clamps the idf of a word in over half the rows.
    const regeringen = await es.search({ index: alias, body: { query: { term: { 'text.exact': 'regeringen' } } } });
    for (const hit of regeringen.body.hits.hits as { _score: number }[]) expect(hit._score).toBeCloseTo(0, 4);
    // "styrker" in one: idf · (k1+1) · tf / (tf + k1/w · (1 − b + b · length / average length)).
    const lengths = paragraphs.map((p) => analyzeForIndex(p.text).exact.length);
    const average = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    const idf = Math.log((3 - 1 + 0.5) / (1 + 0.5));
    const expected = (idf * 2.2) / (1 + (1.2 / FIELD_WEIGHTS.exact) * (0.25 + (0.75 * lengths[1]!) / average));
    const styrker = await es.search({ index: alias, body: { query: { term: { 'text.exact': 'styrker' } } } });
    expect((styrker.body.hits.hits[0] as { _score: number })._score).toBeCloseTo(expected, 4);
  });

  it('counts paragraphs per year and type over the whole result set', async () => {
    const { body } = await es.search({
      index: alias,
      body: { size: 0, aggs: { years: { terms: { field: 'year' } }, types: { terms: { field: 'type' } } } },
    });
    const buckets = (name: string) => (body.aggregations[name].buckets as { key: string | number; doc_count: number }[]).map((b) => [b.key, b.doc_count]);
    expect(buckets('years')).toEqual([[2018, 1], [2019, 1], [2020, 1]]);
    expect(buckets('types')).toEqual([['økonomiaftale', 2], ['opfølgningsskema', 1]]);
  });

  it('moves the alias to a rebuilt index in one atomic step', async () => {
    const live = `${prefix}-live`;
    const rebuilt = `${prefix}-v2`;
    await es.indices.putAlias({ index, name: live });
    await es.indices.create({ index: rebuilt, body: indexDefinition('paragraphs') });
    const { body: copied } = await es.reindex({ refresh: true, body: { source: { index }, dest: { index: rebuilt } } });
    expect(copied.total).toBe(paragraphs.length);
    await es.indices.updateAliases({
      body: { actions: [{ remove: { index, alias: live } }, { add: { index: rebuilt, alias: live } }] },
    });
    const { body } = await es.indices.getAlias({ name: live });
    expect(Object.keys(body)).toEqual([rebuilt]);
    expect((await es.count({ index: live })).body.count).toBe(paragraphs.length);
  });
});
