// Checks the real Elasticsearch node that ci/elasticsearch/start.sh starts: the 7.x client must
// accept it, and it must offer every analysis and query feature the Elasticsearch backend relies on.
// Runs only when ELASTICSEARCH_URL is set (eval "$(bash ci/services.sh)").
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const url = process.env.ELASTICSEARCH_URL;
const prefix = `test-services-${process.pid}-${Date.now()}`;

// The chain the Danish agreement texts need: compounds split against a word list, Danish and
// custom stop words, Snowball Danish stems, æ/ø/å kept but their variants (ä, ö, aa) unified,
// and multi-word synonyms expanded only at search time.
const danishSettings = {
  number_of_shards: 1,
  number_of_replicas: 0,
  analysis: {
    filter: {
      da_stop: { type: 'stop', stopwords: '_danish_' },
      da_citation_stop: { type: 'stop', stopwords: ['jf', 'pkt'] },
      da_stem: { type: 'snowball', language: 'Danish' },
      da_compounds: {
        type: 'dictionary_decompounder',
        word_list: ['økonomi', 'aftale', 'special', 'læge'],
      },
      da_synonyms: {
        type: 'synonym_graph',
        synonyms: ['øa, økonomiaftale, økonomisk aftale', 'kl, kommunernes landsforening'],
      },
    },
    analyzer: {
      da_index: {
        type: 'custom',
        tokenizer: 'standard',
        // Normalise before splitting: the word list is spelled with ø, a heading may use ö.
        filter: ['lowercase', 'scandinavian_normalization', 'da_compounds', 'da_stop', 'da_citation_stop', 'da_stem'],
      },
      da_search: {
        type: 'custom',
        tokenizer: 'standard',
        filter: ['lowercase', 'scandinavian_normalization', 'da_synonyms', 'da_stop', 'da_citation_stop', 'da_stem'],
      },
      da_ascii: {
        type: 'custom',
        tokenizer: 'standard',
        filter: ['lowercase', 'da_stop', 'da_stem', 'asciifolding'],
      },
    },
  },
};

const mappings = {
  properties: {
    text: { type: 'text', analyzer: 'da_index', search_analyzer: 'da_search' },
    agreement: { type: 'keyword' },
    signed: { type: 'date' },
  },
};

const paragraphs = [
  { id: 'oa18-1', agreement: 'ØA18', signed: '2017-06-06', text: 'Økonomiaftalen for 2018 mellem regeringen og KL om speciallæger, jf. pkt. 3.' },
  { id: 'oa19-1', agreement: 'ØA19', signed: '2018-06-05', text: 'Aftalen om kommunernes økonomi for 2019 styrker det nære sundhedsvæsen.' },
  { id: 'oa20-1', agreement: 'ØA20', signed: '2019-09-06', text: 'Kommunernes Landsforening og regeringen er enige om en økonomisk aftale for 2020.' },
];

describe.runIf(!!url)('the Elasticsearch node for CI and tests', () => {
  // Made in beforeAll: a describe body runs at collection even when the suite is skipped.
  let es: Client;
  const index = `${prefix}-v1`;
  const alias = `${prefix}-paragraphs`;

  async function tokens(analyzer: string, text: string): Promise<string[]> {
    const { body } = await es.indices.analyze({ index, body: { analyzer, text } });
    return (body as { tokens: { token: string }[] }).tokens.map((t) => t.token);
  }

  async function ids(query: Record<string, unknown>): Promise<string[]> {
    const { body } = await es.search({ index: alias, body: { query } });
    return (body.hits.hits as { _id: string }[]).map((h) => h._id).sort();
  }

  beforeAll(async () => {
    es = new Client({ node: url });
    await es.indices.create({ index, body: { settings: danishSettings, mappings, aliases: { [alias]: {} } } });
    const { body } = await es.bulk({
      refresh: 'wait_for',
      body: paragraphs.flatMap(({ id, ...doc }) => [{ index: { _index: alias, _id: id } }, doc]),
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

  it('splits, stems and normalises a Danish heading', async () => {
    expect(await tokens('da_index', 'Økonomiaftalen for 2018 og speciallæger')).toEqual([
      'økonomiaftal', 'økonomi', 'aftal', '2018', 'speciallæg', 'special', 'læg',
    ]);
    expect(await tokens('da_ascii', 'Økonomiaftalen for 2018 og speciallæger')).toEqual([
      'okonomiaftal', '2018', 'speciallaeg',
    ]);
    expect(await tokens('da_index', 'Ökonomiaftale')).toEqual(await tokens('da_index', 'Økonomiaftale'));
  });

  it('expands multi-word synonyms at search time as a graph', async () => {
    const { body } = await es.indices.analyze({ index, body: { analyzer: 'da_search', text: 'KL' } });
    const graph = (body as { tokens: { token: string; position: number; positionLength?: number }[] }).tokens;
    expect(graph.map((t) => t.token)).toEqual(['kommun', 'kl', 'landsforening']);
    expect(graph.find((t) => t.token === 'kl')?.positionLength).toBe(2);
    // The synonym graph turns the two-word side into a phrase, so "kommunernes økonomi" stays out.
    expect(await ids({ match: { text: 'KL' } })).toEqual(['oa18-1', 'oa20-1']);
    expect(await ids({ match_phrase: { text: 'ØA' } })).toEqual(['oa18-1', 'oa20-1']);
  });

  it('finds a phrase and highlights the matching words', async () => {
    expect(await ids({ match_phrase: { text: 'økonomiaftalen for 2018' } })).toEqual(['oa18-1']);
    const { body } = await es.search({
      index: alias,
      body: { query: { match: { text: 'speciallæge' } }, highlight: { fields: { text: {} } } },
    });
    const hit = body.hits.hits[0] as { _id: string; highlight: { text: string[] } };
    expect(hit._id).toBe('oa18-1');
    expect(hit.highlight.text).toEqual([
      'Økonomiaftalen for 2018 mellem regeringen og KL om <em>speciallæger</em>, jf. pkt. 3.',
    ]);
  });

  it('counts paragraphs per agreement and filters on the signing date', async () => {
    const { body } = await es.search({
      index: alias,
      body: { size: 0, aggs: { agreements: { terms: { field: 'agreement' } } } },
    });
    const buckets = (body.aggregations.agreements.buckets as { key: string; doc_count: number }[]);
    expect(buckets.map((b) => [b.key, b.doc_count])).toEqual([['ØA18', 1], ['ØA19', 1], ['ØA20', 1]]);
    expect(await ids({ range: { signed: { gte: '2018-01-01', lt: '2019-01-01' } } })).toEqual(['oa19-1']);
  });

  it('moves the alias to a rebuilt index in one atomic step', async () => {
    const live = `${prefix}-live`;
    const rebuilt = `${prefix}-v2`;
    await es.indices.putAlias({ index, name: live });
    await es.indices.create({ index: rebuilt, body: { settings: danishSettings, mappings } });
    const { id, ...paragraph } = paragraphs[0]!;
    await es.index({ index: rebuilt, id, body: paragraph, refresh: 'wait_for' });
    await es.indices.updateAliases({
      body: { actions: [{ remove: { index, alias: live } }, { add: { index: rebuilt, alias: live } }] },
    });
    const { body } = await es.indices.getAlias({ name: live });
    expect(Object.keys(body)).toEqual([rebuilt]);
    expect((await es.count({ index: live })).body.count).toBe(1);
  });
});
