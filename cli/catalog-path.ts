import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundled corpus's catalog, wherever the command is run from. */
export const DEFAULT_CATALOG = resolve(fileURLToPath(import.meta.url), '../../corpus/catalog.json');
