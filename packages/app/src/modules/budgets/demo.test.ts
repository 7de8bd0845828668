// The demo's participatory budgets: one open for voting (ideas in every state, a shortlist of at
// least 15, some ballots) and one counted (at least 2,000 ballots of varied sizes over at least 15
// projects, published, the funded projects decisions). The real decide command, run on the published
// .pb file with the rule its META names, selects exactly what the result page says was funded.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countPb, readPb } from '@involve/decide';
import { runThroughPipe } from '@involve/decide/cli/throughPipe';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { anonymous } from '../../platform/permissions.js';
import { loadDemoHealthSystem } from '../index.js';
import { type BudgetSummary, getBudgetResult, listBudgets, listProjects, publishedPbFile } from './service.js';

const decideCli = fileURLToPath(new URL('../../../../decide/src/cli.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

describeWithTestDatabase('the demo’s participatory budgets', (database) => {
  const deps = () => ({ db: database.db });
  const dir = mkdtempSync(path.join(tmpdir(), 'involve-budgets-'));
  let budgets: BudgetSummary[];
  beforeAll(async () => {
    await loadDemoHealthSystem(database.db);
    budgets = (await listBudgets(deps(), anonymous, {})).items;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const ballotsOf = (budgetId: number) => database.db.selectFrom('budget_ballot').select(['choices', 'voter_hash']).where('budget_id', '=', budgetId).execute();

  it('has one open for voting, with ideas in every state, a shortlist of at least 15 and some ballots', async () => {
    const open = budgets.find((b) => b.phase === 'vote') as BudgetSummary;
    expect(open.shortlisted).toBeGreaterThanOrEqual(15);
    const statuses = new Set((await listProjects(deps(), anonymous, open.id)).map((p) => p.status));
    expect([...statuses].sort()).toEqual(['merged', 'not_feasible', 'shortlisted']);
    const ballots = await ballotsOf(open.id);
    expect(ballots.length).toBeGreaterThan(20);
    expect(ballots.every((b) => b.voter_hash !== null)).toBe(true);
  });

  it('has one counted, with 2,000 ballots or more of varied sizes over at least 15 projects, its funded projects delivered as decisions', async () => {
    const counted = budgets.find((b) => b.phase === 'delivery') as BudgetSummary;
    expect(counted.shortlisted).toBeGreaterThanOrEqual(15);
    const ballots = await ballotsOf(counted.id);
    expect(ballots.length).toBeGreaterThanOrEqual(2_000);
    expect(ballots.every((b) => b.voter_hash === null)).toBe(true);
    const sizes = new Set(ballots.map((b) => b.choices.projects.length));
    expect(sizes.size).toBeGreaterThanOrEqual(5);
    const result = await getBudgetResult(deps(), anonymous, counted.id);
    const funded = (await listProjects(deps(), anonymous, counted.id)).filter((p) => result?.selected.includes(p.pbId));
    expect(funded.length).toBe(result?.selected.length);
    expect(funded.every((p) => p.decisionId !== null)).toBe(true);
    // The voters' tastes differ enough for the rules to differ.
    const election = readPb((await publishedPbFile(deps(), counted.id)) as string);
    expect(countPb(election, 'greedy-cost').selected).not.toEqual(countPb(election, 'mes-cost-add1').selected);
  });

  it('publishes a .pb file that the decide command, with the rule in its META, counts to exactly the published selection', { timeout: 120_000 }, async () => {
    const counted = budgets.find((b) => b.phase === 'delivery') as BudgetSummary;
    const text = (await publishedPbFile(deps(), counted.id)) as string;
    const rule = readPb(text).meta.decide_rule as string;
    expect(rule).toBe('mes-cost-add1');
    const file = path.join(dir, 'ballots.pb');
    writeFileSync(file, text);
    const run = await runThroughPipe(decideCli, ['pb', file, '--rule', rule, '--json'], { cwd: repoRoot, reader: 'cat' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = await getBudgetResult(deps(), anonymous, counted.id);
    expect((JSON.parse(run.stdout.toString('utf8')) as { selected: string[] }).selected).toEqual(result?.selected);
  });
});
