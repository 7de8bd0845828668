import { describe, expect, it } from 'vitest';
import { panelProblems } from './instance.js';
import { estimateLegacy, LegacyFailedError, legacyPanel } from './legacy.js';
import { SeededRandom } from './random.js';
import { smallInstance } from './testInstance.js';

function example() {
  // Two seats, one woman and one man; the single woman is always chosen, each man half the time.
  return smallInstance({
    seats: 2,
    quotas: { gender: { f: [1, 1], m: [1, 1] }, age: { young: [0, 2], old: [0, 2], child: [0, 0] } },
    people: { w: { gender: 'f', age: 'old' }, m1: { gender: 'm', age: 'young' }, m2: { gender: 'm', age: 'old' }, kid: { gender: 'm', age: 'child' } },
  });
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
    const instance = smallInstance({
      seats: 2,
      quotas: { gender: { f: [0, 3] } },
      people: { a: { gender: 'f' }, b: { gender: 'f' }, c: { gender: 'f' } },
      households: { a: 'x', b: 'x' },
    });
    for (let s = 0; s < 30; s++) {
      const panel = legacyPanel(instance, new SeededRandom(String(s)));
      expect(panel).toContain(2);
      expect(panelProblems(instance, panel)).toEqual([]);
    }
  });

  it('gives up after its attempts when it cannot finish a panel', () => {
    // Feasible (b and c), but LEGACY first takes the young person, a, and is then stuck.
    const instance = smallInstance({
      seats: 2,
      quotas: { age: { young: [0, 1], old: [0, 2] }, area: { north: [1, 1], south: [1, 1] } },
      people: { a: { age: 'young', area: 'north' }, b: { age: 'old', area: 'north' }, c: { age: 'old', area: 'south' }, d: { age: 'young', area: 'north' } },
    });
    // Whatever happens, a finished panel meets the quotas.
    for (let s = 0; s < 20; s++) {
      try {
        expect(panelProblems(instance, legacyPanel(instance, new SeededRandom(String(s)), 5))).toEqual([]);
      } catch (error) {
        expect(error).toBeInstanceOf(LegacyFailedError);
      }
    }
    const impossible = smallInstance({
      seats: 1,
      quotas: { gender: { f: [2, 2], m: [0, 2] } },
      people: { a: { gender: 'f' }, b: { gender: 'f' }, c: { gender: 'm' } },
    });
    expect(() => legacyPanel(impossible, new SeededRandom('x'), 3)).toThrow(LegacyFailedError);
  });
});
