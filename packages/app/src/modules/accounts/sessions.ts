// Who is asking: sessions (a cookie holding a random id whose hash is stored) and personal API
// tokens (Bearer). This is the accounts module's identity provider, which the platform's server
// asks on every request (see module.ts), and the session cookie its pages set and clear.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { randomToken, sha256 } from '../../platform/auth.js';
import type { Config } from '../../platform/config.js';
import type { IdentityProvider } from '../../platform/module.js';
import { type Actor, anonymous, type OrganisationRole } from '../../platform/permissions.js';
import type { Database } from '../../platform/schema.js';
import type { SignedInAccount } from '../../platform/web/types.js';

export const sessionCookieName = 'involve_session';
export const sessionLifetimeMs = 14 * 24 * 60 * 60 * 1000;

/** Start a session; returns the cookie value (only its hash is stored). */
export async function createSession(db: Kysely<Database>, accountId: number): Promise<string> {
  const secret = randomToken();
  await db
    .insertInto('session')
    .values({ id_hash: sha256(secret), account_id: accountId, expires_at: new Date(Date.now() + sessionLifetimeMs) })
    .execute();
  return secret;
}

export async function destroySession(db: Kysely<Database>, secret: string): Promise<void> {
  await db.deleteFrom('session').where('id_hash', '=', sha256(secret)).execute();
}

/** Give this browser the session's cookie; a session already in it (perhaps someone else's) ends. */
export async function startSessionCookie(reply: FastifyReply, request: FastifyRequest, db: Kysely<Database>, config: Config, secret: string): Promise<void> {
  const previous = request.cookies[sessionCookieName];
  if (previous) await destroySession(db, previous);
  reply.setCookie(sessionCookieName, secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    maxAge: Math.floor(sessionLifetimeMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
}

/**
 * The person who has just proved who they are (their password or an emailed link) before a session
 * names them: for the audit log's "who" only, never asked of the gate (it holds no roles).
 */
export function provenPerson(accountId: number): Actor {
  return { ...anonymous, accountId };
}

/** The account and its powers, or null when the account does not exist. */
export async function loadActor(db: Kysely<Database>, accountId: number): Promise<{ actor: Actor; account: SignedInAccount } | null> {
  const account = await db.selectFrom('account').select(['id', 'email', 'name', 'display_name']).where('id', '=', accountId).executeTakeFirst();
  if (!account) return null;
  const grants = await db.selectFrom('role_grant').select(['role', 'organisation_id']).where('account_id', '=', accountId).execute();
  const actor: Actor = {
    accountId,
    platformAdmin: grants.some((g) => g.role === 'platform_admin'),
    platformModerator: grants.some((g) => g.role === 'platform_moderator'),
    organisationRoles: grants
      .filter((g) => g.organisation_id !== null)
      .map((g) => ({ organisationId: g.organisation_id as number, role: g.role as OrganisationRole })),
  };
  return { actor, account: { id: account.id, email: account.email, name: account.name, displayName: account.display_name } };
}

export async function actorFromSession(db: Kysely<Database>, secret: string | undefined): Promise<{ actor: Actor; account: SignedInAccount | null }> {
  if (!secret) return { actor: anonymous, account: null };
  const session = await db
    .selectFrom('session')
    .select(['account_id'])
    .where('id_hash', '=', sha256(secret))
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  if (!session) return { actor: anonymous, account: null };
  return (await loadActor(db, session.account_id)) ?? { actor: anonymous, account: null };
}

/** The actor behind `Authorization: Bearer <token>`, or null when the token is unknown or revoked. */
export async function actorFromApiToken(db: Kysely<Database>, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('api_token')
    .select(['id', 'account_id'])
    .where('token_hash', '=', sha256(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  await db.updateTable('api_token').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
  const loaded = await loadActor(db, row.account_id);
  return loaded ? { ...loaded.actor, viaApiToken: true } : null;
}

export const accountsIdentity: IdentityProvider = {
  sessionCookieName,
  fromSession: actorFromSession,
  fromApiToken: actorFromApiToken,
};
