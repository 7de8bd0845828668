// Who a complaint's mail and letters go to, from the accounts module: the complainant, the manager
// signing a letter, and an organisation's complaints managers (whoever the policy lets manage its
// complaints); and the complainant's communication needs, for the staff who contact them. The
// complaints flow has checked its own gate before it writes to anyone or shows the needs.

import type { Db } from '../../platform/database.js';
import { type AccountContact, accountContact, communicationNeedsToShow, organisationContacts } from '../accounts/service.js';
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

/**
 * The communication needs staff must meet when they contact this person (Accessible Information
 * Standard), in plain words; [] when they have none or chose not to share them.
 */
export async function communicationNeedsOf(db: Db, accountId: number): Promise<string[]> {
  return communicationNeedsToShow(db, accountId);
}
