// Hand-worked Scottish STV counts (figures worked out on paper from rules 45-52).
import { describe, expect, it } from 'vitest';
import { parseBlt } from './blt.js';
import type { StvResult } from './result.js';
import { countScottish } from './scottish.js';

const byOrder = { method: 'candidate-order' } as const;

function votesAt(result: StvResult, stage: number): Record<string, string> {
  const s = result.stages[stage - 1];
  if (!s) throw new Error(`no stage ${stage}`);
  return Object.fromEntries(s.rows.map((r) => [r.name, r.votes]));
}

describe('Scottish STV', () => {
  // 24 valid papers, 2 seats: quota ⌊24/3⌋ + 1 = 9. A has 14, so a surplus of 5; each of A's papers
  // moves at ⌊5/14⌋ to 5 places = 0.35714: 10 papers to B (3.57140) and 4 to C (1.42856); 0.00004 is
  // lost to the truncation. D (2) is excluded, then B (6.57140), and C fills the last seat (rule 52).
  const worked = parseBlt(`4 2
10 1 2 0
4 1 3 0
3 2 0
5 3 0
2 4 3 0
0
"A"
"B"
"C"
"D"
"Worked example"
`);

  it('counts the worked example stage by stage', () => {
    const result = countScottish(worked, { lot: byOrder });
    expect(result.quota).toBe('9');
    expect(result.validBallots).toBe(24);
    expect(votesAt(result, 1)).toEqual({ A: '14.00000', B: '3.00000', C: '5.00000', D: '2.00000' });
    expect(result.stages[0]?.elected.map((e) => e.name)).toEqual(['A']);

    const surplus = result.stages[1];
    expect(surplus?.action).toBe('surplus');
    expect(surplus?.surplus).toBe('5.00000');
    expect(surplus?.transferValue).toBe('0.35714');
    expect(votesAt(result, 2)).toEqual({ A: '9.00000', B: '6.57140', C: '6.42856', D: '2.00000' });
    expect(surplus?.lost).toEqual({ change: '0.00004', total: '0.00004' });
    expect(surplus?.rows.find((r) => r.name === 'B')?.change).toBe('3.57140');

    expect(result.stages[2]?.excluded.map((e) => e.name)).toEqual(['D']);
    expect(votesAt(result, 3)).toEqual({ A: '9.00000', B: '6.57140', C: '8.42856', D: '0.00000' });

    const last = result.stages[3];
    expect(last?.excluded.map((e) => e.name)).toEqual(['B']);
    expect(last?.elected).toEqual([{ id: 3, name: 'C', reason: 'continuing candidates are no more than the vacancies left (rule 52)' }]);
    expect(last?.nonTransferable.total).toBe('6.57140');
    expect(last?.total).toBe('24.00000');
    expect(result.elected).toEqual(['A', 'C']);
    expect(result.electedAtStage).toEqual([1, 4]);
    expect(result.stages).toHaveLength(4);
  });

  it('transfers a paper at the value it arrived with (rule 48(4)(b) and rule 50(4))', () => {
    // A: 12 papers (quota 7 with 2 seats and 20 papers), surplus 5: each A→B→C paper goes to B at
    // ⌊5/12⌋ = 0.41666. B is then excluded, and those papers carry 0.41666 on to C.
    const result = countScottish(parseBlt('3 2\n12 1 2 3 0\n3 2 0\n5 3 0\n0\n"A"\n"B"\n"C"\n'), { lot: byOrder });
    expect(result.quota).toBe('7');
    expect(result.stages[1]?.transferValue).toBe('0.41666');
    expect(votesAt(result, 2).B).toBe('7.99992');
    // B now has a quota too (7.99992 ≥ 7): elected at stage 2; the seats are filled.
    expect(result.elected).toEqual(['A', 'B']);
  });

  it('elects those reaching the quota at one stage in order of votes, and transfers the larger surplus first (rule 49)', () => {
    const result = countScottish(parseBlt('4 3\n6 1 3 0\n8 2 4 0\n1 3 0\n1 4 0\n0\n"A"\n"B"\n"C"\n"D"\n'), { lot: byOrder });
    // 16 papers, 3 seats: quota 5. B (8) and A (6) both reach it at the first stage.
    expect(result.stages[0]?.elected.map((e) => e.name)).toEqual(['B', 'A']);
    expect(result.stages[1]?.candidate).toBe('B');
    expect(result.stages[2]?.candidate).toBe('A');
  });

  it('breaks a tie for exclusion by the most recent earlier stage at which the candidates differed (rule 51(2)(a))', () => {
    // 13 papers, 1 seat: quota 7. D is excluded first and its paper goes to B, so B and C both have
    // 4 at stage 2; at stage 1 B had 3 and C had 4, so B is excluded.
    const result = countScottish(parseBlt('4 1\n5 1 0\n3 2 0\n4 3 0\n1 4 2 0\n0\n"A"\n"B"\n"C"\n"D"\n'), { lot: byOrder });
    expect(votesAt(result, 2)).toMatchObject({ B: '4.00000', C: '4.00000' });
    expect(result.stages[2]?.excluded.map((e) => e.name)).toEqual(['B']);
    expect(result.stages[2]?.ties).toEqual([{ purpose: 'whom to exclude (rule 51)', tied: ['B', 'C'], chosen: 'B', decidedBy: 'stage 1' }]);
    expect(result.lotsDrawn).toEqual([]);
    expect(result.elected).toEqual(['A']);
  });

  it('draws a lot when the candidates were equal at every stage (rule 51(2)(b)), from the seed, repeatably', () => {
    const election = parseBlt('3 1\n3 1 0\n2 2 0\n2 3 0\n0\n"A"\n"B"\n"C"\n');
    const first = countScottish(election, { lot: { method: 'seeded', seed: 1 } });
    expect(first.lotsDrawn).toHaveLength(1);
    expect(first.lotsDrawn[0]).toMatchObject({ stage: 2, tied: ['B', 'C'] });
    expect(first.lot).toEqual({ method: 'seeded', generator: 'SplitMix64', seed: 1 });
    expect(first.stages[1]?.ties[0]?.decidedBy).toBe('lot');
    // The same seed gives the same count; different seeds give both outcomes.
    expect(countScottish(election, { lot: { method: 'seeded', seed: 1 } })).toEqual(first);
    const outcomes = new Set<string>();
    for (let seed = 0; seed < 20; seed++) outcomes.add(countScottish(election, { lot: { method: 'seeded', seed } }).lotsDrawn[0]?.chosen ?? '');
    expect(outcomes).toEqual(new Set(['B', 'C']));
    // droop's "lot" picks the candidate first on the ballot paper.
    expect(countScottish(election, { lot: byOrder }).lotsDrawn[0]?.chosen).toBe('B');
  });

  it('has no stage for a candidate elected with exactly the quota (no surplus)', () => {
    // 12 papers, 2 seats: quota 5. A has exactly 5.
    const result = countScottish(parseBlt('3 2\n5 1 2 0\n4 2 0\n3 3 0\n0\n"A"\n"B"\n"C"\n'), { lot: byOrder });
    expect(result.stages[0]?.elected.map((e) => e.name)).toEqual(['A']);
    expect(result.stages[1]?.action).toBe('exclusion');
    expect(result.elected).toEqual(['A', 'B']);
  });

  it('elects everyone at once when there are no more candidates than seats', () => {
    const result = countScottish(parseBlt('3 2\n-3\n5 1 0\n0\n"A"\n"B"\n"C"\n'), { lot: byOrder });
    expect(result.stages).toHaveLength(1);
    expect(result.elected).toEqual(['A', 'B']);
    expect(result.candidates[2]).toEqual({ id: 3, name: 'C', withdrawn: true });
  });
});
