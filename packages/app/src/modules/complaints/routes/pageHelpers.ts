// What only the complaints pages need besides the platform's web kit: "not found" for signed-out
// visitors with a way to sign in, and the name recorded when someone views a complaint.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { view as viewOf } from '../../../platform/web/index.js';

export const view = viewOf('complaints');

/**
 * Complaint pages are private: a signed-out visitor gets "not found" whether the complaint exists
 * or not, with a link to sign in and come back (the complainant following a link in an email).
 */
export function notFoundUnlessSignedIn(request: FastifyRequest, reply: FastifyReply): FastifyReply | null {
  if (request.actor.accountId !== null) return null;
  return reply.code(404).render(view('not-found'), { title: 'Page not found', next: encodeURIComponent(request.url) });
}

/** The name to record when someone views a complaint. */
export function viewerName(request: FastifyRequest): string {
  return request.account?.name ?? 'Unknown';
}
