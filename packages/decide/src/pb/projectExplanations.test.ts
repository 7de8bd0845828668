import { describe, expect, it } from 'vitest';
import { readPb } from './format.js';
import { projectExplanations, projectSupport } from './projectExplanations.js';
import { countPb, type PbRule } from './rules.js';

// Budget 10, five voters (2 each under equal shares). a and b have 3 votes each, c 2, d costs more
// than the budget, nobody votes for e.
const election = readPb(`META
key;value
budget;10
vote_type;approval
PROJECTS
project_id;cost;name
a;6;Benches
b;4;Mural
c;3;Lights
d;11;Pool
e;2;Bins
VOTES
voter_id;vote
v1;a,b
v2;a,b
v3;a,c
v4;b
v5;c,d
`);
/** d and e under every rule. */
const notChosen = { d: 'It cost 11, more than the whole 10 budget', e: 'Nobody voted for it' };
const names: Record<string, string> = { a: 'Benches', b: 'Mural', c: 'Lights', d: 'Pool', e: 'Bins' };

function explained(rule: PbRule) {
  const outcome = countPb(election, rule, { explain: true });
  return { selected: outcome.selected, why: Object.fromEntries(projectExplanations(election, outcome, { name: (id) => names[id] })) };
}

describe('projectExplanations', () => {
  it('counts each project’s supporters', () => {
    expect(Object.fromEntries(projectSupport(election))).toEqual({ a: 3, b: 3, c: 2, d: 1, e: 0 });
  });

  it('greedy: the place by votes and what was left when each project’s turn came', () => {
    // a (3 votes, smaller id than b) takes 6 of 10; b (3 votes) takes the 4 left; nothing is left for c.
    expect(explained('greedy-cost')).toEqual({
      selected: ['a', 'b'],
      why: {
        a: 'Selected: its 3 votes put it 1st by votes, and its 6 cost fitted in the 10 left',
        b: 'Selected: its 3 votes put it 2nd by votes, and its 4 cost fitted in the 4 left',
        c: 'It cost 3 but only 0 was left when its turn came (its 2 votes put it 3rd by votes)',
        ...notChosen,
      },
    });
  });

  it('equal shares with add1: the round and the price, and the money the others’ supporters held', () => {
    // Each voter holds 2. a and b both cost 1/3 per unit (a: 2 each of 3; b: 4/3 each of 3): a goes
    // first by id, and its supporters spend all they have; b's then hold 2 (v4), c's 2 (v5). With 3
    // each (add1's next step) a, b and c would cost 13, over the budget: the outcome with 2 stands.
    const add1 = explained('mes-cost-add1');
    expect(add1).toEqual({
      selected: ['a'],
      why: {
        a: 'Bought in round 1 for 6: its 3 supporters paid 2 each',
        b: 'After round 1 its supporters held 2 between them, less than its 4 cost',
        c: 'After round 1 its supporters held 2 between them, less than its 3 cost',
        ...notChosen,
      },
    });
    expect(explained('mes-cost')).toEqual(add1);
  });

  it('equal shares completed greedily: what equal shares bought, then the place by votes', () => {
    expect(explained('mes-cost-greedy').why).toMatchObject({
      a: 'Bought in round 1 for 6: its 3 supporters paid 2 each',
      b: 'Not bought by equal shares, then selected: its 3 votes put it 1st by votes in filling what equal shares left of the budget, and its 4 cost fitted in the 4 left',
      c: 'It cost 3 but only 0 was left when its turn came (its 2 votes put it 2nd by votes in filling what equal shares left of the budget)',
    });
  });

  it('Phragmén: the load each supporter carried, and where the count stopped', () => {
    // Loads: b 4/3, c 3/2, a 2 → b. Then a (8/3 + 6)/3 = 26/9, c 3/2 → c. Then a = 61/18, but it
    // costs 6 and 3 is left: the count stops.
    expect(explained('phragmen')).toEqual({
      selected: ['b', 'c'],
      why: {
        a: 'It cost 6 but only 3 was left when its turn came, so the count stopped',
        b: 'Bought in round 1: its 4 cost, shared among its 3 supporters with what they already carried, left each carrying 1.33',
        c: 'Bought in round 2: its 3 cost, shared among its 2 supporters with what they already carried, left each carrying 1.5',
        ...notChosen,
      },
    });
  });

  it('equal shares: supporters who pay all they have left, and a project that drops out later', () => {
    // Three voters with 3 each. q (all three, 1 each) first; then s and t tie at ρ 1/2 and s goes
    // first by id (v1 and v2 pay 1.5, keeping 0.5); r's only supporter, v1, now holds 0.5; t: v2 pays
    // the 0.5 left, v3 pays 1.5.
    const text = `META
key;value
budget;9
vote_type;approval
PROJECTS
project_id;cost
q;3
r;2
s;3
t;2
VOTES
voter_id;vote
v1;q,r,s
v2;q,s,t
v3;q,t
`;
    const e = readPb(text);
    const outcome = countPb(e, 'mes-cost', { explain: true });
    expect(outcome.order).toEqual(['q', 's', 't']);
    expect(Object.fromEntries(projectExplanations(e, outcome, { money: (x) => `£${x.toFixed(2)}` }))).toEqual({
      q: 'Bought in round 1 for £3.00: its 3 supporters paid £1.00 each',
      r: 'After round 2 its supporters held £0.50 between them, less than its £2.00 cost',
      s: 'Bought in round 2 for £3.00: its 2 supporters paid £1.50 each',
      t: 'Bought in round 3 for £2.00: 1 of its 2 supporters paid £1.50 each, 1 paid all they had left',
    });
  });

  it('names the project the Phragmén count stopped at for a project it never reached that would have fitted', () => {
    const e = readPb(`META
key;value
budget;8
vote_type;approval
PROJECTS
project_id;cost;name
a;4;Benches
s;6;Stage
t;3;Trees
VOTES
voter_id;vote
1;a
2;a
3;s
4;s
5;s
6;t
`);
    // Loads: a 4/2 = 2, s 6/3 = 2, t 3: a goes first by id (4 left); s, load 2, costs 6: the count
    // stops there, before t (load 3, cost 3), which would have fitted.
    const outcome = countPb(e, 'phragmen', { explain: true });
    expect(outcome.selected).toEqual(['a']);
    const why = projectExplanations(e, outcome, { name: (id) => e.projects.find((p) => p.id === id)?.fields.name });
    expect(why.get('s')).toBe('It cost 6 but only 4 was left when its turn came, so the count stopped');
    expect(why.get('t')).toBe('Not reached: the count stops at the first project that does not fit, and s “Stage” did not fit in the 4 left');
  });

  it('says when no ballots were cast', () => {
    const empty = { ...election, voters: [] };
    const outcome = countPb(empty, 'mes-cost-add1', { explain: true });
    expect(projectExplanations(empty, outcome).get('a')).toBe('No ballots were cast');
  });
});
