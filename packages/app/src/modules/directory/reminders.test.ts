// Owners are reminded when an entry was last checked over 6 months ago: once per service per 6
// months, through the outbox, to the organisation's admins, even when two runs race.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { systemActor } from '../../platform/permissions.js';
import { grantRoleDirect } from '../accounts/service.js';
import { sendCheckReminders } from './reminders.js';
import { markChecked } from './service.js';
import { testCategories, testGroup, testService, testServiceInput } from './testKit.js';

describeWithTestDatabase('directory: reminders to check entries', (database) => {
  const deps = () => ({ db: database.db, config: { publicUrl: 'https://involve.example.org' } });
  const actor = systemActor('directory check reminders');
  let group: Awaited<ReturnType<typeof testGroup>>;
  let staleId: string;
  let freshId: string;

  beforeAll(async () => {
    await testCategories(database.db);
    group = await testGroup(database.db, 'Reminded Group');
    await grantRoleDirect(database.db, group.accountId, 'admin', group.organisationId);
    staleId = await testService(database.db, group.admin, testServiceInput(group.organisationId, { name: 'Old knitting circle' }));
    freshId = await testService(database.db, group.admin, testServiceInput(group.organisationId, { name: 'New walking group' }));
    await database.db.updateTable('directory_service').set({ last_checked: '2026-01-10' }).where('id', '=', staleId).execute();
    await database.db.updateTable('directory_service').set({ last_checked: '2026-11-01' }).where('id', '=', freshId).execute();
  });

  const mails = () =>
    database.db.selectFrom('mail_outbox').select(['to_address', 'subject', 'body_text']).where('subject', 'like', '%directory entry%').execute();

  it('reminds the admins once about an entry unchecked for 6 months, even when two runs race', async () => {
    const now = new Date('2026-12-04T09:00:00Z');
    const [a, b] = await Promise.all([sendCheckReminders(deps(), actor, now), sendCheckReminders(deps(), actor, now)]);
    expect(a + b).toBe(1);
    const sent = await mails();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toBe('Is this directory entry still right? Old knitting circle');
    expect(sent[0]?.body_text).toContain(`https://involve.example.org/directory/services/${staleId}`);
    expect(sent[0]?.body_text).toContain('2026-01-10');
    // A day later: nothing new.
    expect(await sendCheckReminders(deps(), actor, new Date('2026-12-05T09:00:00Z'))).toBe(0);
    // Six months on, still unchecked: reminded again; the other entry is now due as well.
    expect(await sendCheckReminders(deps(), actor, new Date('2027-06-05T09:00:00Z'))).toBe(2);
    expect(await mails()).toHaveLength(3);
  });

  it('stops once the entry is checked, and is only for the system', async () => {
    await markChecked({ db: database.db, now: new Date('2027-06-06T09:00:00Z') }, group.admin, staleId);
    expect(await sendCheckReminders(deps(), actor, new Date('2027-12-01T09:00:00Z'))).toBe(0);
    await expect(sendCheckReminders(deps(), group.admin, new Date())).rejects.toThrow();
  });
});
