// Hand-worked examples: each outcome below is worked out in the comments.
import { describe, expect, it } from 'vitest';
import type { PbElection } from './election.js';
import { explanationText } from './explain.js';
import type { MesExplanation } from './outcome.js';
import { parseRational, type Rational } from './rational.js';
import { countPb } from './rules.js';

function election(budget: string, projects: [string, string][], ballots: string[][]): PbElection {
  return {
    meta: {},
    budget: parseRational(budget) as Rational,
    voteType: 'approval',
    projects: projects.map(([id, cost]) => ({ id, cost: parseRational(cost) as Rational, fields: {} })),
    voters: ballots.map((vote, i) => ({ id: `v${i + 1}`, vote, fields: {} })),
    projectColumns: ['project_id', 'cost'],
    voterColumns: ['voter_id', 'vote'],
  };
}

// Four voters, budget 9 (2.25 each). x costs 4 (v1, v2, v3), y costs 3 (v3, v4), z costs 2 (v4).
const small = election(
  '9',
  [
    ['x', '4'],
    ['y', '3'],
    ['z', '2'],
  ],
  [['x'], ['x'], ['x', 'y'], ['y', 'z']],
);

describe('equal shares', () => {
  it('buys at the lowest price per unit of satisfaction, with poorer supporters paying all they have', () => {
    // Round 1: x costs 4/3 each (ρ = 1/3), y 3/2 each (ρ = 1/2), z 2 (ρ = 1): buy x; v1–v3 keep 11/12.
    // Round 2: y: v3 pays all 11/12, v4 pays 3 − 11/12 = 25/12 (ρ = 25/36 < 1 for z): buy y; v4 keeps 1/6.
    // z is then out of reach (v4 holds 1/6 < 2).
    const outcome = countPb(small, 'mes-cost', { explain: true });
    expect(outcome.order).toEqual(['x', 'y']);
    expect(outcome.cost).toBe('7');
    const e = outcome.explanation as MesExplanation;
    expect(e.voterBudget).toBe('2.25');
    expect(e.rounds.map((r) => r.rho)).toEqual(['1/3', '25/36']);
    expect(e.rounds[1]?.payingAllTheyHad).toBe(1);
    expect(e.rounds[1]?.droppedOut.map((d) => [d.project, d.supportersMoney])).toEqual([['z', '0.17']]);
  });

  it('add1 raises the money per voter until the outcome is exhaustive', () => {
    // At 2.25 and 3.25 per voter the outcome is {x, y} (cost 7, z still fits); at 4.25 it is
    // {x, y, z}, which costs 9, the whole budget: exhaustive, so that is the outcome.
    const outcome = countPb(small, 'mes-cost-add1', { explain: true });
    expect(outcome.selected).toEqual(['x', 'y', 'z']);
    const text = explanationText(outcome);
    expect(text).toContain('from 2.25 to 4.25 (2 increments');
    expect(text).toContain('left no money for any other project');
  });

  it('greedy completion spends what equal shares leaves', () => {
    expect(countPb(small, 'mes-cost-greedy').selected).toEqual(['x', 'y', 'z']);
  });

  it('breaks exact ties by the smaller id in string order ("10" before "9")', () => {
    // Both cost 2 and have the same two supporters: ρ = 1/2 for both; p10 goes first, then p9 is out of reach.
    const tie = election(
      '2',
      [
        ['p9', '2'],
        ['p10', '2'],
      ],
      [
        ['p9', 'p10'],
        ['p9', 'p10'],
      ],
    );
    for (const rule of ['mes-cost', 'mes-cardinality', 'greedy-cost', 'phragmen'] as const) expect(countPb(tie, rule).selected, rule).toEqual(['p10']);
    const text = explanationText(countPb(tie, 'mes-cost', { explain: true }));
    expect(text).toContain('Tied at exactly the same ρ with p9');
  });

  it('selects supported free projects under cardinality satisfaction only (as pabutools)', () => {
    const free = election(
      '2',
      [
        ['f', '0'],
        ['a', '1'],
      ],
      [['f'], ['a']],
    );
    expect(countPb(free, 'mes-cardinality').selected).toEqual(['a', 'f']);
    expect(countPb(free, 'mes-cost').selected).toEqual(['a']);
  });

  it('selects nothing without voters', () => {
    expect(countPb(election('5', [['a', '1']], []), 'mes-cost-add1').selected).toEqual([]);
  });
});

// Budget 10. c1 costs 6 (3 supporters), c2 costs 6 (2), c3 costs 1 (1), c0 costs 3 (1).
const stops = election(
  '10',
  [
    ['c0', '3'],
    ['c1', '6'],
    ['c2', '6'],
    ['c3', '1'],
  ],
  [['c1'], ['c1'], ['c1'], ['c2'], ['c2'], ['c3'], ['c0']],
);

describe('sequential Phragmén', () => {
  it('stops, rather than skips, when a cheapest-load project no longer fits', () => {
    // New loads: c3 1, c1 2, c0 3, c2 3. Buy c3, then c1 (7 spent). Then c0 and c2 tie at load 3:
    // c2 does not fit (7 + 6 > 10), so the count stops although c0 would fit.
    const outcome = countPb(stops, 'phragmen', { explain: true });
    expect(outcome.order).toEqual(['c3', 'c1']);
    expect(explanationText(outcome)).toContain('Stopped: the next project, c2, costs 6 but only 3 is left.');
  });
});

describe('greedy', () => {
  it('skips what does not fit and goes on', () => {
    // By supporters: c1 (3; 4 left), c2 (2; skipped, 6 > 4), then c0 and c3 (1 each, c0 first): 1 left, then 0.
    const outcome = countPb(stops, 'greedy-cost', { explain: true });
    expect(outcome.order).toEqual(['c1', 'c0', 'c3']);
    expect(explanationText(outcome)).toContain('c2: 2 supporters, cost 6 — skipped: it costs 6 but only 4 is left.');
  });

  it('ranks by supporters per unit of cost under cardinality satisfaction', () => {
    // c3 1/1, c1 3/6, c2 2/6, c0 1/3 (ties c2 and c0 by id: c0 first): c3, c1 (3 left), c0 (0 left), c2 skipped.
    expect(countPb(stops, 'greedy-cardinality').order).toEqual(['c3', 'c1', 'c0']);
  });
});
