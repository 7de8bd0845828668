// The one question every route and service asks before it reads or writes anything private:
// can(actor, action, resource). The rules are data (a table a test can walk), not scattered ifs.
import type { OrganisationRole } from '../modules/accounts/schema.js';
import { ForbiddenError } from './errors.js';

/** Who is acting: a signed-in person with their roles, or an anonymous visitor. */
export interface Actor {
  accountId: number | null;
  platformAdmin: boolean;
  /** Moderates stories about every organisation (an organisation's moderators only their own). */
  platformModerator?: boolean;
  organisationRoles: ReadonlyArray<{ organisationId: number; role: OrganisationRole }>;
  /** true when the request came with a personal API token rather than a browser session. */
  viaApiToken?: boolean;
}

export const anonymous: Actor = { accountId: null, platformAdmin: false, organisationRoles: [] };

/** What an action is about. Only the fields that a rule needs are read. */
export interface Resource {
  /** The organisation the thing belongs to (for organisation-scoped roles). */
  organisationId?: number;
  /** The account the thing belongs to (for "self" rules). */
  accountId?: number;
}

/**
 * Who may do what. Each action lists the rules any one of which allows it:
 * - 'anyone': every visitor, signed in or not
 * - 'signedIn': any signed-in account
 * - 'self': the account the resource belongs to
 * - 'platformAdmin': a platform admin (allowed everything anyway, except notGrantedToPlatformAdmins)
 * - 'platformModerator': a platform moderator
 * - { orgRole: [...] }: someone holding one of these roles in the resource's organisation
 */
type Rule = 'anyone' | 'signedIn' | 'self' | 'platformAdmin' | 'platformModerator' | { orgRole: readonly OrganisationRole[] };

export const policy = {
  // Registry: public reads, admin writes.
  'registry.read': ['anyone'],
  'place.manage': ['platformAdmin'],
  'organisation.create': ['platformAdmin'],
  'organisation.update': [{ orgRole: ['admin'] }],
  'organisation.delete': ['platformAdmin'],
  'organisation.import': ['platformAdmin'],
  'relation.manage': [{ orgRole: ['admin'] }],
  'body.manage': [{ orgRole: ['admin'] }],
  'member.manage': [{ orgRole: ['admin'] }],
  // Roles: an organisation admin hands out roles in their own organisation only.
  'role.manage': [{ orgRole: ['admin'] }],
  'platformRole.manage': ['platformAdmin'],
  // The admin area: any admin sees it, each sees only what they may change.
  'admin.enter': ['platformAdmin', { orgRole: ['admin'] }],
  'outbox.read': ['platformAdmin'],
  'audit.read': ['platformAdmin'],
  // A person's own account: nobody else, not even a platform admin, reads "about you".
  'account.read': ['self'],
  'account.update': ['self'],
  'apiToken.manage': ['self'],
  // Complaints: only the complainant (or their representative, who made it) and the organisation's
  // complaints managers; not other staff, and not platform admins (see notGrantedToPlatformAdmins).
  'complaint.make': ['signedIn'],
  'complaint.read': ['self', { orgRole: ['complaints_manager'] }],
  'complaint.manage': [{ orgRole: ['complaints_manager'] }],
  'complaint.report': [{ orgRole: ['complaints_manager'] }],
  'complaintTemplate.manage': [{ orgRole: ['complaints_manager'] }],
  'complaintHoliday.manage': ['platformAdmin', { orgRole: ['complaints_manager'] }],
  // Feedback: anyone reads what is published; a signed-in person tells a story ('self' reads its
  // state and original); moderators of the organisation (or platform moderators) moderate;
  // responders answer in public and subscribe to alerts; staff see criticality and export.
  'story.read': ['anyone'],
  'story.tell': ['signedIn'],
  'story.readOwn': ['self'],
  'story.reply': ['self'],
  'story.report': ['anyone'],
  'story.enterOnBehalf': ['platformModerator', { orgRole: ['admin', 'responder', 'moderator'] }],
  'story.moderate': ['platformModerator', { orgRole: ['moderator'] }],
  'story.respond': [{ orgRole: ['responder'] }],
  'story.subscribe': [{ orgRole: ['responder', 'admin', 'moderator'] }],
  'story.staffRead': ['platformModerator', { orgRole: ['admin', 'responder', 'moderator'] }],
  'story.export': [{ orgRole: ['admin', 'responder', 'moderator'] }],
  'theme.manage': ['platformAdmin'],
  'fft.submit': ['anyone'],
  'fft.upload': [{ orgRole: ['admin', 'responder'] }],
} as const satisfies Record<string, readonly Rule[]>;

export type Action = keyof typeof policy;

/**
 * Actions a platform admin does not get just by being one: a person's own account, complaints
 * (private to the complainant and the organisation's complaints managers), and speaking as a story's
 * author or for an organisation.
 */
export const notGrantedToPlatformAdmins: ReadonlySet<Action> = new Set([
  'account.read',
  'account.update',
  'apiToken.manage',
  'complaint.read',
  'complaint.manage',
  'complaint.report',
  // A story's author alone reads their own words in their account and replies as the author; only
  // an organisation's responders answer for it in public.
  'story.readOwn',
  'story.reply',
  'story.respond',
]);

function ruleAllows(rule: Rule, actor: Actor, resource: Resource): boolean {
  if (rule === 'anyone') return true;
  if (rule === 'signedIn') return actor.accountId !== null;
  if (rule === 'self') return actor.accountId !== null && actor.accountId === resource.accountId;
  if (rule === 'platformAdmin') return actor.platformAdmin;
  if (rule === 'platformModerator') return actor.platformModerator === true;
  const organisationId = resource.organisationId;
  if (organisationId === undefined) return false;
  return actor.organisationRoles.some((r) => r.organisationId === organisationId && rule.orgRole.includes(r.role));
}

/** May this actor do this action on this resource? */
export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  if (actor.platformAdmin && !notGrantedToPlatformAdmins.has(action)) return true;
  return (policy[action] as readonly Rule[]).some((rule) => ruleAllows(rule, actor, resource));
}

/**
 * Throw unless allowed. `hidden` makes a refusal look like "not found" (404) where even the
 * existence of the thing is private.
 */
export function assertCan(actor: Actor, action: Action, resource: Resource = {}, options: { hidden?: boolean } = {}): void {
  if (!can(actor, action, resource)) {
    const message = actor.accountId === null ? 'You need to sign in to do that.' : 'You do not have permission to do that.';
    throw new ForbiddenError(message, options.hidden ?? false);
  }
}

/** Organisation ids where the actor holds one of these roles (for "what may I manage" lists). */
export function organisationsWithRole(actor: Actor, roles: readonly OrganisationRole[]): number[] {
  return actor.organisationRoles.filter((r) => roles.includes(r.role)).map((r) => r.organisationId);
}
