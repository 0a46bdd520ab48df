import { parseArgs } from 'node:util';
import { buildServer } from '../api/server.ts';
import { readCatalog, sourcePath } from '../ingest/process-file.ts';
import { DEFAULT_CATALOG } from './catalog-path.ts';
import { configuredRunner } from '../ingest/configured-runner.ts';
import { openConfiguredBackend } from '../ingest/open-backend.ts';
import { runIngest } from './run-ingest.ts';
import { UsageError } from './usage-error.ts';

/** `npm start`: ingest the bundled corpus (unchanged files are skipped), then serve UI + API. */
export async function startCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { catalog: { type: 'string' }, 'no-ingest': { type: 'boolean' } } });
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`PORT skal være et portnummer, ikke "${process.env.PORT}"`);
  const host = process.env.HOST ?? 'localhost';
  const backend = await openConfiguredBackend();
  if (!values['no-ingest']) {
    const catalog = await readCatalog(values.catalog ?? DEFAULT_CATALOG);
    const { runner, workers } = configuredRunner(backend);
    if ((await workers()) === 0) console.error('Ingen workers tager job endnu: start dem med "npm run worker" (indlæsningen venter på dem).');
    await runIngest(
      catalog.entries.map((entry) => ({ path: sourcePath(catalog, entry), entry })),
      runner,
    );
    await runner.close();
  }
  const app = await buildServer({ backend, ...(process.env.PUBLIC_URL ? { publicUrl: process.env.PUBLIC_URL } : {}) });
  const close = async () => {
    await app.close();
    await backend.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port, host });
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  console.log(`Aftalesøg kører på http://${host}:${boundPort}`);
  // The listening server keeps the process alive until SIGINT/SIGTERM.
  return 0;
}
