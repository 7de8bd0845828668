// The public pages of participatory budgeting over HTTP on a real database: the list and a budget's
// page; proposing an idea (signed in; wrong fields named, what was typed kept); an idea's page with
// support and moderated comments; the ballot of each kind with its check step, refusals beside the
// field, a changed vote and the receipt shown once; and after the count the result, the published
// ballots, the recount page and finding a ballot by its receipt.

import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithTestApp, type TestApp, type TestClient } from '../../../../test/testApp.js';
import { signedInPerson, summaryErrors } from '../../accounts/testKit.js';
import { type BudgetInput, createVotingCodes, importEligiblePeople, moderateComment, moderateIdea, moveBudgetPhase, reviewProject } from '../service.js';
import { type TestBudget, testBudget } from '../testKit.js';

interface PageTestBudget extends TestBudget {
  /** A browser signed in as an admin of its organisation. */
  adminClient: TestClient;
}

/** The testKit's process (£100,000, postcode districts LS6 and LS7 from age 16, four projects) in this phase. */
async function budgetInPhase(t: TestApp, phase: 'draft' | 'ideas' | 'vote', settings: Partial<BudgetInput> = {}): Promise<PageTestBudget> {
  const budget = await testBudget(t.db, { settings, phase: phase === 'vote' ? 'vote' : 'draft' });
  if (phase === 'ideas') await moveBudgetPhase({ db: t.db }, budget.admin.actor, budget.budgetId, 'ideas');
  const { client: adminClient } = await signedInPerson(t, { roles: [{ organisationId: budget.organisationId, role: 'admin' }] });
  return { ...budget, adminClient };
}

/** A ballot through the pages: the form, the check step (which must accept it) and the cast; the cast's answer. */
async function voteThroughPages(client: TestClient, budgetId: number, form: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
  await client.get(`/budgets/${budgetId}/vote`);
  const checked = await client.post(`/budgets/${budgetId}/vote/check`, form);
  if (checked.statusCode !== 200) throw new Error(`the check step answered ${checked.statusCode}`);
  return client.post(`/budgets/${budgetId}/vote`, { ...form, cast: '1' });
}

/** The receipt on the page a vote leads to (the page shows it once). */
async function receiptAfterVoting(client: TestClient, cast: LightMyRequestResponse): Promise<string> {
  const voted = await client.get(String(cast.headers.location));
  const receipt = /id="receipt-code">([^<]+)</.exec(voted.body)?.[1];
  if (!receipt) throw new Error(`no receipt on ${cast.headers.location}: ${voted.statusCode}`);
  return receipt;
}

/** Text as the page escapes it. */
const asHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The hidden fields of a check step page, as the form would send them. */
function carriedFields(body: string): Array<[string, string]> {
  return [...body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)]
    .filter((m) => m[1] !== '_csrf')
    .map((m) => [m[1] as string, m[2] as string]);
}

describeWithTestApp('budget public pages', (t) => {
  let voter: TestClient;
  let voterTwo: TestClient;
  beforeAll(async () => {
    ({ client: voter } = await signedInPerson(t, { name: 'Val Voter' }));
    ({ client: voterTwo } = await signedInPerson(t, { name: 'Vic Voter' }));
  });

  describe('the list and a budget’s page', () => {
    let budget: PageTestBudget;
    let draft: PageTestBudget;
    beforeAll(async () => {
      budget = await budgetInPhase(t, 'vote');
      draft = await budgetInPhase(t, 'draft');
    });

    it('lists budgets that are not drafts, filtered by place, and shows a budget with its money, dates, who may vote and projects', async () => {
      const list = await t.client().get('/budgets');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('Healthy Headingley Fund');
      expect(list.body).toContain(`href="/budgets/${budget.budgetId}"`);
      expect(list.body).not.toContain(`href="/budgets/${draft.budgetId}"`);
      const byPlace = await t.client().get(`/budgets?place=${budget.placeId}`);
      expect(byPlace.body).toContain(`href="/budgets/${budget.budgetId}"`);
      expect(byPlace.body).toContain('Participatory budgets in Budgetville');
      const elsewhere = await t.client().get(`/budgets?place=${draft.placeId}`);
      expect(elsewhere.body).not.toContain(`href="/budgets/${budget.budgetId}"`);
      expect(elsewhere.body).toContain('No participatory budget matches these filters');
      expect((await t.client().get('/budgets?page=999&place=x')).statusCode).toBe(200);

      const page = await t.client().get(`/budgets/${budget.budgetId}`);
      expect(page.statusCode).toBe(200);
      for (const text of [
        'Voting open',
        '£100,000',
        '1 March 2026 to 31 March 2026',
        'postcode districts LS6, LS7',
        'aged 16 or over',
        'Method of Equal Shares',
      ]) {
        expect(page.body).toContain(text);
      }
      expect(page.body).toContain('Projects on the ballot');
      expect(page.body).toContain('Benches in the park');
      expect(page.body).toContain(`href="/budgets/${budget.budgetId}/vote"`);
      expect((await t.client().get(`/budgets/${draft.budgetId}`)).statusCode).toBe(404);
      expect((await draft.adminClient.get(`/budgets/${draft.budgetId}`)).body).toContain('Manage this participatory budget');
      expect((await t.client().get('/budgets/99999999')).statusCode).toBe(404);
      expect((await t.client().get('/budgets/abc')).statusCode).toBe(404);
    });
  });

  describe('ideas', () => {
    let budget: PageTestBudget;
    beforeAll(async () => {
      budget = await budgetInPhase(t, 'ideas');
    });

    it('asks a signed-out person to sign in, names each wrong field keeping what was typed, and takes the idea for moderation', async () => {
      const path = `/budgets/${budget.budgetId}/ideas/new`;
      const signedOut = await t.client().get(path);
      expect(signedOut.statusCode).toBe(303);
      expect(signedOut.headers.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
      expect((await voter.get(path)).statusCode).toBe(200);

      const noTitle = await voter.post(path, { title: '', description: 'Swings for the little ones', roughCost: '' });
      expect(noTitle.statusCode).toBe(422);
      expect(summaryErrors(noTitle.body)).toEqual({ title: 'Enter a title for the idea' });
      expect(noTitle.body).toContain('Swings for the little ones');
      const badCost = await voter.post(path, { title: 'A playground', description: 'Swings', roughCost: 'about five grand' });
      expect(badCost.statusCode).toBe(422);
      expect(Object.keys(summaryErrors(badCost.body))).toEqual(['roughCost']);
      expect(badCost.body).toContain('value="about five grand"');

      const sent = await voter.post(path, {
        title: 'A playground',
        description: 'Swings and a slide',
        location: 'Eastbrook Park',
        whoBenefits: 'Young families',
        roughCost: '£25,000',
      });
      expect(sent.statusCode).toBe(303);
      expect(sent.headers.location).toBe(`/budgets/${budget.budgetId}?done=budget-idea-proposed`);
      const idea = await t.db
        .selectFrom('budget_project')
        .selectAll()
        .where('budget_id', '=', budget.budgetId)
        .where('title', '=', 'A playground')
        .executeTakeFirstOrThrow();
      expect(idea).toMatchObject({ status: 'pending', rough_cost: 25_000, location: 'Eastbrook Park' });
      // Not public until a moderator publishes it.
      expect((await t.client().get(`/budgets/${budget.budgetId}`)).body).not.toContain('A playground');
      expect((await t.client().get(`/budgets/${budget.budgetId}/projects/${idea.id}`)).statusCode).toBe(404);
    });

    it('shows a published idea, takes support and withdraws it, and publishes comments only once moderated', async () => {
      const idea = await t.db
        .selectFrom('budget_project')
        .select('id')
        .where('budget_id', '=', budget.budgetId)
        .where('title', '=', 'A playground')
        .executeTakeFirstOrThrow();
      const deps = { db: t.db, config: t.config };
      await moderateIdea(deps, budget.admin.actor, idea.id, { decision: 'publish', reason: '' });
      const path = `/budgets/${budget.budgetId}/projects/${idea.id}`;
      const shown = await t.client().get(path);
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toContain('Swings and a slide');
      expect(shown.body).toContain('Sign in to support this idea');
      expect((await t.client().get(`/budgets/${budget.budgetId}`)).body).toContain('A playground');
      // Another budget's address for it is not found.
      const other = await budgetInPhase(t, 'ideas');
      expect((await t.client().get(`/budgets/${other.budgetId}/projects/${idea.id}`)).statusCode).toBe(404);

      expect((await voterTwo.get(path)).body).toContain('Support this idea');
      const supported = await voterTwo.post(`${path}/support`, { support: 'yes' });
      expect(supported.statusCode).toBe(303);
      const after = await voterTwo.get(String(supported.headers.location));
      expect(after.body).toContain('You support this idea');
      expect(await t.db.selectFrom('budget_project_support').select('account_id').where('project_id', '=', idea.id).execute()).toHaveLength(1);
      await voterTwo.post(`${path}/support`, { support: 'no' });
      expect(await t.db.selectFrom('budget_project_support').select('account_id').where('project_id', '=', idea.id).execute()).toHaveLength(0);

      const empty = await voterTwo.post(`${path}/comments`, { body: '  ' });
      expect(empty.statusCode).toBe(422);
      expect(summaryErrors(empty.body)).toEqual({ body: 'Enter your comment' });
      const commented = await voterTwo.post(`${path}/comments`, { body: 'My children would love this.' });
      expect(commented.statusCode).toBe(303);
      expect((await t.client().get(path)).body).not.toContain('My children would love this.');
      const comment = await t.db.selectFrom('budget_project_comment').select('id').where('project_id', '=', idea.id).executeTakeFirstOrThrow();
      await moderateComment(deps, budget.admin.actor, comment.id, 'publish');
      expect((await t.client().get(path)).body).toContain('My children would love this.');
      // Signed out, writing is sign-in first.
      const signedOut = await t.client().post(`${path}/comments`, { body: 'Hello' });
      expect(signedOut.statusCode).toBe(303);
      expect(signedOut.headers.location).toContain('/sign-in');
    });

    it('shows why an idea was found not feasible', async () => {
      const deps = { db: t.db, config: t.config };
      const path = `/budgets/${budget.budgetId}/ideas/new`;
      await voter.get(path);
      await voter.post(path, { title: 'A swimming pool', description: 'An indoor pool', roughCost: '' });
      const pool = await t.db.selectFrom('budget_project').select('id').where('title', '=', 'A swimming pool').executeTakeFirstOrThrow();
      await moderateIdea(deps, budget.admin.actor, pool.id, { decision: 'publish', reason: '' });
      await reviewProject(deps, budget.admin.actor, pool.id, {
        outcome: 'not_feasible',
        cost: null,
        reason: 'A pool costs far more than the whole budget.',
        mergeIntoId: null,
      });
      const page = await t.client().get(`/budgets/${budget.budgetId}/projects/${pool.id}`);
      expect(page.body).toContain('Not feasible');
      expect(page.body).toContain('A pool costs far more than the whole budget.');
      expect((await t.client().get(`/budgets/${budget.budgetId}`)).body).toContain('Ideas not taken forward');
    });
  });

  describe('voting, approval ballot by postcode and age', () => {
    let budget: PageTestBudget;
    let ids: string[];
    const eligible = { postcode: 'ls6 2ab', 'dateOfBirth-day': '4', 'dateOfBirth-month': '5', 'dateOfBirth-year': '1990' };
    beforeAll(async () => {
      budget = await budgetInPhase(t, 'vote', { limitToBudget: true });
      ids = budget.projects;
    });

    it('shows a plain ballot with costs, descriptions and the fields the budget needs; signed out, it says to sign in or enter a code', async () => {
      const ballot = await t.client().get(`/budgets/${budget.budgetId}/vote`);
      expect(ballot.statusCode).toBe(200);
      expect(ballot.body).toContain('type="checkbox"');
      expect(ballot.body).toContain('Costs £20,000. Benches in the park, for everyone.');
      expect(ballot.body).toContain('name="postcode"');
      expect(ballot.body).toContain('name="dateOfBirth-day"');
      expect(ballot.body).toContain('name="code"');
      expect(ballot.body).toContain('sign in</a> or enter the voting code');
      expect(ballot.body).toMatch(/<script type="module" nonce="[^"]+">/);
      expect(ballot.body).toContain('id="running-total"');
    });

    it('checks the choices first (over the budget: named beside the ballot, ticks kept), then lists them with their totals', async () => {
      await voter.get(`/budgets/${budget.budgetId}/vote`);
      const over = await voter.post(`/budgets/${budget.budgetId}/vote/check`, { projects: ids, ...eligible });
      expect(over.statusCode).toBe(422);
      expect(summaryErrors(over.body)).toEqual({ projects: 'The projects you chose cost £120,000, more than the £100,000 budget' });
      expect((over.body.match(/type="checkbox"[^>]* checked/g) ?? []).length).toBe(4);
      expect(over.body).toContain('value="ls6 2ab"');

      const check = await voter.post(`/budgets/${budget.budgetId}/vote/check`, { projects: [ids[0] as string, ids[1] as string], ...eligible });
      expect(check.statusCode).toBe(200);
      expect(check.body).toContain('Check your vote');
      expect(check.body).toContain('Benches in the park');
      expect(check.body).toContain('You chose 2 projects costing £55,000 together, against the £100,000 budget.');
      expect(check.body).toContain('Cast my vote');
      expect(check.body).toContain('Change my choices');
      expect(carriedFields(check.body)).toEqual([
        ['projects', ids[0]],
        ['projects', ids[1]],
        ['postcode', 'ls6 2ab'],
        ['dateOfBirth-day', '4'],
        ['dateOfBirth-month', '5'],
        ['dateOfBirth-year', '1990'],
      ]);

      const change = await voter.post(`/budgets/${budget.budgetId}/vote`, {
        ...Object.fromEntries(carriedFields(check.body)),
        projects: [ids[0] as string, ids[1] as string],
        change: '1',
      });
      expect(change.statusCode).toBe(200);
      expect(change.body).toContain('Choose the projects you want');
      expect((change.body.match(/type="checkbox"[^>]* checked/g) ?? []).length).toBe(2);
      expect(await t.db.selectFrom('budget_ballot').select('id').where('budget_id', '=', budget.budgetId).execute()).toEqual([]);
    });

    it('refuses a voter outside the area or too young, with the reason beside the field and what was typed kept', async () => {
      await voter.get(`/budgets/${budget.budgetId}/vote`);
      const outside = await voter.post(`/budgets/${budget.budgetId}/vote`, { projects: [ids[0] as string], ...eligible, postcode: 'M14 5AB' });
      expect(outside.statusCode).toBe(422);
      expect(summaryErrors(outside.body)).toEqual({ postcode: expect.stringContaining('M14 5AB is not in the area of this budget') });
      expect(outside.body).toContain('nhsuk-form-group--error');
      const young = await voter.post(`/budgets/${budget.budgetId}/vote`, {
        projects: [ids[0] as string],
        ...eligible,
        'dateOfBirth-year': String(new Date().getFullYear() - 10),
      });
      expect(young.statusCode).toBe(422);
      expect(summaryErrors(young.body)).toEqual({ 'dateOfBirth-day': 'You must be 16 or over to vote in this budget' });
      const signedOut = t.client();
      await signedOut.get(`/budgets/${budget.budgetId}/vote`);
      const anonymous = await signedOut.post(`/budgets/${budget.budgetId}/vote`, { projects: [ids[0] as string], ...eligible });
      expect(anonymous.statusCode).toBe(422);
      expect(summaryErrors(anonymous.body)).toEqual({ code: 'Sign in or enter a voting code' });
      expect(await t.db.selectFrom('budget_ballot').select('id').where('budget_id', '=', budget.budgetId).execute()).toEqual([]);
    });

    it('casts the vote, shows the receipt once, and lets the voter change it: the new ballot replaces the old', async () => {
      const cast = await voteThroughPages(voter, budget.budgetId, { projects: [ids[0] as string, ids[1] as string], ...eligible });
      expect(cast.statusCode).toBe(303);
      expect(cast.headers.location).toBe(`/budgets/${budget.budgetId}/voted`);
      const voted = await voter.get(`/budgets/${budget.budgetId}/voted`);
      expect(voted.statusCode).toBe(200);
      expect(voted.headers['cache-control']).toBe('no-store');
      const receipt = /id="receipt-code">([^<]+)</.exec(voted.body)?.[1];
      expect(receipt).toMatch(/^[A-Z0-9]{10}$/);
      expect(voted.body).not.toContain('replaces your earlier vote');
      // Shown once: a second look goes back to the budget.
      const again = await voter.get(`/budgets/${budget.budgetId}/voted`);
      expect(again.statusCode).toBe(303);

      const ballot = await voter.get(`/budgets/${budget.budgetId}/vote`);
      expect(ballot.body).toContain('You have already voted: a new vote replaces your earlier one.');
      const changed = await voteThroughPages(voter, budget.budgetId, { projects: [ids[2] as string], ...eligible });
      const changedPage = await voter.get(String(changed.headers.location));
      expect(changedPage.body).toContain('It replaces your earlier vote');
      const ballots = await t.db.selectFrom('budget_ballot').select(['choices', 'receipt']).where('budget_id', '=', budget.budgetId).execute();
      expect(ballots).toHaveLength(1);
      expect(ballots[0]?.choices).toEqual({ projects: [ids[2]] });
      expect(ballots[0]?.receipt).not.toBe(receipt);

      await receiptAfterVoting(voterTwo, await voteThroughPages(voterTwo, budget.budgetId, { projects: [ids[0] as string, ids[2] as string], ...eligible }));
      expect(await t.db.selectFrom('budget_ballot').select('id').where('budget_id', '=', budget.budgetId).execute()).toHaveLength(2);
    });
  });

  describe('voting by code, points and ranks', () => {
    it('takes a cumulative ballot from someone signed out with a voting code, naming a box that is not a number', async () => {
      const budget = await budgetInPhase(t, 'vote', {
        eligibility: 'codes',
        minAge: null,
        postcodeDistricts: '',
        ballotType: 'cumulative',
        points: 10,
        limitToBudget: false,
      });
      const [code] = await createVotingCodes({ db: t.db, config: t.config }, budget.admin.actor, budget.budgetId, { count: 1, batch: 'Library drop-in' });
      const [a, b] = budget.projects as [string, string];
      const person = t.client();
      const ballot = await person.get(`/budgets/${budget.budgetId}/vote`);
      expect(ballot.body).toContain(`name="points_${a}"`);
      expect(ballot.body).not.toContain('name="postcode"');
      expect(ballot.body).not.toContain('name="dateOfBirth-day"');
      const notANumber = await person.post(`/budgets/${budget.budgetId}/vote/check`, { [`points_${a}`]: 'six', [`points_${b}`]: '4', code: code as string });
      expect(notANumber.statusCode).toBe(422);
      expect(Object.keys(summaryErrors(notANumber.body))).toEqual([`points_${a}`]);
      expect(notANumber.body).toContain('value="six"');
      const tooMany = await person.post(`/budgets/${budget.budgetId}/vote/check`, { [`points_${a}`]: '7', [`points_${b}`]: '4', code: code as string });
      expect(summaryErrors(tooMany.body)).toEqual({ projects: 'You have 10 points: you used 11' });
      const check = await person.post(`/budgets/${budget.budgetId}/vote/check`, { [`points_${a}`]: '6', [`points_${b}`]: '4', code: code as string });
      expect(check.body).toContain('6 points (costs £20,000)');
      expect(check.body).toContain('You gave 10 of your 10 points to 2 projects costing £55,000 together');
      expect(check.body).toContain('You are voting with a voting code.');
      const wrongCode = await person.post(`/budgets/${budget.budgetId}/vote`, { [`points_${a}`]: '6', [`points_${b}`]: '4', code: 'NOTACODE22' });
      expect(wrongCode.statusCode).toBe(422);
      expect(Object.keys(summaryErrors(wrongCode.body))).toEqual(['code']);
      const cast = await person.post(`/budgets/${budget.budgetId}/vote`, Object.fromEntries(carriedFields(check.body)));
      expect(cast.statusCode).toBe(303);
      expect(await t.db.selectFrom('budget_ballot').select(['choices', 'source']).where('budget_id', '=', budget.budgetId).execute()).toEqual([
        { choices: { projects: [a, b], points: [6, 4] }, source: 'code' },
      ]);
    });

    it('refuses someone not on the list of eligible people, beside who they are voting as, and takes someone on it', async () => {
      const budget = await budgetInPhase(t, 'vote', { eligibility: 'list', minAge: null, postcodeDistricts: '' });
      const listed = await signedInPerson(t);
      await importEligiblePeople({ db: t.db }, budget.admin.actor, budget.budgetId, `email\n${listed.email}\n`);
      const [a] = budget.projects as [string];
      await voter.get(`/budgets/${budget.budgetId}/vote`);
      const refused = await voter.post(`/budgets/${budget.budgetId}/vote`, { projects: a });
      expect(refused.statusCode).toBe(422);
      expect(Object.keys(summaryErrors(refused.body))).toEqual(['email']);
      expect(refused.body).toContain('id="email"');
      expect(refused.body).toContain('is not on the list of people who may vote in this budget');
      expect((await voteThroughPages(listed.client, budget.budgetId, { projects: a })).statusCode).toBe(303);
    });

    it('takes a ranked ballot, naming a gap in the ranks', async () => {
      const budget = await budgetInPhase(t, 'vote', { ballotType: 'ordinal', eligibility: 'postcode', minAge: null });
      const [a, b, c] = budget.projects as [string, string, string];
      await voter.get(`/budgets/${budget.budgetId}/vote`);
      const gap = await voter.post(`/budgets/${budget.budgetId}/vote/check`, { [`rank_${a}`]: '1', [`rank_${b}`]: '3', postcode: 'LS7 1AA' });
      expect(gap.statusCode).toBe(422);
      expect(summaryErrors(gap.body)).toEqual({ [`rank_${b}`]: 'There is no rank 2: number your choices 1, 2, 3 and so on without gaps' });
      const cast = await voteThroughPages(voter, budget.budgetId, { [`rank_${c}`]: '1', [`rank_${a}`]: '2', postcode: 'LS7 1AA' });
      expect(cast.statusCode).toBe(303);
      expect((await t.db.selectFrom('budget_ballot').select('choices').where('budget_id', '=', budget.budgetId).executeTakeFirstOrThrow()).choices).toEqual({
        projects: [c, a],
      });
    });

    it('says voting has not opened before the vote, and nothing is cast', async () => {
      const budget = await budgetInPhase(t, 'ideas');
      const ballot = await voter.get(`/budgets/${budget.budgetId}/vote`);
      expect(ballot.statusCode).toBe(409);
      expect(ballot.body).toContain('Voting has not opened yet.');
      const cast = await voter.post(`/budgets/${budget.budgetId}/vote`, { projects: budget.projects[0] as string });
      expect(cast.statusCode).toBe(409);
    });
  });

  describe('after the count', () => {
    let budget: PageTestBudget;
    let receipt: string;
    beforeAll(async () => {
      budget = await budgetInPhase(t, 'vote', { minAge: null });
      const [a, b, c, d] = budget.projects as [string, string, string, string];
      receipt = await receiptAfterVoting(voter, await voteThroughPages(voter, budget.budgetId, { projects: [a, d], postcode: 'LS6 1AA' }));
      await receiptAfterVoting(voterTwo, await voteThroughPages(voterTwo, budget.budgetId, { projects: [b, c, d], postcode: 'LS6 1AA' }));
      const third = await signedInPerson(t);
      await receiptAfterVoting(third.client, await voteThroughPages(third.client, budget.budgetId, { projects: [a, d], postcode: 'LS7 9ZZ' }));
    });

    it('has no result, file or receipt lookup before the count', async () => {
      for (const path of ['result', 'result.json', 'ballots.pb', 'recount'])
        expect((await t.client().get(`/budgets/${budget.budgetId}/${path}`)).statusCode, path).toBe(404);
      expect((await t.client().get(`/budgets/${budget.budgetId}/receipt`)).body).toContain('The ballots are published after the count');
    });

    it('shows the result: funded projects first, every project with its votes, cost and explanation, a chart, and the links to check it', async () => {
      await moveBudgetPhase({ db: t.db }, budget.admin.actor, budget.budgetId, 'counted');
      const result = await t.client().get(`/budgets/${budget.budgetId}/result`);
      expect(result.statusCode).toBe(200);
      const stored = (await t.db.selectFrom('budget').select('result').where('id', '=', budget.budgetId).executeTakeFirstOrThrow()).result;
      expect(stored?.selected.length).toBeGreaterThan(0);
      expect(result.body).toContain('3 ballots were counted');
      expect(result.body).toContain('By the Method of Equal Shares');
      expect(result.body).toContain('svg class="involve-chart"');
      for (const p of stored?.projects ?? []) {
        expect(result.body).toContain(p.title);
        expect(result.body).toContain(asHtml(p.explanation));
      }
      const funded = result.body.slice(result.body.indexOf('id="funded"'), result.body.indexOf('id="every-project"'));
      for (const id of stored?.selected ?? []) expect(funded).toContain(stored?.projects.find((p) => p.id === id)?.title);
      for (const link of ['ballots.pb', 'result.json', 'recount', 'receipt']) expect(result.body).toContain(`href="/budgets/${budget.budgetId}/${link}"`);
      expect((await t.client().get(`/budgets/${budget.budgetId}`)).body).toContain('See the result');

      const json = await t.client().get(`/budgets/${budget.budgetId}/result.json`);
      expect(json.headers['content-type']).toContain('application/json');
      expect(json.json()).toMatchObject({ id: budget.budgetId, selected: stored?.selected, rule: 'mes-cost-add1' });
    });

    it('serves the ballots as a downloadable .pb file, explains how to recount it, and finds a ballot by its receipt, unchanged', async () => {
      const file = await t.client().get(`/budgets/${budget.budgetId}/ballots.pb`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(file.headers['content-disposition']).toBe('attachment; filename="ballots.pb"');
      expect(file.body).toContain('VOTES');
      expect(file.body).toContain(`${receipt};`);

      const recount = await t.client().get(`/budgets/${budget.budgetId}/recount`);
      expect(recount.body).toContain('npx decide pb ballots.pb --rule mes-cost-add1 --json');
      expect(recount.body).toContain('method_of_equal_shares(instance, profile, sat_class=Cost_Sat, voter_budget_increment=1)');

      const form = await t.client().get(`/budgets/${budget.budgetId}/receipt`);
      expect(form.body).toContain('Receipt code');
      const found = await t.client().get(`/budgets/${budget.budgetId}/receipt?code=${receipt.toLowerCase()}`);
      expect(found.statusCode).toBe(200);
      expect(found.body).toContain('Your ballot, as published');
      expect(found.body).toContain('Benches in the park');
      expect(found.body).toContain('Youth counselling');
      expect(found.body).not.toContain('Community garden');
      const missing = await t.client().get(`/budgets/${budget.budgetId}/receipt?code=ZZZZZZZZZZ`);
      expect(Object.keys(summaryErrors(missing.body))).toEqual(['code']);

      // Voting has closed.
      await voter.get(`/budgets/${budget.budgetId}/vote`);
      const late = await voter.post(`/budgets/${budget.budgetId}/vote`, { projects: budget.projects[0] as string, postcode: 'LS6 1AA' });
      expect(late.statusCode).toBe(409);
      expect(late.body).toContain('Voting has closed.');
    });
  });
});
