import type { FastifyRequest } from 'fastify';
import type { IndexBackend } from '../src/index/backend.ts';

/** What every route plugin is registered with. */
export interface RouteOptions {
  backend: IndexBackend;
  /** The site's public address (e.g. `https://aftalesog.example.dk`); taken from the request when absent. */
  publicUrl?: string;
}

/** The base of absolute links (permalinks, citations, calendar URLs). */
export function baseUrl(request: FastifyRequest, publicUrl: string | undefined): string {
  return (publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}
