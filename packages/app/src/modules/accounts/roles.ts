// Who holds which role: organisation roles (handed out by that organisation's admins) and
// platform admins (handed out by platform admins). Every change is audited.
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { labelFor } from '../../platform/labels.js';
import { type Actor, assertCan } from './policy.js';
import { type OrganisationRole, organisationRoles } from './schema.js';
import { checkEmail, normaliseEmail } from './service.js';

export interface RoleHolder {
  grantId: number;
  accountId: number;
  displayName: string;
  email: string;
  role: OrganisationRole | 'platform_admin' | 'platform_moderator';
}

/** Every role an account holds (for "who am I" answers). */
export async function rolesOfAccount(db: Db, accountId: number): Promise<Array<{ role: string; organisationId: number | null }>> {
  const rows = await db
    .selectFrom('role_grant')
    .select(['role', 'organisation_id'])
    .where('account_id', '=', accountId)
    .orderBy('organisation_id')
    .orderBy('role')
    .execute();
  return rows.map((r) => ({ role: r.role, organisationId: r.organisation_id }));
}

export async function listOrganisationRoleHolders(deps: { db: Db }, actor: Actor, organisationId: number): Promise<RoleHolder[]> {
  assertCan(actor, 'role.manage', { organisationId });
  const rows = await deps.db
    .selectFrom('role_grant')
    .innerJoin('account', 'account.id', 'role_grant.account_id')
    .select(['role_grant.id as grantId', 'account.id as accountId', 'account.display_name as displayName', 'account.email', 'role_grant.role'])
    .where('role_grant.organisation_id', '=', organisationId)
    .orderBy('account.display_name')
    .orderBy('role_grant.role')
    .execute();
  return rows;
}

async function findAccountByEmail(db: Db, email: string): Promise<{ id: number; email: string }> {
  const problem = checkEmail(email);
  if (problem) throw new ValidationError({ email: problem });
  const account = await db.selectFrom('account').select(['id', 'email']).where(sql<string>`lower(email)`, '=', normaliseEmail(email)).executeTakeFirst();
  if (!account) throw new ValidationError({ email: 'There is no account with this email address. Ask the person to create an account first.' });
  return account;
}

export async function grantOrganisationRole(deps: { db: Db }, actor: Actor, input: { organisationId: number; email: string; role: string }): Promise<void> {
  const { organisationId } = input;
  assertCan(actor, 'role.manage', { organisationId });
  const role = organisationRoles.find((r) => r === input.role);
  const errors: Record<string, string> = {};
  const emailProblem = checkEmail(input.email);
  if (emailProblem) errors.email = emailProblem;
  if (!role) errors.role = 'Select a role';
  if (Object.keys(errors).length || !role) throw new ValidationError(errors);
  const account = await findAccountByEmail(deps.db, input.email);
  await deps.db.transaction().execute(async (trx) => {
    const granted = await trx
      .insertInto('role_grant')
      .values({ account_id: account.id, role, organisation_id: organisationId })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!granted) throw new ValidationError({ email: `${account.email} is already ${labelFor(role).toLowerCase()} here` });
    await recordAudit(trx, actor, {
      action: 'role.grant',
      subjectType: 'role_grant',
      subjectId: granted.id,
      detail: { accountId: account.id, role, organisationId },
    });
  });
}

export async function revokeOrganisationRole(deps: { db: Db }, actor: Actor, input: { organisationId: number; grantId: number }): Promise<void> {
  assertCan(actor, 'role.manage', { organisationId: input.organisationId });
  await deps.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('role_grant')
      .where('id', '=', input.grantId)
      .where('organisation_id', '=', input.organisationId)
      .returning(['account_id', 'role'])
      .executeTakeFirst();
    if (!removed) throw new NotFoundError('That role has already been removed.');
    await recordAudit(trx, actor, {
      action: 'role.revoke',
      subjectType: 'role_grant',
      subjectId: input.grantId,
      detail: { accountId: removed.account_id, role: removed.role, organisationId: input.organisationId },
    });
  });
}

/** The roles that hold for the whole platform rather than one organisation. */
export type PlatformRole = 'platform_admin' | 'platform_moderator';
const platformRoleWords: Record<PlatformRole, string> = { platform_admin: 'platform admin', platform_moderator: 'platform moderator' };

export async function listPlatformRoleHolders(deps: { db: Db }, actor: Actor, role: PlatformRole): Promise<RoleHolder[]> {
  assertCan(actor, 'platformRole.manage');
  return deps.db
    .selectFrom('role_grant')
    .innerJoin('account', 'account.id', 'role_grant.account_id')
    .select(['role_grant.id as grantId', 'account.id as accountId', 'account.display_name as displayName', 'account.email', 'role_grant.role'])
    .where('role_grant.role', '=', role)
    .orderBy('account.display_name')
    .execute();
}

export async function grantPlatformRole(deps: { db: Db }, actor: Actor, role: PlatformRole, input: { email: string }): Promise<void> {
  assertCan(actor, 'platformRole.manage');
  const account = await findAccountByEmail(deps.db, input.email);
  await deps.db.transaction().execute(async (trx) => {
    const granted = await trx
      .insertInto('role_grant')
      .values({ account_id: account.id, role, organisation_id: null })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!granted) throw new ValidationError({ email: `${account.email} is already a ${platformRoleWords[role]}` });
    await recordAudit(trx, actor, { action: `${role}.grant`, subjectType: 'account', subjectId: account.id });
  });
}

export async function revokePlatformRole(deps: { db: Db }, actor: Actor, role: PlatformRole, accountId: number): Promise<void> {
  assertCan(actor, 'platformRole.manage');
  await deps.db.transaction().execute(async (trx) => {
    // Lock every grant of the role, so two admins cannot remove each other at the same moment.
    const holders = await trx.selectFrom('role_grant').select(['id', 'account_id']).where('role', '=', role).forUpdate().execute();
    const grant = holders.find((a) => a.account_id === accountId);
    if (!grant) throw new NotFoundError(`That person is not a ${platformRoleWords[role]}.`);
    if (role === 'platform_admin' && holders.length === 1) {
      throw new ConflictError('You cannot remove the last platform admin. Make someone else a platform admin first.', 'holders');
    }
    await trx.deleteFrom('role_grant').where('id', '=', grant.id).execute();
    await recordAudit(trx, actor, { action: `${role}.revoke`, subjectType: 'account', subjectId: accountId });
  });
}
