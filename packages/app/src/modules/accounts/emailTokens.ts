// One-time links sent by email (confirm an address, reset a password): the secret travels only in
// the link; the database keeps its sha256, an expiry, and when it was used.

import type { Kysely } from 'kysely';
import { randomToken, sha256 } from '../../platform/auth.js';
import type { Db } from '../../platform/database.js';
import type { Database } from '../../platform/schema.js';

export type EmailTokenPurpose = 'verify' | 'reset' | 'change_email';

const lifetimeMs: Record<EmailTokenPurpose, number> = {
  verify: 24 * 60 * 60 * 1000,
  reset: 60 * 60 * 1000,
  change_email: 24 * 60 * 60 * 1000,
};

/** At most this many links of one kind per account per hour, so nobody can flood an inbox. */
const maxLinksPerHour = 5;

export type TokenState = { state: 'valid'; accountId: number; newEmail: string | null } | { state: 'expired' | 'used' | 'unknown' };

/** A new link; a change of address carries the address it changes to. */
export async function issueEmailToken(db: Kysely<Database>, accountId: number, purpose: EmailTokenPurpose, newEmail?: string): Promise<string> {
  const secret = randomToken();
  await db
    .insertInto('email_token')
    .values({
      token_hash: sha256(secret),
      account_id: accountId,
      purpose,
      new_email: newEmail ?? null,
      expires_at: new Date(Date.now() + lifetimeMs[purpose]),
    })
    .execute();
  return secret;
}

/** May another link of this kind be sent to this account now? */
export async function mayIssueEmailToken(db: Kysely<Database>, accountId: number, purpose: EmailTokenPurpose): Promise<boolean> {
  const row = await db
    .selectFrom('email_token')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('purpose', '=', purpose)
    .where('created_at', '>', new Date(Date.now() - 60 * 60 * 1000))
    .executeTakeFirstOrThrow();
  return row.n < maxLinksPerHour;
}

/** What state a link is in, without using it. */
export async function inspectEmailToken(db: Kysely<Database>, secret: string, purpose: EmailTokenPurpose): Promise<TokenState> {
  const row = await db
    .selectFrom('email_token')
    .select(['account_id', 'expires_at', 'used_at', 'new_email'])
    .where('token_hash', '=', sha256(secret))
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!row) return { state: 'unknown' };
  if (row.used_at) return { state: 'used' };
  if (row.expires_at.getTime() <= Date.now()) return { state: 'expired' };
  return { state: 'valid', accountId: row.account_id, newEmail: row.new_email };
}

/** Use a link once: marks it used in the same statement that checks it, so two clicks cannot both win. */
export async function consumeEmailToken(db: Kysely<Database>, secret: string, purpose: EmailTokenPurpose): Promise<TokenState> {
  const row = await db
    .updateTable('email_token')
    .set({ used_at: new Date() })
    .where('token_hash', '=', sha256(secret))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning(['account_id', 'new_email'])
    .executeTakeFirst();
  if (row) return { state: 'valid', accountId: row.account_id, newEmail: row.new_email };
  return inspectEmailToken(db, secret, purpose);
}

/** End every reset link of the account not yet used (after a reset, or a password change). */
export async function endResetLinks(db: Db, accountId: number): Promise<void> {
  await db
    .updateTable('email_token')
    .set({ used_at: new Date() })
    .where('account_id', '=', accountId)
    .where('purpose', '=', 'reset')
    .where('used_at', 'is', null)
    .execute();
}
