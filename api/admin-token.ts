import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiError } from './errors.ts';

/**
 * An `onRequest` hook for the routes that change or reveal the ingest (uploads, the job list):
 * they need `Authorization: Bearer <ADMIN_TOKEN>`; without a token configured they are off.
 * It runs before the body is read, so an unauthorised upload is refused unread.
 */
export function requireAdminToken(adminToken: string | null, what: string) {
  const expected = adminToken ? digest(adminToken) : null;
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!expected) throw apiError('ADMIN_DISABLED', what);
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    reply.header('www-authenticate', 'Bearer realm="aftalesog"');
    if (!match) throw apiError('ADMIN_TOKEN_MISSING');
    // Digests of equal length, compared in constant time: the answer's timing says nothing
    // about how much of a guessed token was right.
    if (!timingSafeEqual(digest(match[1]!), expected)) {
      request.log.warn({ route: request.url.split('?')[0] }, 'admin route called with a wrong token');
      throw apiError('ADMIN_TOKEN_INVALID');
    }
    reply.removeHeader('www-authenticate');
  };
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
