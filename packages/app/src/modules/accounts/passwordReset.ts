// Resetting a forgotten password by an emailed link. Asking never reveals whether an account
// exists; using the link sets the new password, signs the account out everywhere and revokes its
// API tokens (whoever knew the old password may have made one).
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { hashPassword } from '../../platform/auth.js';
import type { Db } from '../../platform/database.js';
import { ValidationError } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail.js';
import { consumeEmailToken, endResetLinks, inspectEmailToken, issueEmailToken, mayIssueEmailToken, type TokenState } from './emailTokens.js';
import { passwordResetMail } from './mailText.js';
import { anonymous } from './policy.js';
import { checkEmail, normaliseEmail } from './service.js';
import { provenPerson } from './sessions.js';
import type { MailingDeps } from './signUp.js';
import { checkConfirmation, checkNewPassword, collectErrors } from './validation.js';

export async function requestPasswordReset(deps: MailingDeps, input: { email: string }): Promise<{ email: string }> {
  const problem = checkEmail(input.email);
  if (problem) throw new ValidationError({ email: problem });
  const email = normaliseEmail(input.email);
  await deps.db.transaction().execute(async (trx) => {
    const account = await trx.selectFrom('account').select(['id', 'name']).where(sql<string>`lower(email)`, '=', email).executeTakeFirst();
    if (!account || !(await mayIssueEmailToken(trx, account.id, 'reset'))) return;
    const token = await issueEmailToken(trx, account.id, 'reset');
    await enqueueMail(trx, passwordResetMail(email, account.name, `${deps.config.publicUrl}/reset-password/${token}`));
    await recordAudit(trx, anonymous, { action: 'account.password_reset_requested', subjectType: 'account', subjectId: account.id });
  });
  return { email };
}

/** Whether a reset link can still be used (for showing the form). */
export async function checkResetLink(deps: { db: Db }, token: string): Promise<TokenState['state']> {
  return (await inspectEmailToken(deps.db, token, 'reset')).state;
}

export type ResetOutcome = { status: 'reset'; accountId: number } | { status: 'expired' | 'used' | 'unknown' };

export async function resetPassword(deps: { db: Db }, token: string, input: { password: string; confirmPassword: string }): Promise<ResetOutcome> {
  const errors = collectErrors({
    password: checkNewPassword(input.password),
    confirmPassword: input.password ? checkConfirmation(input.password, input.confirmPassword) : null,
  });
  // A bad password leaves the link unused, so the person can try again.
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const found = await consumeEmailToken(trx, token, 'reset');
    if (found.state !== 'valid') return { status: found.state };
    const accountId = found.accountId;
    // Following the link proves the address works, so it also counts as confirming it.
    await trx
      .updateTable('account')
      .set({ password_hash: passwordHash, email_verified_at: sql<Date>`coalesce(email_verified_at, now())` })
      .where('id', '=', accountId)
      .execute();
    await trx.deleteFrom('session').where('account_id', '=', accountId).execute();
    // Other reset links sent earlier stop working too.
    await endResetLinks(trx, accountId);
    await trx.updateTable('api_token').set({ revoked_at: new Date() }).where('account_id', '=', accountId).where('revoked_at', 'is', null).execute();
    await recordAudit(trx, provenPerson(accountId), { action: 'account.password_reset', subjectType: 'account', subjectId: accountId });
    return { status: 'reset', accountId };
  });
}
