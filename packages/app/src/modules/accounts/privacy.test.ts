// "About you" answers and communication needs appear in no response but their owner's: not to
// another person, not through the API, not to a platform admin, not in the audit log.
import { expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { can } from '../../platform/permissions.js';
import { insertOrganisation, signedInPerson } from './testKit.js';

// Distinctive values that appear nowhere else in Involve's pages: free text, the summary's wording
// of a chosen answer, and the form's marks of a chosen answer (every form lists all the answers).
const secrets = ['QZ9X', 'Klingonese', 'Xylophone-shaped letters please', 'White: Roma', 'value="75_84" checked', 'value="white_roma" selected'];

describeWithTestApp('privacy of "about you"', (t) => {
  function expectNoSecrets(body: string, where: string) {
    for (const secret of secrets) expect(body.includes(secret), `"${secret}" shown in ${where}`).toBe(false);
  }

  async function tokenFor(client: Awaited<ReturnType<typeof signedInPerson>>['client']): Promise<string> {
    await client.get('/account/api-tokens');
    const created = await client.post('/account/api-tokens', { label: 'check' });
    return /id="new-token">([^<]+)</.exec(created.body)?.[1] ?? '';
  }

  it('shows the answers to their owner only', async () => {
    const organisationId = await insertOrganisation(t.db, 'Privacy Practice');
    const owner = await signedInPerson(t, { name: 'Owen Owner', roles: [{ organisationId, role: 'member' }] });
    await owner.client.get('/account/about-you');
    const saved = await owner.client.post('/account/about-you', { ageBand: '75_84', ethnicity: 'white_roma', postcodeDistrict: 'qz9x' });
    expect(saved.statusCode).toBe(303);
    await owner.client.post('/account/communication-needs', {
      needs: ['interpreter', 'other'],
      interpreterLanguage: 'Klingonese',
      otherNeeds: 'Xylophone-shaped letters please',
    });
    // Mail about the owner lands in the outbox for admins to read.
    const forgot = t.client();
    await forgot.get('/forgot-password');
    await forgot.post('/forgot-password', { email: owner.email });

    // The owner sees every answer.
    const own = (await owner.client.get('/account')).body + (await owner.client.get('/account/about-you')).body;
    for (const secret of secrets) expect(own).toContain(secret);
    const ownToken = await tokenFor(owner.client);
    const ownApi = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${ownToken}` } });
    expect(ownApi.statusCode).toBe(200);
    // Even the owner's API answer leaves "about you" out.
    expectNoSecrets(ownApi.body, "the owner's /api/v1/me");
    expect(Object.keys(ownApi.json()).sort()).toEqual(['displayName', 'email', 'id', 'name', 'roles']);

    // Another person, through every page they can reach.
    const other = await signedInPerson(t);
    for (const url of ['/account', '/account/details', '/account/about-you', '/account/communication-needs', '/account/password', '/account/api-tokens']) {
      const response = await other.client.get(url);
      expect(response.statusCode, url).toBe(200);
      expectNoSecrets(response.body, `${url} as another person`);
    }
    const otherToken = await tokenFor(other.client);
    const otherApi = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${otherToken}` } });
    expectNoSecrets(otherApi.body, '/api/v1/me as another person');
    for (const url of [`/admin/organisations/${organisationId}/roles`, '/admin/outbox', '/admin/platform-admins']) {
      const response = await other.client.get(url);
      expect(response.statusCode, url).toBe(403);
      expectNoSecrets(response.body, `${url} as another person`);
    }

    // A platform admin: every admin page, every email, and the organisation's roles.
    const admin = await signedInPerson(t, { platformAdmin: true });
    const mails = await t.db.selectFrom('mail_outbox').select('id').execute();
    const adminPages = ['/account', '/account/about-you', '/admin/outbox', '/admin/platform-admins', `/admin/organisations/${organisationId}/roles`];
    for (const url of [...adminPages, ...mails.map((m) => `/admin/outbox/${m.id}`)]) {
      const response = await admin.client.get(url);
      expect(response.statusCode, url).toBe(200);
      expectNoSecrets(response.body, `${url} as a platform admin`);
    }
    expect((await admin.client.get(`/admin/organisations/${organisationId}/roles`)).body).toContain('Owen Owner');
    // The permission itself: a platform admin may not read another person's account.
    const adminActor = { accountId: admin.accountId, platformAdmin: true, organisationRoles: [] };
    expect(can(adminActor, 'account.read', { accountId: owner.accountId })).toBe(false);

    // Signed out: sent to sign in, nothing shown.
    const visitor = await t.client().get('/account/about-you');
    expect(visitor.statusCode).toBe(303);
    expectNoSecrets(visitor.body, 'the sign-in redirect');
    // The public pages of the site.
    for (const url of ['/', '/organisations', `/organisations/${organisationId}`, '/sign-in']) {
      expectNoSecrets((await t.client().get(url)).body, url);
    }

    // The audit log names fields, never values; the outbox holds no answers.
    const audit = await t.db.selectFrom('audit_log').select('detail').execute();
    expectNoSecrets(JSON.stringify(audit), 'the audit log');
    expectNoSecrets(JSON.stringify(await t.db.selectFrom('mail_outbox').selectAll().execute()), 'the outbox');
  });
});
