// Small helpers the complaints pages share: showing a form again with its errors (dates linked to
// their day box), and "not found" for signed-out visitors with a way to sign in.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import { formErrors } from '../../platform/views.js';
import { linkDates } from '../registry/routeHelpers.js';

export const view = (name: string) => `complaints/views/${name}.njk`;

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

/** The error summary and field messages for a form, with date fields linked to their day box. */
export function errorsFor(fieldErrors: Record<string, string>, dateFields: readonly string[] = []) {
  const { errors, errorList } = formErrors(fieldErrors);
  return { errors, errorList: linkDates(errorList, [...dateFields]) };
}

/**
 * Run a form's action; when it breaks a rule (422) or does not fit the complaint's state (409), show
 * the form again with the message and what was typed. Other errors go to the platform's pages.
 */
export async function handleComplaintForm(
  reply: FastifyReply,
  template: string,
  context: () => Promise<Record<string, unknown>> | Record<string, unknown>,
  dateFields: readonly string[],
  action: () => Promise<FastifyReply>,
): Promise<FastifyReply> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ValidationError) return reply.code(422).render(template, { ...(await context()), ...errorsFor(error.fieldErrors, dateFields) });
    if (error instanceof ConflictError) {
      return reply.code(409).render(template, { ...(await context()), errors: {}, errorList: [{ text: error.message, href: '#main-content' }] });
    }
    throw error;
  }
}
