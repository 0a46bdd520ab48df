import { processFile, readCatalog, sourcePath } from '../../ingest/process-file.ts';
import { extractCommitments } from '../../src/enrich/commitments.ts';
import type { Commitment, DocumentNode } from '../../src/tree/types.ts';

export interface IngestedDocument {
  doc: DocumentNode;
  commitments: Commitment[];
}

let loading: Promise<IngestedDocument[]> | undefined;

/** Every corpus file as ingest builds it (extract → segment → enrich), read once per test file. */
export function corpusDocuments(): Promise<IngestedDocument[]> {
  loading ??= (async () => {
    const catalog = await readCatalog(new URL('../../corpus/catalog.json', import.meta.url).pathname);
    const documents: IngestedDocument[] = [];
    for (const entry of catalog.entries) {
      const doc = await processFile(sourcePath(catalog, entry), entry);
      documents.push({ doc, commitments: extractCommitments(doc) });
    }
    return documents;
  })();
  return loading;
}

export async function corpusDocument(id: string): Promise<IngestedDocument> {
  const found = (await corpusDocuments()).find((d) => d.doc.id === id);
  if (!found) throw new Error(`no corpus document ${id}`);
  return found;
}
