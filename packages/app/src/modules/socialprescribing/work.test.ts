// A link worker's work through the states: taken on once, first contact (not in the future, not
// before the referral), a conversation and the plan, connections to directory services (not twice),
// follow-ups with scores, ONS4 scores checked 0–10 naming each field, and closing, after which
// every change is refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { todayInEngland } from '../../platform/web/forms.js';
import { testCategories, testGroup, testService, testServiceInput } from '../directory/testKit.js';
import {
  addConnection,
  addConversation,
  closeReferral,
  getReferral,
  nextState,
  recordFirstContact,
  recordFollowUp,
  recordWellbeing,
  savePlan,
  scheduleFollowUp,
  setConnectionStatus,
  takeOn,
} from './service.js';
import { fieldErrorsOf, referByPractice, type SocialPrescribingTest, testSocialPrescribing } from './testKit.js';

const dayBefore = (day: string, n = 1) => new Date(Date.parse(`${day}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
const dayAfter = (day: string, n = 1) => dayBefore(day, -n);

describe('the states a referral moves through', () => {
  it('goes one way and refuses every step once closed', () => {
    expect(nextState('received', 'firstContact')).toBe('contacted');
    expect(nextState('contacted', 'firstContact')).toEqual({ refused: 'First contact is already recorded' });
    expect(nextState('received', 'conversation')).toBe('active');
    expect(nextState('following_up', 'conversation')).toBe('following_up');
    expect(nextState('received', 'connection')).toHaveProperty('refused');
    expect(nextState('contacted', 'connection')).toBe('active');
    expect(nextState('active', 'followUp')).toBe('following_up');
    expect(nextState('received', 'close')).toBe('closed');
    for (const step of ['firstContact', 'conversation', 'connection', 'followUp', 'close'] as const) {
      expect(nextState('closed', step)).toEqual({ refused: 'This referral is closed' });
    }
  });
});

describeWithTestDatabase('social prescribing: a link worker’s work', (database) => {
  let t: SocialPrescribingTest;
  let serviceA: string;
  let serviceB: string;
  let id: number;
  const today = todayInEngland();
  const scores = { lifeSatisfaction: 4, worthwhile: '5', happiness: 3, anxiety: 8 };
  beforeAll(async () => {
    t = await testSocialPrescribing(database.db);
    const categories = await testCategories(database.db);
    const group = await testGroup(database.db, 'Walkers');
    serviceA = await testService(database.db, group.admin, testServiceInput(group.organisationId, { categoryIds: [categories.walking] }));
    serviceB = await testService(database.db, group.admin, testServiceInput(group.organisationId, { name: 'Food club', categoryIds: [] }));
    id = await referByPractice(t);
  });

  it('is taken on by one link worker only', async () => {
    await takeOn(t.deps, t.linkWorker.actor, id);
    expect(await fieldErrorsOf(takeOn(t.deps, t.otherLinkWorker.actor, id))).toEqual({ state: expect.stringContaining('already taken') });
    expect((await getReferral(t.deps, t.linkWorker.actor, id)).can).toEqual({ takeOn: false, work: true, addOwnScores: false });
  });

  it('records first contact once, not in the future', async () => {
    expect(await fieldErrorsOf(recordFirstContact(t.deps, t.linkWorker.actor, id, { contactedOn: dayAfter(today) }))).toHaveProperty('contactedOn');
    expect(await fieldErrorsOf(recordFirstContact(t.deps, t.linkWorker.actor, id, { contactedOn: dayBefore(today, 3) }))).toHaveProperty('contactedOn');
    expect(await fieldErrorsOf(recordFirstContact(t.deps, t.linkWorker.actor, id, { contactedOn: '2026-02-30' }))).toHaveProperty('contactedOn');
    expect(await fieldErrorsOf(scheduleFollowUp(t.deps, t.linkWorker.actor, id, { dueOn: today }))).toHaveProperty('dueOn');
    await recordFirstContact(t.deps, t.linkWorker.actor, id, { contactedOn: today });
    expect((await getReferral(t.deps, t.linkWorker.actor, id)).state).toBe('contacted');
    expect(await fieldErrorsOf(recordFirstContact(t.deps, t.linkWorker.actor, id, { contactedOn: today }))).toEqual({
      contactedOn: 'First contact is already recorded',
    });
  });

  it('records a conversation and the plan: active', async () => {
    expect(
      Object.keys(await fieldErrorsOf(addConversation(t.deps, t.linkWorker.actor, id, { heldOn: today, mode: 'telepathy', whatMatters: '', notes: '' }))),
    ).toEqual(['mode', 'whatMatters']);
    await addConversation(t.deps, t.linkWorker.actor, id, {
      heldOn: today,
      mode: 'phone',
      whatMatters: 'Getting out of the house; my garden.',
      notes: 'Keen on walking.',
      plan: 'Try the walking group.',
    });
    const record = await getReferral(t.deps, t.linkWorker.actor, id);
    expect(record).toMatchObject({ state: 'active', plan: 'Try the walking group.' });
    expect(record.planUpdatedAt).not.toBeNull();
    expect(record.conversations).toEqual([
      expect.objectContaining({ mode: 'phone', whatMatters: 'Getting out of the house; my garden.', authorName: 'Lena Link' }),
    ]);
    await savePlan(t.deps, t.linkWorker.actor, id, 'Walking group on Tuesdays; then the allotment.');
    expect((await getReferral(t.deps, t.linkWorker.actor, id)).plan).toBe('Walking group on Tuesdays; then the allotment.');
  });

  it('connects to directory services, once each, keeping their name and first category', async () => {
    await addConnection(t.deps, t.linkWorker.actor, id, { serviceId: serviceA, note: 'Meets at the gates' });
    await addConnection(t.deps, t.linkWorker.actor, id, { serviceId: serviceB });
    expect(await fieldErrorsOf(addConnection(t.deps, t.linkWorker.actor, id, { serviceId: serviceA }))).toEqual({
      serviceId: 'They are already connected to Headingley walking group',
    });
    expect(await fieldErrorsOf(addConnection(t.deps, t.linkWorker.actor, id, { serviceId: 'not-a-service' }))).toHaveProperty('serviceId');
    const record = await getReferral(t.deps, t.linkWorker.actor, id);
    expect(record.connections.map((c) => [c.serviceName, c.category, c.status, c.connectedOn])).toEqual([
      ['Headingley walking group', 'Walking and exercise', 'suggested', today],
      ['Food club', '', 'suggested', today],
    ]);
    const first = record.connections[0]?.id as number;
    await setConnectionStatus(t.deps, t.linkWorker.actor, id, first, 'attending');
    expect(await fieldErrorsOf(setConnectionStatus(t.deps, t.linkWorker.actor, id, first, 'asleep'))).toHaveProperty('status');
    expect((await getReferral(t.deps, t.linkWorker.actor, id)).connections[0]?.status).toBe('attending');
  });

  it('checks ONS4 scores as whole numbers 0 to 10, naming each field', async () => {
    expect(
      await fieldErrorsOf(
        recordWellbeing(t.deps, t.linkWorker.actor, id, {
          takenOn: today,
          moment: 'start',
          scores: { lifeSatisfaction: 11, worthwhile: -1, happiness: 2.5, anxiety: 'lots' },
        }),
      ),
    ).toEqual({
      lifeSatisfaction: 'Enter how satisfied you are with your life as a whole number from 0 to 10',
      worthwhile: 'Enter how worthwhile the things you do feel as a whole number from 0 to 10',
      happiness: 'Enter how happy you felt yesterday as a whole number from 0 to 10',
      anxiety: 'Enter how anxious you felt yesterday as a whole number from 0 to 10',
    });
    expect(await fieldErrorsOf(recordWellbeing(t.deps, t.linkWorker.actor, id, { takenOn: today, moment: 'whenever', scores }))).toHaveProperty('moment');
    await recordWellbeing(t.deps, t.linkWorker.actor, id, { takenOn: today, moment: 'start', scores: { ...scores, lifeSatisfaction: 0 } });
    // The person adds their own: a follow-up, as start scores exist.
    await recordWellbeing(t.deps, t.person.actor, id, { scores: { lifeSatisfaction: '10', worthwhile: 6, happiness: 6, anxiety: 0 } });
    const record = await getReferral(t.deps, t.person.actor, id);
    expect(record.wellbeing.map((w) => [w.moment, w.lifeSatisfaction, w.anxiety])).toEqual([
      ['start', 0, 8],
      ['follow_up', 10, 0],
    ]);
    expect(record.can).toEqual({ takeOn: false, work: false, addOwnScores: true });
  });

  it('schedules a follow-up (today or later) and records it with scores', async () => {
    expect(await fieldErrorsOf(scheduleFollowUp(t.deps, t.linkWorker.actor, id, { dueOn: dayBefore(today) }))).toHaveProperty('dueOn');
    const followUpId = await scheduleFollowUp(t.deps, t.linkWorker.actor, id, { dueOn: today });
    expect((await getReferral(t.deps, t.linkWorker.actor, id)).state).toBe('following_up');
    expect(await fieldErrorsOf(recordFollowUp(t.deps, t.linkWorker.actor, id, followUpId, { notes: 'ok', scores: { lifeSatisfaction: 5 } }))).toHaveProperty(
      'worthwhile',
    );
    await recordFollowUp(t.deps, t.linkWorker.actor, id, followUpId, {
      notes: 'Going every week.',
      scores: { lifeSatisfaction: '', worthwhile: '', happiness: '', anxiety: '' },
    });
    expect(await fieldErrorsOf(recordFollowUp(t.deps, t.linkWorker.actor, id, followUpId, { notes: 'again' }))).toEqual({
      notes: 'This follow-up is already recorded',
    });
    const second = await scheduleFollowUp(t.deps, t.linkWorker.actor, id, { dueOn: dayAfter(today, 14) });
    await recordFollowUp(t.deps, t.linkWorker.actor, id, second, {
      notes: 'Settled in.',
      scores: { lifeSatisfaction: 7, worthwhile: 7, happiness: 7, anxiety: 3 },
    });
    const record = await getReferral(t.deps, t.linkWorker.actor, id);
    expect(record.followUps.map((f) => [f.notes, f.doneAt !== null])).toEqual([
      ['Going every week.', true],
      ['Settled in.', true],
    ]);
    expect(record.wellbeing.at(-1)).toMatchObject({ moment: 'follow_up', followUpId: second, lifeSatisfaction: 7 });
  });

  it('closes with a reason, and then refuses every change', async () => {
    expect(await fieldErrorsOf(closeReferral(t.deps, t.linkWorker.actor, id, { reason: 'bored', note: '' }))).toHaveProperty('reason');
    await closeReferral(t.deps, t.linkWorker.actor, id, {
      reason: 'goals_met',
      note: 'Walking weekly.',
      scores: { lifeSatisfaction: 8, worthwhile: 8, happiness: 8, anxiety: 2 },
    });
    const record = await getReferral(t.deps, t.linkWorker.actor, id);
    expect(record).toMatchObject({ state: 'closed', closeReason: 'goals_met', closeNote: 'Walking weekly.' });
    expect(record.closedAt).not.toBeNull();
    expect(record.wellbeing.at(-1)?.moment).toBe('closing');
    expect(record.can).toEqual({ takeOn: false, work: false, addOwnScores: false });
    const closed = { state: 'This referral is closed' };
    const lw = t.linkWorker.actor;
    expect(await fieldErrorsOf(addConversation(t.deps, lw, id, { heldOn: today, mode: 'phone', whatMatters: 'x', notes: '' }))).toEqual(closed);
    expect(await fieldErrorsOf(savePlan(t.deps, lw, id, 'x'))).toEqual(closed);
    expect(await fieldErrorsOf(addConnection(t.deps, lw, id, { serviceId: serviceB }))).toEqual(closed);
    expect(await fieldErrorsOf(scheduleFollowUp(t.deps, lw, id, { dueOn: today }))).toEqual(closed);
    expect(await fieldErrorsOf(recordWellbeing(t.deps, lw, id, { takenOn: today, moment: 'follow_up', scores }))).toEqual(closed);
    expect(await fieldErrorsOf(recordWellbeing(t.deps, t.person.actor, id, { scores }))).toEqual(closed);
    expect(await fieldErrorsOf(closeReferral(t.deps, lw, id, { reason: 'other', note: '' }))).toEqual(closed);
    expect(await fieldErrorsOf(takeOn(t.deps, t.otherLinkWorker.actor, id))).toEqual(closed);
  });

  it('starts a referral straight into a conversation: first contact is the conversation’s date', async () => {
    const other = await referByPractice(t);
    await takeOn(t.deps, t.otherLinkWorker.actor, other);
    await addConversation(t.deps, t.otherLinkWorker.actor, other, { heldOn: today, mode: 'in_person', whatMatters: 'Company.', notes: '' });
    const record = await getReferral(t.deps, t.otherLinkWorker.actor, other);
    expect(record.state).toBe('active');
    expect(record.firstContactAt).not.toBeNull();
    expect(record.plan).toBe('');
  });
});
