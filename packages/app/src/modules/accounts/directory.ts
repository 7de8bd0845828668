// Names and addresses of several accounts at once, for other modules' lists and mail: the names of
// the people who wrote versions of a record, and how to reach the holders of a platform role. Like
// contacts.ts, no actor is asked: the calling module's own gate has decided what it shows or sends.
// One query each, whatever the number of accounts (no query per row).
import type { Db } from '../../platform/database.js';
import { type AccountContact, roleHolderContacts } from './contacts.js';

/** Each account's name for records (accounts that do not exist are left out). */
export async function accountNames(db: Db, accountIds: readonly number[]): Promise<Map<number, string>> {
  const ids = [...new Set(accountIds)];
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('account').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** How to reach everyone holding one of these platform roles, each once, by display name. */
export function platformRoleContacts(db: Db, roles: ReadonlyArray<'platform_admin' | 'platform_moderator'>): Promise<AccountContact[]> {
  return roleHolderContacts(db, roles);
}
