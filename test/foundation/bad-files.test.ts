import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../ingest/process-file.ts';
import { ExtractError } from '../../src/extract/index.ts';

/** A real PDF written by pdfkit, so each bad case differs from a good file in one way only. */
function pdf(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  draw(doc);
  doc.end();
  return done;
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aftalesog-bad-'));
  const good = await pdf({}, (doc) => doc.text('Regeringen og Danske Regioner er enige om at styrke samarbejdet.'));
  await writeFile(join(dir, 'good.pdf'), good);
  await writeFile(join(dir, 'empty.pdf'), Buffer.alloc(0));
  await writeFile(join(dir, 'not-a-pdf.pdf'), '<html><body>Ikke en PDF</body></html>');
  await writeFile(join(dir, 'truncated.pdf'), good.subarray(0, Math.floor(good.length / 3)));
  await writeFile(join(dir, 'encrypted.pdf'), await pdf({ userPassword: 'hemmelig', ownerPassword: 'ejer' }, (doc) => doc.text('Fortroligt')));
  await writeFile(join(dir, 'scanned.pdf'), await pdf({}, (doc) => doc.rect(50, 50, 400, 600).fill('#888')));
  await writeFile(join(dir, 'latin1.md'), Buffer.from('## Notat\n\nRegionerne skal sikre økonomien.\n', 'latin1'));
});

async function reasonFor(name: string): Promise<{ code: string; message: string }> {
  try {
    await extractFile(join(dir, name));
  } catch (error) {
    expect(error).toBeInstanceOf(ExtractError);
    return { code: (error as ExtractError).code, message: (error as ExtractError).message };
  }
  throw new Error(`${name} was read without an error`);
}

describe('files that cannot be read give a typed error that names the file and the cause', () => {
  it.each([
    ['empty.pdf', 'EXTRACT_EMPTY', /empty\.pdf: the file is empty/],
    ['not-a-pdf.pdf', 'EXTRACT_NOT_PDF', /not-a-pdf\.pdf: the file is not a PDF/],
    ['truncated.pdf', 'EXTRACT_CORRUPT', /truncated\.pdf: the PDF is damaged/],
    ['encrypted.pdf', 'EXTRACT_ENCRYPTED', /encrypted\.pdf: the PDF is encrypted/],
    ['scanned.pdf', 'EXTRACT_NO_TEXT', /scanned\.pdf: the PDF has no text layer/],
    ['latin1.md', 'EXTRACT_ENCODING', /latin1\.md: the note is not valid UTF-8/],
  ])('%s → %s', async (name, code, message) => {
    const reason = await reasonFor(name);
    expect(reason.code).toBe(code);
    expect(reason.message).toMatch(message);
  });

  it('reads the good file made the same way', async () => {
    const extracted = await extractFile(join(dir, 'good.pdf'));
    expect(extracted.pages[0]?.text).toContain('Danske Regioner er enige om');
    expect(extracted.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await readFile(join(dir, 'good.pdf'))).length).toBeGreaterThan(0);
  });
});
