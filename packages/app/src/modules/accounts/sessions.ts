// Who is asking: sessions (a cookie holding a random id whose hash is stored) and personal API
// tokens (Bearer). This is the accounts module's identity provider, which the platform's server
// asks on every request (see module.ts), and the session cookie its pages set and clear.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
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

/** An account with its role grants, in one query (every signed-in request asks who is asking). */
function accountWithGrants(db: Kysely<Database>) {
  return db
    .selectFrom('account as a')
    .select(['a.id', 'a.email', 'a.name', 'a.display_name'])
    .select((eb) => jsonArrayFrom(eb.selectFrom('role_grant as g').select(['g.role', 'g.organisation_id']).whereRef('g.account_id', '=', 'a.id')).as('grants'));
}

type AccountWithGrants = { id: number; email: string; name: string; display_name: string; grants: Array<{ role: string; organisation_id: number | null }> };

function actorOf(row: AccountWithGrants): { actor: Actor; account: SignedInAccount } {
  const actor: Actor = {
    accountId: row.id,
    platformAdmin: row.grants.some((g) => g.role === 'platform_admin'),
    platformModerator: row.grants.some((g) => g.role === 'platform_moderator'),
    organisationRoles: row.grants
      .filter((g) => g.organisation_id !== null)
      .map((g) => ({ organisationId: g.organisation_id as number, role: g.role as OrganisationRole })),
  };
  return { actor, account: { id: row.id, email: row.email, name: row.name, displayName: row.display_name } };
}

export async function loadActor(db: Kysely<Database>, accountId: number): Promise<{ actor: Actor; account: SignedInAccount } | null> {
  const row = await accountWithGrants(db).where('a.id', '=', accountId).executeTakeFirst();
  return row ? actorOf(row) : null;
}

/** Who is asking, from the session cookie's secret: the session, its account and its roles in one query. */
export async function actorFromSession(db: Kysely<Database>, secret: string | undefined): Promise<{ actor: Actor; account: SignedInAccount | null }> {
  if (!secret) return { actor: anonymous, account: null };
  const row = await accountWithGrants(db)
    .innerJoin('session as s', 's.account_id', 'a.id')
    .where('s.id_hash', '=', sha256(secret))
    .where('s.expires_at', '>', new Date())
    .executeTakeFirst();
  return row ? actorOf(row) : { actor: anonymous, account: null };
}

/** The actor behind `Authorization: Bearer <token>`, or null when the token is unknown or revoked. */
export async function actorFromApiToken(db: Kysely<Database>, token: string): Promise<Actor | null> {
  const used = await db
    .updateTable('api_token')
    .set({ last_used_at: new Date() })
    .where('token_hash', '=', sha256(token))
    .where('revoked_at', 'is', null)
    .returning('account_id')
    .executeTakeFirst();
  if (!used) return null;
  const loaded = await loadActor(db, used.account_id);
  return loaded ? { ...loaded.actor, viaApiToken: true } : null;
}

export const accountsIdentity: IdentityProvider = {
  sessionCookieName,
  fromSession: actorFromSession,
  fromApiToken: actorFromApiToken,
};
