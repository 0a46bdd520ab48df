import { resolve } from 'node:path';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { configuredRunner, type ConfiguredRunner } from '../ingest/configured-runner.ts';
import type { IngestItem, IngestOutcome, IngestRunner } from '../ingest/runner.ts';
import type { IndexBackend } from '../src/index/backend.ts';
import { BACKEND_ERROR_CAUSES, BackendError } from '../src/index/backend-error.ts';
import { ExtractError } from '../src/extract/errors.ts';
import { QueryError } from '../src/search/query-error.ts';
import { ApiError, apiError, errorBody, EXTRACT_ERROR_STATUS } from './errors.ts';
import { commitmentRoutes } from './routes/commitments.ts';
import { documentRoutes } from './routes/documents.ts';
import { jobRoutes, recentIngests, type JobsSource } from './routes/jobs.ts';
import { pageRoutes } from './routes/pages.ts';
import { searchRoutes } from './routes/search.ts';
import { asUploaded, uploadRoutes } from './routes/upload.ts';
import { SHARED_SCHEMAS } from './schemas.ts';

export interface ServerOptions {
  backend: IndexBackend;
  /** The site's public address, used in permalinks and citations; the request's host when absent. */
  publicUrl?: string;
  /** Fastify's logger option: false (default), true, or pino options. Authorization headers are always redacted. */
  logger?: FastifyServerOptions['logger'];
  /** Access, limits and headers; each setting not given here is read from the environment (`settingsFromEnv`). */
  security?: Partial<SecuritySettings>;
  /** Ingests uploads. Default the configured runner (BullMQ when REDIS_URL is set, else in this process), made on first upload. */
  runner?: IngestRunner;
  /** The BullMQ queues `GET /api/jobs` lists; null lists this server's own recent uploads. Default from REDIS_URL. */
  queue?: { connection: string; prefix?: string } | null;
}

export interface SecuritySettings {
  /** ADMIN_TOKEN: the bearer token uploads and the job list need; null switches them off. */
  adminToken: string | null;
  /** UPLOAD_MAX_MB (default 50), in bytes. */
  uploadMaxBytes: number;
  /** `DATA_DIR/uploads` (default ./data/uploads): where uploads are kept. A volume every worker reads in the scaled mode. */
  uploadDir: string;
  /** RATE_LIMIT_MAX requests (default 1200) per RATE_LIMIT_WINDOW_S seconds (default 60) from one address; false when RATE_LIMIT_MAX=0. */
  rateLimit: { max: number; windowSeconds: number } | false;
  /** CORS_ORIGINS (comma-separated, or *): sites whose pages may read the API (GET and HEAD only). Default none. */
  corsOrigins: string[];
  /** TRUST_PROXY: behind a reverse proxy, so that limits count per client (true, or the proxies' addresses). Default false. */
  trustProxy: boolean | string;
}

export const DEFAULT_UPLOAD_MAX_MB = 50;
export const DEFAULT_RATE_LIMIT = { max: 1200, windowSeconds: 60 } as const;

/** The settings from the environment, checked: a bad value stops the server at startup. */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): SecuritySettings {
  const number = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number of at least ${min}, not "${raw}"`);
    return value;
  };
  const max = number('RATE_LIMIT_MAX', DEFAULT_RATE_LIMIT.max, 0);
  const proxy = env.TRUST_PROXY?.trim();
  return {
    adminToken: env.ADMIN_TOKEN?.trim() || null,
    uploadMaxBytes: Math.round(number('UPLOAD_MAX_MB', DEFAULT_UPLOAD_MAX_MB, 0.001) * 2 ** 20),
    uploadDir: resolve(env.DATA_DIR ?? 'data', 'uploads'),
    rateLimit: max === 0 ? false : { max, windowSeconds: number('RATE_LIMIT_WINDOW_S', DEFAULT_RATE_LIMIT.windowSeconds, 1) },
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    trustProxy: !proxy || proxy === 'false' ? false : proxy === 'true' ? true : proxy,
  };
}

/** Never in a log line: credentials in request headers. */
const REDACTED = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["proxy-authorization"]', 'headers.authorization', 'headers.cookie'];

function loggerOptions(logger: ServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  const given = base.redact;
  const paths = Array.isArray(given) ? given : (given?.paths ?? []);
  return { ...base, redact: { ...(Array.isArray(given) ? {} : given), paths: [...paths, ...REDACTED], censor: '[redacted]' } };
}

/**
 * The page and the docs load nothing from elsewhere: scripts, styles and data only from this
 * site, no inline script, no framing. (Swagger UI sets its own policy on /api/docs, which also
 * allows the inline styles it needs.)
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    imgSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
  },
};

/** The HTTP API, the OpenAPI docs at /api/docs and the web pages, ready to `listen` or `inject`. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { backend, publicUrl } = options;
  if (publicUrl !== undefined && !/^https?:\/\/[^/]+/.test(publicUrl)) {
    throw new Error(`publicUrl must be an absolute http(s) URL, got "${publicUrl}"`);
  }
  const settings: SecuritySettings = { ...settingsFromEnv(), ...options.security };

  const app = Fastify({
    logger: loggerOptions(options.logger),
    trustProxy: settings.trustProxy,
    // Refuse unknown query parameters (a typo should not silently widen a search).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  });

  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  if (settings.corsOrigins.length > 0) {
    // Tools that link in read the API from their own pages; nothing else crosses origins.
    await app.register(fastifyCors, { origin: settings.corsOrigins.includes('*') ? '*' : settings.corsOrigins, methods: ['GET', 'HEAD'], maxAge: 600 });
  }
  if (settings.rateLimit) {
    const { max, windowSeconds } = settings.rateLimit;
    await app.register(fastifyRateLimit, {
      max,
      timeWindow: windowSeconds * 1000,
      errorResponseBuilder: (_request, context) => apiError('RATE_LIMITED', max, windowSeconds, Math.max(1, Math.ceil(context.ttl / 1000))),
    });
  }

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Aftalesøg API',
        description: 'Search and cite Danish agreement texts with permalinks that keep working. Errors: see api/ERRORS.md.',
        version: '0.1.0',
      },
      tags: [
        { name: 'search', description: 'Full-text search' },
        { name: 'documents', description: 'Documents and paragraphs' },
        { name: 'commitments', description: 'Commitments and deadlines' },
        { name: 'pages', description: 'Web pages' },
        { name: 'admin', description: 'Adding documents and following the ingest (admin token)' },
      ],
      components: { securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'The server\'s ADMIN_TOKEN' } } },
    },
    // Shared schemas keep their own names in the OpenAPI components.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  // The UI's assets are served from the package itself: no CDN, and the policy allows no other host.
  // Swagger UI sets inline styles; the spec validator badge would call validator.swagger.io.
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null },
    staticCSP:
      "default-src 'self'; base-uri 'self'; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; " +
      "script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'; font-src 'self' data:",
  });

  app.setErrorHandler((error: FastifyError | ApiError | QueryError | BackendError | ExtractError, request, reply) => {
    const coded = toApiError(error);
    if (coded.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(coded.statusCode).send(errorBody(coded));
  });
  app.setNotFoundHandler((request, reply) => {
    const error = apiError('ROUTE_NOT_FOUND', request.method, request.url.split('?')[0]!);
    return reply.code(404).send(errorBody(error));
  });

  const routeOptions = { backend, publicUrl };
  await app.register(searchRoutes, routeOptions);
  await app.register(documentRoutes, routeOptions);
  await app.register(commitmentRoutes, routeOptions);
  await app.register(pageRoutes, routeOptions);

  const recent = recentIngests();
  const ingest = uploadIngest(options, recent, app);
  await app.register(uploadRoutes, { ...routeOptions, adminToken: settings.adminToken, uploadDir: settings.uploadDir, maxBytes: settings.uploadMaxBytes, ingest });
  const queue = options.queue === undefined ? (process.env.REDIS_URL ? { connection: process.env.REDIS_URL, prefix: process.env.INGEST_QUEUE_PREFIX } : null) : options.queue;
  const source: JobsSource = queue
    ? { kind: 'bullmq', connection: queue.connection, ...(queue.prefix ? { queuePrefix: queue.prefix } : {}) }
    : { kind: 'in-process', recent };
  await app.register(jobRoutes, { adminToken: settings.adminToken, source });
  return app;
}

/**
 * Uploads go through the runner one at a time (one writer; a new version reconciled against
 * the version stored just before it), and each outcome is kept for the job list.
 */
function uploadIngest(options: ServerOptions, recent: ReturnType<typeof recentIngests>, app: FastifyInstance) {
  let configured: ConfiguredRunner | undefined;
  const runner = (): IngestRunner => options.runner ?? (configured ??= configuredRunner(options.backend)).runner;
  app.addHook('onClose', async () => {
    await configured?.runner.close();
  });
  let queue: Promise<unknown> = Promise.resolve();
  return (item: IngestItem, contentHash: string): Promise<IngestOutcome> => {
    const run = queue.then(async () => {
      const [outcome] = await runner().run([item]);
      const named = asUploaded(outcome!, item);
      recent.record(named, contentHash);
      return named;
    });
    queue = run.catch(() => undefined);
    return run;
  };
}

function toApiError(error: FastifyError | ApiError | QueryError | BackendError | ExtractError): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof QueryError) return new ApiError(error.code, 400, error.message);
  // An uploaded file refused by its content, before it is stored.
  if (error instanceof ExtractError) return new ApiError(error.code, EXTRACT_ERROR_STATUS, error.message);
  // The index's own message says what is wrong without internals; its detail stays in the log.
  if (error instanceof BackendError) return new ApiError(error.code, error.statusCode, BACKEND_ERROR_CAUSES[error.reason].message);
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) return apiError('INVALID_PARAMETER', describeValidation(fastifyError));
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) return new ApiError('BAD_REQUEST', status, error.message);
  return apiError('INTERNAL_ERROR');
}

/** Ajv's findings in words a user can act on: which parameter, what is wrong with it. */
function describeValidation(error: FastifyError): string {
  const where = error.validationContext ?? 'request';
  return (error.validation ?? [])
    .map((issue) => {
      const params = issue.params as Record<string, unknown>;
      if (issue.keyword === 'additionalProperties') return `unknown ${where} parameter "${String(params.additionalProperty)}"`;
      if (issue.keyword === 'required') return `missing ${where} parameter "${String(params.missingProperty)}"`;
      const name = issue.instancePath.replace(/^\//, '').replace(/\/\d+$/, '').replaceAll('/', '.');
      return `${where} parameter "${name}" ${issue.message ?? 'is invalid'}`;
    })
    .join('; ');
}
