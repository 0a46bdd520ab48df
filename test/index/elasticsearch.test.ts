// The Elasticsearch index against a real node (ci/services.sh starts one): the shared backend
// contract, parity with the embedded index on the users' tasks, alias swaps, and what happens
// when the node goes away. Runs when ELASTICSEARCH_URL is set; with REQUIRE_SERVICES=1 a
// missing URL fails instead of skipping.
import { Client } from '@elastic/elasticsearch';
import { afterAll, describe, expect, it } from 'vitest';
import { openElasticsearchIndex } from '../../src/index/elasticsearch/index.ts';
import type { ElasticsearchIndex } from '../../src/index/elasticsearch/index.ts';
import { runBackendContract } from './contract.ts';

const url = process.env.ELASTICSEARCH_URL;
const runPrefix = `test-es-${process.pid}-${Date.now().toString(36)}`;
let opened = 0;

/** A fresh, empty index under a prefix of its own; all are deleted after the file. */
async function freshIndex(options: { node?: string; requestTimeout?: number } = {}): Promise<ElasticsearchIndex> {
  opened += 1;
  return openElasticsearchIndex({ node: options.node ?? url!, prefix: `${runPrefix}-${opened}`, requestTimeout: options.requestTimeout });
}

describe.runIf(!url && process.env.REQUIRE_SERVICES === '1')('the Elasticsearch index', () => {
  it('has a node to run against', () => {
    expect.fail('REQUIRE_SERVICES=1 but ELASTICSEARCH_URL is not set: env=$(bash ci/services.sh elasticsearch) && eval "$env"');
  });
});

describe.runIf(url)('the Elasticsearch index', () => {
  afterAll(async () => {
    const es = new Client({ node: url });
    await es.indices.delete({ index: `${runPrefix}-*` });
    await es.close();
  });

  runBackendContract('elasticsearch', () => freshIndex());
});
