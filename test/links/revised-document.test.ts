import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDocument } from '../../ingest/ingest-document.ts';
import { readCatalog, sourcePath } from '../../ingest/process-file.ts';
import type { IndexBackend } from '../../src/index/backend.ts';
import { openEmbeddedIndex } from '../../src/index/sqlite/index.ts';
import type { CatalogEntry } from '../../src/tree/types.ts';
import { CATALOG_PATH } from '../foundation/corpus-documents.ts';

// The analyst's link test: links taken from the work programme keep working after Danske
// Regioner publishes a revised version of the file (a paragraph deleted, one moved, one edited).

const SECTION_2_1 = 'dr-arbejdsprogram-2019-2020/2/omstilling-af-sundhedsvaesenet-og-naerhedsfinansiering';
const SECTION_2_2 = 'dr-arbejdsprogram-2019-2020/2/vaerdibaseret-sundhed';

let dir: string;
let backend: IndexBackend;
let entry: CatalogEntry;
let original: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aftalesog-revised-'));
  const catalog = await readCatalog(CATALOG_PATH);
  entry = catalog.entries.find((e) => e.id === 'dr-arbejdsprogram-2019-2020')!;
  original = await readFile(sourcePath(catalog, entry), 'utf8');
  backend = await openEmbeddedIndex({ dir: join(dir, 'data') });
});

afterAll(async () => {
  await backend.close();
  await rm(dir, { recursive: true, force: true });
});

async function ingestVersion(name: string, text: string) {
  const path = join(dir, name);
  await writeFile(path, text);
  const outcome = await ingestDocument(backend, { path, entry });
  expect(outcome.status, outcome.error?.message).toBe('ingested');
}

describe('links to a revised document', () => {
  it('keep every id when the same file is ingested again', async () => {
    await ingestVersion('v1.md', original);
    const before = await backend.getParagraph(`${SECTION_2_2}/2`);
    expect(before.status).toBe('found');
    await ingestVersion('v1-again.md', `${original}\n`);
    expect(await backend.getParagraph(`${SECTION_2_2}/2`)).toEqual(before);
  });

  it('show each passage where it went, or its archived quote when it is gone', async () => {
    const [deletedStart, keptStart, movedStart] = ['Med økonomiaftalen for 2019 er fastlagt', 'Danske Regioner og regionerne har siden begyndelse af 2019', 'Regionerne vil også arbejde for en mere populationsbaseret'];
    const deletedLine = original.split('\n').find((line) => line.startsWith(deletedStart))!;
    const movedLine = original.split('\n').find((line) => line.startsWith(movedStart))!;
    const revised = original
      .replace(`${deletedLine}\n\n`, '')
      .replace(`${movedLine}\n\n`, '')
      .replace('## 2. En ny vej for det danske sundhedsvæsen\n\n', `## 2. En ny vej for det danske sundhedsvæsen\n\n${movedLine}\n\n`)
      .replace('arbejdet for, at nærhedsfinansiering bliver omsat til praksis', 'arbejdet for, at nærhedsfinansieringen bliver omsat til praksis');
    await ingestVersion('v2.md', revised);

    // The deleted paragraph: its link shows the archived quote.
    const deleted = await backend.getParagraph(`${SECTION_2_1}/1`);
    expect(deleted.status).toBe('archived');
    expect(deleted.status === 'archived' && deleted.fingerprint.quote).toMatch(new RegExp(`^${deletedStart}`));

    // The edited paragraph that followed it keeps its own link, with the corrected text.
    const kept = await backend.getParagraph(`${SECTION_2_1}/2`);
    expect(kept.status === 'found' && kept.paragraph.text).toMatch(new RegExp(`^${keptStart}.*nærhedsfinansieringen bliver omsat`));

    // The moved paragraph: its old link redirects to its new place in the chapter.
    const moved = await backend.getParagraph(`${SECTION_2_2}/2`);
    expect(moved).toMatchObject({ status: 'moved', from: `${SECTION_2_2}/2` });
    const target = moved.status === 'moved' ? await backend.getParagraph(moved.to) : moved;
    expect(target.status === 'found' && target.paragraph.text).toMatch(new RegExp(`^${movedStart}`));
    expect(target.status === 'found' && target.paragraph.citation.chapter?.number).toBe('2');
  });
});
