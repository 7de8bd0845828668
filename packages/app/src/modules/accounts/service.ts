// The accounts module's business actions: each a plain async function over the database, with no
// HTTP in it. Routes parse input and call these; the CLI and the demo call them too.
import { type Kysely, sql } from 'kysely';
import { hashPassword, randomToken } from '../../platform/auth.js';
import type { Db } from '../../platform/database.js';
import { ValidationError } from '../../platform/errors.js';
import type { Database } from '../../platform/schema.js';
import { type Actor, assertCan } from './policy.js';
import type { OrganisationRole } from './schema.js';
import { checkNewPassword } from './validation.js';

export { demoPassword, listDemoSignIns } from './demoSignIns.js';

export interface AccountsDeps {
  db: Db;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function checkEmail(email: string): string | null {
  if (!email.trim()) return 'Enter your email address';
  if (email.length > 254) return 'Email address must be 254 characters or fewer';
  if (!emailPattern.test(email.trim())) return 'Enter an email address in the correct format, like name@example.com';
  return null;
}

/**
 * Create an account that is already verified (the demo, create-admin, tests). Sign-up by the
 * public goes through signUp, which sends a verification email instead.
 */
export async function createVerifiedAccount(
  db: Kysely<Database>,
  input: { email: string; password: string; name: string; displayName?: string },
): Promise<number> {
  const emailProblem = checkEmail(input.email);
  if (emailProblem) throw new ValidationError({ email: emailProblem });
  const row = await db
    .insertInto('account')
    .values({
      email: normaliseEmail(input.email),
      password_hash: await hashPassword(input.password),
      name: input.name,
      display_name: input.displayName ?? input.name,
      email_verified_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Give a role without a permission check: for the demo, the CLI and tests only. */
export async function grantRoleDirect(
  db: Kysely<Database>,
  accountId: number,
  role: 'platform_admin' | 'platform_moderator' | OrganisationRole,
  organisationId: number | null,
): Promise<void> {
  const platformRole = role === 'platform_admin' || role === 'platform_moderator';
  await db
    .insertInto('role_grant')
    .values({ account_id: accountId, role, organisation_id: platformRole ? null : organisationId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** `involve create-admin EMAIL`: make the account a platform admin, creating it if needed. */
export async function createPlatformAdmin(deps: AccountsDeps, actor: Actor, email: string, password?: string): Promise<{ message: string }> {
  assertCan(actor, 'platformRole.grantFromCommandLine');
  const emailProblem = checkEmail(email);
  if (emailProblem) throw new ValidationError({ email: emailProblem });
  // The same rule as the web form's: an admin password is never empty or short.
  const passwordProblem = password === undefined ? null : checkNewPassword(password);
  if (passwordProblem) throw new ValidationError({ password: `INVOLVE_ADMIN_PASSWORD: ${passwordProblem}` });
  const existing = await deps.db.selectFrom('account').select('id').where('email', '=', normaliseEmail(email)).executeTakeFirst();
  if (existing) {
    await grantRoleDirect(deps.db, existing.id, 'platform_admin', null);
    return { message: `${normaliseEmail(email)} is now a platform admin.` };
  }
  const chosen = password ?? randomToken(12);
  const id = await createVerifiedAccount(deps.db, { email, password: chosen, name: 'Platform admin' });
  await grantRoleDirect(deps.db, id, 'platform_admin', null);
  return {
    message: password
      ? `Created platform admin ${normaliseEmail(email)} with the password from INVOLVE_ADMIN_PASSWORD.`
      : `Created platform admin ${normaliseEmail(email)}.\nPassword: ${chosen}\nSign in and change it on your account page.`,
  };
}

/** The account with this email address, if any (for other modules: no other detail leaves). */
export async function accountIdByEmail(db: Kysely<Database>, email: string): Promise<number | null> {
  const row = await db.selectFrom('account').select('id').where(sql<string>`lower(email)`, '=', normaliseEmail(email)).executeTakeFirst();
  return row?.id ?? null;
}
export { communicationNeedsToShow } from './communicationNeeds.js';
export { type AccountContact, accountContact, organisationContacts } from './contacts.js';
export { accountNames, organisationsWithRoleHolders, platformRoleContacts } from './directory.js';
