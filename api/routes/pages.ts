import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { baseUrl, type RouteOptions } from '../context.ts';
import { apiError } from '../errors.ts';
import { paragraphPath } from '../format/permalink.ts';
import { preferredRepresentation } from '../negotiate.ts';
import { archivedPage, notFoundPage, paragraphPage } from '../render/paragraph-page.ts';
import { lookupParagraphView, sendParagraphJson, paragraphResponses } from './documents.ts';

// The web pages: the search page and "Aftaler og frister" (static files in api/web) and each
// paragraph's own server-rendered page at its permalink.

const WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));

const permalinkSchema = {
  tags: ['pages'],
  summary: "A paragraph's permalink page (Danish HTML; JSON with Accept: application/json)",
  description: 'The same lookup as /api/paragraphs/*: moved ids redirect (301) to /p/<new id>.',
  params: { type: 'object', properties: { '*': { type: 'string' } } },
  produces: ['text/html', 'application/json'],
  response: paragraphResponses,
} as const;

export async function pageRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  const { backend } = options;

  // Only the files present at startup get routes; anything else falls to the coded 404.
  await app.register(fastifyStatic, { root: WEB_ROOT, prefix: '/', wildcard: false, index: 'index.html' });

  app.get('/frister', { schema: { hide: true } }, (_request, reply) => reply.sendFile('frister.html'));

  app.get<{ Params: { '*': string } }>('/p/*', { schema: permalinkSchema }, async (request, reply) => {
    const id = request.params['*'];
    const representation = preferredRepresentation(request.headers.accept);
    if (representation === null) throw apiError('NOT_ACCEPTABLE', 'text/html or application/json');
    const view = await lookupParagraphView(backend, id, baseUrl(request, options.publicUrl));
    reply.header('vary', 'Accept');
    if (representation === 'json') return sendParagraphJson(view, id, reply, paragraphPath);

    reply.type('text/html; charset=utf-8');
    switch (view.status) {
      case 'found':
        return reply.send(paragraphPage(view));
      case 'archived':
        return reply.send(archivedPage(view));
      case 'moved':
        return reply.redirect(paragraphPath(view.to), 301);
      case 'unknown':
        return reply.code(404).send(notFoundPage(id));
    }
  });
}
