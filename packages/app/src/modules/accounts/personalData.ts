// The accounts module's part of a person's rights: what it holds about them (the account without its
// password hash, sessions, one-time links and API tokens without their secrets, roles, sign-in
// attempts with their address), and closing: the account row stays, emptied (complaints, published
// stories and ledgers others keep point at it), and everything else of theirs goes.
import { sql } from 'kysely';
import type { Db } from '../../platform/database.js';
import type { InvolveModule } from '../../platform/module.js';
import type { Person, PersonalRows } from '../../platform/rights.js';

async function accountsPersonalData(db: Db, person: Person): Promise<PersonalRows> {
  const [account, session, emailToken, apiToken, roleGrant, signInAttempt] = await Promise.all([
    db
      .selectFrom('account')
      .select(['id', 'email', 'name', 'display_name', 'email_verified_at', 'created_at', 'about_you', 'communication_needs'])
      .where('id', '=', person.accountId)
      .execute(),
    db.selectFrom('session').select(['created_at', 'expires_at']).where('account_id', '=', person.accountId).orderBy('created_at').execute(),
    db
      .selectFrom('email_token')
      .select(['purpose', 'new_email', 'created_at', 'expires_at', 'used_at'])
      .where('account_id', '=', person.accountId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('api_token')
      .select(['id', 'label', 'created_at', 'last_used_at', 'revoked_at'])
      .where('account_id', '=', person.accountId)
      .orderBy('id')
      .execute(),
    db.selectFrom('role_grant').select(['id', 'role', 'organisation_id', 'created_at']).where('account_id', '=', person.accountId).orderBy('id').execute(),
    db
      .selectFrom('sign_in_attempt')
      .select(['at', 'email', 'address', 'succeeded'])
      .where(sql<string>`lower(email)`, '=', person.email.toLowerCase())
      .orderBy('id')
      .execute(),
  ]);
  return { account, session, email_token: emailToken, api_token: apiToken, role_grant: roleGrant, sign_in_attempt: signInAttempt };
}

/** The name a closed account shows where records others keep still name it (a complaint's list, a ledger). */
export const closedAccountName = 'Closed account';

async function closeAccountRows(db: Db, person: Person): Promise<void> {
  const { accountId } = person;
  for (const table of ['session', 'email_token', 'api_token', 'role_grant'] as const) await db.deleteFrom(table).where('account_id', '=', accountId).execute();
  await db.deleteFrom('sign_in_attempt').where(sql<string>`lower(email)`, '=', person.email.toLowerCase()).execute();
  // An address no one can receive mail at (.invalid is reserved), unique by the account's id; a password nothing matches.
  await db
    .updateTable('account')
    .set({
      email: `closed-${accountId}@closed.invalid`,
      password_hash: '!',
      name: closedAccountName,
      display_name: closedAccountName,
      email_verified_at: null,
      about_you: '{}',
      communication_needs: '{}',
      closed_at: new Date(),
    })
    .where('id', '=', accountId)
    .execute();
}

export const accountsRights: Pick<InvolveModule, 'personalData' | 'closeAccount'> = { personalData: accountsPersonalData, closeAccount: closeAccountRows };
