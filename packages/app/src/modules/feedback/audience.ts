// Who is told about a story: the holders of the roles the policy names for an action in the
// story's organisation (moderators of a new story, subscribers still allowed to follow its
// organisation), read from the policy table rather than a hand-written list of roles, and reached
// through the accounts service (this module never reads the accounts' tables).
import type { Db } from '../../platform/database.js';
import { type AccountContact, organisationContacts, platformRoleContacts } from '../accounts/service.js';
import { type Action, isNotForPlatformAdmins, type OrganisationRole, policyTable } from './policy.js';

type PlatformRole = 'platform_admin' | 'platform_moderator';

/** The organisation roles and platform roles an action's rules name. */
export function rolesBehind(action: Action): { organisationRoles: OrganisationRole[]; platformRoles: PlatformRole[] } {
  const rules = policyTable().get(action) ?? [];
  const organisationRoles = [...new Set(rules.flatMap((rule) => (typeof rule === 'object' ? rule.orgRole : [])))];
  const platformRoles: PlatformRole[] = [];
  if (rules.includes('platformModerator')) platformRoles.push('platform_moderator');
  if (rules.includes('platformAdmin')) platformRoles.push('platform_admin');
  return { organisationRoles, platformRoles };
}

/**
 * How to reach the accounts the policy names for this action in the organisation, each once. With
 * `platformAdmins`, platform admins too (the gate lets them do any action not kept from them): for
 * "who may still be told", not for "whose job it is".
 */
export async function contactsWhoMay(db: Db, action: Action, organisationId: number, options: { platformAdmins?: boolean } = {}): Promise<AccountContact[]> {
  const { organisationRoles, platformRoles } = rolesBehind(action);
  if (options.platformAdmins && !isNotForPlatformAdmins(action) && !platformRoles.includes('platform_admin')) platformRoles.push('platform_admin');
  // One after the other: the caller may pass a transaction, which runs one query at a time.
  const inOrganisation = await organisationContacts(db, organisationId, organisationRoles);
  const platformWide = await platformRoleContacts(db, platformRoles);
  const seen = new Set<number>();
  return [...inOrganisation, ...platformWide].filter((c) => !seen.has(c.accountId) && seen.add(c.accountId));
}
