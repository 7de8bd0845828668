// Personal API tokens: made on the account page, shown once, stored only as sha256, revocable.

import { recordAudit } from '../../platform/audit.js';
import { randomToken, sha256 } from '../../platform/auth.js';
import type { Db } from '../../platform/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { type Actor, assertCan, can } from './policy.js';

export interface ApiTokenSummary {
  id: number;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** The account whose tokens the actor manages: their own (signed-out visitors are asked to sign in). */
function ownerOf(actor: Actor): number {
  assertCan(actor, 'apiToken.manage', { accountId: actor.accountId ?? undefined });
  return actor.accountId as number;
}

export async function listApiTokens(deps: { db: Db }, actor: Actor): Promise<ApiTokenSummary[]> {
  const accountId = ownerOf(actor);
  const rows = await deps.db
    .selectFrom('api_token')
    .select(['id', 'label', 'created_at', 'last_used_at'])
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, label: r.label, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
}

/** Returns the token itself: the only time anyone sees it. */
export async function createApiToken(deps: { db: Db }, actor: Actor, input: { label: string }): Promise<{ id: number; label: string; token: string }> {
  const accountId = ownerOf(actor);
  const label = input.label.trim();
  if (!label) throw new ValidationError({ label: 'Enter a name for the token, so you can tell it apart later' });
  if (label.length > 100) throw new ValidationError({ label: 'Token name must be 100 characters or fewer' });
  // The prefix makes a leaked token easy to recognise (for example by secret scanners).
  const token = `involve_${randomToken(32)}`;
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_token')
      .values({ account_id: accountId, label, token_hash: sha256(token) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'api_token.create', subjectType: 'api_token', subjectId: row.id });
    return { id: row.id, label, token };
  });
}

export async function revokeApiToken(deps: { db: Db }, actor: Actor, tokenId: number): Promise<void> {
  ownerOf(actor);
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('api_token').select(['id', 'account_id']).where('id', '=', tokenId).where('revoked_at', 'is', null).executeTakeFirst();
    // Someone else's token is "not found": its existence is none of this person's business.
    if (!row || !can(actor, 'apiToken.manage', { accountId: row.account_id })) throw new NotFoundError('There is no such API token.');
    await trx.updateTable('api_token').set({ revoked_at: new Date() }).where('id', '=', tokenId).execute();
    await recordAudit(trx, actor, { action: 'api_token.revoke', subjectType: 'api_token', subjectId: tokenId });
  });
}
