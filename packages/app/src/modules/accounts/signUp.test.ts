// Sign-up over HTTP: the confirmation email arrives over real SMTP, its link signs the person in;
// bad input names the field and creates nothing; a taken address is never revealed.
import { describe, expect, it } from 'vitest';
import { TestMailServer } from '../../../test/mailServer.js';
import { useTestApp } from '../../../test/testApp.js';
import { databaseKinds } from '../../../test/testDatabase.js';
import { goodPassword, linkIn, pathOf, summaryErrors } from './testKit.js';

describe.each(databaseKinds)('sign-up on %s', (kind) => {
  const mailServer = new TestMailServer();
  const t = useTestApp(kind, { mailServer, env: { PUBLIC_URL: 'http://involve.test' } });

  const form = (overrides: Record<string, string> = {}) => ({
    name: 'Ada Lovelace',
    displayName: '',
    email: 'ada@example.org',
    password: goodPassword,
    confirmPassword: goodPassword,
    ...overrides,
  });
  const accounts = () => t.db.selectFrom('account').select(['id', 'email', 'email_verified_at']).execute();

  it('signs up, emails a confirmation link over SMTP, and the link signs the person in', async () => {
    const client = t.client();
    const page = await client.get('/sign-up');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('at least 10 characters');
    expect(page.body).toContain('no more than 200');

    const response = await client.post('/sign-up', form({ email: 'Ada@Example.org' }));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/sign-up/check-email?email=ada%40example.org');
    const check = await client.get(String(response.headers.location));
    expect(check.body).toContain('Check your email');
    expect(check.body).toContain('ada@example.org');

    const [account] = await accounts();
    expect(account?.email_verified_at).toBeNull();
    const token = await t.db.selectFrom('email_token').selectAll().executeTakeFirstOrThrow();
    expect(token.purpose).toBe('verify');
    expect(token.expires_at.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);

    // Not yet confirmed: cannot sign in, and is told how to get the link again.
    const other = t.client();
    await other.get('/sign-in');
    const early = await other.post('/sign-in', { email: 'ada@example.org', password: goodPassword });
    expect(early.statusCode).toBe(403);
    expect(early.body).toContain('Confirm your email address first');
    expect(early.body).toContain('action="/resend-verification"');
    expect(early.headers['set-cookie'] ?? '').not.toContain('involve_session');

    const mail = await mailServer.waitFor('ada@example.org', () => t.mail?.sendDue());
    expect(mail.subject).toContain('Confirm your email address');
    const link = linkIn(mail.text, '/verify-email/');
    expect(link.startsWith('http://involve.test/verify-email/')).toBe(true);
    // Only the hash of the secret is stored.
    expect(token.token_hash).not.toBe(link.split('/').pop());

    const follow = await client.get(pathOf(link));
    expect(follow.statusCode).toBe(303);
    expect(follow.headers.location).toBe('/account?done=verified');
    const cookie = follow.cookies.find((c) => c.name === 'involve_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const accountPage = await client.get('/account?done=verified');
    expect(accountPage.statusCode).toBe(200);
    expect(accountPage.body).toContain('Your email address is confirmed');
    expect(accountPage.body).toContain('Ada Lovelace');
    expect((await accounts())[0]?.email_verified_at).not.toBeNull();

    // The link works once.
    const again = await t.client().get(pathOf(link));
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This link has already been used');
  });

  it('does not reveal that an address is taken: the owner gets a notice instead', async () => {
    const before = await accounts();
    const client = t.client();
    await client.get('/sign-up');
    const response = await client.post('/sign-up', form({ email: 'ADA@example.org', name: 'Someone Else' }));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/sign-up/check-email?email=ada%40example.org');
    expect(await accounts()).toEqual(before);
    const notices = async () => {
      await t.mail?.sendDue();
      return mailServer.received.filter((m) => m.subject.includes('already have'));
    };
    await expect.poll(async () => (await notices()).length).toBe(1);
    const [notice] = await notices();
    expect(notice?.to).toContain('ada@example.org');
    expect(notice?.text).toContain('http://involve.test/forgot-password');
    // The address is already confirmed, so no new confirmation link is sent.
    expect(notice?.text).not.toContain('/verify-email/');
  });

  it('names the field for a bad email, an over-long name and a short password, and creates nothing', async () => {
    const before = await accounts();
    const client = t.client();
    await client.get('/sign-up');
    const response = await client.post(
      '/sign-up',
      form({ email: 'not-an-email', name: 'x'.repeat(201), password: 'short', confirmPassword: 'short', displayName: 'Keep me' }),
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('There is a problem');
    expect(summaryErrors(response.body)).toEqual({
      name: 'Name must be 200 characters or fewer',
      email: 'Enter an email address in the correct format, like name@example.com',
      password: 'Password must be at least 10 characters',
    });
    expect(response.body).toContain('id="email-error"');
    // What was typed is kept (except passwords).
    expect(response.body).toContain('value="not-an-email"');
    expect(response.body).toContain('value="Keep me"');
    expect(response.body).not.toContain('value="short"');
    expect(await accounts()).toEqual(before);

    const mismatch = await client.post('/sign-up', form({ email: 'new@example.org', confirmPassword: 'something different' }));
    expect(mismatch.statusCode).toBe(422);
    expect(summaryErrors(mismatch.body)).toEqual({ confirmPassword: 'Passwords do not match: type the same password twice' });
    const tooLong = await client.post('/sign-up', form({ email: 'new@example.org', password: 'p'.repeat(201), confirmPassword: 'p'.repeat(201) }));
    expect(summaryErrors(tooLong.body)).toEqual({ password: 'Password must be 200 characters or fewer' });
    expect(await accounts()).toEqual(before);
  });

  it('resends the link to an unconfirmed account, and shows a clear page for expired and unknown links', async () => {
    const client = t.client();
    await client.get('/sign-up');
    await client.post('/sign-up', form({ email: 'grace@example.org', name: 'Grace Hopper' }));
    await mailServer.waitFor('grace@example.org', () => t.mail?.sendDue());
    const first = mailServer.received.filter((m) => m.to.includes('grace@example.org')).length;

    // Expire every link so far.
    await t.db
      .updateTable('email_token')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('used_at', 'is', null)
      .execute();
    const oldLink = linkIn(mailServer.received.filter((m) => m.to.includes('grace@example.org'))[0]?.text ?? '', '/verify-email/');
    const expired = await t.client().get(pathOf(oldLink));
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This link has expired');

    const unknown = await t.client().get('/verify-email/not-a-real-token-at-all-xxxxxxxxxx');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('This link is not valid');

    await client.get('/resend-verification');
    const resend = await client.post('/resend-verification', { email: 'grace@example.org' });
    expect(resend.statusCode).toBe(303);
    await expect
      .poll(async () => {
        await t.mail?.sendDue();
        return mailServer.received.filter((m) => m.to.includes('grace@example.org')).length;
      })
      .toBe(first + 1);
    const fresh = linkIn(mailServer.received.filter((m) => m.to.includes('grace@example.org')).at(-1)?.text ?? '', '/verify-email/');
    const follow = await client.get(pathOf(fresh));
    expect(follow.headers.location).toBe('/account?done=verified');

    // Asking for a link for an unknown address looks the same and sends nothing.
    const sent = mailServer.received.length;
    const stranger = t.client();
    await stranger.get('/resend-verification');
    const nobody = await stranger.post('/resend-verification', { email: 'nobody@example.org' });
    expect(nobody.statusCode).toBe(303);
    await t.mail?.sendDue();
    expect(mailServer.received.length).toBe(sent);
  });
});
