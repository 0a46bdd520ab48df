import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';

// Which suites need a real service, and whether this run has it. Suites guard themselves with
// `suiteRuns(...)`; the global setup prints one line naming those that did not run.

export const SERVICE_SUITES = {
  elasticsearch: { variable: 'ELASTICSEARCH_URL', label: 'Elasticsearch backend (set ELASTICSEARCH_URL)' },
  redis: { variable: 'REDIS_URL', label: 'BullMQ workers and Redis (set REDIS_URL)' },
  browser: { variable: 'CHROMIUM_PATH', label: 'web page in Chromium (install chromium)' },
} as const;

export type ServiceSuite = keyof typeof SERVICE_SUITES;

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function serviceAvailable(suite: ServiceSuite): boolean {
  if (suite === 'browser') return existsSync(CHROMIUM);
  return Boolean(process.env[SERVICE_SUITES[suite].variable]);
}

/** CI sets REQUIRE_SERVICES=1 (and REQUIRE_BROWSER=1): a missing service is then a failure, not a skip. */
export function serviceRequired(suite: ServiceSuite): boolean {
  return suite === 'browser' ? process.env.REQUIRE_BROWSER === '1' : process.env.REQUIRE_SERVICES === '1';
}

/**
 * A describe block that needs a real service: it runs when the service is there, fails with one
 * clear test when the service is required but missing, and is skipped otherwise.
 */
export function describeWithService(suite: ServiceSuite, name: string, body: () => void): void {
  if (serviceAvailable(suite)) {
    describe(name, body);
  } else if (serviceRequired(suite)) {
    describe(name, () => {
      it(`needs ${SERVICE_SUITES[suite].label}`, () => {
        expect.fail(`${suite} is required here (REQUIRE_SERVICES/REQUIRE_BROWSER) but not available: ${SERVICE_SUITES[suite].label}`);
      });
    });
  } else {
    describe.skip(name, body);
  }
}
