// Who sees what, at the service: the record is the person's; otherwise only its link worker sees it
// in full and its referrer without the notes. A waiting referral is open to every link worker of the
// organisation, to triage; once held, other link workers see a list line only. For everyone else
// (another organisation's link worker, the organisation's admin, a platform admin, a stranger) it
// does not exist; a visitor is asked to sign in. A group sees only shared connections, unnamed.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { type Actor, anonymous } from '../../platform/permissions.js';
import { todayInEngland } from '../../platform/web/forms.js';
import { insertOrganisation } from '../accounts/testKit.js';
import { testGroup, testService, testServiceInput } from '../directory/testKit.js';
import {
  addConnection,
  addConversation,
  caseload,
  getReferral,
  groupReferrals,
  myReferrals,
  recordFollowUp,
  referralFigures,
  referralsMadeBy,
  scheduleFollowUp,
  takeOn,
} from './service.js';
import { referByPractice, type SocialPrescribingTest, testPerson, testSocialPrescribing } from './testKit.js';

/** How a call is refused: 'not found' (404, the thing's existence hidden), 'forbidden' (403), 'sign in' (a visitor), or 'allowed'. */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'allowed';
  } catch (error) {
    if (error instanceof NotFoundError || (error instanceof ForbiddenError && error.hidden)) return 'not found';
    if (error instanceof ForbiddenError) return error.message.includes('sign in') ? 'sign in' : 'forbidden';
    throw error;
  }
}

describeWithTestDatabase('social prescribing: who sees what', (database) => {
  let t: SocialPrescribingTest;
  let held: number;
  let waiting: number;
  let unshared: number;
  let actors: Record<string, Actor>;
  let group: Awaited<ReturnType<typeof testGroup>>;
  const today = todayInEngland();

  beforeAll(async () => {
    t = await testSocialPrescribing(database.db);
    const elsewhere = await insertOrganisation(database.db, 'Elsewhere Social Prescribing');
    group = await testGroup(database.db, 'Allotment Society');
    const serviceId = await testService(database.db, group.admin, testServiceInput(group.organisationId, { name: 'Allotment mornings' }));
    actors = {
      person: t.person.actor,
      referrer: t.referrer.actor,
      assignedLinkWorker: t.linkWorker.actor,
      otherLinkWorker: t.otherLinkWorker.actor,
      linkWorkerElsewhere: (await testPerson(database.db, 'Elsie Elsewhere', [{ organisationId: elsewhere, role: 'link_worker' }])).actor,
      organisationAdmin: (await testPerson(database.db, 'Ada Admin', [{ organisationId: t.serviceId, role: 'admin' }])).actor,
      platformAdmin: { ...(await testPerson(database.db, 'Pia Platform')).actor, platformAdmin: true },
      stranger: (await testPerson(database.db, 'Stan Stranger')).actor,
      anonymous,
    };
    held = await referByPractice(t);
    await takeOn(t.deps, t.linkWorker.actor, held);
    await addConversation(t.deps, t.linkWorker.actor, held, { heldOn: today, mode: 'phone', whatMatters: 'My dog and my garden.', notes: 'Private note.' });
    await addConnection(t.deps, t.linkWorker.actor, held, { serviceId });
    const followUp = await scheduleFollowUp(t.deps, t.linkWorker.actor, held, { dueOn: today });
    await recordFollowUp(t.deps, t.linkWorker.actor, held, followUp, { notes: 'Follow-up note.' });
    waiting = await referByPractice(t, { reason: 'Waiting to be taken on.' });
    unshared = await referByPractice(t, { shareWithGroups: false, reason: 'Not to be shared.' });
    await takeOn(t.deps, t.linkWorker.actor, unshared);
    await addConversation(t.deps, t.linkWorker.actor, unshared, { heldOn: today, mode: 'phone', whatMatters: 'Quiet.', notes: '' });
    await addConnection(t.deps, t.linkWorker.actor, unshared, { serviceId });
  });

  it('shows a held record to the person and its link worker in full, to the referrer without notes, and to no one else', async () => {
    const expected: Record<string, string> = {
      person: 'person',
      referrer: 'referrer',
      assignedLinkWorker: 'link_worker',
      otherLinkWorker: 'not found',
      linkWorkerElsewhere: 'not found',
      organisationAdmin: 'not found',
      platformAdmin: 'not found',
      stranger: 'not found',
      anonymous: 'sign in',
    };
    const seen: Record<string, string> = {};
    for (const [who, actor] of Object.entries(actors)) {
      const result = await outcome(getReferral(t.deps, actor, held));
      seen[who] = result === 'allowed' ? (await getReferral(t.deps, actor, held)).viewer : result;
    }
    expect(seen).toEqual(expected);

    const full = await getReferral(t.deps, t.person.actor, held);
    expect(full.conversations.map((c) => c.notes)).toEqual(['Private note.']);
    expect(full.followUps.map((f) => f.notes)).toEqual(['Follow-up note.']);
    const asReferrer = await getReferral(t.deps, t.referrer.actor, held);
    expect(asReferrer.conversations).toEqual([]);
    expect(asReferrer.followUps.map((f) => f.notes)).toEqual(['']);
    expect(asReferrer).toMatchObject({ state: 'following_up', reason: full.reason, plan: full.plan });
    expect(asReferrer.connections.map((c) => c.serviceName)).toEqual(['Allotment mornings']);
    expect(JSON.stringify(asReferrer)).not.toContain('Private note');
    expect(JSON.stringify(asReferrer)).not.toContain('My dog');
  });

  it('shows a waiting referral to every link worker of the organisation, to take on, and to no other', async () => {
    const seen: Record<string, string> = {};
    for (const [who, actor] of Object.entries(actors)) {
      const result = await outcome(getReferral(t.deps, actor, waiting));
      seen[who] = result === 'allowed' ? (await getReferral(t.deps, actor, waiting)).viewer : result;
    }
    expect(seen).toEqual({
      person: 'person',
      referrer: 'referrer',
      assignedLinkWorker: 'link_worker',
      otherLinkWorker: 'link_worker',
      linkWorkerElsewhere: 'not found',
      organisationAdmin: 'not found',
      platformAdmin: 'not found',
      stranger: 'not found',
      anonymous: 'sign in',
    });
    expect((await getReferral(t.deps, t.otherLinkWorker.actor, waiting)).can).toEqual({ takeOn: true, work: false, addOwnScores: false });
    expect(await outcome(takeOn(t.deps, actors.linkWorkerElsewhere as Actor, waiting))).toBe('not found');
    expect(await outcome(takeOn(t.deps, actors.stranger as Actor, waiting))).toBe('not found');
  });

  it('gives the caseload to the organisation’s link workers only: others’ referrals as a line without the name', async () => {
    const lines = await caseload(t.deps, t.otherLinkWorker.actor, t.serviceId, 'all');
    expect(lines.counts).toEqual({ waiting: 1, mine: 0, all: 3, closed: 0 });
    const heldLine = lines.items.find((i) => i.id === held);
    expect(heldLine).toMatchObject({ personName: null, linkWorkerName: 'Lena Link', state: 'following_up' });
    expect(lines.items.find((i) => i.id === waiting)?.personName).toBe(t.person.name);
    const mine = await caseload(t.deps, t.linkWorker.actor, t.serviceId, 'mine');
    expect(mine.items.map((i) => [i.id, i.personName])).toEqual([
      [held, t.person.name],
      [unshared, t.person.name],
    ]);
    expect((await caseload(t.deps, t.linkWorker.actor, t.serviceId, 'waiting')).items.map((i) => i.id)).toEqual([waiting]);
    for (const who of ['person', 'referrer', 'linkWorkerElsewhere', 'organisationAdmin', 'platformAdmin', 'stranger', 'anonymous']) {
      expect(await outcome(caseload(t.deps, actors[who] as Actor, t.serviceId, 'all')), who).not.toBe('allowed');
    }
  });

  it('lists a person’s own records and a referrer’s referrals to them alone', async () => {
    expect((await myReferrals(t.deps, t.person.actor)).map((r) => r.id).sort()).toEqual([held, waiting, unshared].sort());
    expect((await referralsMadeBy(t.deps, t.referrer.actor)).map((r) => r.id).sort()).toEqual([held, waiting, unshared].sort());
    for (const who of ['referrer', 'assignedLinkWorker', 'otherLinkWorker', 'organisationAdmin', 'platformAdmin', 'stranger']) {
      expect(await myReferrals(t.deps, actors[who] as Actor), who).toEqual([]);
    }
    for (const who of ['person', 'assignedLinkWorker', 'organisationAdmin', 'platformAdmin', 'stranger']) {
      expect(await referralsMadeBy(t.deps, actors[who] as Actor), who).toEqual([]);
    }
    expect(await outcome(myReferrals(t.deps, anonymous))).toBe('sign in');
  });

  it('shows a group only the connections the person agreed to share: service, month and status, no name', async () => {
    const seen = await groupReferrals(t.deps, group.admin, group.organisationId);
    expect(seen.items).toEqual([{ serviceId: expect.any(String), serviceName: 'Allotment mornings', month: today.slice(0, 7), status: 'suggested' }]);
    expect(JSON.stringify(seen)).not.toContain(t.person.name);
    expect(await outcome(groupReferrals(t.deps, t.linkWorker.actor, group.organisationId))).toBe('forbidden');
  });

  it('gives the figures to the organisation’s admins and link workers only', async () => {
    expect((await referralFigures(t.deps, actors.organisationAdmin as Actor, t.serviceId)).total).toBe(3);
    expect(await outcome(referralFigures(t.deps, t.linkWorker.actor, t.serviceId))).toBe('allowed');
    for (const who of ['person', 'referrer', 'linkWorkerElsewhere', 'stranger']) {
      expect(await outcome(referralFigures(t.deps, actors[who] as Actor, t.serviceId)), who).toBe('forbidden');
    }
  });
});
