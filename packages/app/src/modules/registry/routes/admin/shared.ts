// What the registry's admin pages share: every one needs a signed-in person; many act on the
// organisation in their address; and a write refused for a clash with what is recorded (an ODS
// code or place code taken, a relation already there) is shown beside its field like any other
// mistake in the form (422), through handleForm.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../../platform/errors.js';
import { idParam, requireSignInHook } from '../../../../platform/web/index.js';
import { type Action, assertCan } from '../../policy.js';
import { getOrganisation } from '../../service.js';

/** Route options for admin pages: a signed-out visitor is sent to sign in and brought back. */
export const signedIn = { onRequest: requireSignInHook };

/** The organisation in the address (`:id`) when the actor may do this action in it (403 if not, 404 if none). */
export async function organisationInAddress(db: Db, request: FastifyRequest, action: Action) {
  const id = idParam(request, 'id');
  assertCan(request.actor, action, { organisationId: id });
  const organisation = await getOrganisation(db, id);
  if (!organisation) throw new NotFoundError();
  return organisation;
}

/**
 * Run a write; a ValidationError, or a ConflictError tied to a field, comes out as a ValidationError
 * with the service's field names renamed to the form's (for handleForm to show in place; when two
 * fields become one, the later message is shown).
 */
export async function withFieldErrors<T>(write: () => Promise<T>, fieldFor: (field: string) => string = (field) => field): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ConflictError && error.field) throw new ValidationError({ [fieldFor(error.field)]: error.message });
    if (!(error instanceof ValidationError)) throw error;
    const renamed: Record<string, string> = {};
    for (const [field, message] of Object.entries(error.fieldErrors)) renamed[fieldFor(field)] = message;
    throw new ValidationError(renamed);
  }
}
