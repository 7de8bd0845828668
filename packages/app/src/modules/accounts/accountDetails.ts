// A person's own account: reading it, and changing their name, "about you", communication needs
// and password. Only the person may do any of this (not even a platform admin). Audit entries
// name the fields that changed, never their values.

import { recordAudit } from '../../platform/audit.js';
import { hashPassword, sha256, verifyPassword } from '../../platform/auth.js';
import type { Db } from '../../platform/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { type AboutYou, type CommunicationNeeds, parseAboutYou, parseCommunicationNeeds, readAboutYou, readCommunicationNeeds } from './aboutYou.js';
import { endResetLinks } from './emailTokens.js';
import { type Actor, assertCan } from './policy.js';
import { rolesOfAccount } from './roles.js';
import { checkConfirmation, checkName, checkNewPassword, collectErrors } from './validation.js';

export interface OwnAccount {
  id: number;
  email: string;
  name: string;
  displayName: string;
  createdAt: Date;
  aboutYou: AboutYou;
  communicationNeeds: CommunicationNeeds;
}

/** The actor's own account, once the gate allows the action on it (signed-out visitors are asked to sign in). */
function ownAccountId(actor: Actor, action: 'account.read' | 'account.update'): number {
  assertCan(actor, action, { accountId: actor.accountId ?? undefined });
  return actor.accountId as number;
}

export async function getOwnAccount(deps: { db: Db }, actor: Actor): Promise<OwnAccount> {
  const accountId = ownAccountId(actor, 'account.read');
  const row = await deps.db
    .selectFrom('account')
    .select(['id', 'email', 'name', 'display_name', 'created_at', 'about_you', 'communication_needs'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    displayName: row.display_name,
    createdAt: row.created_at,
    aboutYou: readAboutYou(row.about_you),
    communicationNeeds: readCommunicationNeeds(row.communication_needs),
  };
}

/** Who the actor is, for the API: never "about you" or communication needs. */
export async function getIdentity(
  deps: { db: Db },
  actor: Actor,
): Promise<{ id: number; name: string; displayName: string; email: string; roles: Array<{ role: string; organisationId: number | null }> }> {
  const accountId = ownAccountId(actor, 'account.read');
  const row = await deps.db.selectFrom('account').select(['id', 'name', 'display_name', 'email']).where('id', '=', accountId).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return { id: row.id, name: row.name, displayName: row.display_name, email: row.email, roles: await rolesOfAccount(deps.db, accountId) };
}

/** Names of the keys whose values differ (for the audit log: names only). */
function changedFields(before: object, after: object): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => (before as Record<string, unknown>)[k] !== (after as Record<string, unknown>)[k]).sort();
}

export async function updateDetails(deps: { db: Db }, actor: Actor, input: { name: string; displayName: string }): Promise<void> {
  const accountId = ownAccountId(actor, 'account.update');
  const errors = collectErrors({ name: checkName(input.name), displayName: checkName(input.displayName, 'Display name') });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const name = input.name.trim();
  const next = { name, displayName: input.displayName.trim() || name };
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('account').select(['name', 'display_name']).where('id', '=', accountId).executeTakeFirstOrThrow();
    await trx.updateTable('account').set({ name: next.name, display_name: next.displayName }).where('id', '=', accountId).execute();
    const fields = changedFields({ name: before.name, displayName: before.display_name }, next);
    await recordAudit(trx, actor, { action: 'account.update_details', subjectType: 'account', subjectId: accountId, detail: { fields } });
  });
}

export async function updateAboutYou(deps: { db: Db }, actor: Actor, form: Record<string, string>): Promise<void> {
  const accountId = ownAccountId(actor, 'account.update');
  const answers = parseAboutYou(form);
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('account').select('about_you').where('id', '=', accountId).executeTakeFirstOrThrow();
    await trx
      .updateTable('account')
      .set({ about_you: JSON.stringify(answers) })
      .where('id', '=', accountId)
      .execute();
    const fields = changedFields(readAboutYou(before.about_you), answers);
    await recordAudit(trx, actor, { action: 'account.update_about_you', subjectType: 'account', subjectId: accountId, detail: { fields } });
  });
}

export async function updateCommunicationNeeds(
  deps: { db: Db },
  actor: Actor,
  form: { needs: string[]; interpreterLanguage: string; otherNeeds: string; share?: string },
): Promise<void> {
  const accountId = ownAccountId(actor, 'account.update');
  const needs = parseCommunicationNeeds(form);
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('account').select('communication_needs').where('id', '=', accountId).executeTakeFirstOrThrow();
    await trx
      .updateTable('account')
      .set({ communication_needs: JSON.stringify(needs) })
      .where('id', '=', accountId)
      .execute();
    const fields = changedFields(readCommunicationNeeds(before.communication_needs), needs);
    await recordAudit(trx, actor, { action: 'account.update_communication_needs', subjectType: 'account', subjectId: accountId, detail: { fields } });
  });
}

/** Change the password, knowing the current one. Other sessions end; this one (if given) stays. */
export async function changePassword(
  deps: { db: Db },
  actor: Actor,
  input: { currentPassword: string; newPassword: string; confirmPassword: string; keepSession?: string | undefined },
): Promise<void> {
  const accountId = ownAccountId(actor, 'account.update');
  const errors = collectErrors({
    currentPassword: input.currentPassword ? null : 'Enter your current password',
    newPassword: checkNewPassword(input.newPassword, 'New password'),
    confirmPassword: input.newPassword ? checkConfirmation(input.newPassword, input.confirmPassword) : null,
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const row = await deps.db.selectFrom('account').select('password_hash').where('id', '=', accountId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
    throw new ValidationError({ currentPassword: 'Your current password is not correct' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('account').set({ password_hash: passwordHash }).where('id', '=', accountId).execute();
    let others = trx.deleteFrom('session').where('account_id', '=', accountId);
    if (input.keepSession) others = others.where('id_hash', '!=', sha256(input.keepSession));
    await others.execute();
    // A reset link sent before the change must not undo it.
    await endResetLinks(trx, accountId);
    await recordAudit(trx, actor, { action: 'account.change_password', subjectType: 'account', subjectId: accountId });
  });
}
