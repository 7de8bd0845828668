// Personal API tokens over HTTP: shown once, stored as a hash, work on /api/v1/me, stop working
// when revoked; someone else's token cannot be revoked.
import { expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { sha256 } from '../../platform/auth.js';
import { insertOrganisation, signedInPerson, summaryErrors } from './testKit.js';

describeWithTestApp('API tokens', (t) => {
  const me = (token?: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('creates a token shown once, which answers /api/v1/me until it is revoked', async () => {
    const organisationId = await insertOrganisation(t.db, 'Token Practice');
    const { client, accountId, email } = await signedInPerson(t, { name: 'Tina Token', roles: [{ organisationId, role: 'moderator' }] });
    await client.get('/account/api-tokens');
    const created = await client.post('/account/api-tokens', { label: 'Reporting script' });
    expect(created.statusCode).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    const token = /id="new-token">([^<]+)</.exec(created.body)?.[1] ?? '';
    expect(token).toMatch(/^involve_[A-Za-z0-9_-]{40,}$/);
    const row = await t.db.selectFrom('api_token').selectAll().where('account_id', '=', accountId).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(token));
    expect(row.label).toBe('Reporting script');

    // The list shows the name but never the token again.
    const list = await client.get('/account/api-tokens');
    expect(list.body).toContain('Reporting script');
    expect(list.body).toContain('Never');
    expect(list.body).not.toContain(token);

    const answer = await me(token);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ id: accountId, name: 'Tina Token', displayName: 'Tina Token', email, roles: [{ role: 'moderator', organisationId }] });
    expect((await client.get('/account/api-tokens')).body).not.toContain('Never');

    const revoked = await client.post(`/account/api-tokens/${row.id}/revoke`, {});
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe('/account/api-tokens?done=api-token-revoked');
    const after = await me(token);
    expect(after.statusCode).toBe(401);
    expect(after.headers['content-type']).toContain('application/problem+json');
    expect((await client.get('/account/api-tokens')).body).not.toContain('Reporting script');
  });

  it('answers 401 problem details with no token, a made-up token, or only a browser session', async () => {
    const none = await me();
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect((await me('involve_made-up')).statusCode).toBe(401);
    const { client } = await signedInPerson(t);
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);
  });

  it("needs a name for a token, and does not let anyone revoke another person's token", async () => {
    const { client } = await signedInPerson(t);
    await client.get('/account/api-tokens');
    const unnamed = await client.post('/account/api-tokens', { label: '  ' });
    expect(unnamed.statusCode).toBe(422);
    expect(summaryErrors(unnamed.body)).toEqual({ label: 'Enter a name for the token, so you can tell it apart later' });
    const tooLong = await client.post('/account/api-tokens', { label: 'l'.repeat(101) });
    expect(summaryErrors(tooLong.body)).toEqual({ label: 'Token name must be 100 characters or fewer' });

    const { client: other, accountId: otherId } = await signedInPerson(t);
    await other.get('/account/api-tokens');
    await other.post('/account/api-tokens', { label: 'Theirs' });
    const theirs = await t.db.selectFrom('api_token').select(['id', 'revoked_at']).where('account_id', '=', otherId).executeTakeFirstOrThrow();
    expect((await client.post(`/account/api-tokens/${theirs.id}/revoke`, {})).statusCode).toBe(404);
    expect((await t.db.selectFrom('api_token').select('revoked_at').where('id', '=', theirs.id).executeTakeFirstOrThrow()).revoked_at).toBeNull();
  });

  it('lists /api/v1/me in the OpenAPI document under "account"', async () => {
    const doc = t.app.swagger() as { paths?: Record<string, { get?: { tags?: string[] } }> };
    expect(doc.paths?.['/api/v1/me']?.get?.tags).toEqual(['account']);
  });
});
