// Properties over random small pools: every panel drawn meets the quotas; the same seed gives the
// same panel; LEXIMIN's minimum is never below MAXIMIN's, nor below LEGACY's estimated minimum; and
// on pools small enough to list every panel, the minimum equals the optimum of the full LP.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadHighs } from './highs.js';
import type { SortitionInstance } from './index.js';
import { estimateLegacy, findDistribution, instanceFromData, LegacyFailedError, panelProblems, selectAssembly } from './index.js';

interface PoolSpec {
  features: number[][];
  households: number[];
  panelSize: number;
  quotas: Array<{ category: number; feature: number; min: number; max: number }>;
}

const categorySizes = [2, 3];

/** A random pool with quotas built around one random panel, so that at least that panel meets them. */
const poolArbitrary: fc.Arbitrary<PoolSpec> = fc
  .integer({ min: 3, max: 9 })
  .chain((n) =>
    fc.record({
      features: fc.array(fc.tuple(fc.nat({ max: 1 }), fc.nat({ max: 2 })), { minLength: n, maxLength: n }),
      households: fc.array(fc.nat({ max: n }), { minLength: n, maxLength: n }),
      chosen: fc.shuffledSubarray(
        Array.from({ length: n }, (_, i) => i),
        { minLength: 1, maxLength: Math.min(n - 1, 4) },
      ),
      slack: fc.array(fc.tuple(fc.nat({ max: 1 }), fc.nat({ max: 2 })), { minLength: 5, maxLength: 5 }),
    }),
  )
  .map(({ features, households, chosen, slack }) => {
    const counts = categorySizes.map((size) => new Array<number>(size).fill(0));
    for (const i of chosen) for (const [c, f] of (features[i] as number[]).entries()) (counts[c] as number[])[f] = ((counts[c] as number[])[f] as number) + 1;
    const quotas: PoolSpec['quotas'] = [];
    let s = 0;
    for (const [category, size] of categorySizes.entries()) {
      for (let feature = 0; feature < size; feature++) {
        const count = (counts[category] as number[])[feature] as number;
        const [down, up] = slack[s++ % slack.length] as [number, number];
        quotas.push({ category, feature, min: Math.max(0, count - down), max: count + up });
      }
    }
    // Households only where they cannot spoil the chosen panel: at most one chosen member each.
    const chosenSet = new Set(chosen);
    const taken = new Set<number>();
    const householdOf = households.map((h, i) => {
      if (!chosenSet.has(i)) return h;
      if (taken.has(h)) return -1 - i;
      taken.add(h);
      return h;
    });
    return { features, households: householdOf, panelSize: chosen.length, quotas };
  });

function toInstance(spec: PoolSpec): SortitionInstance {
  const names = ['gender', 'area'];
  return instanceFromData(
    spec.quotas.map((q) => ({ category: names[q.category] as string, feature: `f${q.feature}`, min: q.min, max: q.max })),
    spec.features.map((features, i) => ({
      id: `p${i}`,
      features: Object.fromEntries(features.map((f, c) => [names[c] as string, `f${f}`])),
      household: `h${spec.households[i]}`,
    })),
    spec.panelSize,
  );
}

/** The best minimum probability by one LP over every panel (small pools only). */
async function bruteForceMaximin(instance: SortitionInstance): Promise<number> {
  const n = instance.people.length;
  const panels: number[][] = [];
  const visit = (start: number, panel: number[]) => {
    if (panel.length === instance.panelSize) {
      if (panelProblems(instance, panel).length === 0) panels.push([...panel]);
      return;
    }
    for (let i = start; i < n; i++) visit(i + 1, [...panel, i]);
  };
  visit(0, []);
  const covered = [...new Set(panels.flat())].sort((a, b) => a - b);
  if (covered.length < n) return 0;
  const highs = await loadHighs();
  // Columns: z, then one per panel. Rows: each person (Σ x_P − z ≥ 0), then Σ x_P = 1.
  const starts = [0, n];
  const indices = Array.from({ length: n }, (_, i) => i);
  const values = indices.map(() => -1);
  for (const panel of panels) {
    indices.push(...panel, n);
    values.push(...panel.map(() => 1), 1);
    starts.push(indices.length);
  }
  return highs.withModel(
    {
      numCols: panels.length + 1,
      numRows: n + 1,
      sense: highs.constants.objectiveSense.maximize,
      colCost: [1, ...panels.map(() => 0)],
      colLower: new Float64Array(panels.length + 1),
      colUpper: new Float64Array(panels.length + 1).fill(1),
      rowLower: [...new Array<number>(n).fill(0), 1],
      rowUpper: [...new Array<number>(n).fill(highs.infinity), 1],
      matrix: { format: 'csc', numRows: n + 1, numCols: panels.length + 1, starts, indices, values },
    },
    (model) => {
      model.options.set({ output_flag: false });
      model.run();
      return model.getObjectiveValue();
    },
  );
}

const feasibleSpecs = poolArbitrary;

describe('sortition properties', () => {
  it('every panel drawn meets the quotas, and the same seed gives the same panel', async () => {
    await fc.assert(
      fc.asyncProperty(feasibleSpecs, fc.constantFrom('legacy', 'maximin', 'leximin' as const), fc.string(), async (spec, algorithm, seed) => {
        const instance = toInstance(spec);
        const options = { algorithm, seed, legacySamples: 50 } as const;
        const first = await selectAssembly(instance, options).catch((error: unknown) => {
          // LEGACY can corner itself on every attempt in some pools; that is LEGACY, not a bug.
          if (error instanceof LegacyFailedError) return null;
          throw error;
        });
        if (!first) return;
        expect(panelProblems(instance, first.panel)).toEqual([]);
        expect(first.quotas.every((line) => line.met)).toBe(true);
        for (const panel of first.distribution?.panels ?? []) expect(panelProblems(instance, panel.members)).toEqual([]);
        const again = await selectAssembly(instance, options);
        expect(again.panel).toEqual(first.panel);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it("LEXIMIN's minimum equals the full LP's optimum and MAXIMIN's, and is never below LEGACY's estimate", async () => {
    await fc.assert(
      fc.asyncProperty(feasibleSpecs, async (spec) => {
        const instance = toInstance(spec);
        const leximin = await findDistribution(instance, 'leximin');
        const maximin = await findDistribution(instance, 'maximin');
        const optimum = await bruteForceMaximin(instance);
        expect(leximin.minProbability).toBeCloseTo(optimum, 5);
        expect(leximin.minProbability).toBeGreaterThanOrEqual(maximin.minProbability - 1e-6);
        const sum = [...leximin.probabilities].reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(instance.panelSize, 9);
        // LEXIMIN's sorted probabilities are lexicographically at least MAXIMIN's.
        const a = [...leximin.probabilities].sort((x, y) => x - y);
        const b = [...maximin.probabilities].sort((x, y) => x - y);
        const differ = a.findIndex((p, i) => Math.abs(p - (b[i] as number)) > 1e-6);
        if (differ >= 0) expect(a[differ]).toBeGreaterThan(b[differ] as number);
        // LEGACY's true minimum can be no higher; its estimate from N panels is allowed 4 standard errors.
        const samples = 400;
        let legacy: ReturnType<typeof estimateLegacy>;
        try {
          legacy = estimateLegacy(instance, 'property', samples);
        } catch (error) {
          if (error instanceof LegacyFailedError) return;
          throw error;
        }
        const legacyMin = Math.min(...legacy.probabilities);
        expect(leximin.minProbability).toBeGreaterThanOrEqual(legacyMin - 4 * Math.sqrt(0.25 / samples));
      }),
      { numRuns: 50 },
    );
  }, 120_000);
});
