import type * as PdfParseModule from 'pdf-parse';
import type { PDFParse } from 'pdf-parse';
import type { ExtractedText, PageTables } from '../tree/types.ts';
import { contentHash } from './content-hash.ts';
import { ExtractError } from './errors.ts';
import { restoreNativeBuiltins } from './native-builtins.ts';

let pdfParseModule: Promise<typeof PdfParseModule> | undefined;

/**
 * pdf-parse (pdf.js and a native canvas) is loaded on the first PDF, not with this module: it
 * adds ~140 MB to a process, and the server and ingest parents import src/extract only for
 * hashes and error types, while PDFs are read in child processes.
 */
function loadPdfParse(): Promise<typeof PdfParseModule> {
  return (pdfParseModule ??= import('pdf-parse').then((module) => {
    restoreNativeBuiltins();
    return module;
  }));
}

/** Loads the PDF reader now, so that a process made to read PDFs pays for it before its first file. */
export async function loadPdfReader(): Promise<void> {
  await loadPdfParse();
}

export interface PdfExtractOptions {
  /** Refuse documents with more pages than this (a guard against pathological files). */
  maxPages?: number;
}

export const DEFAULT_MAX_PAGES = 2000;

/**
 * PDF → text per page (pdf-parse), plus the cells of ruled tables so a follow-up
 * scheme's four columns come back apart instead of interleaved.
 */
export async function extractPdf(file: string, bytes: Uint8Array, options: PdfExtractOptions = {}): Promise<ExtractedText> {
  if (bytes.length === 0) throw new ExtractError(file, 'empty');
  if (!startsWithPdfHeader(bytes)) throw new ExtractError(file, 'not-pdf');
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const pdfParse = await loadPdfParse();
  const toExtractError = extractErrorOf(pdfParse);
  // pdf.js may transfer (detach) the buffer it is given: hand it a copy.
  const parser = new pdfParse.PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
  try {
    const info = await parser.getInfo().catch((error: unknown) => {
      throw toExtractError(file, error);
    });
    // The first document loads pdf.js's worker module, with polyfills of its own.
    restoreNativeBuiltins();
    if (info.total > maxPages) throw new ExtractError(file, 'too-many-pages', `${info.total} pages, at most ${maxPages}`);
    const text = await parser.getText({ pageJoiner: '' }).catch((error: unknown) => {
      throw toExtractError(file, error);
    });
    const pages = text.pages.map((p) => ({ page: p.num, text: p.text }));
    if (pages.every((p) => p.text.trim() === '')) throw new ExtractError(file, 'no-text');
    const pageTables = await ruledTables(parser).catch((error: unknown) => {
      throw toExtractError(file, error);
    });
    return { source: file, format: 'pdf', contentHash: contentHash(bytes), pages, tables: pageTables };
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

/** What this module uses of the pdf.js document pdf-parse loads (its `load()` is not typed public). */
interface PdfJsDocument {
  numPages: number;
  getPage(pageNumber: number): Promise<{ getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>; cleanup(): boolean }>;
}

/** pdf.js operator codes (its OPS table): a path, and a path painted by stroking it. */
const OPS_CONSTRUCT_PATH = 91;
const OPS_STROKE = 20;

/**
 * Ruled tables, looked for only on pages that stroke a path: pdf-parse builds a table from stroked
 * lines and rectangles alone, and its table pass reads each page's text a second time, which on a
 * text-only document cost more than reading the text. A page's operator list is cheap by
 * comparison, and pdf.js keeps it for the table pass on the pages that have strokes.
 */
async function ruledTables(parser: PDFParse): Promise<PageTables[]> {
  const doc = await (parser as unknown as { load(): Promise<PdfJsDocument> }).load();
  const stroked: number[] = [];
  for (let pageNumber = 1; pageNumber <= doc.numPages; pageNumber++) {
    const page = await doc.getPage(pageNumber);
    const { fnArray, argsArray } = await page.getOperatorList();
    if (fnArray.some((fn, i) => fn === OPS_CONSTRUCT_PATH && argsArray[i]?.[0] === OPS_STROKE)) stroked.push(pageNumber);
    else page.cleanup();
  }
  if (stroked.length === 0) return [];
  const tables = await parser.getTable({ partial: stroked });
  return tables.pages.filter((p) => p.tables.length > 0).map((p) => ({ page: p.num, tables: p.tables }));
}

function startsWithPdfHeader(bytes: Uint8Array): boolean {
  // The header may follow a little junk; readers accept it within the first 1024 bytes.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

function extractErrorOf({ PasswordException, InvalidPDFException, FormatError }: typeof PdfParseModule) {
  return (file: string, error: unknown): ExtractError => {
    if (error instanceof ExtractError) return error;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof PasswordException || /password/i.test(message)) return new ExtractError(file, 'encrypted');
    if (error instanceof InvalidPDFException || error instanceof FormatError) return new ExtractError(file, 'corrupt', message);
    return new ExtractError(file, 'corrupt', message);
  };
}
