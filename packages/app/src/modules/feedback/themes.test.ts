// Platform admins keep the list of themes and the platform moderators; nobody else can.
import { expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { signedInPerson, summaryErrors } from '../accounts/testKit.js';

describeWithTestApp('themes and platform moderators', (t) => {
  it('lets a platform admin add and retire a theme, refusing a duplicate or empty one, and nobody else', async () => {
    const admin = await signedInPerson(t, { platformAdmin: true });
    await admin.client.get('/admin/themes');
    expect(summaryErrors((await admin.client.post('/admin/themes', { name: '', polarity: '' })).body)).toEqual({
      name: 'Enter the name of the theme',
      polarity: 'Select whether the theme is good or could be better',
    });
    expect(summaryErrors((await admin.client.post('/admin/themes', { name: 'Parking', polarity: 'good' })).body)).toEqual({
      name: 'There is already a theme with that name and polarity',
    });
    expect((await admin.client.post('/admin/themes', { name: 'Interpreters', polarity: 'could_be_better' })).statusCode).toBe(303);
    const added = await t.db.selectFrom('feedback_theme').select(['id', 'retired']).where('name', '=', 'Interpreters').executeTakeFirstOrThrow();
    expect((await admin.client.post(`/admin/themes/${added.id}`, { name: 'Interpreters', polarity: 'could_be_better', retired: 'yes' })).statusCode).toBe(303);
    expect((await t.db.selectFrom('feedback_theme').select('retired').where('id', '=', added.id).executeTakeFirstOrThrow()).retired).toBe(true);

    const moderator = await signedInPerson(t, { platformModerator: true });
    expect((await moderator.client.get('/admin/themes')).statusCode).toBe(403);
    await moderator.client.get('/moderation');
    expect((await moderator.client.post('/admin/themes', { name: 'Sneaky', polarity: 'good' })).statusCode).toBe(403);
    expect(await t.db.selectFrom('feedback_theme').select('id').where('name', '=', 'Sneaky').execute()).toEqual([]);
  });

  it('lets a platform admin make and remove platform moderators', async () => {
    const admin = await signedInPerson(t, { platformAdmin: true });
    const person = await signedInPerson(t, { name: 'Mod To Be' });
    await admin.client.get('/admin/platform-moderators');
    expect((await admin.client.post('/admin/platform-moderators', { email: person.email })).statusCode).toBe(303);
    expect((await admin.client.get('/admin/platform-moderators')).body).toContain('Mod To Be');
    expect((await person.client.get('/moderation')).statusCode).toBe(200);
    expect((await admin.client.post(`/admin/platform-moderators/${person.accountId}/revoke`, {})).statusCode).toBe(303);
    expect(await t.db.selectFrom('role_grant').select('id').where('account_id', '=', person.accountId).execute()).toEqual([]);
    expect((await person.client.get('/moderation')).statusCode).toBe(403);
  });
});
