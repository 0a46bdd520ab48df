import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../../api/server.ts';
import { ingestDocument } from '../../ingest/ingest-document.ts';
import { openCorpusIndex, type CorpusIndex } from '../api/corpus-index.ts';
import { CHROMIUM, describeWithService } from '../service-suites.ts';

// In a real browser, under the server's Content-Security-Policy: the search page, the deadlines
// page, a permalink page and /api/docs work without one blocked resource, and markup inside a
// document never runs.

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const HOSTILE_NOTE = [
  '# Notat med markup',
  '',
  'Regionerne skal <script>alert("xss")</script> sikre browsertesten i alle kommuner.',
  '',
  'En <img src=x onerror=alert(1)> billede og "><svg onload=alert(2)> browsertesten igen.',
  '',
].join('\n');

describeWithService('browser', 'pages under the Content-Security-Policy', () => {
  let index: CorpusIndex;
  let app: FastifyInstance;
  let browser: Browser;
  let origin: string;
  let dir: string;

  beforeAll(async () => {
    index = await openCorpusIndex();
    dir = await mkdtemp(join(tmpdir(), 'aftalesog-csp-'));
    const path = join(dir, 'markup-notat.md');
    await writeFile(path, HOSTILE_NOTE);
    const outcome = await ingestDocument(index.backend, {
      path,
      entry: { id: 'markup-notat', title: 'Notat <script>alert(3)</script>', type: 'notat', year: 2021, parties: [], source: 'markup-notat.md' },
    });
    expect(outcome.status, outcome.error?.message).toBe('ingested');
    app = await buildServer({ backend: index.backend, queue: null, security: { adminToken: null, rateLimit: false, corsOrigins: [] } });
    origin = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await index?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A page that records every CSP violation, console error and dialog (an alert() that ran). */
  async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ locale: 'da-DK' });
    const problems: string[] = [];
    await page.exposeFunction('reportViolation', (text: string) => problems.push(`CSP: ${text}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { reportViolation(text: string): void }).reportViolation(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    return { page, problems };
  }

  it('the search page finds the document with markup and shows it as text; nothing is blocked, nothing runs', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${origin}/?q=browsertesten`);
    const hit = page.locator('article.hit').first();
    await hit.waitFor();
    expect(await page.locator('article.hit').count()).toBe(2);
    const texts = await page.locator('article.hit').allTextContents();
    expect(texts.join('\n')).toContain('<script>alert("xss")</script>');
    expect(await page.locator('article.hit script, article.hit img, article.hit svg').count()).toBe(0);

    await hit.getByRole('link').first().click();
    await page.waitForURL(/\/p\/markup-notat\//);
    await page.locator('blockquote.current').waitFor();
    expect(await page.locator('main script, main img, main svg').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('the deadlines page loads its data under the policy', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${origin}/frister`);
    await page.locator('table tbody tr').first().waitFor();
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('/api/docs (Swagger UI) renders the API under its policy', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${origin}/api/docs/`);
    await page.locator('.swagger-ui .info .title').waitFor();
    expect(await page.locator('.swagger-ui .info .title').textContent()).toContain('Aftalesøg API');
    await page.locator('.opblock-tag', { hasText: 'admin' }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
