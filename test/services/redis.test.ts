// Checks the real Redis server that ci/redis/start.sh provides, for what the BullMQ ingest jobs and
// the API's caches and rate limits need from it. Runs only when REDIS_URL is set
// (eval "$(bash ci/services.sh)").
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithService } from '../service-suites.ts';

const url = process.env.REDIS_URL;
const prefix = `test-services:${process.pid}:${Date.now()}:`;

describeWithService('redis', 'the Redis server for CI and tests', () => {
  // Made in beforeAll: a describe body runs at collection even when the suite is skipped.
  let redis: Redis;
  const key = (name: string): string => `${prefix}${name}`;
  const moveJob =
    "local job = redis.call('RPOP', KEYS[1]); if job then redis.call('LPUSH', KEYS[2], job) end; return job";

  beforeAll(() => {
    redis = new Redis(url!, { maxRetriesPerRequest: 1 });
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('answers and is new enough for BullMQ, and never evicts queued jobs', async () => {
    expect(await redis.ping()).toBe('PONG');
    const info = await redis.info('server');
    const version = /redis_version:(\d+)\.(\d+)/.exec(info);
    expect(version).not.toBeNull();
    expect(Number(version![1])).toBeGreaterThanOrEqual(5);
    expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
  });

  it('keeps a cached search result until its time to live runs out', async () => {
    const cached = key('cache:søg:økonomiaftale');
    await redis.set(cached, JSON.stringify({ hits: 3 }), 'PX', 5_000);
    expect(JSON.parse((await redis.get(cached))!)).toEqual({ hits: 3 });
    const ttl = await redis.pttl(cached);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5_000);
  });

  it('runs Lua scripts atomically, as BullMQ does for every job move', async () => {
    expect(await redis.eval(moveJob, 2, key('wait'), key('active'))).toBeNull();
    await redis.lpush(key('wait'), 'extract:ØA18.pdf');
    expect(await redis.eval(moveJob, 2, key('wait'), key('active'))).toBe('extract:ØA18.pdf');
    expect(await redis.lrange(key('active'), 0, -1)).toEqual(['extract:ØA18.pdf']);
    expect(await redis.llen(key('wait'))).toBe(0);
  });

  it('delivers a published event to a subscriber', async () => {
    const subscriber = new Redis(url!);
    try {
      const received = new Promise<string>((resolve) => subscriber.on('message', (_channel, message: string) => resolve(message)));
      await subscriber.subscribe(key('events'));
      await redis.publish(key('events'), 'indexed:oa18-1');
      expect(await received).toBe('indexed:oa18-1');
    } finally {
      subscriber.disconnect();
    }
  });
});
