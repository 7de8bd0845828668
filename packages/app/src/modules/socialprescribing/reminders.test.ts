// Follow-up reminders: each due follow-up of an open referral is claimed once, even by two runs at
// once, and its link worker emailed once, with a link to the record and nothing about the person.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { systemActor } from '../../platform/permissions.js';
import { todayInEngland } from '../../platform/web/forms.js';
import { queuedMail } from '../accounts/testKit.js';
import { closeReferral, recordFirstContact, recordFollowUp, scheduleFollowUp, sendFollowUpReminders, takeOn } from './service.js';
import { referByPractice, type SocialPrescribingTest, testDeps, testSocialPrescribing } from './testKit.js';

describeWithTestDatabase('social prescribing: follow-up reminders', (database) => {
  const actor = systemActor('socialprescribing.followUpReminders');
  const today = todayInEngland();
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000);
  const day = (n: number) => todayInEngland(inDays(n));
  let t: SocialPrescribingTest;
  let id: number;

  beforeAll(async () => {
    t = await testSocialPrescribing(database.db);
    const worked = async () => {
      const referral = await referByPractice(t);
      await takeOn(t.deps, t.linkWorker.actor, referral);
      await recordFirstContact(t.deps, t.linkWorker.actor, referral, { contactedOn: today });
      return referral;
    };
    id = await worked();
    await scheduleFollowUp(t.deps, t.linkWorker.actor, id, { dueOn: day(7) });
    await scheduleFollowUp(t.deps, t.linkWorker.actor, id, { dueOn: day(30) });
    const done = await scheduleFollowUp(t.deps, t.linkWorker.actor, id, { dueOn: day(1) });
    await recordFollowUp(t.deps, t.linkWorker.actor, id, done, { notes: 'Seen early.' });
    const closed = await worked();
    await scheduleFollowUp(t.deps, t.linkWorker.actor, closed, { dueOn: day(2) });
    await closeReferral(t.deps, t.linkWorker.actor, closed, { reason: 'moved_away', note: '' });
  });

  const reminders = () => queuedMail(database.db, t.linkWorker.email, 'follow-up is due');

  it('claims a due follow-up once when two runs race, and mails its link worker once, naming no one', async () => {
    expect(
      await sendFollowUpReminders(
        testDeps(database.db, () => inDays(6)),
        actor,
      ),
    ).toBe(0);
    const deps = testDeps(database.db, () => inDays(8));
    const [a, b] = await Promise.all([sendFollowUpReminders(deps, actor), sendFollowUpReminders(deps, actor)]);
    expect(a + b).toBe(1);
    const sent = await reminders();
    expect(sent).toHaveLength(1);
    const text = `${sent[0]?.subject}\n${sent[0]?.body_text}`;
    expect(text).toContain(`https://involve.example.org/social-prescribing/referrals/${id}`);
    for (const personal of [t.person.name, t.person.email, 'Lonely', '01632']) expect(text).not.toContain(personal);
    expect(await sendFollowUpReminders(deps, actor)).toBe(0);
  });

  it('reminds of the later follow-up when it falls due, never of a done one or a closed referral’s', async () => {
    const [a, b] = await Promise.all([
      sendFollowUpReminders(
        testDeps(database.db, () => inDays(40)),
        actor,
      ),
      sendFollowUpReminders(
        testDeps(database.db, () => inDays(40)),
        actor,
      ),
    ]);
    expect(a + b).toBe(1);
    expect(await reminders()).toHaveLength(2);
  });

  it('is only for the system', async () => {
    await expect(sendFollowUpReminders(t.deps, t.linkWorker.actor)).rejects.toThrow();
  });
});
