// Password reset by an emailed link (read from a real SMTP server): same answer whether or not
// the account exists; the link works once, for an hour; using it ends every session.
import { describe, expect, it } from 'vitest';
import { TestMailServer } from '../../../test/mailServer.js';
import { useTestApp } from '../../../test/testApp.js';
import { databaseKinds } from '../../../test/testDatabase.js';
import { createApiToken } from './apiTokens.js';
import { goodPassword, linkIn, pathOf, signedInPerson, summaryErrors } from './testKit.js';

describe.each(databaseKinds)('password reset on %s', (kind) => {
  const mailServer = new TestMailServer();
  const t = useTestApp(kind, { mailServer });

  it('resets the password by the emailed link, ends every session, and lets the person sign in again', async () => {
    const { client: oldBrowser, accountId, email } = await signedInPerson(t, { name: 'Forgetful' });
    expect((await oldBrowser.get('/account')).statusCode).toBe(200);

    const client = t.client();
    const form = await client.get('/forgot-password');
    expect(form.statusCode).toBe(200);
    const asked = await client.post('/forgot-password', { email: email.toUpperCase() });
    expect(asked.statusCode).toBe(303);
    const sentPage = await client.get(String(asked.headers.location));
    expect(sentPage.body).toContain('If an account exists for');

    const mail = await mailServer.waitFor(email, () => t.mail?.sendDue());
    expect(mail.subject).toBe('Reset your Involve password');
    const link = pathOf(linkIn(mail.text, '/reset-password/'));
    const token = await t.db.selectFrom('email_token').selectAll().where('purpose', '=', 'reset').where('account_id', '=', accountId).executeTakeFirstOrThrow();
    const lifetime = token.expires_at.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(59 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(60 * 60_000);

    const page = await client.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Choose a new password');

    // A bad new password names the field and leaves the link usable.
    const bad = await client.post(link, { password: 'short', confirmPassword: 'short' });
    expect(bad.statusCode).toBe(422);
    expect(summaryErrors(bad.body)).toEqual({ password: 'Password must be at least 10 characters' });
    expect((await client.get(link)).statusCode).toBe(200);

    const done = await client.post(link, { password: 'a brand new password', confirmPassword: 'a brand new password' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/sign-in?done=password-reset');
    expect((await client.get('/sign-in?done=password-reset')).body).toContain('Your password has been reset');

    // Every session ended: the old browser is signed out.
    expect(await t.db.selectFrom('session').selectAll().where('account_id', '=', accountId).execute()).toHaveLength(0);
    expect((await oldBrowser.get('/account')).statusCode).toBe(303);

    // The old password no longer works; the new one does.
    expect((await client.post('/sign-in', { email, password: goodPassword })).statusCode).toBe(422);
    expect((await client.post('/sign-in', { email, password: 'a brand new password' })).statusCode).toBe(303);

    // The link works once.
    const reused = await t.client().get(link);
    expect(reused.statusCode).toBe(410);
    expect(reused.body).toContain('This link has already been used');
  });

  it('answers the same for an unknown address, sends nothing, and names a badly formed address', async () => {
    const client = t.client();
    await client.get('/forgot-password');
    const before = await t.db.selectFrom('mail_outbox').select('id').execute();
    const asked = await client.post('/forgot-password', { email: 'nobody-here@example.org' });
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toBe('/forgot-password/sent?email=nobody-here%40example.org');
    expect(await t.db.selectFrom('mail_outbox').select('id').execute()).toEqual(before);

    const bad = await client.post('/forgot-password', { email: 'nobody at example' });
    expect(bad.statusCode).toBe(422);
    expect(summaryErrors(bad.body)).toEqual({ email: 'Enter an email address in the correct format, like name@example.com' });
    expect(bad.body).toContain('value="nobody at example"');
  });

  it('refuses an expired link with a clear page', async () => {
    const { email, accountId } = await signedInPerson(t);
    const client = t.client();
    await client.get('/forgot-password');
    await client.post('/forgot-password', { email });
    const mail = await mailServer.waitFor(email, () => t.mail?.sendDue());
    const link = pathOf(linkIn(mail.text, '/reset-password/'));
    await t.db
      .updateTable('email_token')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('account_id', '=', accountId)
      .execute();
    const page = await client.get(link);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('This link has expired');
    const post = await client.post(link, { password: 'another new password', confirmPassword: 'another new password' });
    expect(post.statusCode).toBe(410);
    const hash = await t.db.selectFrom('account').select('password_hash').where('id', '=', accountId).executeTakeFirstOrThrow();
    const client2 = t.client();
    await client2.get('/sign-in');
    expect((await client2.post('/sign-in', { email, password: goodPassword })).statusCode).toBe(303);
    expect(hash.password_hash).toBeTruthy();
  });

  it('revokes the API tokens at a reset, and a password change ends reset links sent before it', async () => {
    const { accountId, email, client: owner } = await signedInPerson(t);
    const actor = { accountId, platformAdmin: false, organisationRoles: [] };
    const { token } = await createApiToken({ db: t.db }, actor, { label: 'my script' });
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: bearer })).statusCode).toBe(200);

    // A reset link is sent, then the owner changes the password while signed in: the link is dead.
    const stranger = t.client();
    await stranger.get('/forgot-password');
    await stranger.post('/forgot-password', { email });
    const firstLink = pathOf(linkIn((await mailServer.waitFor(email, () => t.mail?.sendDue())).text, '/reset-password/'));
    await owner.get('/account/password');
    const changed = await owner.post('/account/password', {
      currentPassword: goodPassword,
      newPassword: 'changed password 1',
      confirmPassword: 'changed password 1',
    });
    expect(changed.statusCode).toBe(303);
    const late = await stranger.post(firstLink, { password: 'taken over password', confirmPassword: 'taken over password' });
    expect(late.statusCode).toBe(410);

    // A reset revokes every API token (whoever knew the old password may have made one).
    const client = t.client();
    await client.get('/forgot-password');
    await client.post('/forgot-password', { email });
    const second = await mailServer.waitForMatching(
      email,
      (m) => m.text.includes('/reset-password/') && !m.text.includes(firstLink),
      () => t.mail?.sendDue(),
    );
    const link = pathOf(linkIn(second.text, '/reset-password/'));
    await client.get(link);
    expect((await client.post(link, { password: 'a third new password', confirmPassword: 'a third new password' })).statusCode).toBe(303);
    expect((await client.get('/sign-in?done=password-reset')).body).toContain('Your API tokens were revoked');
    const afterReset = await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: bearer });
    expect(afterReset.statusCode).toBe(401);
  });
});
