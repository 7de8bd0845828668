// Sign-in and sign-out over HTTP: one message for a wrong email or password, limits per account
// and per address, safe return paths, the session cookie and its removal.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/testApp.js';
import { databaseKinds } from '../../../test/testDatabase.js';
import { createVerifiedAccount } from './service.js';
import { goodPassword, signedInPerson, summaryErrors } from './testKit.js';

describe.each(databaseKinds)('sign-in on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { SIGN_IN_LIMIT: '3' } });
  });
  afterAll(() => t?.close());

  /** A sign-in from a given network address (the client in testApp always comes from 127.0.0.1). */
  async function signInFrom(address: string, email: string, password: string) {
    const page = await t.app.inject({ method: 'GET', url: '/sign-in', remoteAddress: address });
    const csrf = page.cookies.find((c) => c.name === 'involve_csrf')?.value ?? '';
    return t.app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress: address,
      headers: { cookie: `involve_csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
    });
  }
  const sessionsOf = (accountId: number) => t.db.selectFrom('session').selectAll().where('account_id', '=', accountId).execute();

  it('gives one message for a wrong password or an unknown email, and changes nothing else', async () => {
    const accountId = await createVerifiedAccount(t.db, { email: 'wrong@example.org', password: goodPassword, name: 'Wrong Password' });
    const before = await t.db.selectFrom('account').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
    const client = t.client();
    await client.get('/sign-in');
    const wrong = await client.post('/sign-in', { email: 'wrong@example.org', password: 'not the password' });
    expect(wrong.statusCode).toBe(422);
    expect(summaryErrors(wrong.body)).toEqual({ email: 'Enter a correct email address and password' });
    expect(wrong.body).toContain('value="wrong@example.org"');
    expect(wrong.body).not.toContain('not the password');
    const unknown = await client.post('/sign-in', { email: 'nobody@example.org', password: 'not the password' });
    expect(unknown.statusCode).toBe(422);
    expect(summaryErrors(unknown.body)).toEqual({ email: 'Enter a correct email address and password' });

    expect(wrong.cookies.find((c) => c.name === 'involve_session')).toBeUndefined();
    expect(await sessionsOf(accountId)).toHaveLength(0);
    expect(await t.db.selectFrom('account').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow()).toEqual(before);
    const attempts = await t.db
      .selectFrom('sign_in_attempt')
      .select(['email', 'succeeded'])
      .where('email', 'in', ['wrong@example.org', 'nobody@example.org'])
      .execute();
    expect(attempts).toEqual([
      { email: 'wrong@example.org', succeeded: false },
      { email: 'nobody@example.org', succeeded: false },
    ]);

    const empty = await client.post('/sign-in', { email: '', password: '' });
    expect(summaryErrors(empty.body)).toEqual({ email: 'Enter your email address', password: 'Enter your password' });
  });

  it('signs in with a session cookie, returns to a local "next" path only, and signs out', async () => {
    const accountId = await createVerifiedAccount(t.db, { email: 'Next@Example.org', password: goodPassword, name: 'Nell Next' });
    const client = t.client();
    const gate = await client.get('/account/api-tokens');
    expect(gate.statusCode).toBe(303);
    expect(gate.headers.location).toBe('/sign-in?next=%2Faccount%2Fapi-tokens');
    const form = await client.get(String(gate.headers.location));
    expect(form.body).toContain('name="next" value="/account/api-tokens"');

    const response = await client.post('/sign-in', { email: 'NEXT@example.org', password: goodPassword, next: '/account/api-tokens' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/account/api-tokens');
    const cookie = response.cookies.find((c) => c.name === 'involve_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 14 * 24 * 3600 });
    expect(cookie?.secure).toBeFalsy();
    expect(await sessionsOf(accountId)).toHaveLength(1);
    expect((await client.get('/account')).body).toContain('Nell Next');

    // Sign out needs the CSRF token; then the session row and the cookie are gone.
    const forged = await client.post('/sign-out', {}, { csrf: null });
    expect(forged.statusCode).toBe(403);
    expect(await sessionsOf(accountId)).toHaveLength(1);
    const out = await client.post(`/sign-out?_csrf=${client.csrf}`, {}, { csrf: null });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/?done=signed-out');
    expect(String(out.headers['set-cookie'])).toMatch(/involve_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/);
    expect(await sessionsOf(accountId)).toHaveLength(0);
    expect((await client.get('/account')).statusCode).toBe(303);

    // Other sites and protocol-relative paths are not followed.
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      await client.get('/sign-in');
      const away = await client.post('/sign-in', { email: 'next@example.org', password: goodPassword, next });
      expect(away.headers.location).toBe('/account?done=signed-in');
    }
  });

  it('refuses a fourth try within 15 minutes for the same account, from any address', async () => {
    await createVerifiedAccount(t.db, { email: 'target@example.org', password: goodPassword, name: 'Target' });
    for (const address of ['10.1.0.1', '10.1.0.2', '10.1.0.3']) {
      expect((await signInFrom(address, 'target@example.org', 'guess guess guess')).statusCode).toBe(422);
    }
    // Even the right password is refused now, from a new address.
    const refused = await signInFrom('10.1.0.4', 'target@example.org', goodPassword);
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Too many sign-in attempts. Wait 15 minutes and try again.');
    expect(refused.cookies.find((c) => c.name === 'involve_session')).toBeUndefined();
    // Another account from that address is unaffected.
    await createVerifiedAccount(t.db, { email: 'bystander@example.org', password: goodPassword, name: 'Bystander' });
    expect((await signInFrom('10.1.0.4', 'bystander@example.org', goodPassword)).statusCode).toBe(303);
    const recorded = await t.db.selectFrom('sign_in_attempt').select(['succeeded']).where('email', '=', 'target@example.org').execute();
    expect(recorded).toHaveLength(4);

    // Fifteen minutes later the account can sign in again.
    // (The column is never updated by Involve, so its type forbids it: plain SQL here.)
    await sql`update sign_in_attempt set at = now() - interval '16 minutes' where email = 'target@example.org'`.execute(t.db);
    expect((await signInFrom('10.1.0.5', 'target@example.org', goodPassword)).statusCode).toBe(303);
  });

  it('refuses a fourth try within 15 minutes from the same address, whatever the account', async () => {
    await createVerifiedAccount(t.db, { email: 'victim@example.org', password: goodPassword, name: 'Victim' });
    for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) {
      expect((await signInFrom('10.2.0.1', email, 'guess guess guess')).statusCode).toBe(422);
    }
    const refused = await signInFrom('10.2.0.1', 'victim@example.org', goodPassword);
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Too many sign-in attempts. Wait 15 minutes and try again.');
    // The same account from elsewhere is fine.
    expect((await signInFrom('10.2.0.2', 'victim@example.org', goodPassword)).statusCode).toBe(303);
    const fromAddress = await t.db.selectFrom('sign_in_attempt').select('succeeded').where('address', '=', '10.2.0.1').execute();
    expect(fromAddress.map((a) => a.succeeded)).toEqual([false, false, false, false]);
  });

  it('counts only failures: a person who signs in often is not limited', async () => {
    const { client, email } = await signedInPerson(t);
    for (let i = 0; i < 4; i++) {
      await client.get('/sign-in?next=/account');
      expect((await client.post('/sign-in', { email, password: goodPassword })).statusCode).toBe(303);
    }
  });
});

describe('the session cookie over TLS', () => {
  it('is Secure when SECURE_COOKIES is on', async () => {
    const t = await startTestApp('pglite', { env: { SECURE_COOKIES: '1' } });
    try {
      await createVerifiedAccount(t.db, { email: 'tls@example.org', password: goodPassword, name: 'TLS' });
      const client = t.client();
      await client.get('/sign-in');
      const response = await client.post('/sign-in', { email: 'tls@example.org', password: goodPassword });
      expect(response.cookies.find((c) => c.name === 'involve_session')?.secure).toBe(true);
    } finally {
      await t.close();
    }
  });
});
