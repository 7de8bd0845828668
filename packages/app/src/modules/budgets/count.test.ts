import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countPb, readPb } from '@involve/decide';
import { runThroughPipe } from '@involve/decide/cli/throughPipe';
import { afterAll, describe, expect, it } from 'vitest';
import { type BudgetForCount, ballotsToElection, countBudget, publishedPb, syntheticBallots } from './count.js';
import type { BudgetRule } from './schema.js';

const budget = (rule: BudgetRule, changes: Partial<BudgetForCount> = {}): BudgetForCount => ({
  id: 7,
  title: 'Healthy Harehills',
  amount: 10_000,
  ballot_type: 'approval',
  max_choices: null,
  limit_to_budget: false,
  points: null,
  rule,
  vote_from: '2025-05-01',
  vote_until: '2025-05-31',
  organisationName: 'Leeds Community Health',
  ...changes,
});

// Budget £10,000, five ballots. Benches (21) and Mural (22) have 3 votes each, Lights (23) 2, the
// Pool (24) costs more than the budget, nobody votes for Bins (25).
const projects = [
  { id: 21, title: 'Benches', cost: 6_000 },
  { id: 22, title: 'Mural', cost: 4_000 },
  { id: 23, title: 'Lights', cost: 3_000 },
  { id: 24, title: 'Pool', cost: 11_000 },
  { id: 25, title: 'Bins', cost: 2_000 },
];
const ballots = [
  { receipt: 'AAAA', choices: { projects: ['21', '22'] } },
  { receipt: 'BBBB', choices: { projects: ['21', '22'] } },
  { receipt: 'CCCC', choices: { projects: ['21', '23'] } },
  { receipt: 'DDDD', choices: { projects: ['22'] } },
  { receipt: 'EEEE', choices: { projects: ['23', '24'] } },
];
const notChosen = { '24': 'It cost £11,000, more than the whole £10,000 budget', '25': 'Nobody voted for it' };

function counted(rule: BudgetRule) {
  const result = countBudget(ballotsToElection(budget(rule), projects, ballots), rule);
  return { selected: result.selected, why: Object.fromEntries(result.projects.map((p) => [p.id, p.explanation])), result };
}

describe('ballotsToElection', () => {
  it('writes the pabulib META, the projects with their votes, and one vote per ballot under its receipt', () => {
    const election = ballotsToElection(budget('mes-cost-add1', { max_choices: 3, limit_to_budget: true }), projects, ballots);
    expect(election.meta).toEqual({
      description: 'Healthy Harehills',
      country: 'UK',
      unit: 'Leeds Community Health',
      instance: '7',
      num_projects: '5',
      num_votes: '5',
      budget: '10000',
      vote_type: 'approval',
      rule: 'equalshares/add1',
      decide_rule: 'mes-cost-add1',
      currency: 'GBP',
      date_begin: '01.05.2025',
      date_end: '31.05.2025',
      max_length: '3',
      max_sum_cost: '10000',
    });
    expect(election.projects.map((p) => [p.id, p.fields])).toEqual([
      ['21', { name: 'Benches', votes: '3', selected: '0' }],
      ['22', { name: 'Mural', votes: '3', selected: '0' }],
      ['23', { name: 'Lights', votes: '2', selected: '0' }],
      ['24', { name: 'Pool', votes: '1', selected: '0' }],
      ['25', { name: 'Bins', votes: '0', selected: '0' }],
    ]);
    expect(election.voters[3]).toEqual({ id: 'DDDD', vote: ['22'], fields: {} });
    expect(ballotsToElection(budget('greedy-cost'), projects, ballots).meta.rule).toBe('greedy');
    expect(ballotsToElection(budget('phragmen', { vote_from: null, vote_until: null }), projects, ballots).meta).toMatchObject({ rule: 'phragmen' });
  });

  it('keeps cumulative points and the points limit', () => {
    const election = ballotsToElection(budget('mes-cost-add1', { ballot_type: 'cumulative', points: 10 }), projects, [
      { receipt: 'P1', choices: { projects: ['21', '23'], points: [7, 3] } },
    ]);
    expect(election.meta.max_sum_points).toBe('10');
    expect(election.voters[0]).toEqual({ id: 'P1', vote: ['21', '23'], points: [7, 3], fields: {} });
    expect(readPb(publishedPb(election, { selected: [] })).voters[0]?.points).toEqual([7, 3]);
  });

  it('refuses a ballot naming a project that is not on the ballot, and a project without a cost', () => {
    expect(() => ballotsToElection(budget('greedy-cost'), projects, [{ receipt: 'ZZ', choices: { projects: ['99'] } }])).toThrow(
      'Ballot ZZ names project 99, which is not on the ballot',
    );
    expect(() => ballotsToElection(budget('greedy-cost'), [{ id: 1, title: 'Uncosted', cost: null }], [])).toThrow('Project 1 (Uncosted) has no cost');
  });
});

describe('countBudget', () => {
  it('greedy: most votes first while the money lasts', () => {
    const { selected, why, result } = counted('greedy-cost');
    expect(selected).toEqual(['21', '22']);
    expect(why).toEqual({
      '21': 'Selected: its 3 votes put it 1st by votes, and its £6,000 cost fitted in the £10,000 left',
      '22': 'Selected: its 3 votes put it 2nd by votes, and its £4,000 cost fitted in the £4,000 left',
      '23': 'It cost £3,000 but only £0 was left when its turn came (its 2 votes put it 3rd by votes)',
      ...notChosen,
    });
    expect(result).toMatchObject({ rule: 'greedy-cost', order: ['21', '22'], cost: '10000', budget: '10000', ballots: 5 });
    expect(result.projects[0]).toEqual({ id: '21', title: 'Benches', cost: 6000, votes: 3, selected: true, explanation: why['21'] });
    expect(result.explanationText).toContain('21 “Benches”: 3 supporters, cost 6000 — selected');
  });

  it('equal shares with add1: £2,500 each buys Benches, then Lights; Mural’s supporters cannot pay', () => {
    // With £2,000 each, Benches (3 × £2,000) goes first (Mural is as cheap per pound, 3 × £1,333.33, and
    // comes later by id), and nothing else is affordable. add1 raises everyone's money: at £2,500, the
    // Benches' supporters keep £500 each, so Lights' two hold £500 + £2,500 = its £3,000 cost; that
    // spends £9,000, and Mural (£4,000) cannot fit: the loop stops.
    const { selected, why, result } = counted('mes-cost-add1');
    expect(selected).toEqual(['21', '23']);
    expect(why).toEqual({
      '21': 'Bought in round 1 for £6,000: its 3 supporters paid £2,000 each',
      '22': 'After round 1 its supporters held £3,500 between them, less than its £4,000 cost',
      '23': 'Bought in round 2 for £3,000: 1 of its 2 supporters paid £2,500 each, 1 paid all they had left',
      ...notChosen,
    });
    expect(result.explanationText).toContain('to 2500');
  });

  it('Phragmén: the smallest load first, stopping at the first project that does not fit', () => {
    const { selected, why } = counted('phragmen');
    expect(selected).toEqual(['22', '23']);
    expect(why).toEqual({
      '21': 'It cost £6,000 but only £3,000 was left when its turn came, so the count stopped',
      '22': 'Bought in round 1: its £4,000 cost, shared among its 3 supporters with what they already carried, left each carrying £1,333.33',
      '23': 'Bought in round 2: its £3,000 cost, shared among its 2 supporters with what they already carried, left each carrying £1,500',
      ...notChosen,
    });
  });

  it('publishes a .pb file that reads back and counts to the same selection under every rule', () => {
    for (const rule of ['mes-cost-add1', 'greedy-cost', 'phragmen'] as const) {
      const election = ballotsToElection(budget(rule), projects, ballots);
      const result = countBudget(election, rule);
      const text = publishedPb(election, result);
      const back = readPb(text);
      expect(back.meta.decide_rule).toBe(rule);
      expect(back.projects.filter((p) => p.fields.selected === '1').map((p) => p.id)).toEqual(result.selected);
      expect(back.projects.map((p) => p.fields.votes)).toEqual(['3', '3', '2', '1', '0']);
      expect(countPb(back, rule).selected).toEqual(result.selected);
      expect(countBudget(back, rule)).toEqual(result);
    }
  });
});

// 10,000 ballots over 50 projects, written as the published file and counted by the decide command
// line (the recount anyone can do) through a real pipe: the same selection as the count's.
describe('a recount with decide', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'involve-budget-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
  const decide = path.join(repoRoot, 'packages/decide/bin/decide.js');

  it('decide pb ballots.pb --rule mes-cost-add1 --json selects exactly the published projects', async () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ id: 101 + i, title: `Project ${i + 1}`, cost: 20_000 + ((i * 7919) % 38) * 10_000 }));
    const election = ballotsToElection(
      budget('mes-cost-add1', { amount: 3_000_000 }),
      many,
      syntheticBallots(
        many.map((p) => ({ id: String(p.id) })),
        10_000,
        15,
      ),
    );
    const result = countBudget(election, 'mes-cost-add1');
    expect(result.selected.length).toBeGreaterThan(3);
    expect(result.projects.every((p) => p.explanation.length > 0)).toBe(true);
    const file = path.join(dir, 'ballots.pb');
    writeFileSync(file, publishedPb(election, result));

    const run = await runThroughPipe(decide, ['pb', file, '--rule', election.meta.decide_rule as string, '--json', '--quiet'], { cwd: repoRoot });
    // stderr may only say that decide runs from its sources (when they are newer than its build).
    expect(run.stderr.replace(/^decide: sources changed since the last .*\n/, '')).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.toString('utf8'))).toMatchObject({ rule: 'mes-cost-add1', selected: result.selected, cost: result.cost });
  });
});
