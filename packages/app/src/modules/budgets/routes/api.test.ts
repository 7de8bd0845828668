// The participatory budgeting API on a real database, each answer checked against the OpenAPI
// document: budgets listed (paged) and read with their projects' .pb ids and costs; a kiosk casting
// ballots with a personal API token and voting codes (a changed ballot replaces the earlier one;
// refusals answer 422 naming the field; 409 once voting has closed); after the count the funded
// projects and every project's votes and explanation.
import { beforeAll, expect, it } from 'vitest';
import { type AnswerCheck, openApiValidator } from '../../../../test/openApi.js';
import { describeWithTestApp } from '../../../../test/testApp.js';
import { apiTokenOf, signedInPerson } from '../../accounts/testKit.js';
import { createVotingCodes, moveBudgetPhase } from '../service.js';
import { type TestBudget, testBudget } from '../testKit.js';

describeWithTestApp('the budgets API', (t) => {
  let check: AnswerCheck;
  let budget: TestBudget;
  let codes: string[];
  let token: string;
  const get = async (url: string) => {
    const answer = await t.app.inject({ url });
    return { status: answer.statusCode, json: answer.json() as Record<string, unknown> };
  };
  const cast = async (body: Record<string, unknown>, bearer: string | null = token) => {
    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/budgets/${budget.budgetId}/ballots`,
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      payload: body,
    });
    return { status: answer.statusCode, json: answer.json() as Record<string, unknown> };
  };

  beforeAll(async () => {
    check = await openApiValidator(t.app);
    budget = await testBudget(t.db, { settings: { maxChoices: 2 } });
    codes = await createVotingCodes({ db: t.db }, budget.admin.actor, budget.budgetId, { count: 3, batch: 'Kiosk' });
    token = await apiTokenOf((await signedInPerson(t, { name: 'Kiosk Keeper' })).client, 'Library kiosk');
  });

  it('lists budgets a page at a time and reads one with its projects’ ids and costs, as the document says', async () => {
    const list = await get('/api/v1/budgets');
    expect(list.status).toBe(200);
    expect(check('/api/v1/budgets', list.json)).toEqual([]);
    expect(list.json).toMatchObject({ page: 1, pageSize: 20, links: { prev: null } });
    expect(list.json.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: budget.budgetId, phase: 'vote', amount: 100_000, shortlisted: 4 })]));
    const byPlace = await get(`/api/v1/budgets?place=${budget.placeId}`);
    expect((byPlace.json.items as unknown[]).length).toBe(1);
    expect((await get('/api/v1/budgets?place=nothing')).status).toBe(400);

    const one = await get(`/api/v1/budgets/${budget.budgetId}`);
    expect(one.status).toBe(200);
    expect(check('/api/v1/budgets/{id}', one.json)).toEqual([]);
    expect(one.json).toMatchObject({ phase: 'vote', amount: 100_000, rule: 'mes-cost-add1', ballotType: 'approval', maxChoices: 2, selected: null });
    expect(one.json.projects).toEqual(budget.projects.map((id) => expect.objectContaining({ id, status: 'shortlisted', cost: expect.any(Number) })));

    const result = await get(`/api/v1/budgets/${budget.budgetId}/result`);
    expect(check('/api/v1/budgets/{id}/result', result.json)).toEqual([]);
    expect(result.json).toMatchObject({ counted: false, selected: [], projects: [], ballots: null });

    const missing = await get('/api/v1/budgets/999999999');
    expect(missing.status).toBe(404);
    expect(check('/api/v1/budgets/{id}', missing.json, { status: 404 })).toEqual([]);
  });

  it('casts ballots with a token and voting codes: 201 with a receipt, a changed ballot replacing the old; refusals name the field', async () => {
    const [a, b, c] = budget.projects as [string, string, string];
    const noToken = await cast({ projects: [a], code: codes[0] }, null);
    expect(noToken.status).toBe(403);

    const first = await cast({ projects: [a, b], code: codes[0] });
    expect(first.status).toBe(201);
    expect(check('/api/v1/budgets/{id}/ballots', first.json, { method: 'post', status: 201 })).toEqual([]);
    expect(first.json).toMatchObject({ receipt: expect.stringMatching(/^[A-Z0-9]{10}$/), replaced: false });
    const again = await cast({ projects: [c], code: codes[0]?.toLowerCase() });
    expect(again.json).toMatchObject({ replaced: true });
    expect(await cast({ projects: [b], code: codes[1] })).toMatchObject({ status: 201 });
    const ballots = await t.db.selectFrom('budget_ballot').select(['choices', 'source']).where('budget_id', '=', budget.budgetId).execute();
    expect(ballots.map((x) => x.choices).sort((x, y) => String(x.projects).localeCompare(String(y.projects)))).toEqual(
      [{ projects: [c] }, { projects: [b] }].sort((x, y) => String(x.projects).localeCompare(String(y.projects))),
    );
    expect(ballots.every((x) => x.source === 'kiosk')).toBe(true);

    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ projects: [a, b, c], code: codes[2] }, 'projects'],
      [{ projects: ['999999'], code: codes[2] }, 'projects'],
      [{ projects: [a], points: [3], code: codes[2] }, 'points'],
      [{ projects: [a], code: 'NOTACODE22' }, 'code'],
      // The kiosk's own account, with no code, lives nowhere in the budget's districts.
      [{ projects: [a], postcode: 'M14 5AB', dateOfBirth: '1990-01-01' }, 'postcode'],
      [{ projects: [a], postcode: 'LS6 1AA', dateOfBirth: '1990-02-31' }, 'dateOfBirth'],
    ];
    for (const [body, field] of refusals) {
      const refused = await cast(body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(check('/api/v1/budgets/{id}/ballots', refused.json, { method: 'post', status: 422 })).toEqual([]);
      expect(
        (refused.json.errors as Array<{ field: string }>).map((e) => e.field),
        JSON.stringify(body),
      ).toEqual([field]);
    }
    const shapeless = await cast({ code: codes[2] });
    expect(shapeless.status).toBe(400);
    expect(shapeless.json.errors).toEqual([expect.objectContaining({ field: 'projects' })]);
    expect(await t.db.selectFrom('budget_ballot').select('id').where('budget_id', '=', budget.budgetId).execute()).toHaveLength(2);
  });

  it('answers the count once counted: the funded ids, every project’s votes and explanation; ballots are refused with 409', async () => {
    await moveBudgetPhase({ db: t.db }, budget.admin.actor, budget.budgetId, 'counted');
    const stored = (await t.db.selectFrom('budget').select('result').where('id', '=', budget.budgetId).executeTakeFirstOrThrow()).result;
    const result = await get(`/api/v1/budgets/${budget.budgetId}/result`);
    expect(result.status).toBe(200);
    expect(check('/api/v1/budgets/{id}/result', result.json)).toEqual([]);
    expect(result.json).toMatchObject({ counted: true, ballots: 2, rule: 'mes-cost-add1', selected: stored?.selected, order: stored?.order });
    expect(result.json.projects).toEqual(stored?.projects);
    expect((result.json.projects as Array<{ explanation: string }>).every((p) => p.explanation.length > 0)).toBe(true);

    const one = await get(`/api/v1/budgets/${budget.budgetId}`);
    expect(check('/api/v1/budgets/{id}', one.json)).toEqual([]);
    expect(one.json).toMatchObject({ phase: 'counted', selected: stored?.selected, ballots: 2 });

    const late = await cast({ projects: [budget.projects[0]], code: codes[2] });
    expect(late.status).toBe(409);
    expect(late.json.detail).toBe('Voting has closed.');
  });
});
