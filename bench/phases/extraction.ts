import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { extractBytes } from '../../src/extract/index.ts';

export interface ExtractorFigures {
  wallMs: number;
  cpuMs: number | null;
  pagesPerSecond: number;
  pagesPerCpuSecond: number | null;
}

export interface ExtractionResult {
  files: number;
  pages: number;
  /** pdf-parse through src/extract's extractBytes (text per page and ruled tables), in this process. */
  pdfParse: ExtractorFigures & { firstFileMs: number };
  /** poppler's pdftotext, one process per file as a shell loop would run it; null when not installed. */
  pdftotext: ExtractorFigures | null;
  /** pdf-parse time / pdftotext time (wall; CPU in cpuRatio). */
  ratio: number | null;
  cpuRatio: number | null;
}

/**
 * Both extractors on the same PDFs, read into memory first. The first file warms pdf.js up (its
 * time is reported apart, as the cost a fresh process pays once) and is left out of both runs.
 */
export async function measureExtraction(paths: string[]): Promise<ExtractionResult> {
  if (paths.length < 2) throw new Error('extraction needs at least two PDFs (one warms pdf.js up)');
  const files = paths.map((path) => ({ path, bytes: readFileSync(path) }));
  const firstStarted = performance.now();
  await extractBytes(basename(files[0]!.path), files[0]!.bytes);
  const firstFileMs = performance.now() - firstStarted;
  const measured = files.slice(1);
  let pages = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const file of measured) pages += (await extractBytes(basename(file.path), file.bytes)).pages.length;
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const pdfParse = figures(pages, wallMs, (used.user + used.system) / 1000);
  const poppler = await runPdftotext(measured.map((f) => f.path));
  const pdftotext = poppler ? figures(pages, poppler.wallMs, poppler.cpuMs) : null;
  return {
    files: measured.length,
    pages,
    pdfParse: { ...pdfParse, firstFileMs },
    pdftotext,
    ratio: pdftotext ? pdfParse.wallMs / pdftotext.wallMs : null,
    cpuRatio: pdftotext?.cpuMs && pdfParse.cpuMs ? pdfParse.cpuMs / pdftotext.cpuMs : null,
  };
}

function figures(pages: number, wallMs: number, cpuMs: number | null): ExtractorFigures {
  return { wallMs, cpuMs, pagesPerSecond: pages / (wallMs / 1000), pagesPerCpuSecond: cpuMs ? pages / (cpuMs / 1000) : null };
}

/** pdftotext over every file in one shell, whose `times` gives the CPU time of all of them. */
async function runPdftotext(paths: string[]): Promise<{ wallMs: number; cpuMs: number | null } | null> {
  const script = 'command -v pdftotext >/dev/null || exit 127; for f in "$@"; do pdftotext -q -enc UTF-8 "$f" - || exit 1; done >/dev/null; times';
  const started = performance.now();
  const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
    const child = spawn('bash', ['-c', script, 'bash', ...paths], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('close', (exit) => resolve({ code: exit, stdout: out }));
  });
  const wallMs = performance.now() - started;
  if (code === 127) return null;
  if (code !== 0) throw new Error(`pdftotext failed (exit ${code})`);
  const match = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(stdout.trimEnd());
  const cpuMs = match ? (Number(match[1]) * 60 + Number(match[2]) + Number(match[3]) * 60 + Number(match[4])) * 1000 : null;
  return { wallMs, cpuMs };
}
