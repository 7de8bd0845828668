// Meek STV on small elections whose fixed points can be worked out by hand.
import { describe, expect, it } from 'vitest';
import { parseBlt } from './blt.js';
import { countMeek } from './meek.js';

const byOrder = { method: 'candidate-order' } as const;

describe('Meek STV', () => {
  it('elects during the iteration as the quota falls', () => {
    // 100 papers, 2 seats. Round 1: quota 100/3 = 33.33…, A (60) is elected. Round 2: A's papers
    // have no next preference, so A's keep factor falls: first to (100/3)/60 = 0.5555…, which
    // brings the quota to (60 × 0.5555… + 40)/3 = 24.44…, and B (30) is elected.
    const result = countMeek(parseBlt('3 2\n60 1 0\n30 2 0\n10 3 0\n0\n"A"\n"B"\n"C"\n'), { lot: byOrder });
    expect(result.quota).toBe('33.333333333333333333');
    expect(result.elected).toEqual(['A', 'B']);
    expect(result.electedAtStage).toEqual([2, 3]);
    const round2 = result.stages[2];
    expect(round2?.meek).toMatchObject({ iterations: 2, stoppedBecause: 'elected' });
    expect(round2?.rows[0]?.keepFactor).toBe('0.555555555555555556'); // 0.555…5|555555555 (27 digits) shown to droop's 18, rounded
    expect(round2?.quota).toBe('24.444444444444444444');
  });

  it('converges to the keep factor quota/votes and then excludes; a tie within the surplus is decided by lot', () => {
    // 100 papers, 2 seats. A (60 papers, no later preferences) is elected in round 1. Then
    // kf → kf/3 + 2/9, whose fixed point is 1/3: A keeps 20, the quota falls to 20, and B and C (20
    // each) never exceed it. Once the surplus is below omega (10^-9) the lowest is excluded: B and C
    // are tied, so a lot decides; the other fills the last seat.
    const election = parseBlt('3 2\n60 1 0\n20 2 0\n20 3 0\n0\n"A"\n"B"\n"C"\n');
    const result = countMeek(election, { lot: byOrder });
    const round2 = result.stages[2];
    expect(round2?.meek?.stoppedBecause).toBe('omega');
    expect(round2?.rows[0]?.keepFactor?.slice(0, 11)).toBe('0.333333333');
    expect(round2?.rows[0]?.votes.slice(0, 11)).toBe('20.00000000');
    expect(round2?.ties).toEqual([expect.objectContaining({ tied: ['B', 'C'], chosen: 'B', decidedBy: 'lot' })]);
    expect(result.elected).toEqual(['A', 'C']);
    expect(result.lotsDrawn).toHaveLength(1);

    const seeded = new Set<string>();
    for (let seed = 0; seed < 20; seed++) seeded.add(countMeek(election, { lot: { method: 'seeded', seed } }).elected.join(','));
    expect(seeded).toEqual(new Set(['A,B', 'A,C']));
  });

  it('passes part of an elected candidate’s vote on, keeping the rest', () => {
    // 3 seats from 40 papers: quota 10. A (20 papers, all A then B) is elected in round 1; in
    // round 2, A keeps half of each paper (kf = 1/2) and B receives 10 and is elected.
    const result = countMeek(parseBlt('4 3\n20 1 2 0\n8 3 0\n7 4 0\n5 2 0\n0\n"A"\n"B"\n"C"\n"D"\n'), { lot: byOrder });
    expect(result.elected.slice(0, 2)).toEqual(['A', 'B']);
    const round2 = result.stages[2];
    expect(round2?.rows[0]?.keepFactor).toBe('0.500000000000000000');
    expect(round2?.rows[1]?.votes).toBe('15.000000000000000000');
    // Votes are conserved: candidates + non-transferable + rounding = 40.
    expect(round2?.total).toBe('40.000000000000000000');
  });

  it('elects everyone at once when there are no more candidates than seats', () => {
    const result = countMeek(parseBlt('2 2\n3 1 0\n1 2 0\n0\n"A"\n"B"\n'), { lot: byOrder });
    expect(result.stages).toHaveLength(1);
    expect(result.elected).toEqual(['A', 'B']);
  });
});
