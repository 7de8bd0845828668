// Small helpers the accounts routes share: reading form fields, the session cookie, sending
// signed-out visitors to sign in, and re-showing a form with its errors.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { formErrors } from '../../platform/views.js';
import { destroySession, sessionCookieName, sessionLifetimeMs } from './sessions.js';

type Form = Record<string, unknown> | undefined;

/** One text field of a posted form ('' when absent; the first value when sent twice). */
export function formValue(body: unknown, name: string): string {
  const value = (body as Form)?.[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

/** Every value of a field (checkboxes). */
export function formValues(body: unknown, name: string): string[] {
  const value = (body as Form)?.[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

export function queryValue(request: FastifyRequest, name: string): string {
  const value = (request.query as Form)?.[name];
  return typeof value === 'string' ? value : '';
}

/** A whole-number id from the path, or "not found". */
export function idParam(request: FastifyRequest, name: string): number {
  const raw = (request.params as Record<string, string>)[name] ?? '';
  if (!/^\d{1,9}$/.test(raw)) throw new NotFoundError();
  return Number(raw);
}

/** Only paths on this site (one leading slash, not "//host" or "/\host"), so sign-in cannot send people elsewhere. */
export function safeNextPath(next: string): string | null {
  if (!/^\/(?![/\\])/.test(next) || /[\r\n]/.test(next) || next.length > 2000) return null;
  return next;
}

export function redirectToSignIn(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
}

export async function startSessionCookie(reply: FastifyReply, request: FastifyRequest, db: Db, config: Config, secret: string): Promise<void> {
  // A session already in this browser (perhaps someone else's) ends when a new one starts.
  const previous = request.cookies[sessionCookieName];
  if (previous) await destroySession(db, previous);
  reply.setCookie(sessionCookieName, secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    maxAge: Math.floor(sessionLifetimeMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
}

/**
 * Run a form's action; when it breaks a rule, show the form again (422) with the errors by each
 * field and what was typed. Other errors go on to the platform's error pages.
 */
export async function handleForm(
  reply: FastifyReply,
  template: string,
  context: Record<string, unknown>,
  action: () => Promise<FastifyReply>,
): Promise<FastifyReply> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ValidationError) return reply.code(422).render(template, { ...context, ...formErrors(error.fieldErrors) });
    throw error;
  }
}
