// The plain parts of the BullMQ pipeline, no Redis needed: job ids, connection strings,
// retry delays and how a failed job's reason reads.
import { describe, expect, it } from 'vitest';
import { chainKey, failureOf, ingestBackoff, parseStageJobId, redisOptions, stageJobId } from '../../ingest/bullmq/index.ts';
import type { StageJobData } from '../../ingest/bullmq/index.ts';

const hash = 'e70e5fcf02db383bbed1a4b4c3f0ad2b4a8d1f6f1fbd0b61a2a8d2c9e0f1a2b3';
const data: StageJobData = {
  path: '/srv/aftaler/oa18.pdf',
  entry: { id: 'oa18', title: 'Aftale om regionernes økonomi for 2018', type: 'økonomiaftale', year: 2018, parties: ['Regeringen'], source: 'oa18.pdf' },
  contentHash: hash,
};

describe('job ids name the stage and the file version', () => {
  it('reads back the stage and chain of an id it made', () => {
    const id = stageJobId('segment', chainKey('oa20-opfoelgning', hash));
    expect(id).toBe(`segment.oa20-opfoelgning.${hash}`);
    expect(id).not.toContain(':'); // BullMQ refuses custom ids with a colon
    expect(parseStageJobId(id)).toEqual({ stage: 'segment', chain: `oa20-opfoelgning.${hash}` });
  });

  it('does not mistake a foreign id for a stage job', () => {
    expect(parseStageJobId('42')).toBeNull();
    expect(parseStageJobId('tokenize.oa18.abc')).toBeNull();
  });
});

describe('REDIS_URL', () => {
  it('gives host, port, credentials and database, and lets workers wait out a Redis restart', () => {
    expect(redisOptions('redis://ingest:hemmelig%21@redis.internal:6380/2')).toEqual({
      host: 'redis.internal',
      port: 6380,
      username: 'ingest',
      password: 'hemmelig!',
      db: 2,
      maxRetriesPerRequest: null,
    });
    expect(redisOptions('rediss://cache.example:6379')).toMatchObject({ tls: {}, port: 6379 });
    expect(redisOptions('redis://127.0.0.1')).toEqual({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null });
  });

  it('refuses a URL of another kind', () => {
    expect(() => redisOptions('http://127.0.0.1:6379')).toThrow(/redis:\/\/ or rediss:\/\//);
  });
});

describe('retries', () => {
  it('wait 1, 2, 4 s between attempts, and never follow a job stopped for its time limit', () => {
    expect([1, 2, 3].map((attempt) => ingestBackoff(attempt, 'ingest-exponential', undefined, { data }))).toEqual([1_000, 2_000, 4_000]);
    expect(ingestBackoff(1, 'ingest-exponential', undefined, { data: { ...data, timedOutAfterMs: 120_000 } })).toBe(-1);
  });
});

describe('a failed job reads as a code and one line', () => {
  it('takes the code a stage put in front of its reason', () => {
    const job = { id: stageJobId('extract', chainKey('oa18', hash)), name: 'extract', data, failedReason: 'EXTRACT_CORRUPT: oa18.pdf: the PDF is damaged and cannot be read (bad XRef entry)' };
    expect(failureOf(job)).toEqual({ code: 'EXTRACT_CORRUPT', message: 'oa18.pdf: the PDF is damaged and cannot be read (bad XRef entry)' });
  });

  it('names a stage that ran over its time limit', () => {
    const killed = { ...data, timedOutAfterMs: 120_000 };
    const reason = 'Unexpected exit code: null signal: SIGKILL';
    expect(failureOf({ name: 'extract', data: killed, failedReason: reason })).toEqual({
      code: 'EXTRACT_TIMEOUT',
      message: 'oa18.pdf: reading the file took too long (stopped after 120.0 s)',
    });
    expect(failureOf({ name: 'normalize', data: killed, failedReason: reason })).toEqual({
      code: 'NORMALIZE_TIMEOUT',
      message: 'oa18.pdf: the normalize stage took too long (stopped after 120.0 s)',
    });
  });

  it("keeps BullMQ's own reasons with the file and stage", () => {
    expect(failureOf({ name: 'index', data, failedReason: 'job stalled more than allowable limit' })).toEqual({
      code: 'INGEST_FAILED',
      message: '/srv/aftaler/oa18.pdf: index stage: job stalled more than allowable limit',
    });
  });
});
