import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_ERRORS, allErrorCodes } from '../../api/errors.ts';
import { QUERY_ERROR_REASONS } from '../../src/search/query-error.ts';
import { QueryError } from '../../src/search/query-error.ts';

const doc = readFileSync(new URL('../../api/ERRORS.md', import.meta.url), 'utf8');
const documented = new Map([...doc.matchAll(/^\| `([A-Z_]+)` \| (\d{3}|4xx) \|/gm)].map((m) => [m[1]!, m[2]!]));

describe('api/ERRORS.md', () => {
  it('lists every error code a client can receive, with its status', () => {
    for (const code of allErrorCodes()) expect(documented.has(code), `${code} is missing from api/ERRORS.md`).toBe(true);
    for (const [code, spec] of Object.entries(API_ERRORS)) {
      const status = documented.get(code)!;
      expect(status === '4xx' ? spec.status >= 400 && spec.status < 500 : Number(status), code).toBe(status === '4xx' ? true : spec.status);
    }
  });

  it('lists no code that does not exist', () => {
    const known = new Set(allErrorCodes());
    for (const code of documented.keys()) expect(known.has(code), `${code} is documented but not declared`).toBe(true);
  });

  it("names the query parser's codes as the parser makes them", () => {
    for (const reason of Object.keys(QUERY_ERROR_REASONS) as (keyof typeof QUERY_ERROR_REASONS)[]) {
      expect(allErrorCodes()).toContain(new QueryError(reason).code);
    }
  });
});
