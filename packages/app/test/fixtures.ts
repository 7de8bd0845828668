// Small things many tests need: an all-powerful system actor and a way to catch a rejection.
import type { Actor } from '../src/platform/permissions.js';

/** Acts as the CLI does: a platform admin with no account. */
export const systemActor: Actor = { accountId: null, platformAdmin: true, organisationRoles: [] };

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
