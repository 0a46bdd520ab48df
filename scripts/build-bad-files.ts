// Builds test/fixtures/bad-files/: files an ingest batch must survive, each with the error it
// must end in, next to two good files. Deterministic: every run writes the same bytes.
//
//   npx tsx scripts/build-bad-files.ts [--out <dir>]
//
// manifest.json lists every file with the code it must fail with (null for the good ones).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { DEFAULT_MAX_PAGES } from '../src/extract/pdf.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** pdfkit derives the trailer /ID (and the RC4 key of an encrypted file) from the info dates. */
const FIXED_DATE = new Date('2020-01-01T00:00:00Z');

export interface BadFile {
  file: string;
  /** The ExtractError code ingest must report, or null for a file that must ingest. */
  code: string | null;
  what: string;
}

function pdf(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', ...options, info: { Title: 'Aftalesøg test', CreationDate: FIXED_DATE, ModDate: FIXED_DATE } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolvePdf, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolvePdf(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

const AGREEMENT_TEXT = [
  'Regeringen og Danske Regioner er enige om at styrke samarbejdet om det nære sundhedsvæsen.',
  'Regionerne skal inden udgangen af 2021 afrapportere om udbredelsen af de fælles forløbsprogrammer.',
];

/** A greyscale PNG of a "scanned page": bars where lines of print would be, no text layer. */
function scannedPagePng(width: number, height: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(width + 1); // filter byte 0, then one byte per pixel
    const printed = y % 12 < 6 && y > 20 && y < height - 20;
    for (let x = 0; x < width; x++) {
      const ink = printed && x > 20 && x < width - 20 && (x * 7 + y * 3) % 23 > 4;
      row[x + 1] = ink ? 40 : 235;
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A PDF of `count` blank pages, written by hand: every page its own object (the page tree
 * really holds them all) with nothing else, so thousands of pages take ~160 KB instead of
 * the ~1 MB pdfkit writes with a content stream and resources per page.
 */
function blankPagesPdf(count: number): Buffer {
  const objects: string[] = [];
  const kids = Array.from({ length: count }, (_, i) => `${i + 3} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Count ${count} /MediaBox [0 0 200 200] /Resources << >> /Kids [${kids}] >>`);
  for (let i = 0; i < count; i++) objects.push('<< /Type /Page /Parent 2 0 R >>');
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export async function buildBadFiles(): Promise<[BadFile, Buffer][]> {
  const good = await pdf({}, (doc) => AGREEMENT_TEXT.forEach((line) => doc.text(line).moveDown()));
  const pages = DEFAULT_MAX_PAGES + 500;
  return [
    [{ file: 'god-aftale.pdf', code: null, what: 'a good PDF: the rest of the batch' }, good],
    [
      { file: 'godt-notat.md', code: null, what: 'a good UTF-8 note' },
      Buffer.from(`# Notat om opfølgning\n\n${AGREEMENT_TEXT.join('\n\n')}\n`, 'utf8'),
    ],
    [{ file: 'afkortet.pdf', code: 'EXTRACT_CORRUPT', what: 'a PDF cut off after a third of its bytes' }, good.subarray(0, Math.floor(good.length / 3))],
    [
      { file: 'krypteret.pdf', code: 'EXTRACT_ENCRYPTED', what: 'a PDF that needs a password' },
      await pdf({ userPassword: 'hemmelig', ownerPassword: 'ejer' }, (doc) => doc.text(AGREEMENT_TEXT[0]!)),
    ],
    [{ file: 'tom.pdf', code: 'EXTRACT_EMPTY', what: 'zero bytes' }, Buffer.alloc(0)],
    [
      { file: 'ikke-en-pdf.pdf', code: 'EXTRACT_NOT_PDF', what: 'an HTML page saved with a .pdf name' },
      Buffer.from('<!doctype html>\n<html><body><p>Aftalen kunne ikke hentes.</p></body></html>\n', 'utf8'),
    ],
    [
      { file: 'scannet.pdf', code: 'EXTRACT_NO_TEXT', what: 'a scanned page: one image, no text layer' },
      await pdf({}, (doc) => doc.image(scannedPagePng(200, 280), 50, 50, { width: 495 })),
    ],
    [
      { file: 'tusindvis-af-sider.pdf', code: 'EXTRACT_TOO_MANY_PAGES', what: `${pages} blank pages (the limit is ${DEFAULT_MAX_PAGES})` },
      blankPagesPdf(pages),
    ],
    [
      { file: 'notat-latin1.md', code: 'EXTRACT_ENCODING', what: 'a note saved as Latin-1 instead of UTF-8' },
      Buffer.from('# Notat\n\nRegionerne skal sikre økonomien i sundhedsvæsenet.\n', 'latin1'),
    ],
  ];
}

async function main(): Promise<void> {
  const index = process.argv.indexOf('--out');
  const out = index >= 0 && process.argv[index + 1] ? resolve(process.argv[index + 1]!) : join(repo, 'test/fixtures/bad-files');
  mkdirSync(out, { recursive: true });
  const files = await buildBadFiles();
  for (const [entry, bytes] of files) writeFileSync(join(out, entry.file), bytes);
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(files.map(([entry]) => entry), null, 2)}\n`);
  const size = files.reduce((sum, [, bytes]) => sum + bytes.length, 0);
  console.error(`wrote ${files.length} files (${(size / 1024).toFixed(0)} KiB) and manifest.json to ${out}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
