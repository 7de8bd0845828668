// Where another module may write to people: an account's names and email address, and those of the
// holders of some roles in an organisation. No actor is asked: these serve flows whose own gate has
// already decided who is written to (a complainant about their complaint, an organisation's
// complaints managers about a new complaint or a deadline). Nothing else about an account leaves.
import type { Db } from '../../platform/database.js';
import { NotFoundError } from '../../platform/errors.js';
import type { OrganisationRole, RoleGrantTable } from './schema.js';

export interface AccountContact {
  accountId: number;
  email: string;
  /** The name for letters and records. */
  name: string;
  /** The name shown to others on pages. */
  displayName: string;
}

/** How to reach one account (not found when there is no such account). */
export async function accountContact(db: Db, accountId: number): Promise<AccountContact> {
  const row = await db.selectFrom('account').select(['id', 'email', 'name', 'display_name']).where('id', '=', accountId).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return { accountId: row.id, email: row.email, name: row.name, displayName: row.display_name };
}

/** How to reach everyone holding one of these roles in an organisation, each once, by display name. */
export function organisationContacts(db: Db, organisationId: number, roles: readonly OrganisationRole[]): Promise<AccountContact[]> {
  return roleHolderContacts(db, roles, organisationId);
}

/**
 * How to reach everyone holding one of these roles, each once, by display name: in one organisation,
 * or (without one) wherever the role is held.
 */
export async function roleHolderContacts(db: Db, roles: ReadonlyArray<RoleGrantTable['role']>, organisationId?: number): Promise<AccountContact[]> {
  if (!roles.length) return [];
  let query = db
    .selectFrom('role_grant')
    .innerJoin('account', 'account.id', 'role_grant.account_id')
    .select(['account.id', 'account.email', 'account.name', 'account.display_name'])
    .where('role_grant.role', 'in', [...roles]);
  if (organisationId !== undefined) query = query.where('role_grant.organisation_id', '=', organisationId);
  const rows = await query.orderBy('account.display_name').orderBy('account.id').execute();
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map((r) => ({ accountId: r.id, email: r.email, name: r.name, displayName: r.display_name }));
}
