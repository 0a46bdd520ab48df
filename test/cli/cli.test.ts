import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The `aftalesog` command as an analyst types it: outline a PDF, ingest files, search, list deadlines.

const BIN = fileURLToPath(new URL('../../bin/aftalesog.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

let dataDir: string;

/** Runs the command in the checkout with its own index; never rejects: gives the exit code. */
async function aftalesog(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PUBLIC_URL: 'https://aftalesog.example' };
  delete env.ELASTICSEARCH_URL;
  delete env.REDIS_URL;
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'aftalesog-cli-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('aftalesog outline', () => {
  it('prints ØA18 as its chapters with page numbers', async () => {
    const { code, stdout } = await aftalesog('outline', 'corpus/oa18.pdf');
    expect(code).toBe(0);
    expect(stdout).toContain('Aftale om regionernes økonomi for 2018 (oa18, 20 sider)');
    expect(stdout).toMatch(/^3\. Styrings- og kvalitetsudvikling {2}\[s\. 3–5\]$/m);
    expect(stdout).toMatch(/^ {2}National udrulning af den patientansvarlige læge {2}\[s\. 5\]$/m);
  });

  it('gives every paragraph with text, page, id and citation as JSON', async () => {
    const { code, stdout } = await aftalesog('outline', 'corpus/oa18.pdf', '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const chapter = doc.children.find((c: { heading: { number: string } }) => c.heading.number === '3');
    const section = chapter.children.find((c: { id: string }) => c.id === 'oa18/3/national-udrulning-af-den-patientansvarlige-laege');
    expect(section.children[1]).toMatchObject({
      id: 'oa18/3/national-udrulning-af-den-patientansvarlige-laege/2',
      page: 5,
      citation: { page: 5, paragraph: 2, chapter: { number: '3', title: 'Styrings- og kvalitetsudvikling' } },
    });
    expect(section.children[1].text).toMatch(/^Udrulningen til alle kræftpatienter/);
  });

  it('says in one line why a file cannot be read, with exit code 2', async () => {
    const broken = join(dataDir, 'broken.pdf');
    await writeFile(broken, '%PDF-1.4\nnot really a pdf');
    const { code, stderr } = await aftalesog('outline', broken);
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^aftalesog: broken\.pdf: the PDF is damaged and cannot be read/);
    expect((await aftalesog('outline')).code).toBe(2);
    expect((await aftalesog('outline', 'no-such-file.pdf')).stderr).toContain('no-such-file.pdf: findes ikke');
  });
});

describe('aftalesog ingest, search and commitments', () => {
  it('ingests the corpus, skips it unchanged the next time, and goes on past a bad file', async () => {
    const first = await aftalesog('ingest', '--catalog', 'corpus/catalog.json');
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('Indlæst: 5, uændret: 0, fejl: 0');
    const empty = join(dataDir, 'tom.pdf');
    await writeFile(empty, '');
    const second = await aftalesog('ingest', 'corpus/oa18.pdf', empty);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('FEJL EXTRACT_EMPTY: tom.pdf: the file is empty (0 bytes)');
    expect(second.stderr).toContain('Indlæst: 0, uændret: 1, fejl: 1');
  }, 120_000);

  it('finds "patientansvarlig læge" across the years with citations and permalinks', async () => {
    const { code, stdout } = await aftalesog('search', 'patientansvarlig læge');
    expect(code).toBe(0);
    expect(stdout).toContain('2018  Aftale om regionernes økonomi for 2018, kap. 3 Styrings- og kvalitetsudvikling');
    expect(stdout).toContain('2020  Økonomiaftale for 2020 – opfølgningsskema');
    expect(stdout).toContain('https://aftalesog.example/p/oa18/3/national-udrulning-af-den-patientansvarlige-laege/1');
    const json = JSON.parse((await aftalesog('search', 'patientansvarlig læge', '--json', '--year', '2018')).stdout);
    expect(json.hits.every((h: { citation: { document: { year: number } } }) => h.citation.document.year === 2018)).toBe(true);
    const bad = await aftalesog('search', '"patientansvarlig læge');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^aftalesog: .*quotation mark is not closed/);
  }, 60_000);

  it('lists the commitments with a deadline in 2020, also as CSV for Excel', async () => {
    const table = await aftalesog('commitments', '--deadline', '2020');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^\d+ aftaler:/);
    expect(table.stdout).toContain('https://aftalesog.example/p/');
    const csv = await aftalesog('commitments', '--deadline', '2020', '--format', 'csv');
    expect(csv.stdout.startsWith('\uFEFFFrist;Frist (som skrevet);Aktører;Handling')).toBe(true);
    const rows = csv.stdout.split('\r\n').filter((line) => /^2020-\d\d-\d\d;/.test(line));
    expect(rows.length).toBeGreaterThan(5);
    expect((await aftalesog('commitments', '--deadline', 'snart')).code).toBe(2);
  }, 60_000);
});
