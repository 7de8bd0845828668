// For the budgets route tests only: a process (the module's testKit) in the phase a page test needs,
// with a signed-in client for its admin; and ballots cast through the public pages as a browser
// casts them (the ballot, the check step, the cast), with the receipt the page then shows once.
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp, TestClient } from '../../../../test/testApp.js';
import { signedInPerson } from '../../accounts/testKit.js';
import type { BudgetInput } from '../service.js';
import { moveBudgetPhase } from '../service.js';
import { type TestBudget, testBudget } from '../testKit.js';

export interface PageTestBudget extends TestBudget {
  /** A browser signed in as an admin of its organisation. */
  adminClient: TestClient;
}

/** The testKit's process (£100,000, postcode districts LS6 and LS7 from age 16, four projects) in this phase. */
export async function budgetInPhase(t: TestApp, phase: 'draft' | 'ideas' | 'vote', settings: Partial<BudgetInput> = {}): Promise<PageTestBudget> {
  const budget = await testBudget(t.db, { settings, phase: phase === 'vote' ? 'vote' : 'draft' });
  if (phase === 'ideas') await moveBudgetPhase({ db: t.db }, budget.admin.actor, budget.budgetId, 'ideas');
  const { client: adminClient } = await signedInPerson(t, { roles: [{ organisationId: budget.organisationId, role: 'admin' }] });
  return { ...budget, adminClient };
}

/** A ballot through the pages: the form, the check step (which must accept it) and the cast; the cast's answer. */
export async function voteThroughPages(client: TestClient, budgetId: number, form: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
  await client.get(`/budgets/${budgetId}/vote`);
  const checked = await client.post(`/budgets/${budgetId}/vote/check`, form);
  if (checked.statusCode !== 200) throw new Error(`the check step answered ${checked.statusCode}`);
  return client.post(`/budgets/${budgetId}/vote`, { ...form, cast: '1' });
}

/** The receipt on the page a vote leads to (the page shows it once). */
export async function receiptAfterVoting(client: TestClient, cast: LightMyRequestResponse): Promise<string> {
  const voted = await client.get(String(cast.headers.location));
  const receipt = /id="receipt-code">([^<]+)</.exec(voted.body)?.[1];
  if (!receipt) throw new Error(`no receipt on ${cast.headers.location}: ${voted.statusCode}`);
  return receipt;
}
