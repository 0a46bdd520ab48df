import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { isDanishWord } from '../src/analysis/lexicon.ts';
import { validateCatalog } from '../src/catalog/index.ts';
import { extractBytes, type PdfExtractOptions } from '../src/extract/index.ts';
import { buildDocument } from '../src/segment/index.ts';
import type { CatalogEntry, DocumentNode, ExtractedText } from '../src/tree/types.ts';

/** Reads a file and runs extract → normalize → segment on it. */
export async function processFile(path: string, entry: CatalogEntry, options: PdfExtractOptions = {}): Promise<DocumentNode> {
  const extracted = await extractFile(path, options);
  return buildDocument(extracted, entry, isDanishWord);
}

export async function extractFile(path: string, options: PdfExtractOptions = {}): Promise<ExtractedText> {
  const bytes = await readFile(path);
  return extractBytes(basename(path), bytes, options);
}

export interface CatalogFile {
  folder: string;
  entries: CatalogEntry[];
}

/** Loads and checks a catalog; each entry's source is relative to the catalog's folder. */
export async function readCatalog(path: string): Promise<CatalogFile> {
  const text = await readFile(path, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  return { folder: dirname(resolve(path)), entries: validateCatalog(data) };
}

export function sourcePath(catalog: CatalogFile, entry: CatalogEntry): string {
  return resolve(catalog.folder, entry.source);
}
