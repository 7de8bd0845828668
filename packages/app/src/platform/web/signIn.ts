// Sending signed-out visitors to sign in and back, and the only places "back" may be.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfCookieName, randomToken } from '../auth.js';

/**
 * A path on this site to return to after signing in, or null. Parsed with the URL API against a
 * dummy origin: it must stay on that origin (no scheme, no "//host", no backslashes) and carry no
 * control characters, so sign-in cannot send anyone elsewhere.
 */
export function safeNextPath(next: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (!next.startsWith('/') || next.length > 2000 || /[\u0000-\u001f\u007f\\]/.test(next)) return null;
  let parsed: URL;
  try {
    parsed = new URL(next, 'http://involve.invalid');
  } catch {
    return null;
  }
  if (parsed.origin !== 'http://involve.invalid' || next.startsWith('//')) return null;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** Send a signed-out visitor to sign in, coming back here afterwards. */
export function redirectToSignIn(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const next = request.method === 'GET' ? request.url : (request.url.split('?')[0] ?? '/');
  return reply.redirect(`/sign-in?next=${encodeURIComponent(next)}`, 303);
}

/**
 * For pages that need a signed-in person: true when they are not, having sent the redirect to sign
 * in (the handler then returns `reply`). A boolean, not the reply: a Fastify reply is thenable, so
 * a handler that awaited one got undefined once it was sent and carried on as if signed in.
 */
export function sentToSignIn(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.actor.accountId !== null) return false;
  redirectToSignIn(request, reply);
  return true;
}

/** sentToSignIn as a route's onRequest hook: `{ onRequest: requireSignInHook }`. */
export async function requireSignInHook(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  if (sentToSignIn(request, reply)) return reply;
}

/**
 * A module's staff pages, named by their paths: a signed-out person asking for one is sent to sign
 * in first (and brought back), before any route looks the record up. Paths matching `except` are
 * left to their routes (a file that answers "not found" to whoever may not have it, say).
 */
export function requireSignInOn(app: FastifyInstance, pages: readonly RegExp[], except?: RegExp): void {
  app.addHook('preHandler', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (pages.some((page) => page.test(path)) && !except?.test(path) && sentToSignIn(request, reply)) return reply;
  });
}

/**
 * A new CSRF token for this browser (at sign-in, so a token planted before it is worthless after).
 * The form fields on the next page carry the new one.
 */
export function rotateCsrfToken(request: FastifyRequest, reply: FastifyReply, secureCookies: boolean): void {
  const token = randomToken(24);
  reply.setCookie(csrfCookieName, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies });
  request.csrfToken = token;
}
