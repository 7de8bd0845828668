// Creating an account: sign up, confirm the email address by an emailed link, and send that link
// again. Whether an address already has an account is never revealed: its owner gets a notice.
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { hashPassword } from '../../platform/auth.js';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/database.js';
import { ValidationError } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail.js';
import { consumeEmailToken, issueEmailToken, mayIssueEmailToken } from './emailTokens.js';
import { existingAccountMail, verificationMail } from './mailText.js';
import { checkEmail, normaliseEmail } from './service.js';
import { createSession, provenPerson } from './sessions.js';
import { checkConfirmation, checkName, checkNewPassword, collectErrors } from './validation.js';

export interface MailingDeps {
  db: Db;
  config: Pick<Config, 'publicUrl'>;
}

export interface SignUpInput {
  name: string;
  displayName: string;
  email: string;
  password: string;
  confirmPassword: string;
}

/** Returns the (normalised) address the link went to. The same outcome whether or not it was in use. */
export async function signUp(deps: MailingDeps, input: SignUpInput): Promise<{ email: string }> {
  const errors = collectErrors({
    name: checkName(input.name),
    displayName: checkName(input.displayName, 'Display name'),
    email: checkEmail(input.email),
    password: checkNewPassword(input.password),
    confirmPassword: input.password ? checkConfirmation(input.password, input.confirmPassword) : null,
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);

  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  const displayName = input.displayName.trim() || name;
  // Hash even when the address is taken, so the time taken does not tell the two apart.
  const passwordHash = await hashPassword(input.password);
  const { publicUrl } = deps.config;

  await deps.db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('account')
      .values({ email, password_hash: passwordHash, name, display_name: displayName })
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (created) {
      const token = await issueEmailToken(trx, created.id, 'verify');
      await enqueueMail(trx, verificationMail(email, name, `${publicUrl}/verify-email/${token}`));
      await recordAudit(trx, provenPerson(created.id), { action: 'account.sign_up', subjectType: 'account', subjectId: created.id });
      return;
    }
    const existing = await trx
      .selectFrom('account')
      .select(['id', 'name', 'email_verified_at'])
      .where(sql<string>`lower(email)`, '=', email)
      .executeTakeFirstOrThrow();
    if (!(await mayIssueEmailToken(trx, existing.id, 'verify'))) return;
    const verifyToken = existing.email_verified_at ? null : await issueEmailToken(trx, existing.id, 'verify');
    await enqueueMail(
      trx,
      existingAccountMail(
        email,
        existing.name,
        `${publicUrl}/sign-in`,
        `${publicUrl}/forgot-password`,
        verifyToken ? `${publicUrl}/verify-email/${verifyToken}` : null,
      ),
    );
  });
  return { email };
}

export type VerifyOutcome = { status: 'verified'; accountId: number; sessionSecret: string } | { status: 'expired' | 'used' | 'unknown' };

/** Follow the emailed link: confirm the address and start a session. */
export async function verifyEmail(deps: { db: Db }, token: string): Promise<VerifyOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const found = await consumeEmailToken(trx, token, 'verify');
    if (found.state !== 'valid') return { status: found.state };
    await trx.updateTable('account').set({ email_verified_at: sql<Date>`coalesce(email_verified_at, now())` }).where('id', '=', found.accountId).execute();
    const sessionSecret = await createSession(trx, found.accountId);
    await recordAudit(trx, provenPerson(found.accountId), { action: 'account.verify_email', subjectType: 'account', subjectId: found.accountId });
    return { status: 'verified', accountId: found.accountId, sessionSecret };
  });
}

/** Send a new confirmation link when the account exists and is not yet confirmed; silent otherwise. */
export async function resendVerification(deps: MailingDeps, input: { email: string }): Promise<{ email: string }> {
  const problem = checkEmail(input.email);
  if (problem) throw new ValidationError({ email: problem });
  const email = normaliseEmail(input.email);
  await deps.db.transaction().execute(async (trx) => {
    const account = await trx
      .selectFrom('account')
      .select(['id', 'name'])
      .where(sql<string>`lower(email)`, '=', email)
      .where('email_verified_at', 'is', null)
      .executeTakeFirst();
    if (!account || !(await mayIssueEmailToken(trx, account.id, 'verify'))) return;
    const token = await issueEmailToken(trx, account.id, 'verify');
    await enqueueMail(trx, verificationMail(email, account.name, `${deps.config.publicUrl}/verify-email/${token}`));
  });
  return { email };
}
