import { describe, expect, it } from 'vitest';
import { checkFeasibility, findDistribution, InfeasibleQuotasError } from './index.js';
import { panelProblems } from './instance.js';
import { type SmallPool, smallInstance } from './testInstance.js';

/** n people of one gender and age group. */
const people = (n: number, gender: string, age: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${gender}-${age}-${i}`, { gender, age }]));

describe('feasibility', () => {
  it('finds a panel meeting every quota when there is one', async () => {
    const instance = smallInstance({
      seats: 5,
      quotas: { gender: { female: [2, 3], male: [2, 3] }, age: { young: [1, 5], old: [1, 5] } },
      people: { ...people(3, 'male', 'young'), ...people(3, 'female', 'old') },
    });
    const report = await checkFeasibility(instance);
    expect(report.feasible).toBe(true);
    expect(panelProblems(instance, report.panel ?? [])).toEqual([]);
  });

  it('names a category whose mins add up to more than the seats, and the relaxation', async () => {
    const instance = smallInstance({
      seats: 5,
      quotas: { gender: { female: [3, 4], male: [3, 4] } },
      people: { ...people(4, 'male', 'any'), ...people(4, 'female', 'any') },
    });
    const report = await checkFeasibility(instance);
    expect(report.feasible).toBe(false);
    expect(report.conflicts).toEqual(['gender: the mins add up to 6, more than the 5 seats (lower them by 1 in all).']);
    expect(report.relaxations).toHaveLength(1);
    expect(report.relaxations[0]?.min).toBe(2);
  });

  it('finds the cheapest relaxation of quotas that conflict across categories, and it works', async () => {
    // Everyone young is a man: two young members need two men, but at most one man may sit.
    const pool = {
      seats: 3,
      quotas: { gender: { female: [0, 3], male: [0, 1] }, age: { young: [2, 3], old: [0, 3] } },
      people: { ...people(2, 'male', 'young'), ...people(3, 'female', 'old') },
    } satisfies SmallPool;
    const instance = smallInstance(pool);
    const report = await checkFeasibility(instance);
    expect(report.feasible).toBe(false);
    expect(report.conflicts).toEqual([]);
    // Raising a max costs 1 a seat; lowering a min of 2 costs 1 + 2/2 = 2 a seat.
    expect(report.relaxations.map((r) => [r.quota.category, r.quota.feature, r.min, r.max])).toEqual([['gender', 'male', 0, 2]]);
    const relaxed = smallInstance({ ...pool, quotas: { ...pool.quotas, gender: { ...pool.quotas.gender, male: [0, 2] } } });
    expect((await checkFeasibility(relaxed)).feasible).toBe(true);
    await expect(findDistribution(instance, 'leximin')).rejects.toThrow(InfeasibleQuotasError);
    await expect(findDistribution(instance, 'leximin')).rejects.toThrow(/gender = male: raise its max from 1 to 2 \(by 1\)/);
  });

  it('says when households, not quotas, make the seats impossible to fill', async () => {
    const instance = smallInstance({
      seats: 3,
      quotas: { gender: { female: [0, 4] } },
      people: { a: { gender: 'female' }, b: { gender: 'female' }, c: { gender: 'female' }, d: { gender: 'female' } },
      households: { a: 'h1', b: 'h1', c: 'h2', d: 'h2' },
    });
    const report = await checkFeasibility(instance);
    expect(report.feasible).toBe(false);
    expect(report.conflicts).toEqual(['only 2 households are in the pool, fewer than the 3 seats (one person per household).']);
    expect(report.relaxations).toEqual([]);
  });
});
