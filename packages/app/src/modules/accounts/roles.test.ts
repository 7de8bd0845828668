// Roles over HTTP: an organisation admin manages roles in their own organisation only; platform
// admins manage every organisation and each other, but the last one cannot be removed.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp, startTestApp } from '../../../test/testApp.js';
import { createVerifiedAccount } from './service.js';
import { goodPassword, insertOrganisation, signedInPerson, summaryErrors } from './testKit.js';

describeWithTestApp('roles', (t, kind) => {
  let ours: number;
  let theirs: number;
  beforeAll(async () => {
    ours = await insertOrganisation(t.db, 'Riverside Surgery');
    theirs = await insertOrganisation(t.db, 'Hilltop Medical Centre');
  });

  const grants = () => t.db.selectFrom('role_grant').select(['account_id', 'role', 'organisation_id']).orderBy('id').execute();

  it('lets an organisation admin see, give and remove roles in their organisation', async () => {
    const { client } = await signedInPerson(t, { name: 'Olive Admin', roles: [{ organisationId: ours, role: 'admin' }] });
    const helperId = await createVerifiedAccount(t.db, { email: 'helper@example.org', password: goodPassword, name: 'Harry Helper' });

    const page = await client.get(`/admin/organisations/${ours}/roles`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Riverside Surgery');
    expect(page.body).toContain('Olive Admin');
    expect(page.body).toContain('Complaints manager');

    const granted = await client.post(`/admin/organisations/${ours}/roles`, { email: 'HELPER@example.org', role: 'responder' });
    expect(granted.statusCode).toBe(303);
    expect(granted.headers.location).toBe(`/admin/organisations/${ours}/roles?done=role-granted`);
    expect(await grants()).toContainEqual({ account_id: helperId, role: 'responder', organisation_id: ours });
    const listed = await client.get(`/admin/organisations/${ours}/roles`);
    expect(listed.body).toContain('Harry Helper');
    expect(listed.body).toContain('helper@example.org');

    // Mistakes name the field and change nothing.
    const before = await grants();
    const twice = await client.post(`/admin/organisations/${ours}/roles`, { email: 'helper@example.org', role: 'responder' });
    expect(summaryErrors(twice.body)).toEqual({ email: 'helper@example.org is already responder here' });
    const nobody = await client.post(`/admin/organisations/${ours}/roles`, { email: 'nobody@example.org', role: 'member' });
    expect(summaryErrors(nobody.body).email).toContain('There is no account with this email address');
    const noRole = await client.post(`/admin/organisations/${ours}/roles`, { email: 'not an email', role: 'emperor' });
    expect(noRole.statusCode).toBe(422);
    expect(summaryErrors(noRole.body)).toEqual({ email: 'Enter an email address in the correct format, like name@example.com', role: 'Select a role' });
    expect(noRole.body).toContain('value="not an email"');
    expect(await grants()).toEqual(before);

    const grant = await t.db.selectFrom('role_grant').select('id').where('account_id', '=', helperId).executeTakeFirstOrThrow();
    const revoked = await client.post(`/admin/organisations/${ours}/roles/${grant.id}/revoke`, {});
    expect(revoked.statusCode).toBe(303);
    expect(await grants()).not.toContainEqual({ account_id: helperId, role: 'responder', organisation_id: ours });
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'in', ['role.grant', 'role.revoke']).execute();
    expect(audit.map((a) => a.action)).toEqual(['role.grant', 'role.revoke']);
  });

  it('refuses an organisation admin in another organisation (403), and changes nothing', async () => {
    const { client } = await signedInPerson(t, { roles: [{ organisationId: ours, role: 'admin' }] });
    const targetId = await createVerifiedAccount(t.db, { email: `target-${Date.now()}@example.org`, password: goodPassword, name: 'Target' });
    const { accountId: theirAdmin } = await signedInPerson(t, { roles: [{ organisationId: theirs, role: 'admin' }] });
    const theirGrant = await t.db.selectFrom('role_grant').select('id').where('account_id', '=', theirAdmin).executeTakeFirstOrThrow();
    await client.get(`/admin/organisations/${ours}/roles`);
    const before = await grants();

    expect((await client.get(`/admin/organisations/${theirs}/roles`)).statusCode).toBe(403);
    const grant = await client.post(`/admin/organisations/${theirs}/roles`, { email: 'helper@example.org', role: 'admin' });
    expect(grant.statusCode).toBe(403);
    const revoke = await client.post(`/admin/organisations/${theirs}/roles/${theirGrant.id}/revoke`, {});
    expect(revoke.statusCode).toBe(403);
    // A grant id from another organisation, through our organisation's address, is not found.
    const sideways = await client.post(`/admin/organisations/${ours}/roles/${theirGrant.id}/revoke`, {});
    expect(sideways.statusCode).toBe(404);
    expect(await grants()).toEqual(before);
    expect(targetId).toBeGreaterThan(0);

    // Other roles than admin do not manage roles either.
    const { client: responder } = await signedInPerson(t, { roles: [{ organisationId: ours, role: 'responder' }] });
    expect((await responder.get(`/admin/organisations/${ours}/roles`)).statusCode).toBe(403);
  });

  it('answers 404 for an unknown organisation, and lets a platform admin manage any organisation', async () => {
    const { client } = await signedInPerson(t, { platformAdmin: true });
    expect((await client.get('/admin/organisations/999999/roles')).statusCode).toBe(404);
    expect((await client.get('/admin/organisations/not-a-number/roles')).statusCode).toBe(404);
    const page = await client.get(`/admin/organisations/${theirs}/roles`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hilltop Medical Centre');
    const granted = await client.post(`/admin/organisations/${theirs}/roles`, { email: 'helper@example.org', role: 'moderator' });
    expect(granted.statusCode).toBe(303);
  });

  it('lets platform admins make and remove platform admins, but never the last one', async () => {
    const lone = await startTestApp(kind);
    try {
      const { client, accountId } = await signedInPerson(lone, { platformAdmin: true });
      const page = await client.get('/admin/platform-admins');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('The last platform admin cannot be removed');

      const alone = await client.post(`/admin/platform-admins/${accountId}/revoke`, {});
      expect(alone.statusCode).toBe(409);
      expect(alone.body).toContain('You cannot remove the last platform admin');
      const admins = () => lone.db.selectFrom('role_grant').select('account_id').where('role', '=', 'platform_admin').execute();
      expect(await admins()).toEqual([{ account_id: accountId }]);

      const otherId = await createVerifiedAccount(lone.db, { email: 'second@example.org', password: goodPassword, name: 'Second Admin' });
      const granted = await client.post('/admin/platform-admins', { email: 'second@example.org' });
      expect(granted.statusCode).toBe(303);
      expect((await admins()).map((a) => a.account_id).sort()).toEqual([accountId, otherId].sort());
      const again = await client.post('/admin/platform-admins', { email: 'second@example.org' });
      expect(summaryErrors(again.body)).toEqual({ email: 'second@example.org is already a platform admin' });

      // Now there are two, either can go: this one removes themself.
      const removed = await client.post(`/admin/platform-admins/${accountId}/revoke`, {});
      expect(removed.statusCode).toBe(303);
      expect(await admins()).toEqual([{ account_id: otherId }]);
      expect((await client.get('/admin/platform-admins')).statusCode).toBe(403);

      const { client: plain } = await signedInPerson(lone);
      expect((await plain.get('/admin/platform-admins')).statusCode).toBe(403);
      expect((await plain.post('/admin/platform-admins', { email: 'second@example.org' })).statusCode).toBe(403);
      expect((await plain.post(`/admin/platform-admins/${otherId}/revoke`, {})).statusCode).toBe(403);
      expect(await admins()).toEqual([{ account_id: otherId }]);
    } finally {
      await lone.close();
    }
  });
});
