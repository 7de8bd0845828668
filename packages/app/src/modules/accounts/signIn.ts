// Signing in and out. Every attempt is recorded. Guessing is slowed without locking the owner out
// (OWASP's authentication guidance): each account-and-address pair gets SIGN_IN_LIMIT password
// checks in 15 minutes, with a delay that doubles after each failure past the third; each address
// gets ten times that over all accounts (a trust's shared network is not locked out by one person).
// Each check is taken from its limit in one atomic statement before the password is checked, so
// simultaneous tries, on one instance or many, get no more checks than the limit.
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { hashPassword, verifyPassword } from '../../platform/auth.js';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/database.js';
import { TooManyAttemptsError, ValidationError } from '../../platform/errors.js';
import { blockLimit, resetLimit, takeFromLimit, waitText } from '../../platform/limits.js';
import type { Actor } from './policy.js';
import { normaliseEmail } from './service.js';
import { createSession, destroySession, provenPerson } from './sessions.js';
import { collectErrors } from './validation.js';

export const wrongCredentialsMessage = 'Enter a correct email address and password';
const windowSeconds = 15 * 60;
/** Failures for one pair before each further one doubles the wait (2 s, 4 s, 8 s … at most 15 minutes). */
const failuresBeforeDelay = 3;

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

  const fromAddress = await takeFromLimit(deps.db, { key: `sign-in:address:${input.address}`, limit: deps.config.signInLimit * 10, windowSeconds });
  if (!fromAddress.allowed) {
    await record(false);
    throw new TooManyAttemptsError(`Too many sign-in attempts from your network. Wait ${waitText(fromAddress.retryAt)} and try again.`);
  }
  const pairKey = `sign-in:pair:${email}|${input.address}`;
  const pair = await takeFromLimit(deps.db, { key: pairKey, limit: deps.config.signInLimit, windowSeconds });
  if (!pair.allowed) {
    await record(false);
    throw new TooManyAttemptsError(
      `Too many sign-in attempts for this account. Wait ${waitText(pair.retryAt)} and try again, or reset your password if you have forgotten it.`,
    );
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
    if (pair.hits >= failuresBeforeDelay) await blockLimit(deps.db, pairKey, Math.min(2 ** (pair.hits - failuresBeforeDelay + 1), windowSeconds));
    throw new ValidationError({ email: wrongCredentialsMessage });
  }
  if (!account.email_verified_at) {
    await record(false);
    return { status: 'unverified', email };
  }
  await record(true);
  await resetLimit(deps.db, pairKey);
  const sessionSecret = await createSession(deps.db, account.id);
  await recordAudit(deps.db, provenPerson(account.id), { action: 'account.sign_in', subjectType: 'account', subjectId: account.id });
  return { status: 'signedIn', accountId: account.id, sessionSecret };
}

/** End this browser's session (the row goes, so the cookie is worthless even if kept). */
export async function signOut(deps: { db: Db }, sessionSecret: string | undefined, actor: Actor): Promise<void> {
  if (!sessionSecret) return;
  await destroySession(deps.db, sessionSecret);
  if (actor.accountId !== null) await recordAudit(deps.db, actor, { action: 'account.sign_out', subjectType: 'account', subjectId: actor.accountId });
}
