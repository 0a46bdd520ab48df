import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../../api/server.ts';
import { openCorpusIndex, type CorpusIndex } from '../api/corpus-index.ts';
import { CHROMIUM, describeWithService } from '../service-suites.ts';

// A person at a real (headless) Chromium: search, copy a link, open the paragraph, list deadlines.

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
describeWithService('browser', 'the web page in a browser', () => {
  let index: CorpusIndex;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let origin: string;

  beforeAll(async () => {
    index = await openCorpusIndex();
    app = await buildServer({ backend: index.backend });
    origin = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    context = await browser.newContext({ locale: 'da-DK' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await index?.close();
  });

  it('searches as you type, copies a link and opens the paragraph page', async () => {
    const page = await context.newPage();
    await page.goto(origin);
    await page.getByLabel('Søg i aftaletekster').fill('patientansvarlig læge');

    const status = page.getByRole('status').first();
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/^\d+ resultat/);
    const hit = page.locator('article.hit').filter({ hasText: 'Aftale om regionernes økonomi for 2018' }).first();
    await hit.waitFor();
    expect(await hit.locator('mark').count()).toBeGreaterThan(0);
    expect(page.url()).toContain('q=patientansvarlig');

    await hit.getByRole('button', { name: 'Kopiér link' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(new RegExp(`^${origin}/p/oa18/3/national-udrulning-af-den-patientansvarlige-laege/\\d+$`));

    await hit.getByRole('link').first().click();
    await page.waitForURL(copied);
    const crumbs = page.getByRole('navigation', { name: 'Brødkrumme' });
    await expect.poll(() => crumbs.textContent()).toContain('kap. 3 Styrings- og kvalitetsudvikling');
    await page.getByRole('button', { name: 'Kopiér citat' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^Aftale om regionernes økonomi for 2018, kap\. 3/);
    await page.close();
  });

  it('works from the keyboard: arrow down into the results, Enter opens one', async () => {
    const page = await context.newPage();
    await page.goto(origin);
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab'); // brand
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('kræftpatienter');
    await page.keyboard.press('Enter');
    await page.locator('a.hit-link').first().waitFor();
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(focused).toMatch(/^\/p\//);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}${focused}`);
    await page.close();
  });

  it('filters by a year facet and groups by year', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/?q=${encodeURIComponent('patientansvarlig læge')}`);
    const facet = page.locator('#facet-year button', { hasText: '2018' });
    await facet.click();
    await expect.poll(() => facet.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.url()).toContain('year=2018');
    const docs = await page.locator('.hit-doc').allTextContents();
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every((d) => d.includes('2018'))).toBe(true);

    await facet.click();
    await page.getByLabel('Gruppér efter år').check();
    await expect.poll(() => page.locator('.group-heading').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^2020 /), expect.stringMatching(/^2018 /)]));
    await page.close();
  });

  it('says "Ingen resultater" and offers "Mente du …?" for a misspelling', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/?q=patientansvarlik`);
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 10_000 }).toBe('Ingen resultater');
    expect(await page.locator('#suggestion').textContent()).toBe('Mente du patientansvarlig?');
    await page.getByRole('button', { name: 'patientansvarlig' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^\d+ resultat/);
    expect(await page.getByLabel('Søg i aftaletekster').inputValue()).toBe('patientansvarlig');
    await page.close();
  });

  it('lists the 2020 deadlines in a table with a CSV download of the same filter', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/frister`);
    await page.getByLabel('År', { exact: true }).selectOption('2020');
    await expect.poll(() => page.url()).toContain('deadlineYear=2020');
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^\d+ frist/);
    const rows = page.locator('#deadlines tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const dates = await page.locator('#deadlines tbody time').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime')));
    expect(dates).toEqual([...dates].sort());
    expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe('/api/commitments?deadlineYear=2020&format=csv');
    await rows.first().getByRole('link').click();
    await page.waitForURL(/\/p\//);
    await page.close();
  });
});
