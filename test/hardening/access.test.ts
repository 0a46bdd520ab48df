import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, settingsFromEnv, type SecuritySettings } from '../../api/server.ts';
import { inProcessRunner } from '../../ingest/in-process-runner.ts';
import { openCorpusIndex, type CorpusIndex } from '../api/corpus-index.ts';
import { multipart } from './multipart.ts';

// The service as an operator runs it in an organisation: headers that keep the pages from being
// framed or fed foreign scripts, a rate limit per address, CORS only for the tools that link in,
// and no credential in the logs.

let index: CorpusIndex;
let uploadDir: string;
const servers: FastifyInstance[] = [];

beforeAll(async () => {
  index = await openCorpusIndex();
  uploadDir = await mkdtemp(join(tmpdir(), 'aftalesog-access-'));
});

afterAll(async () => {
  await Promise.all(servers.map((app) => app.close()));
  await index?.close();
  await rm(uploadDir, { recursive: true, force: true });
});

async function server(security: Partial<SecuritySettings> = {}, extra: Partial<Parameters<typeof buildServer>[0]> = {}): Promise<FastifyInstance> {
  const app = await buildServer({ backend: index.backend, queue: null, runner: inProcessRunner(index.backend), security: { adminToken: null, rateLimit: false, corsOrigins: [], uploadDir, ...security }, ...extra });
  servers.push(app);
  return app;
}

describe('security headers', () => {
  it('the pages allow only their own scripts, styles and data, and cannot be framed', async () => {
    const app = await server();
    for (const url of ['/', '/frister', '/api/search?q=regionerne', '/p/oa18/3/national-udrulning-af-den-patientansvarlige-laege/1']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBeLessThan(400);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self';");
      expect(csp, url).toContain("script-src-attr 'none'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).not.toContain('unsafe-inline');
      expect(csp, url).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
    }
  });

  it('/api/docs keeps Swagger UI\'s own policy: inline styles, but scripts only from this site', async () => {
    const app = await server();
    const res = await app.inject('/api/docs/');
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toMatch(/script-src 'self';/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After and a readable message once an address is over its limit; others go on', async () => {
    const app = await server({ rateLimit: { max: 5, windowSeconds: 2 } });
    const from = (remoteAddress: string) => app.inject({ url: '/api/search?q=regionerne', remoteAddress });
    for (let i = 0; i < 5; i++) expect((await from('10.0.0.1')).statusCode).toBe(200);
    const limited = await from('10.0.0.1');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.headers['x-ratelimit-limit']).toBe('5');
    expect(limited.json()).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      error: 'Too Many Requests',
      message: expect.stringMatching(/^too many requests from this address: at most 5 per 2 s; try again in [12] s$/),
    });
    // The limit also guards the pages and the admin routes (no guessing tokens at speed).
    expect((await app.inject({ url: '/p/oa18/3/national-udrulning-af-den-patientansvarlige-laege/1', remoteAddress: '10.0.0.1' })).statusCode).toBe(429);
    expect((await from('10.0.0.2')).statusCode).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await from('10.0.0.1')).statusCode).toBe(200);
  });

  it('is generous by default and can be switched off (RATE_LIMIT_MAX=0), as for the load test', async () => {
    expect(settingsFromEnv({}).rateLimit).toEqual({ max: 1200, windowSeconds: 60 });
    expect(settingsFromEnv({ RATE_LIMIT_MAX: '0' }).rateLimit).toBe(false);
    expect(settingsFromEnv({ RATE_LIMIT_MAX: '50', RATE_LIMIT_WINDOW_S: '10' }).rateLimit).toEqual({ max: 50, windowSeconds: 10 });
    expect(() => settingsFromEnv({ RATE_LIMIT_MAX: 'many' })).toThrow('RATE_LIMIT_MAX must be a number of at least 0, not "many"');
    const app = await server({ rateLimit: false });
    const statuses = await Promise.all(Array.from({ length: 60 }, () => app.inject({ url: '/api/search?q=regionerne', remoteAddress: '10.0.0.3' })));
    expect(statuses.every((res) => res.statusCode === 200)).toBe(true);
  });
});

describe('CORS for the tools that link in', () => {
  const TOOL = 'https://sagsbehandling.region.example.dk';

  it('lets a listed origin read with GET, and no origin write', async () => {
    const app = await server({ corsOrigins: [TOOL] });
    const read = await app.inject({ url: '/api/search?q=regionerne', headers: { origin: TOOL } });
    expect(read.headers['access-control-allow-origin']).toBe(TOOL);
    expect(String(read.headers.vary)).toMatch(/origin/i);

    const stranger = await app.inject({ url: '/api/search?q=regionerne', headers: { origin: 'https://evil.example.com' } });
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();

    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/documents',
      headers: { origin: TOOL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(String(preflight.headers['access-control-allow-methods'])).not.toMatch(/POST/);
  });

  it('is off unless CORS_ORIGINS names origins', async () => {
    expect(settingsFromEnv({ CORS_ORIGINS: ' https://a.example.dk/ , https://b.example.dk' }).corsOrigins).toEqual(['https://a.example.dk', 'https://b.example.dk']);
    expect(settingsFromEnv({}).corsOrigins).toEqual([]);
    const app = await server();
    const res = await app.inject({ url: '/api/search?q=regionerne', headers: { origin: TOOL } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the logs', () => {
  it('never hold the admin token, even when an operator logs request headers', async () => {
    const token = 'very-secret-admin-token-9d41';
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = await server(
      { adminToken: token },
      {
        logger: {
          level: 'info',
          stream,
          // An operator debugging a proxy logs the headers of every request.
          serializers: { req: (req: { method: string; url: string; headers: Record<string, unknown> }) => ({ method: req.method, url: req.url, headers: req.headers }) },
        },
      },
    );
    const form = multipart([{ name: 'file', filename: 'notat.md', value: '# Notat\n\nRegionerne skal sikre økonomien.\n' }]);
    const ok = await app.inject({ method: 'POST', url: '/api/documents', payload: form.payload, headers: { ...form.headers, authorization: `Bearer ${token}` } });
    expect(ok.statusCode, ok.body).toBe(201);
    const wrong = await app.inject({ url: '/api/jobs', headers: { authorization: `Bearer ${token}-guess` } });
    expect(wrong.statusCode).toBe(401);
    await app.inject({ url: '/api/search?q=regionerne', headers: { cookie: `session=${token}` } });

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(3);
    expect(log).toContain('"authorization":"[redacted]"');
    expect(log).toContain('admin route called with a wrong token');
    expect(log).not.toContain(token);
  });

  it('settings: ADMIN_TOKEN, UPLOAD_MAX_MB and DATA_DIR from the environment', () => {
    const settings = settingsFromEnv({ ADMIN_TOKEN: '  s3cret ', UPLOAD_MAX_MB: '10', DATA_DIR: '/srv/aftalesog' });
    expect(settings).toMatchObject({ adminToken: 's3cret', uploadMaxBytes: 10 * 2 ** 20, uploadDir: '/srv/aftalesog/uploads' });
    expect(settingsFromEnv({ ADMIN_TOKEN: '   ' }).adminToken).toBeNull();
    expect(settingsFromEnv({}).uploadMaxBytes).toBe(50 * 2 ** 20);
  });
});
