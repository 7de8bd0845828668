// Recommendations through the service on a real database: drafted by members and organisers, put to
// the members' vote (one view each, changeable while voting is open), published together with the
// date the answer is due (renumbered in the order published), answered by the convening body as a
// decision with actions on the accountability trail; an unanswered one past its date is overdue.
import { beforeAll, expect, it } from 'vitest';
import { rejection } from '../../../test/fixtures.js';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { anonymous } from '../../platform/permissions.js';
import { todayInEngland } from '../../platform/web/forms.js';
import { getDecision } from '../decisions/service.js';
import { createBody } from '../registry/service.js';
import { actionLines } from './recommendations.js';
import {
  answerRecommendation,
  daysAfter,
  draftRecommendation,
  editRecommendation,
  getRecommendation,
  listRecommendations,
  openVoting,
  publishRecommendations,
  voteOnRecommendation,
} from './service.js';
import { type SeatedAssembly, seatedAssembly, seatedWith } from './testKit.js';

const fieldErrors = async (promise: Promise<unknown>) => {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
};

describeWithTestDatabase('citizens’ assemblies: recommendations and answers', (database) => {
  const deps = () => ({ db: database.db });
  let a: SeatedAssembly;
  const recs: Record<'one' | 'two' | 'three', number> = { one: 0, two: 0, three: 0 };

  beforeAll(async () => {
    a = await seatedAssembly(database.db, {
      answerDays: 60,
      members: [{ status: 'confirmed' }, { status: 'confirmed' }, { status: 'confirmed' }, { status: 'selected' }, { status: 'declined' }],
    });
  });

  const confirmedMembers = () => a.members.filter((m) => m.status === 'confirmed');

  it('lets members and organisers draft, names each wrong field, and refuses everyone else', async () => {
    expect(await fieldErrors(draftRecommendation(deps(), a.admin, a.assemblyId, { title: ' ', text: 'x'.repeat(10_001) }))).toEqual({
      title: 'Enter a short title for the recommendation',
      text: 'The recommendation must be 10,000 characters or fewer',
    });
    for (const outsider of [anonymous, a.stranger, seatedWith(a, 'selected').actor, seatedWith(a, 'declined').actor]) {
      expect(await rejection(draftRecommendation(deps(), outsider, a.assemblyId, { title: 'T', text: 'X' }))).toBeInstanceOf(ForbiddenError);
    }
    expect(await listRecommendations(database.db, a.admin, a.assemblyId)).toEqual([]);
    recs.one = await draftRecommendation(deps(), seatedWith(a, 'confirmed').actor, a.assemblyId, { title: 'Kept as a draft', text: 'Still being written.' });
    recs.two = await draftRecommendation(deps(), seatedWith(a, 'confirmed').actor, a.assemblyId, {
      title: 'One number for urgent care',
      text: 'Call 111 first.',
    });
    recs.three = await draftRecommendation(deps(), a.admin, a.assemblyId, { title: 'Open late', text: 'GP hubs open until 10pm.' });
    expect((await listRecommendations(database.db, a.admin, a.assemblyId)).map((r) => [r.number, r.title, r.status])).toEqual([
      [1, 'Kept as a draft', 'draft'],
      [2, 'One number for urgent care', 'draft'],
      [3, 'Open late', 'draft'],
    ]);
    const recruiting = await seatedAssembly(database.db, { phase: 'recruiting', members: [] });
    expect(await rejection(draftRecommendation(deps(), recruiting.admin, recruiting.assemblyId, { title: 'Too soon', text: 'X' }))).toBeInstanceOf(
      ConflictError,
    );
  });

  it('edits a draft; opening voting is for organisers, and fixes the text', async () => {
    const member = seatedWith(a, 'confirmed').actor;
    await editRecommendation(deps(), member, recs.two, { title: 'One number for urgent care', text: 'Call 111 first, day or night.' });
    expect(await fieldErrors(editRecommendation(deps(), member, recs.two, { title: 'x'.repeat(201), text: '' }))).toEqual({
      title: 'The title must be 200 characters or fewer',
      text: 'Enter what the assembly recommends',
    });
    expect(await rejection(editRecommendation(deps(), a.stranger, recs.two, { title: 'Mine', text: 'Mine' }))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(openVoting(deps(), member, recs.two))).toBeInstanceOf(ForbiddenError);
    await openVoting(deps(), a.admin, recs.two);
    await openVoting(deps(), a.admin, recs.three);
    expect(await rejection(openVoting(deps(), a.admin, recs.two))).toBeInstanceOf(ConflictError);
    expect(await rejection(editRecommendation(deps(), member, recs.two, { title: 'Changed', text: 'Changed' }))).toBeInstanceOf(ConflictError);
    expect(await getRecommendation(database.db, member, recs.two)).toMatchObject({ status: 'voting', text: 'Call 111 first, day or night.' });
  });

  it('takes one view from each confirmed member while voting is open, changeable, and shows only the totals', async () => {
    const [first, second, third] = confirmedMembers();
    if (!first || !second || !third) throw new Error('three confirmed members');
    expect(await rejection(voteOnRecommendation(deps(), first.actor, recs.one, 'support'))).toBeInstanceOf(ConflictError);
    for (const outsider of [a.admin, a.stranger, seatedWith(a, 'selected').actor, seatedWith(a, 'declined').actor])
      expect(await rejection(voteOnRecommendation(deps(), outsider, recs.two, 'support'))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(voteOnRecommendation(deps(), anonymous, recs.two, 'support'))).toBeInstanceOf(ForbiddenError);
    expect(await fieldErrors(voteOnRecommendation(deps(), first.actor, recs.two, 'maybe' as 'support'))).toEqual({
      level: 'Choose support, oppose or abstain',
    });

    await voteOnRecommendation(deps(), first.actor, recs.two, 'oppose');
    await voteOnRecommendation(deps(), first.actor, recs.two, 'support');
    await voteOnRecommendation(deps(), second.actor, recs.two, 'support');
    await voteOnRecommendation(deps(), third.actor, recs.two, 'abstain');
    await voteOnRecommendation(deps(), first.actor, recs.three, 'oppose');
    await voteOnRecommendation(deps(), second.actor, recs.three, 'support');

    const seen = await listRecommendations(database.db, first.actor, a.assemblyId);
    expect(seen.map((r) => [r.title, r.support, r.myVote])).toEqual([
      ['Kept as a draft', { support: 0, oppose: 0, abstain: 0, voted: 0, members: 3, share: 0 }, null],
      ['One number for urgent care', { support: 2, oppose: 0, abstain: 1, voted: 3, members: 3, share: 2 / 3 }, 'support'],
      ['Open late', { support: 1, oppose: 1, abstain: 0, voted: 2, members: 3, share: 0.5 }, 'oppose'],
    ]);
    expect((await listRecommendations(database.db, third.actor, a.assemblyId)).map((r) => r.myVote)).toEqual([null, 'abstain', null]);
    expect((await listRecommendations(database.db, a.admin, a.assemblyId)).map((r) => r.myVote)).toEqual([null, null, null]);
    // Not published yet: no one outside sees them.
    for (const outsider of [anonymous, a.stranger, seatedWith(a, 'selected').actor]) {
      expect(await listRecommendations(database.db, outsider, a.assemblyId)).toEqual([]);
      expect(await rejection(getRecommendation(database.db, outsider, recs.two))).toBeInstanceOf(NotFoundError);
    }
  });

  it('publishes those voted on, numbered in the order published, due an answer in the assembly’s answer days; the jury has reported', async () => {
    expect(await rejection(publishRecommendations(deps(), seatedWith(a, 'confirmed').actor, a.assemblyId))).toBeInstanceOf(ForbiddenError);
    const due = daysAfter(todayInEngland(), 60);
    expect(await publishRecommendations(deps(), a.admin, a.assemblyId)).toEqual({ published: 2, answerDue: due });
    const published = await listRecommendations(database.db, anonymous, a.assemblyId);
    expect(published.map((r) => [r.number, r.title, r.status, r.answerDue, r.overdue, r.myVote])).toEqual([
      [1, 'One number for urgent care', 'published', due, false, null],
      [2, 'Open late', 'published', due, false, null],
    ]);
    expect(published[0]?.support).toMatchObject({ support: 2, voted: 3 });
    expect((await listRecommendations(database.db, a.admin, a.assemblyId)).map((r) => [r.number, r.status])).toEqual([
      [1, 'published'],
      [2, 'published'],
      [3, 'draft'],
    ]);
    const assembly = await database.db.selectFrom('assembly').select('phase').where('id', '=', a.assemblyId).executeTakeFirstOrThrow();
    expect(assembly.phase).toBe('reported');
    // Voting is over for the published ones; nothing is left to publish.
    expect(await rejection(voteOnRecommendation(deps(), seatedWith(a, 'confirmed').actor, recs.two, 'oppose'))).toBeInstanceOf(ConflictError);
    expect(await rejection(publishRecommendations(deps(), a.admin, a.assemblyId))).toBeInstanceOf(ConflictError);
    // The draft left is published later after those already published.
    await openVoting(deps(), a.admin, recs.one);
    await publishRecommendations(deps(), a.admin, a.assemblyId);
    expect((await listRecommendations(database.db, anonymous, a.assemblyId)).map((r) => [r.number, r.title])).toEqual([
      [1, 'One number for urgent care'],
      [2, 'Open late'],
      [3, 'Kept as a draft'],
    ]);
  });

  it('answers in public as a decision on the accountability trail, with each line of what will be done an action', async () => {
    const untouched = await getRecommendation(database.db, anonymous, recs.two);
    expect(
      await fieldErrors(
        answerRecommendation(deps(), a.admin, recs.two, { answer: 'perhaps' as 'accept', reasons: ' ', actions: '', actionsDue: '2027-02-30' }),
      ),
    ).toEqual({
      answer: 'Choose whether the recommendation is accepted, accepted in part or not accepted',
      reasons: 'Enter the reasons for the answer',
      actions: 'Enter what will be done, one action a line',
      actionsDue: 'Enter the date the actions are due, like 30 6 2027',
    });
    expect(await fieldErrors(answerRecommendation(deps(), a.admin, recs.two, { answer: 'accept', reasons: 'Yes.', actions: `- ${'x'.repeat(1001)}` }))).toEqual(
      {
        actions: 'Action 1: an action must be 1,000 characters or fewer',
      },
    );
    for (const outsider of [anonymous, a.stranger, seatedWith(a, 'confirmed').actor])
      expect(await rejection(answerRecommendation(deps(), outsider, recs.two, { answer: 'accept', reasons: 'Yes.', actions: 'Do it.' }))).toBeInstanceOf(
        ForbiddenError,
      );
    const elsewhere = await seatedAssembly(database.db, { members: [] });
    const otherBoard = await createBody({ db: database.db }, elsewhere.admin, elsewhere.organisationId, { name: 'Elsewhere Board', kind: 'board' });
    expect(
      await fieldErrors(answerRecommendation(deps(), a.admin, recs.two, { answer: 'accept', reasons: 'Yes.', actions: 'Do it.', bodyId: otherBoard })),
    ).toEqual({ bodyId: 'Choose one of the organisation’s boards or committees' });
    expect(await getRecommendation(database.db, anonymous, recs.two)).toEqual(untouched);

    const { decisionId } = await answerRecommendation(deps(), a.admin, recs.two, {
      answer: 'accept_in_part',
      reasons: 'One number, yes; but 111 cannot take every call at night yet.',
      actions: '- Put 111 first on every GP practice’s website\n\n2. Recruit 20 more call handlers for nights\n',
      actionsDue: '2027-09-30',
    });
    const answered = await getRecommendation(database.db, anonymous, recs.two);
    expect(answered).toMatchObject({
      answer: 'accept_in_part',
      answerReasons: 'One number, yes; but 111 cannot take every call at night yet.',
      decisionId,
      overdue: false,
      answeredAt: expect.any(Date),
    });
    const decision = await getDecision(database.db, anonymous, decisionId);
    expect(decision).toMatchObject({
      organisation: { id: a.organisationId },
      title: 'Recommendation 1: One number for urgent care',
      reasons: 'One number, yes; but 111 cannot take every call at night yet.',
      decidedOn: todayInEngland(),
    });
    expect(decision.decided).toContain('Accept in part recommendation 1 of the citizens’ assembly');
    expect(decision.decidedBy).toMatch(/^Assembly Trust /);
    expect(decision.links).toEqual([
      { kind: 'assembly', label: expect.stringContaining('recommendation 1'), url: `/assemblies/${a.assemblyId}/recommendations/${recs.two}` },
    ]);
    expect(decision.actions.map((x) => [x.description, x.dueOn, x.status])).toEqual([
      ['Put 111 first on every GP practice’s website', '2027-09-30', 'planned'],
      ['Recruit 20 more call handlers for nights', '2027-09-30', 'planned'],
    ]);
    expect(await rejection(answerRecommendation(deps(), a.admin, recs.two, { answer: 'accept', reasons: 'Again.', actions: 'Again.' }))).toBeInstanceOf(
      ConflictError,
    );

    // Not accepted needs no actions; the actions are due by the answer period by default.
    const notAccepted = await answerRecommendation(deps(), a.admin, recs.three, {
      answer: 'not_accept',
      reasons: 'The hubs have no staff after 8pm.',
      actions: '',
    });
    expect((await getDecision(database.db, anonymous, notAccepted.decisionId)).actions).toEqual([]);
    // Decided by the organisation's board, when it was; the actions due by the answer period by default.
    const board = await createBody({ db: database.db }, a.admin, a.organisationId, { name: 'Trust Board', kind: 'board' });
    const accepted = await answerRecommendation(deps(), a.admin, recs.one, { answer: 'accept', reasons: 'Agreed.', actions: 'Write it down', bodyId: board });
    const byBoard = await getDecision(database.db, anonymous, accepted.decisionId);
    expect(byBoard.body).toEqual({ id: board, name: 'Trust Board' });
    expect(byBoard.actions.map((x) => x.dueOn)).toEqual([daysAfter(todayInEngland(), 60)]);
  });

  it('refuses to answer a recommendation not yet published', async () => {
    const draft = await draftRecommendation(deps(), a.admin, a.assemblyId, { title: 'Later', text: 'Later.' });
    expect(await rejection(answerRecommendation(deps(), a.admin, draft, { answer: 'accept', reasons: 'Yes.', actions: 'Do it.' }))).toBeInstanceOf(
      ConflictError,
    );
    expect(await rejection(getRecommendation(database.db, anonymous, draft))).toBeInstanceOf(NotFoundError);
  });

  it('shows an unanswered recommendation past its date as overdue, and an answered one never', async () => {
    const b = await seatedAssembly(database.db, { kind: 'standing' });
    const late = await draftRecommendation(deps(), b.admin, b.assemblyId, { title: 'Late', text: 'Unanswered.' });
    const onTime = await draftRecommendation(deps(), b.admin, b.assemblyId, { title: 'On time', text: 'Answered.' });
    for (const id of [late, onTime]) await openVoting(deps(), b.admin, id);
    await publishRecommendations(deps(), b.admin, b.assemblyId);
    // A standing assembly goes on sitting.
    expect((await database.db.selectFrom('assembly').select('phase').where('id', '=', b.assemblyId).executeTakeFirstOrThrow()).phase).toBe('sitting');
    await answerRecommendation(deps(), b.admin, onTime, { answer: 'accept', reasons: 'Yes.', actions: 'Do it.' });
    const yesterday = daysAfter(todayInEngland(), -1);
    await database.db.updateTable('assembly_recommendation').set({ answer_due: yesterday }).where('assembly_id', '=', b.assemblyId).execute();
    expect((await listRecommendations(database.db, anonymous, b.assemblyId)).map((r) => [r.title, r.answerDue, r.overdue])).toEqual([
      ['Late', yesterday, true],
      ['On time', yesterday, false],
    ]);
    await database.db.updateTable('assembly_recommendation').set({ answer_due: todayInEngland() }).where('id', '=', late).execute();
    expect((await getRecommendation(database.db, anonymous, late)).overdue).toBe(false);
  });

  it('reads the lines of what will be done without their list marks', () => {
    expect(actionLines('- one\n* two\r\n• three\n1. four\n2) five\n\n   \nsix')).toEqual(['one', 'two', 'three', 'four', 'five', 'six']);
  });
});
