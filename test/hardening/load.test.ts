import { describe, expect, it } from 'vitest';
import { formatReport, runLoad } from './load.ts';

// The short version of `npm run load` (50 connections for 30 s): a few seconds of mixed searches
// and permalinks on loopback must pass without one error, timeout or non-2xx answer.

describe('the API under load', () => {
  it('answers every request of a 4 s loopback load (20 connections) with 2xx', async () => {
    const report = await runLoad({ connections: 20, durationSeconds: 4 });
    console.info(formatReport(report));
    expect(report).toMatchObject({ non2xx: 0, errors: 0, timeouts: 0 });
    expect(report.requests).toBeGreaterThan(100);
    // A bound, not a benchmark: no request waits seconds.
    expect(report.latencyMs.p99).toBeLessThan(3_000);
  }, 90_000);
});
