import { describe, expect, it } from 'vitest';
import { instanceFromData, panelProblems } from './instance.js';
import { estimateLegacy, LegacyFailedError, legacyPanel } from './legacy.js';
import { SeededRandom } from './random.js';

function example() {
  // Two seats, one woman and one man; the single woman is always chosen, each man half the time.
  return instanceFromData(
    [
      { category: 'gender', feature: 'f', min: 1, max: 1 },
      { category: 'gender', feature: 'm', min: 1, max: 1 },
      { category: 'age', feature: 'young', min: 0, max: 2 },
      { category: 'age', feature: 'old', min: 0, max: 2 },
      { category: 'age', feature: 'child', min: 0, max: 0 },
    ],
    [
      { id: 'w', features: { gender: 'f', age: 'old' } },
      { id: 'm1', features: { gender: 'm', age: 'young' } },
      { id: 'm2', features: { gender: 'm', age: 'old' } },
      { id: 'kid', features: { gender: 'm', age: 'child' } },
    ],
    2,
  );
}

describe('LEGACY', () => {
  it('meets the quotas, never picks someone whose feature has max 0, and repeats with the same seed', () => {
    const instance = example();
    for (let s = 0; s < 50; s++) {
      const panel = legacyPanel(instance, new SeededRandom(`seed ${s}`));
      expect(panelProblems(instance, panel)).toEqual([]);
      expect(panel).not.toContain(3);
      expect(legacyPanel(instance, new SeededRandom(`seed ${s}`))).toEqual(panel);
    }
  });

  it('estimates probabilities that add up to the panel size', () => {
    const estimate = estimateLegacy(example(), 'estimate', 2000);
    const [w, m1, m2, kid] = estimate.probabilities;
    expect(w).toBe(1);
    expect(kid).toBe(0);
    expect((m1 as number) + (m2 as number)).toBeCloseTo(1, 12);
    expect(m1).toBeGreaterThan(0.42);
    expect(m1).toBeLessThan(0.58);
  });

  it('respects households: never two from one household', () => {
    const instance = instanceFromData(
      [{ category: 'gender', feature: 'f', min: 0, max: 3 }],
      [
        { id: 'a', features: { gender: 'f' }, household: 'x' },
        { id: 'b', features: { gender: 'f' }, household: 'x' },
        { id: 'c', features: { gender: 'f' } },
      ],
      2,
    );
    for (let s = 0; s < 30; s++) {
      const panel = legacyPanel(instance, new SeededRandom(String(s)));
      expect(panel).toContain(2);
      expect(panelProblems(instance, panel)).toEqual([]);
    }
  });

  it('gives up after its attempts when it cannot finish a panel', () => {
    // Feasible (b and c), but LEGACY first takes the young person, a, and is then stuck.
    const instance = instanceFromData(
      [
        { category: 'age', feature: 'young', min: 0, max: 1 },
        { category: 'age', feature: 'old', min: 0, max: 2 },
        { category: 'area', feature: 'north', min: 1, max: 1 },
        { category: 'area', feature: 'south', min: 1, max: 1 },
      ],
      [
        { id: 'a', features: { age: 'young', area: 'north' } },
        { id: 'b', features: { age: 'old', area: 'north' } },
        { id: 'c', features: { age: 'old', area: 'south' } },
        { id: 'd', features: { age: 'young', area: 'north' } },
      ],
      2,
    );
    // Whatever happens, a finished panel meets the quotas.
    for (let s = 0; s < 20; s++) {
      try {
        expect(panelProblems(instance, legacyPanel(instance, new SeededRandom(String(s)), 5))).toEqual([]);
      } catch (error) {
        expect(error).toBeInstanceOf(LegacyFailedError);
      }
    }
    const impossible = instanceFromData(
      [
        { category: 'gender', feature: 'f', min: 2, max: 2 },
        { category: 'gender', feature: 'm', min: 0, max: 2 },
      ],
      [
        { id: 'a', features: { gender: 'f' } },
        { id: 'b', features: { gender: 'f' } },
        { id: 'c', features: { gender: 'm' } },
      ],
      1,
    );
    expect(() => legacyPanel(impossible, new SeededRandom('x'), 3)).toThrow(LegacyFailedError);
  });
});
