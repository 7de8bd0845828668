// What only the complaints pages need besides the platform's web kit: "not found" for signed-out
// visitors with a way to sign in, the name recorded when someone views a complaint, and a letter
// for its page or PDF.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { idParam, view as viewOf } from '../../../platform/web/index.js';
import { type PrintableLetter, printableLetter } from '../letterPrint.js';
import type { ComplaintsDeps } from '../service.js';

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

/**
 * The letter at /account/complaints/:id/letters/:letterId (as the complainant) or /complaints/… (as a
 * manager), with `suffix` ('' for the page, '/pdf'); or the reply already made: "not found" for the
 * signed-out, or a redirect to the address for who the reader is.
 */
export async function letterOrReply(
  deps: ComplaintsDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  as: 'complainant' | 'complaints_manager',
  suffix: '' | '/pdf',
): Promise<{ letter: PrintableLetter; id: number } | FastifyReply> {
  const signedOut = notFoundUnlessSignedIn(request, reply);
  if (signedOut) return signedOut;
  const id = idParam(request, 'id');
  const letterId = idParam(request, 'letterId');
  const result = await printableLetter(deps, request.actor, id, letterId, { viewerName: viewerName(request), as });
  if ('redirect' in result) {
    return reply.redirect(`${result.redirect === 'complainant' ? '/account/complaints' : '/complaints'}/${id}/letters/${letterId}${suffix}`, 303);
  }
  reply.header('cache-control', 'no-store');
  return { letter: result, id };
}
