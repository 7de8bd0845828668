// Signing in and out. Every attempt is recorded; too many failures in 15 minutes for one email
// address, or from one network address, are refused before the password is even checked.
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { hashPassword, verifyPassword } from '../../platform/auth.js';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/database.js';
import { TooManyAttemptsError, ValidationError } from '../../platform/errors.js';
import { anonymous } from './policy.js';
import { normaliseEmail } from './service.js';
import { createSession, destroySession } from './sessions.js';
import { collectErrors } from './validation.js';

export const wrongCredentialsMessage = 'Enter a correct email address and password';
export const tooManyAttemptsMessage = 'Too many sign-in attempts. Wait 15 minutes and try again.';

export interface SignInDeps {
  db: Db;
  config: Pick<Config, 'signInLimit'>;
}

export type SignInOutcome = { status: 'signedIn'; accountId: number; sessionSecret: string } | { status: 'unverified'; email: string };

// Checked against when the email is unknown, so a wrong email takes as long as a wrong password.
let decoyHash: Promise<string> | null = null;

export async function signIn(deps: SignInDeps, input: { email: string; password: string; address: string }): Promise<SignInOutcome> {
  const errors = collectErrors({
    email: input.email.trim() ? null : 'Enter your email address',
    password: input.password ? null : 'Enter your password',
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const email = normaliseEmail(input.email).slice(0, 320);
  const record = (succeeded: boolean) => deps.db.insertInto('sign_in_attempt').values({ email, address: input.address, succeeded }).execute();

  if (await overLimit(deps, email, input.address)) {
    await record(false);
    throw new TooManyAttemptsError(tooManyAttemptsMessage);
  }

  const account = await deps.db
    .selectFrom('account')
    .select(['id', 'password_hash', 'email_verified_at'])
    .where(sql<string>`lower(email)`, '=', email)
    .executeTakeFirst();
  decoyHash ??= hashPassword('decoy password for unknown accounts');
  const passwordMatches = await verifyPassword(account?.password_hash ?? (await decoyHash), input.password);
  if (!account || !passwordMatches) {
    await record(false);
    throw new ValidationError({ email: wrongCredentialsMessage });
  }
  if (!account.email_verified_at) {
    await record(false);
    return { status: 'unverified', email };
  }
  await record(true);
  const sessionSecret = await createSession(deps.db, account.id);
  await recordAudit(deps.db, { ...anonymous, accountId: account.id }, { action: 'account.sign_in', subjectType: 'account', subjectId: account.id });
  return { status: 'signedIn', accountId: account.id, sessionSecret };
}

/** More failures than allowed in the last 15 minutes, for this email or from this address? */
async function overLimit(deps: SignInDeps, email: string, address: string): Promise<boolean> {
  const row = await deps.db
    .selectFrom('sign_in_attempt')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere(sql<string>`lower(email)`, '=', email).as('byEmail'),
      eb.fn.countAll<number>().filterWhere('address', '=', address).as('byAddress'),
    ])
    .where('succeeded', '=', false)
    .where('at', '>', sql<Date>`now() - interval '15 minutes'`)
    .where((eb) => eb.or([eb(sql<string>`lower(email)`, '=', email), eb('address', '=', address)]))
    .executeTakeFirstOrThrow();
  return row.byEmail >= deps.config.signInLimit || row.byAddress >= deps.config.signInLimit;
}

/** End this browser's session (the row goes, so the cookie is worthless even if kept). */
export async function signOut(deps: { db: Db }, sessionSecret: string | undefined, accountId: number | null): Promise<void> {
  if (!sessionSecret) return;
  await destroySession(deps.db, sessionSecret);
  if (accountId !== null) await recordAudit(deps.db, { ...anonymous, accountId }, { action: 'account.sign_out', subjectType: 'account', subjectId: accountId });
}
