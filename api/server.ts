import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { IndexBackend } from '../src/index/backend.ts';
import { BACKEND_ERROR_CAUSES, BackendError } from '../src/index/backend-error.ts';
import { QueryError } from '../src/search/query-error.ts';
import { ApiError, apiError, errorBody } from './errors.ts';
import { commitmentRoutes } from './routes/commitments.ts';
import { documentRoutes } from './routes/documents.ts';
import { pageRoutes } from './routes/pages.ts';
import { searchRoutes } from './routes/search.ts';
import { SHARED_SCHEMAS } from './schemas.ts';

export interface ServerOptions {
  backend: IndexBackend;
  /** The site's public address, used in permalinks and citations; the request's host when absent. */
  publicUrl?: string;
  /** Fastify's logger option: false (default), true, or pino options. */
  logger?: FastifyServerOptions['logger'];
}

/** The HTTP API, the OpenAPI docs at /api/docs and the web pages, ready to `listen` or `inject`. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { backend, publicUrl } = options;
  if (publicUrl !== undefined && !/^https?:\/\/[^/]+/.test(publicUrl)) {
    throw new Error(`publicUrl must be an absolute http(s) URL, got "${publicUrl}"`);
  }

  const app = Fastify({
    logger: options.logger ?? false,
    // Refuse unknown query parameters (a typo should not silently widen a search).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  });

  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);

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
      ],
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

  app.setErrorHandler((error: FastifyError | ApiError | QueryError | BackendError, request, reply) => {
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
  return app;
}

function toApiError(error: FastifyError | ApiError | QueryError | BackendError): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof QueryError) return new ApiError(error.code, 400, error.message);
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
