import { parseArgs } from 'node:util';
import { basename, resolve } from 'node:path';
import { CatalogError, isDocumentType, validateEntry } from '../src/catalog/index.ts';
import { ExtractError } from '../src/extract/index.ts';
import { QueryError } from '../src/search/query-error.ts';
import { slugify } from '../src/segment/slug.ts';
import type { CatalogEntry } from '../src/tree/types.ts';
import { processFile, readCatalog, sourcePath } from '../ingest/process-file.ts';
import type { IngestItem } from '../ingest/runner.ts';
import { DEFAULT_CATALOG } from './catalog-path.ts';
import { formatOutline } from './outline.ts';
import { configuredRunner } from '../ingest/configured-runner.ts';
import { openConfiguredBackend } from '../ingest/open-backend.ts';
import { runIngest } from './run-ingest.ts';
import { UsageError } from './usage-error.ts';


const USAGE = `Brug: aftalesog <kommando> [valg]

  start                          indlæs corpus/ og start web-siden og API'et (PORT, DATA_DIR)
  ingest <filer…>                indlæs filer  [--title T --type TYPE --year ÅR --id ID] [--catalog FIL]
  outline <fil> [--json]         vis et dokuments opbygning med sidetal
  search <forespørgsel> [--json] søg  [--year ÅR --type TYPE --doc ID --limit N]
  commitments [--deadline ÅR]    aftaler og frister  [--from DATO --to DATO --actor A --doc ID --format json|csv]
  worker                         start en indlæsnings-worker (REDIS_URL; ELASTICSEARCH_URL eller DATA_DIR)
  jobs [--state failed]          vis indlæsningsjob i køen (REDIS_URL)`;


async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'outline':
      return outline(rest);
    case 'ingest':
      return ingest(rest);
    case 'search':
      return (await import('./search-command.ts')).searchCommand(rest);
    case 'commitments':
      return (await import('./commitments-command.ts')).commitmentsCommand(rest);
    case 'start':
      return (await import('./start-command.ts')).startCommand(rest);
    case 'worker':
      return (await import('./worker-command.ts')).workerCommand();
    case 'jobs':
      return (await import('./jobs-command.ts')).jobsCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`ukendt kommando "${command}"`);
  }
}

async function outline(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, ...metadataOptions } });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('outline tager præcis én fil');
  const entry = await entryFor(file, values);
  const doc = await processFile(file, entry);
  console.log(values.json ? JSON.stringify(doc, null, 2) : formatOutline(doc));
  return 0;
}

async function ingest(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: metadataOptions });
  if (positionals.length === 0 && !values.catalog) throw new UsageError('ingest tager en eller flere filer (eller --catalog FIL)');
  if (positionals.length > 1 && (values.id || values.title)) throw new UsageError('--id og --title gælder kun, når der indlæses én fil');
  const items: IngestItem[] = [];
  if (positionals.length === 0 && values.catalog) {
    const catalog = await readCatalog(values.catalog);
    for (const entry of catalog.entries) items.push({ path: sourcePath(catalog, entry), entry });
  }
  for (const file of positionals) items.push({ path: file, entry: await entryFor(file, values) });
  const backend = await openConfiguredBackend();
  const { runner } = configuredRunner(backend);
  try {
    const outcomes = await runIngest(items, runner);
    return outcomes.some((o) => o.status === 'failed') ? 1 : 0;
  } finally {
    await runner.close();
    await backend.close();
  }
}

const metadataOptions = {
  catalog: { type: 'string' },
  id: { type: 'string' },
  title: { type: 'string' },
  type: { type: 'string' },
  year: { type: 'string' },
} as const;

/**
 * A file's metadata: from the catalog when the file is listed there, otherwise from the flags,
 * with the file name as a fallback title.
 */
async function entryFor(file: string, flags: { catalog?: string; id?: string; title?: string; type?: string; year?: string }): Promise<CatalogEntry> {
  const catalog = await readCatalog(flags.catalog ?? DEFAULT_CATALOG).catch(() => null);
  const listed = catalog?.entries.find((e) => sourcePath(catalog, e) === resolve(file));
  if (listed && !flags.title && !flags.type && !flags.year && !flags.id) return listed;
  if (flags.type !== undefined && !isDocumentType(flags.type)) {
    throw new UsageError(`--type skal være en af: økonomiaftale, opfølgningsskema, notat, hensigtserklæring, udspil`);
  }
  const year = flags.year === undefined ? (listed?.year ?? null) : Number(flags.year);
  const name = basename(file).replace(/\.[^.]+$/, '');
  return validateEntry(
    {
      id: flags.id ?? listed?.id ?? (slugify(name) || 'dokument'),
      title: flags.title ?? listed?.title ?? name,
      type: flags.type ?? listed?.type ?? 'notat',
      year,
      parties: listed?.parties ?? [],
      source: basename(file),
    },
    file,
  );
}

// Output piped into `head` and closed early is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof CatalogError || error instanceof ExtractError || error instanceof QueryError) {
      console.error(`aftalesog: ${error.message}`);
      if (error instanceof UsageError) console.error(USAGE);
      process.exitCode = 2;
      return;
    }
    if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`aftalesog: ${(error as Error).message}`);
      process.exitCode = 2;
      return;
    }
    // Our typed errors (INDEX_VERSION, BACKEND_UNAVAILABLE, …) say what is wrong in one line.
    const code = (error as { code?: unknown }).code;
    if (error instanceof Error && typeof code === 'string' && /^(INDEX|BACKEND)_[A-Z_]+$/.test(code)) {
      console.error(`aftalesog: ${error.message}`);
      process.exitCode = code === 'BACKEND_UNAVAILABLE' ? 1 : 2;
      return;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`aftalesog: ${(error as NodeJS.ErrnoException).path ?? 'filen'}: findes ikke`);
      process.exitCode = 2;
      return;
    }
    console.error(error);
    process.exitCode = 1;
  },
);
