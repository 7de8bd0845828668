import { describe, expect, it } from 'vitest';
import { checkFeasibility, findDistribution, InfeasibleQuotasError } from './index.js';
import { instanceFromData, panelProblems } from './instance.js';

type QuotaSpec = { category: string; feature: string; min: number; max: number };

function pool(spec: Array<[string, Record<string, string>, string?]>) {
  return spec.map(([id, features, household]) => ({ id, features, ...(household ? { household } : {}) }));
}

const men = (n: number, age: string) => Array.from({ length: n }, (_, i) => [`m-${age}-${i}`, { gender: 'male', age }] as [string, Record<string, string>]);
const women = (n: number, age: string) => Array.from({ length: n }, (_, i) => [`w-${age}-${i}`, { gender: 'female', age }] as [string, Record<string, string>]);

describe('feasibility', () => {
  it('finds a panel meeting every quota when there is one', async () => {
    const quotas: QuotaSpec[] = [
      { category: 'gender', feature: 'female', min: 2, max: 3 },
      { category: 'gender', feature: 'male', min: 2, max: 3 },
      { category: 'age', feature: 'young', min: 1, max: 5 },
      { category: 'age', feature: 'old', min: 1, max: 5 },
    ];
    const instance = instanceFromData(quotas, pool([...men(3, 'young'), ...women(3, 'old')]), 5);
    const report = await checkFeasibility(instance);
    expect(report.feasible).toBe(true);
    expect(panelProblems(instance, report.panel ?? [])).toEqual([]);
  });

  it('names a category whose mins add up to more than the seats, and the relaxation', async () => {
    const quotas: QuotaSpec[] = [
      { category: 'gender', feature: 'female', min: 3, max: 4 },
      { category: 'gender', feature: 'male', min: 3, max: 4 },
    ];
    const instance = instanceFromData(quotas, pool([...men(4, 'any'), ...women(4, 'any')]), 5);
    const report = await checkFeasibility(instance);
    expect(report.feasible).toBe(false);
    expect(report.conflicts).toEqual(['gender: the mins add up to 6, more than the 5 seats (lower them by 1 in all).']);
    expect(report.relaxations).toHaveLength(1);
    expect(report.relaxations[0]?.min).toBe(2);
  });

  it('finds the cheapest relaxation of quotas that conflict across categories, and it works', async () => {
    // Everyone young is a man: two young members need two men, but at most one man may sit.
    const quotas: QuotaSpec[] = [
      { category: 'gender', feature: 'female', min: 0, max: 3 },
      { category: 'gender', feature: 'male', min: 0, max: 1 },
      { category: 'age', feature: 'young', min: 2, max: 3 },
      { category: 'age', feature: 'old', min: 0, max: 3 },
    ];
    const people = pool([...men(2, 'young'), ...women(3, 'old')]);
    const instance = instanceFromData(quotas, people, 3);
    const report = await checkFeasibility(instance);
    expect(report.feasible).toBe(false);
    expect(report.conflicts).toEqual([]);
    // Raising a max costs 1 a seat; lowering a min of 2 costs 1 + 2/2 = 2 a seat.
    expect(report.relaxations.map((r) => [r.quota.category, r.quota.feature, r.min, r.max])).toEqual([['gender', 'male', 0, 2]]);
    const relaxed = quotas.map((q) => (q.feature === 'male' ? { ...q, max: 2 } : q));
    expect((await checkFeasibility(instanceFromData(relaxed, people, 3))).feasible).toBe(true);
    await expect(findDistribution(instance, 'leximin')).rejects.toThrow(InfeasibleQuotasError);
    await expect(findDistribution(instance, 'leximin')).rejects.toThrow(/gender = male: raise its max from 1 to 2 \(by 1\)/);
  });

  it('says when households, not quotas, make the seats impossible to fill', async () => {
    const quotas: QuotaSpec[] = [{ category: 'gender', feature: 'female', min: 0, max: 4 }];
    const instance = instanceFromData(
      quotas,
      pool([
        ['a', { gender: 'female' }, 'h1'],
        ['b', { gender: 'female' }, 'h1'],
        ['c', { gender: 'female' }, 'h2'],
        ['d', { gender: 'female' }, 'h2'],
      ]),
      3,
    );
    const report = await checkFeasibility(instance);
    expect(report.feasible).toBe(false);
    expect(report.conflicts).toEqual(['only 2 households are in the pool, fewer than the 3 seats (one person per household).']);
    expect(report.relaxations).toEqual([]);
  });
});
