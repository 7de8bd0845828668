// A signed-out visitor reaches no account or admin page (sent to sign in) and can change nothing
// (403), even with a valid CSRF token.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { insertOrganisation, signedInPerson } from './testKit.js';

describeWithTestApp('signed-out visitors', (t) => {
  let organisationId: number;
  beforeAll(async () => {
    organisationId = await insertOrganisation(t.db, 'Gatekeeper Practice');
  });

  it('are sent to sign in from every account and admin page', async () => {
    const pages = [
      '/account',
      '/account/details',
      '/account/about-you',
      '/account/communication-needs',
      '/account/password',
      '/account/api-tokens',
      `/admin/organisations/${organisationId}/roles`,
      '/admin/platform-admins',
      '/admin/outbox',
      '/admin/outbox/1',
    ];
    for (const url of pages) {
      const response = await t.client().get(url);
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location, url).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
    }
  });

  it('cannot change anything, and nothing changes', async () => {
    const { accountId } = await signedInPerson(t, { platformAdmin: true });
    const grant = await t.db.selectFrom('role_grant').select('id').where('account_id', '=', accountId).executeTakeFirstOrThrow();
    const snapshot = async () => ({
      accounts: await t.db.selectFrom('account').selectAll().execute(),
      grants: await t.db.selectFrom('role_grant').selectAll().execute(),
      tokens: await t.db.selectFrom('api_token').selectAll().execute(),
    });
    const before = await snapshot();
    const visitor = t.client();
    await visitor.get('/sign-in');
    const writes: Array<[string, Record<string, string>]> = [
      ['/account/details', { name: 'Hacker', displayName: '' }],
      ['/account/about-you', { ageBand: '25_34' }],
      ['/account/communication-needs', { needs: 'large_print' }],
      ['/account/password', { currentPassword: 'x', newPassword: 'y'.repeat(12), confirmPassword: 'y'.repeat(12) }],
      ['/account/api-tokens', { label: 'sneaky' }],
      ['/account/api-tokens/1/revoke', {}],
      [`/admin/organisations/${organisationId}/roles`, { email: 'someone@example.org', role: 'admin' }],
      [`/admin/organisations/${organisationId}/roles/${grant.id}/revoke`, {}],
      ['/admin/platform-admins', { email: 'someone@example.org' }],
      [`/admin/platform-admins/${accountId}/revoke`, {}],
    ];
    for (const [url, form] of writes) {
      const response = await visitor.post(url, form);
      expect([403, 404], url).toContain(response.statusCode);
      if (response.statusCode === 403) expect(response.body, url).toContain('You need to sign in');
    }
    expect(await snapshot()).toEqual(before);
  });
});
