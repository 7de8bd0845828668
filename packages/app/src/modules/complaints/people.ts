// Who a complaint's mail and letters go to, from the accounts module: the complainant, the manager
// signing a letter, and an organisation's complaints managers (whoever the policy lets manage its
// complaints). The complaints flow has checked its own gate before it writes to anyone.

import type { Db } from '../../platform/database.js';
import { type AccountContact, accountContact, organisationContacts } from '../accounts/service.js';
import { complaintsPolicy, type OrganisationRole } from './policy.js';

export type Contact = AccountContact;

/** The organisation roles the policy lets manage complaints: their holders are its complaints managers. */
const managerRoles: readonly OrganisationRole[] = complaintsPolicy['complaint.manage'].flatMap((rule) => (typeof rule === 'object' ? rule.orgRole : []));

/** The complaints managers of an organisation, with their email addresses. */
export async function complaintsManagersOf(db: Db, organisationId: number): Promise<Contact[]> {
  return organisationContacts(db, organisationId, managerRoles);
}

/** How to reach an account: the complainant, or the manager who signs a letter. */
export async function contactOf(db: Db, accountId: number): Promise<Contact> {
  return accountContact(db, accountId);
}
