// The facts about people the complaints module needs from the accounts module (who the complaints
// managers are, where to email someone), asked through the accounts module's own functions.
import type { Db } from '../../platform/database.js';
import { getIdentity } from '../accounts/accountDetails.js';
import { listOrganisationRoleHolders } from '../accounts/roles.js';
import type { Actor } from './policy.js';

// Background work (reminders) and notifications act for the system: allowed to list an
// organisation's role holders, and nothing about complaints (those are not granted to platform admins).
const system: Actor = { accountId: null, platformAdmin: true, organisationRoles: [] };

export interface Contact {
  accountId: number;
  email: string;
  name: string;
  displayName: string;
}

/** The complaints managers of an organisation, with their email addresses. */
export async function complaintsManagersOf(db: Db, organisationId: number): Promise<Contact[]> {
  const holders = await listOrganisationRoleHolders({ db }, system, organisationId);
  return holders
    .filter((h) => h.role === 'complaints_manager')
    .map((h) => ({ accountId: h.accountId, email: h.email, name: h.displayName, displayName: h.displayName }));
}

/** How to reach an account: its own identity, read as that account. */
export async function contactOf(db: Db, accountId: number): Promise<Contact> {
  const identity = await getIdentity({ db }, { accountId, platformAdmin: false, organisationRoles: [] });
  return { accountId, email: identity.email, name: identity.name, displayName: identity.displayName };
}
