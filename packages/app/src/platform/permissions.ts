// The one question every route and service asks before it reads or writes anything private:
// can(actor, action, resource). The rules are data (a table a test can walk), not scattered ifs.
// Each module declares its own actions with definePolicy in its policy.ts; they merge into one
// table here, and the names become the Action type (declaration merging on PolicyActions), so a
// misspelt action does not compile.
import { ForbiddenError } from './errors.js';

/** Roles a person can hold in an organisation (role_grant.role); platform roles are flags on Actor. */
export const organisationRoles = ['admin', 'responder', 'moderator', 'complaints_manager', 'member', 'link_worker', 'referrer'] as const;
export type OrganisationRole = (typeof organisationRoles)[number];

/** Who is acting: a signed-in person with their roles, an anonymous visitor, or Involve itself. */
export interface Actor {
  accountId: number | null;
  platformAdmin: boolean;
  /** Moderates stories about every organisation (an organisation's moderators only their own). */
  platformModerator?: boolean;
  organisationRoles: ReadonlyArray<{ organisationId: number; role: OrganisationRole }>;
  /** true when the request came with a personal API token rather than a browser session. */
  viaApiToken?: boolean;
  /** Set only on systemActor: Involve's own jobs and commands, allowed just the 'system' rules. */
  system?: string;
}

export const anonymous: Actor = { accountId: null, platformAdmin: false, organisationRoles: [] };

/**
 * Involve acting on its own (a repeating job, a command run by whoever runs the server). It is
 * allowed only actions whose rules say 'system': never a platform admin's powers.
 */
export function systemActor(job: string): Actor {
  return { accountId: null, platformAdmin: false, organisationRoles: [], system: job };
}

/** What an action is about. Only the fields that a rule needs are read. */
export interface Resource {
  /** The organisation the thing belongs to (for organisation-scoped roles). */
  organisationId?: number;
  /** The account the thing belongs to (for "self" rules). */
  accountId?: number;
}

/**
 * The rules any one of which allows an action:
 * - 'anyone': every visitor, signed in or not
 * - 'signedIn': any signed-in account
 * - 'self': the account the resource belongs to
 * - 'platformAdmin': a platform admin (allowed everything anyway, except notForPlatformAdmins)
 * - 'platformModerator': a platform moderator
 * - 'system': Involve's own jobs and commands (systemActor)
 * - { orgRole: [...] }: someone holding one of these roles in the resource's organisation
 */
export type Rule = 'anyone' | 'signedIn' | 'self' | 'platformAdmin' | 'platformModerator' | 'system' | { orgRole: readonly OrganisationRole[] };

export type PolicyRules = Record<string, readonly Rule[]>;

/** Every action's name: the platform's own here; modules add theirs (see definePolicy). */
export interface PolicyActions {
  'admin.enter': true;
  'outbox.read': true;
  'audit.read': true;
}
export type Action = keyof PolicyActions & string;

const rulesByAction = new Map<string, readonly Rule[]>();
const notForPlatformAdmins = new Set<string>();

/**
 * Add a module's actions to the one policy table. `notForPlatformAdmins` lists actions a platform
 * admin does not get just by being one (a person's own account, private cases, speaking as someone).
 * Declaring an action twice with other rules is a programming error.
 */
export function definePolicy<const T extends PolicyRules>(rules: T, options: { notForPlatformAdmins?: ReadonlyArray<keyof T & string> } = {}): T {
  for (const [action, actionRules] of Object.entries(rules)) {
    const existing = rulesByAction.get(action);
    if (existing && existing !== actionRules) throw new Error(`The action ${action} is declared twice`);
    rulesByAction.set(action, actionRules);
  }
  for (const action of options.notForPlatformAdmins ?? []) notForPlatformAdmins.add(action);
  return rules;
}

/** The whole policy table, for tests that walk it and for the architecture page. */
export function policyTable(): ReadonlyMap<string, readonly Rule[]> {
  return rulesByAction;
}

export function isNotForPlatformAdmins(action: string): boolean {
  return notForPlatformAdmins.has(action);
}

function ruleAllows(rule: Rule, actor: Actor, resource: Resource): boolean {
  if (actor.system !== undefined) return rule === 'system';
  if (rule === 'anyone') return true;
  if (rule === 'signedIn') return actor.accountId !== null;
  if (rule === 'self') return actor.accountId !== null && actor.accountId === resource.accountId;
  if (rule === 'platformAdmin') return actor.platformAdmin;
  if (rule === 'platformModerator') return actor.platformModerator === true;
  if (rule === 'system') return false;
  const organisationId = resource.organisationId;
  if (organisationId === undefined) return false;
  return actor.organisationRoles.some((r) => r.organisationId === organisationId && rule.orgRole.includes(r.role));
}

function rulesOf(action: Action): readonly Rule[] {
  const rules = rulesByAction.get(action);
  if (!rules) throw new Error(`Unknown action ${action}: its module's policy is not loaded`);
  return rules;
}

/** May this actor do this action on this resource? */
export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  const rules = rulesOf(action);
  if (actor.platformAdmin && actor.system === undefined && !notForPlatformAdmins.has(action)) return true;
  return rules.some((rule) => ruleAllows(rule, actor, resource));
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

/**
 * Organisation ids where the actor may do this action: the organisations of every role the policy
 * allows it for ("which organisations may I moderate"). Platform-wide rules are not organisations:
 * ask can(actor, action) for those.
 */
export function organisationsWhere(actor: Actor, action: Action): number[] {
  const roles = new Set(rulesOf(action).flatMap((rule) => (typeof rule === 'object' ? rule.orgRole : [])));
  return [...new Set(actor.organisationRoles.filter((r) => roles.has(r.role)).map((r) => r.organisationId))];
}

/** Organisation ids where the actor holds one of these roles (role pages, not permission checks). */
export function organisationsWithRole(actor: Actor, roles: readonly OrganisationRole[]): number[] {
  return actor.organisationRoles.filter((r) => roles.includes(r.role)).map((r) => r.organisationId);
}

/** May the actor do this action anywhere at all (a platform rule or any organisation)? */
export function canAnywhere(actor: Actor, action: Action): boolean {
  return can(actor, action) || organisationsWhere(actor, action).some((organisationId) => can(actor, action, { organisationId }));
}

// The platform's own actions: the admin area and what the platform itself stores (audit, outbox).
export const platformPolicy = definePolicy({
  'admin.enter': ['platformAdmin', { orgRole: ['admin'] }],
  'outbox.read': ['platformAdmin'],
  'audit.read': ['platformAdmin'],
});
