// Names and addresses of several accounts at once, for other modules' lists and mail: the names of
// the people who wrote versions of a record, how to reach the holders of a platform role, and which
// organisations have someone in a role (where a service run by that role is offered). Like
// contacts.ts, no actor is asked: the calling module's own gate has decided what it shows or sends.
// One query each, whatever the number of accounts (no query per row).
import type { Db } from '../../platform/database.js';
import { type AccountContact, roleHolderContacts } from './contacts.js';
import type { OrganisationRole } from './schema.js';

/** Each account's name for records (accounts that do not exist are left out). */
export async function accountNames(db: Db, accountIds: readonly number[]): Promise<Map<number, string>> {
  const ids = [...new Set(accountIds)];
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('account').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The organisations where someone holds one of these roles (which organisations offer a service run by that role). */
export async function organisationsWithRoleHolders(db: Db, roles: readonly OrganisationRole[]): Promise<number[]> {
  if (!roles.length) return [];
  const rows = await db
    .selectFrom('role_grant')
    .select('organisation_id')
    .distinct()
    .where('role', 'in', [...roles])
    .where('organisation_id', 'is not', null)
    .orderBy('organisation_id')
    .execute();
  return rows.map((r) => r.organisation_id as number);
}

/** How to reach everyone holding one of these platform roles, each once, by display name. */
export function platformRoleContacts(db: Db, roles: ReadonlyArray<'platform_admin' | 'platform_moderator'>): Promise<AccountContact[]> {
  return roleHolderContacts(db, roles);
}
