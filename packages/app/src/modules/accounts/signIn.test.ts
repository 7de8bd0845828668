// Sign-in and sign-out over HTTP: one message for a wrong email or password, limits per account
// and per address, safe return paths, the session cookie and its removal.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { startTestApp, useTestApp } from '../../../test/testApp.js';
import { databaseKinds } from '../../../test/testDatabase.js';
import { createVerifiedAccount } from './service.js';
import { goodPassword, signedInPerson, summaryErrors } from './testKit.js';

describe.each(databaseKinds)('sign-in on %s', (kind) => {
  const t = useTestApp(kind, { env: { SIGN_IN_LIMIT: '3' } });

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

    const tokenBefore = client.csrf;
    const response = await client.post('/sign-in', { email: 'NEXT@example.org', password: goodPassword, next: '/account/api-tokens' });
    expect(response.statusCode).toBe(303);
    // A new CSRF token at sign-in: one planted in the browser before is worthless after.
    const rotated = response.cookies.find((c) => c.name === 'involve_csrf')?.value;
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(tokenBefore);
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
    // The token in the address is not accepted (it leaks into logs and history): only in the form.
    const inAddress = await client.post(`/sign-out?_csrf=${client.csrf}`, {}, { csrf: null });
    expect(inAddress.statusCode).toBe(403);
    expect(await sessionsOf(accountId)).toHaveLength(1);
    expect((await client.get('/sign-out')).body).toContain('<h1>Sign out</h1>');
    const out = await client.post('/sign-out', {});
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/?done=signed-out');
    expect(String(out.headers['set-cookie'])).toMatch(/involve_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/);
    expect(await sessionsOf(accountId)).toHaveLength(0);
    expect((await client.get('/account')).statusCode).toBe(303);

    // A link in an email to a page that needs signing in lands there after signing in.
    const fromEmail = await client.get('/moderation/stories/7');
    expect(fromEmail.headers.location).toBe('/sign-in?next=%2Fmoderation%2Fstories%2F7');
    await client.get(String(fromEmail.headers.location));
    const landed = await client.post('/sign-in', { email: 'next@example.org', password: goodPassword, next: '/moderation/stories/7' });
    expect(landed.headers.location).toBe('/moderation/stories/7');
    // Signed in, a sign-in link never sends anyone to another host (tabs and other control characters are dropped first).
    for (const next of ['/%09/127.0.0.1:3209/x', '%2F%0B%2Fx', '/%5C127.0.0.1/x']) {
      const away = await client.get(`/sign-in?next=${next}`);
      expect(away.statusCode, next).toBe(303);
      expect(String(away.headers.location), next).toMatch(/^\/(?![/\\])/);
    }
    await client.get('/sign-out');
    await client.post('/sign-out', {});

    // Other sites and protocol-relative paths are not followed.
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      // A page with a form, for this browser's current CSRF token (each sign-in makes a new one).
      await client.get('/forgot-password');
      const away = await client.post('/sign-in', { email: 'next@example.org', password: goodPassword, next });
      expect(away.headers.location).toBe('/account?done=signed-in');
    }
  });

  it('slows guessing one account from one address, and never locks the owner out from elsewhere', async () => {
    await createVerifiedAccount(t.db, { email: 'target@example.org', password: goodPassword, name: 'Target' });
    for (let i = 0; i < 3; i++) expect((await signInFrom('10.1.0.1', 'target@example.org', 'guess guess guess')).statusCode).toBe(422);
    // From that address even the right password waits now (the delay doubles with each failure).
    const refused = await signInFrom('10.1.0.1', 'target@example.org', goodPassword);
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toMatch(/Too many sign-in attempts for this account\. Wait \d+ seconds? and try again/);
    expect(refused.cookies.find((c) => c.name === 'involve_session')).toBeUndefined();
    // The owner, from their own address, signs in at once (ten wrong passwords from anywhere used
    // to lock the account for 15 minutes).
    expect((await signInFrom('10.1.0.4', 'target@example.org', goodPassword)).statusCode).toBe(303);
    // Another account from the guessing address is unaffected.
    await createVerifiedAccount(t.db, { email: 'bystander@example.org', password: goodPassword, name: 'Bystander' });
    expect((await signInFrom('10.1.0.1', 'bystander@example.org', goodPassword)).statusCode).toBe(303);
    const recorded = await t.db.selectFrom('sign_in_attempt').select(['succeeded']).where('email', '=', 'target@example.org').execute();
    expect(recorded.map((r) => r.succeeded)).toEqual([false, false, false, false, true]);

    // That pair has had its SIGN_IN_LIMIT (3) checks for 15 minutes; when they are over, the right
    // password works from the guessing address too.
    await sql`update rate_limit set blocked_until = null, window_started_at = now() - interval '16 minutes' where key like 'sign-in:pair:target@example.org|%'`.execute(
      t.db,
    );
    expect((await signInFrom('10.1.0.1', 'target@example.org', goodPassword)).statusCode).toBe(303);
  });

  it('gives one address ten times the limit over all accounts (a shared network is not locked out by one guesser)', async () => {
    await createVerifiedAccount(t.db, { email: 'victim@example.org', password: goodPassword, name: 'Victim' });
    // SIGN_IN_LIMIT is 3 here: 30 failures from one address, over many accounts, are checked.
    for (let i = 0; i < 30; i++) expect((await signInFrom('10.2.0.1', `nobody${i}@example.org`, 'guess guess guess')).statusCode).toBe(422);
    const refused = await signInFrom('10.2.0.1', 'victim@example.org', goodPassword);
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Too many sign-in attempts from your network.');
    // The same account from elsewhere is fine.
    expect((await signInFrom('10.2.0.2', 'victim@example.org', goodPassword)).statusCode).toBe(303);
  });

  it('checks a password no more often than the limit when 50 wrong sign-ins arrive at once', async () => {
    await createVerifiedAccount(t.db, { email: 'crowd@example.org', password: goodPassword, name: 'Crowd' });
    const page = await t.app.inject({ method: 'GET', url: '/sign-in', remoteAddress: '10.3.0.1' });
    const csrf = page.cookies.find((c) => c.name === 'involve_csrf')?.value as string;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.app.inject({
          method: 'POST',
          url: '/sign-in',
          remoteAddress: '10.3.0.1',
          headers: { cookie: `involve_csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ email: 'crowd@example.org', password: 'wrong wrong wrong', _csrf: csrf }).toString(),
        }),
      ),
    );
    const checked = results.filter((r) => r.statusCode === 422).length;
    expect(checked).toBeLessThanOrEqual(3);
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(results.filter((r) => r.statusCode === 429)).toHaveLength(50 - checked);
  });

  it('counts only failures: a person who signs in often is not limited', async () => {
    const { client, email } = await signedInPerson(t);
    for (let i = 0; i < 4; i++) {
      await client.get('/sign-in?next=/account');
      await client.get('/forgot-password');
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
