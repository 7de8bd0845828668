// Hand-worked examples for MAXIMIN and LEXIMIN.
import { describe, expect, it } from 'vitest';
import { findDistribution, selectAssembly } from './index.js';
import { panelProblems } from './instance.js';
import { type SmallPool, smallInstance } from './testInstance.js';

/**
 * Two seats and three features, at most one seat each: p (A), q1–q3 (B), r (C). Each panel holds at
 * most one q, so the q share at most one seat: 1/3 each at best, which is the minimum. Then p and r
 * share the remaining seat, p + r = 1: MAXIMIN may leave them at 1/3 and 2/3, LEXIMIN evens them
 * out at 1/2 each.
 */
function threeFeatures() {
  return smallInstance({
    seats: 2,
    quotas: { kind: { A: [0, 1], B: [0, 1], C: [0, 1] } },
    people: { p: { kind: 'A' }, q1: { kind: 'B' }, q2: { kind: 'B' }, q3: { kind: 'B' }, r: { kind: 'C' } },
  });
}

/** LEXIMIN's distribution over the panels of a small pool. */
const leximin = (pool: SmallPool) => findDistribution(smallInstance(pool), 'leximin');

describe('MAXIMIN and LEXIMIN on small pools', () => {
  it('LEXIMIN raises the minimum, then the next: q 1/3 each, p and r 1/2 each', async () => {
    const instance = threeFeatures();
    const result = await findDistribution(instance, 'leximin');
    const [p, q1, q2, q3, r] = result.probabilities;
    for (const q of [q1, q2, q3]) expect(q).toBeCloseTo(1 / 3, 9);
    expect(p).toBeCloseTo(1 / 2, 9);
    expect(r).toBeCloseTo(1 / 2, 9);
    expect(result.minProbability).toBeCloseTo(1 / 3, 9);
    expect(result.distribution?.panels.reduce((sum, panel) => sum + panel.weight, 0)).toBe(result.distribution?.denominator);
    for (const panel of result.distribution?.panels ?? []) expect(panelProblems(instance, panel.members)).toEqual([]);
  });

  it('MAXIMIN reaches the same minimum; the rest only add up', async () => {
    const result = await findDistribution(threeFeatures(), 'maximin');
    const [p, q1, q2, q3, r] = result.probabilities as unknown as number[];
    expect(result.minProbability).toBeCloseTo(1 / 3, 9);
    expect((p as number) + (r as number)).toBeCloseTo(1, 9);
    expect((q1 as number) + (q2 as number) + (q3 as number)).toBeCloseTo(1, 9);
  });

  it('gives the only woman certainty and each of three men one chance in three', async () => {
    const result = await leximin({
      seats: 2,
      quotas: { gender: { f: [1, 1], m: [1, 1] } },
      people: { w: { gender: 'f' }, m1: { gender: 'm' }, m2: { gender: 'm' }, m3: { gender: 'm' } },
    });
    expect(result.probabilities[0]).toBe(1);
    for (const i of [1, 2, 3]) expect(result.probabilities[i]).toBeCloseTo(1 / 3, 11);
    expect([...result.probabilities].reduce((a, b) => a + b, 0)).toBeCloseTo(2, 11);
  });

  it('reports people who are on no valid panel, with probability 0', async () => {
    const result = await leximin({
      seats: 2,
      quotas: { age: { adult: [2, 2], minor: [0, 0] } },
      people: { a: { age: 'adult' }, b: { age: 'adult' }, c: { age: 'adult' }, kid: { age: 'minor' } },
    });
    expect(result.excluded).toEqual([3]);
    expect(result.probabilities[3]).toBe(0);
    expect(result.minProbability).toBe(0);
    for (const i of [0, 1, 2]) expect(result.probabilities[i]).toBeCloseTo(2 / 3, 9);
  });

  it('draws the same panel from the same seed, meeting the quotas', async () => {
    const instance = threeFeatures();
    const first = await selectAssembly(instance, { algorithm: 'leximin', seed: '2024-06-01 lottery' });
    const again = await selectAssembly(instance, { algorithm: 'leximin', seed: '2024-06-01 lottery' });
    expect(again.panel).toEqual(first.panel);
    expect(again.ticket).toBe(first.ticket);
    expect(first.quotas.every((line) => line.met)).toBe(true);
    expect(first.panel).toHaveLength(2);
  });
});
