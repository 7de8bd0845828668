// A person's rights over their account (UK GDPR): change the email address (confirmed on the new
// address, the old one told), see and download everything held about them, and close the account.
// Only the person may do any of this. Every module's part comes through the platform's rights
// (platform/rights.ts), which asks each module's manifest.
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { verifyPassword } from '../../platform/auth.js';
import type { Db } from '../../platform/database.js';
import { ValidationError } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail.js';
import type { CloseAccountOptions, PersonalData, PersonalRights } from '../../platform/rights.js';
import { consumeEmailToken, endResetLinks, issueEmailToken, mayIssueEmailToken } from './emailTokens.js';
import { type Actor, assertCan } from './policy.js';
import { addressInUseMail, confirmNewEmailMail, emailChangedMail } from './rightsMail.js';
import { checkEmail, normaliseEmail } from './service.js';
import { provenPerson } from './sessions.js';
import type { MailingDeps } from './signUp.js';
import { collectErrors } from './validation.js';

/** The signed-in person's account, with its password hash for checking, once the gate allows the action. */
async function ownAccount(db: Db, actor: Actor, action: 'account.read' | 'account.update') {
  assertCan(actor, action, { accountId: actor.accountId ?? undefined });
  return db
    .selectFrom('account')
    .select(['id', 'email', 'name', 'password_hash'])
    .where('id', '=', actor.accountId as number)
    .executeTakeFirstOrThrow();
}

async function checkPassword(passwordHash: string, password: string): Promise<string | null> {
  if (!password) return 'Enter your password';
  return (await verifyPassword(passwordHash, password)) ? null : 'Your password is not correct';
}

/** Send a link to the new address; the account changes only when it is followed. Says the same whether or not the address is in use. */
export async function requestEmailChange(deps: MailingDeps, actor: Actor, input: { newEmail: string; password: string }): Promise<{ email: string }> {
  const account = await ownAccount(deps.db, actor, 'account.update');
  const newEmail = normaliseEmail(input.newEmail);
  const errors = collectErrors({
    newEmail: input.newEmail.trim()
      ? (checkEmail(input.newEmail) ?? (newEmail === normaliseEmail(account.email) ? 'Enter a different email address from the one you use now' : null))
      : 'Enter your new email address',
    password: await checkPassword(account.password_hash, input.password),
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const { publicUrl } = deps.config;
  await deps.db.transaction().execute(async (trx) => {
    if (!(await mayIssueEmailToken(trx, account.id, 'change_email'))) return;
    const taken = await trx.selectFrom('account').select(['id', 'name']).where(sql<string>`lower(email)`, '=', newEmail).executeTakeFirst();
    if (taken) {
      // Its owner is told; the person asking learns nothing they could not learn by signing up.
      await enqueueMail(trx, addressInUseMail(newEmail, taken.name, `${publicUrl}/sign-in`));
    } else {
      const token = await issueEmailToken(trx, account.id, 'change_email', newEmail);
      await enqueueMail(trx, confirmNewEmailMail(newEmail, account.name, `${publicUrl}/account/email/confirm/${token}`));
    }
    await recordAudit(trx, actor, { action: 'account.email_change_requested', subjectType: 'account', subjectId: account.id });
  });
  return { email: newEmail };
}

export type EmailChangeOutcome = { status: 'changed'; email: string } | { status: 'expired' | 'used' | 'unknown' | 'taken' };

/** Follow the link sent to the new address: the account takes it, and the old address is told. */
export async function confirmEmailChange(deps: MailingDeps, token: string): Promise<EmailChangeOutcome> {
  return deps.db.transaction().execute(async (trx): Promise<EmailChangeOutcome> => {
    const found = await consumeEmailToken(trx, token, 'change_email');
    if (found.state !== 'valid') return { status: found.state };
    const newEmail = found.newEmail as string;
    const account = await trx.selectFrom('account').select(['email', 'name', 'closed_at']).where('id', '=', found.accountId).executeTakeFirstOrThrow();
    if (account.closed_at) return { status: 'unknown' };
    // Someone took the address between the request and the click.
    const taken = await trx.selectFrom('account').select('id').where(sql<string>`lower(email)`, '=', newEmail).executeTakeFirst();
    if (taken) return { status: 'taken' };
    await trx.updateTable('account').set({ email: newEmail, email_verified_at: new Date() }).where('id', '=', found.accountId).execute();
    // A reset link sent to the old address must not work any more.
    await endResetLinks(trx, found.accountId);
    await enqueueMail(trx, emailChangedMail(account.email, account.name, newEmail, `${deps.config.publicUrl}/sign-in`));
    await recordAudit(trx, provenPerson(found.accountId), { action: 'account.email_changed', subjectType: 'account', subjectId: found.accountId });
    return { status: 'changed', email: newEmail };
  });
}

export interface RightsDeps {
  db: Db;
  rights: PersonalRights;
}

/** Everything held about the signed-in person, by module and table. */
export async function ownPersonalData(deps: RightsDeps, actor: Actor): Promise<PersonalData> {
  const account = await ownAccount(deps.db, actor, 'account.read');
  const data = await deps.rights.personalData(deps.db, { accountId: account.id, email: account.email });
  await recordAudit(deps.db, actor, { action: 'account.data_downloaded', subjectType: 'account', subjectId: account.id });
  return data;
}

/** Close the account, knowing its password: every module removes what the privacy notice says, in one transaction. */
export async function closeOwnAccount(deps: RightsDeps, actor: Actor, input: { password: string; withdrawStories: boolean }): Promise<void> {
  const account = await ownAccount(deps.db, actor, 'account.update');
  const problem = await checkPassword(account.password_hash, input.password);
  if (problem) throw new ValidationError({ password: problem });
  const options: CloseAccountOptions = { withdrawStories: input.withdrawStories };
  await deps.db.transaction().execute(async (trx) => {
    await deps.rights.closeAccount(trx, { accountId: account.id, email: account.email }, options);
    await recordAudit(trx, actor, {
      action: 'account.closed',
      subjectType: 'account',
      subjectId: account.id,
      detail: { withdrawStories: options.withdrawStories },
    });
  });
}
