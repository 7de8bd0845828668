// A participatory budget through the service on a real database: set up (each wrong field named),
// moved through its phases (and refused the moves it may not make), ideas proposed, moderated,
// supported, commented on, reviewed, merged and costed.
import { beforeAll, expect, it } from 'vitest';
import { rejection } from '../../../test/fixtures.js';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { anonymous } from '../../platform/permissions.js';
import type { Actor } from './policy.js';
import {
  addProject,
  commentOnIdea,
  createBudget,
  getBudget,
  getProject,
  listBudgets,
  listProjects,
  moderateComment,
  moderateIdea,
  moderationQueue,
  moveBudgetPhase,
  proposeIdea,
  reviewProject,
  supportIdea,
  updateBudget,
} from './service.js';
import { budgetSettings, person, type TestBudget, testBudget } from './testKit.js';

const fieldErrors = async (promise: Promise<unknown>) => {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
};

describeWithTestDatabase('participatory budgets: the process and its ideas', (database) => {
  const deps = () => ({ db: database.db });
  let b: TestBudget;
  let citizen: Actor;
  let other: Actor;
  let moderator: Actor;

  beforeAll(async () => {
    b = await testBudget(database.db, { phase: 'draft', projects: [] });
    citizen = (await person(database.db)).actor;
    other = (await person(database.db)).actor;
    moderator = (await person(database.db, [{ organisationId: b.organisationId, role: 'moderator' }])).actor;
  });

  it('names each wrong field when a budget is set up, and lets only the organisation’s admins set one up', async () => {
    const errors = await fieldErrors(
      createBudget(
        deps(),
        b.admin.actor,
        budgetSettings(b.organisationId, [], {
          title: ' ',
          amount: 0,
          ideasUntil: '2025-12-01',
          voteUntil: '2026-02-30',
          postcodeDistricts: 'LS6 nowhere',
          ballotType: 'cumulative',
          points: null,
          minAge: 200,
          description: 'x'.repeat(5001),
        }),
      ),
    );
    expect(errors).toEqual({
      title: 'Enter a title',
      description: 'The description must be 5,000 characters or fewer',
      amount: 'Enter the money to share in whole pounds, like 250000',
      ideasUntil: 'Ideas must close on or after the day they open',
      voteUntil: 'Enter the date voting closes as a real date, like 1 3 2027',
      minAge: 'Enter the youngest age that may vote as a whole number from 0 to 120, or leave it blank',
      postcodeDistricts: '“NOWHERE” is not a postcode district: enter districts like LS6 or M14, separated by spaces',
      points: 'Enter the points each voter spreads as a whole number from 1 to 10,000',
      placeIds: 'Choose at least one place the budget is for',
    });
    expect(await rejection(createBudget(deps(), moderator, budgetSettings(b.organisationId, [b.placeId])))).toBeInstanceOf(ForbiddenError);
  });

  it('keeps a draft from everyone but its managers', async () => {
    await expect(getBudget(deps(), anonymous, b.budgetId)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listBudgets(deps(), citizen, { organisationId: b.organisationId })).items).toEqual([]);
    const mine = await listBudgets(deps(), b.admin.actor, { organisationId: b.organisationId });
    expect(mine.items.map((i) => [i.id, i.phase, i.places.map((p) => p.id)])).toEqual([[b.budgetId, 'draft', [b.placeId]]]);
    const detail = await getBudget(deps(), b.admin.actor, b.budgetId);
    expect(detail).toMatchObject({ mayManage: true, mayModerate: true, ballots: 0, postcodeDistricts: 'LS6 LS7', rule: 'mes-cost-add1' });
  });

  it('refuses the moves between phases it may not make, each with a plain message', async () => {
    expect(String(await rejection(moveBudgetPhase(deps(), b.admin.actor, b.budgetId, 'counted')))).toContain('A budget that is a draft cannot become counted.');
    const noShortlist = await rejection(moveBudgetPhase(deps(), b.admin.actor, b.budgetId, 'vote'));
    expect(noShortlist).toBeInstanceOf(ConflictError);
    expect((noShortlist as Error).message).toBe('Shortlist at least 2 projects, with their costs, before opening the vote.');
    expect(await rejection(moveBudgetPhase(deps(), moderator, b.budgetId, 'ideas'))).toBeInstanceOf(NotFoundError);
    await moveBudgetPhase(deps(), b.admin.actor, b.budgetId, 'ideas');
    expect((await getBudget(deps(), anonymous, b.budgetId)).phase).toBe('ideas');
    expect((await listBudgets(deps(), anonymous, { placeId: b.placeId })).items.map((i) => i.id)).toEqual([b.budgetId]);
  });

  let benches: number;
  let seats: number;
  let garden: number;
  let pool: number;
  it('takes ideas only while ideas are open and only from people signed in; each waits for a moderator', async () => {
    const idea = (title: string, roughCost: number | null = 10_000) => ({
      title,
      description: `${title} near the station`,
      location: 'Station Road',
      whoBenefits: 'Older people',
      roughCost,
    });
    expect(await rejection(proposeIdea(deps(), anonymous, b.budgetId, idea('Benches')))).toBeInstanceOf(ForbiddenError);
    expect(await fieldErrors(proposeIdea(deps(), citizen, b.budgetId, { ...idea(''), roughCost: -5 }))).toEqual({
      title: 'Enter a title for the idea',
      roughCost: 'Enter the rough cost in whole pounds, like 25000, or leave it blank',
    });
    benches = await proposeIdea(deps(), citizen, b.budgetId, idea('Benches on Station Road'));
    seats = await proposeIdea(deps(), other, b.budgetId, idea('Seats at the bus stop'));
    garden = await proposeIdea(deps(), other, b.budgetId, idea('Community garden', 40_000));
    pool = await proposeIdea(deps(), other, b.budgetId, idea('A new pool', 3_000_000));
    // Waiting: not public, but its proposer sees it.
    expect(await listProjects(deps(), anonymous, b.budgetId)).toEqual([]);
    await expect(getProject(deps(), other, benches)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getProject(deps(), citizen, benches)).status).toBe('pending');
    expect((await listProjects(deps(), moderator, b.budgetId)).map((p) => p.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
  });

  it('is moderated: published with edits, or rejected with a reason; the moderator sees what could identify someone', async () => {
    const queue = await moderationQueue(deps(), moderator, b.budgetId);
    expect(queue.ideas.map((i) => i.id)).toEqual([benches, seats, garden, pool]);
    await expect(moderationQueue(deps(), citizen, b.budgetId)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await fieldErrors(moderateIdea(deps(), moderator, pool, { decision: 'reject', reason: '' }))).toEqual({
      reason: 'Enter why the idea is not published',
    });
    await moderateIdea(deps(), moderator, benches, { decision: 'publish', reason: '', title: 'Benches along Station Road' });
    for (const id of [seats, garden, pool]) await moderateIdea(deps(), moderator, id, { decision: 'publish', reason: '' });
    const published = await listProjects(deps(), anonymous, b.budgetId);
    expect(published.map((p) => [p.title, p.status])).toEqual([
      ['Benches along Station Road', 'idea'],
      ['Seats at the bus stop', 'idea'],
      ['Community garden', 'idea'],
      ['A new pool', 'idea'],
    ]);
    await expect(moderateIdea(deps(), citizen, benches, { decision: 'reject', reason: 'no' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('takes support and moderated comments', async () => {
    await supportIdea(deps(), citizen, seats, true);
    await supportIdea(deps(), other, seats, true);
    await supportIdea(deps(), other, seats, true);
    await supportIdea(deps(), other, garden, true);
    await supportIdea(deps(), citizen, garden, true);
    await supportIdea(deps(), citizen, garden, false);
    await expect(supportIdea(deps(), anonymous, seats, true)).rejects.toBeInstanceOf(ForbiddenError);
    const view = await getProject(deps(), citizen, seats);
    expect([view.supporters, view.supportedByMe]).toEqual([2, true]);
    expect((await getProject(deps(), citizen, garden)).supportedByMe).toBe(false);

    expect(await fieldErrors(commentOnIdea(deps(), citizen, seats, ' '))).toEqual({ body: 'Enter your comment' });
    const comment = await commentOnIdea(deps(), citizen, seats, 'Ring Jo on 07700 900123 about the old benches.');
    const kind = await commentOnIdea(deps(), other, seats, 'Good idea.');
    expect((await getProject(deps(), anonymous, seats)).comments).toEqual([]);
    const queue = await moderationQueue(deps(), moderator, b.budgetId);
    expect(queue.comments.map((c) => [c.id, c.projectTitle, c.findings])).toEqual([
      [comment, 'Seats at the bus stop', ['name: Jo', 'phone number: 07700 900123']],
      [kind, 'Seats at the bus stop', []],
    ]);
    await moderateComment(deps(), moderator, comment, 'reject');
    await moderateComment(deps(), moderator, kind, 'publish');
    expect((await getProject(deps(), anonymous, seats)).comments.map((c) => c.body)).toEqual(['Good idea.']);
    expect((await moderationQueue(deps(), moderator, b.budgetId)).comments).toEqual([]);
  });

  it('is reviewed: shortlisted with a cost, not feasible with a public reason, merged with its supporters; staff add projects', async () => {
    await moveBudgetPhase(deps(), b.admin.actor, b.budgetId, 'review');
    expect(await fieldErrors(reviewProject(deps(), b.admin.actor, benches, { outcome: 'shortlist', cost: null, reason: '', mergeIntoId: null }))).toEqual({
      cost: 'Enter the cost in whole pounds, like 25000',
    });
    expect(await fieldErrors(reviewProject(deps(), b.admin.actor, benches, { outcome: 'shortlist', cost: 150_000, reason: '', mergeIntoId: null }))).toEqual({
      cost: 'The cost is more than the whole budget (£100,000)',
    });
    expect(await fieldErrors(reviewProject(deps(), b.admin.actor, pool, { outcome: 'not_feasible', cost: null, reason: '', mergeIntoId: null }))).toEqual({
      reason: 'Enter why the idea is not feasible: it is shown publicly',
    });
    expect(await fieldErrors(reviewProject(deps(), b.admin.actor, seats, { outcome: 'merge', cost: null, reason: '', mergeIntoId: seats }))).toEqual({
      mergeIntoId: 'Choose another published idea of this budget to merge it into',
    });
    await expect(reviewProject(deps(), moderator, benches, { outcome: 'shortlist', cost: 12_000, reason: '', mergeIntoId: null })).rejects.toBeInstanceOf(
      ForbiddenError,
    );

    await reviewProject(deps(), b.admin.actor, benches, { outcome: 'shortlist', cost: 12_000, reason: 'Costed by the parks team.', mergeIntoId: null });
    await reviewProject(deps(), b.admin.actor, pool, {
      outcome: 'not_feasible',
      cost: null,
      reason: 'A pool costs far more than the fund.',
      mergeIntoId: null,
    });
    await reviewProject(deps(), b.admin.actor, seats, { outcome: 'merge', cost: null, reason: 'The same as the benches idea.', mergeIntoId: benches });
    await reviewProject(deps(), b.admin.actor, garden, { outcome: 'shortlist', cost: 38_000, reason: '', mergeIntoId: null });
    const staffs = await addProject(deps(), b.admin.actor, b.budgetId, {
      title: 'Walking group',
      description: 'Weekly walks with a leader.',
      location: '',
      whoBenefits: '',
      cost: 4_000,
    });

    const shown = await listProjects(deps(), anonymous, b.budgetId);
    const byId = new Map(shown.map((p) => [p.id, p]));
    expect(byId.get(benches)).toMatchObject({ status: 'shortlisted', cost: 12_000, supporters: 2, pbId: String(benches) });
    expect(byId.get(seats)).toMatchObject({
      status: 'merged',
      mergedInto: { id: benches, title: 'Benches along Station Road' },
      reviewReason: 'The same as the benches idea.',
    });
    expect(byId.get(pool)).toMatchObject({ status: 'not_feasible', reviewReason: 'A pool costs far more than the fund.' });
    expect(byId.get(staffs)).toMatchObject({ status: 'shortlisted', cost: 4_000 });
    expect((await getBudget(deps(), anonymous, b.budgetId)).shortlisted).toBe(3);
    // Supporting is for ideas being collected or reviewed, not during the vote.
    await moveBudgetPhase(deps(), b.admin.actor, b.budgetId, 'vote');
    expect(((await rejection(supportIdea(deps(), citizen, benches, true))) as Error).message).toBe(
      'Ideas can be supported only while they are being collected and reviewed.',
    );
    expect(
      (
        (await rejection(
          proposeIdea(deps(), citizen, b.budgetId, { title: 'Late', description: 'Late', location: '', whoBenefits: '', roughCost: null }),
        )) as Error
      ).message,
    ).toBe('Ideas are not being taken for this budget now.');
  });

  it('locks the shortlist and the ballot’s settings once the vote is open, but not its title and dates', async () => {
    expect(
      ((await rejection(reviewProject(deps(), b.admin.actor, benches, { outcome: 'shortlist', cost: 1, reason: '', mergeIntoId: null }))) as Error).message,
    ).toBe('The shortlist cannot change once the vote has opened.');
    const settings = budgetSettings(b.organisationId, [b.placeId], { amount: 99_000, rule: 'greedy-cost' });
    expect(await fieldErrors(updateBudget(deps(), b.admin.actor, b.budgetId, settings))).toEqual({
      amount: 'This cannot change once the vote has opened: people are voting on it',
      rule: 'This cannot change once the vote has opened: people are voting on it',
    });
    await updateBudget(
      deps(),
      b.admin.actor,
      b.budgetId,
      budgetSettings(b.organisationId, [b.placeId], { title: 'Healthy Headingley Fund 2026', voteUntil: '2026-04-15' }),
    );
    expect(await getBudget(deps(), anonymous, b.budgetId)).toMatchObject({ title: 'Healthy Headingley Fund 2026', voteUntil: '2026-04-15', amount: 100_000 });
  });
});
