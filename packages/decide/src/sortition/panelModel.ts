// The integer program behind every algorithm here: choose exactly k people (x_i ∈ {0,1}) so that
// each quota's count lies within [min, max] and no household has two members chosen. Column
// generation asks it for panels of large total weight; feasibility asks whether any panel exists.
//
// A full MIP solve in HiGHS (WebAssembly) costs about 30–100 ms here, almost all of it fixed
// set-up (presolve, probing, cuts), and column generation needs hundreds of them. So a search first
// solves the LP relaxation (warm-started, about 1 ms), then a small MIP over the people the LP uses
// plus those whose reduced cost is nearest to entering (a few ms), and runs the full MIP only when
// that finds no panel above the threshold. Any panel above the threshold is a valid new column; the
// full MIP is what proves that none exists.
import type { Highs, Model } from './highs.js';
import { quietOptions } from './highs.js';
import type { SortitionInstance } from './instance.js';

export interface PricingResult {
  /** Panels whose weight is above the threshold (ascending person indices; the heaviest first). */
  panels: number[][];
  /** The heaviest panel found, and its weight (null when there is none above the threshold and no proof was needed). */
  best: number[] | null;
  bestValue: number;
  /** A proven upper bound on the weight of every feasible panel. */
  bound: number;
  /** True when the full integer program ran. */
  exact: boolean;
}

/** People outside the LP's support that the small MIP may also use. */
const NEIGHBOURHOOD_EXTRA = 20;

export class PanelModel {
  private readonly mip: Model;
  private readonly relaxation: Model;
  private readonly n: number;
  private readonly all: { kind: 'range'; from: number; to: number };
  private readonly zeros: Float64Array;
  private readonly ones: Float64Array;

  constructor(
    private readonly highs: Highs,
    instance: SortitionInstance,
  ) {
    const n = instance.people.length;
    this.n = n;
    this.all = { kind: 'range', from: 0, to: n - 1 };
    this.zeros = new Float64Array(n);
    this.ones = new Float64Array(n).fill(1);
    const starts = [0];
    const indices: number[] = [];
    const lower: number[] = [];
    const upper: number[] = [];
    const pushRow = (members: number[], lo: number, hi: number) => {
      indices.push(...members);
      starts.push(indices.length);
      lower.push(lo);
      upper.push(hi);
    };
    pushRow(
      instance.people.map((person) => person.index),
      instance.panelSize,
      instance.panelSize,
    );
    const byQuota: number[][] = instance.quotas.map(() => []);
    for (const person of instance.people) for (const q of person.quotas) byQuota[q]?.push(person.index);
    for (const quota of instance.quotas) pushRow(byQuota[quota.index] as number[], quota.min, Math.min(quota.max, instance.panelSize));
    for (const household of instance.households)
      pushRow(
        [...household].sort((a, b) => a - b),
        0,
        1,
      );
    const model = {
      numCols: n,
      numRows: lower.length,
      sense: highs.constants.objectiveSense.maximize,
      colCost: new Float64Array(n),
      colLower: new Float64Array(n),
      colUpper: new Float64Array(n).fill(1),
      rowLower: lower,
      rowUpper: upper,
      matrix: { format: 'csr' as const, numRows: lower.length, numCols: n, starts, indices, values: new Float64Array(indices.length).fill(1) },
    };
    this.mip = highs.createModel({ ...model, integrality: new Int32Array(n).fill(highs.constants.variableType.integer) });
    this.mip.options.set({
      ...quietOptions,
      mip_rel_gap: 0,
      mip_abs_gap: 1e-9,
      // These heuristics cost more than they save on problems this small.
      mip_heuristic_run_rins: false,
      mip_heuristic_run_rens: false,
      mip_heuristic_run_root_reduced_cost: false,
    });
    this.relaxation = highs.createModel(model);
    this.relaxation.options.set({ ...quietOptions, solver: 'simplex' });
  }

  /** Any feasible panel, or null when no panel meets the quotas. */
  anyPanel(): number[] | null {
    this.mip.changeColsCost(this.all, this.zeros);
    return this.solve(this.zeros, Number.POSITIVE_INFINITY, 1e-9)?.best ?? null;
  }

  /**
   * Panels of total weight above `threshold`. When none exists the full MIP proves it (`exact`).
   * `absoluteGap` is the optimality tolerance of that proof.
   */
  price(weights: ArrayLike<number>, threshold: number, absoluteGap = 1e-9): PricingResult {
    const costs = Float64Array.from(weights);
    this.relaxation.changeColsCost(this.all, costs);
    const lp = this.relaxation.run();
    if (lp.modelStatus === this.highs.constants.modelStatus.infeasible)
      return { panels: [], best: null, bestValue: Number.NEGATIVE_INFINITY, bound: Number.NEGATIVE_INFINITY, exact: true };
    const lpBound = this.relaxation.getObjectiveValue();
    if (lpBound <= threshold) return { panels: [], best: null, bestValue: Number.NEGATIVE_INFINITY, bound: lpBound, exact: true };

    // The small MIP: everyone the LP uses, and the others whose reduced cost is nearest to entering.
    const { colValue, colDual } = this.relaxation.getSolution();
    const upper = new Float64Array(this.n);
    const outside: number[] = [];
    for (let i = 0; i < this.n; i++) {
      if ((colValue[i] as number) > 1e-9) upper[i] = 1;
      else outside.push(i);
    }
    outside.sort((a, b) => (colDual[b] as number) - (colDual[a] as number) || a - b);
    for (const i of outside.slice(0, NEIGHBOURHOOD_EXTRA)) upper[i] = 1;
    this.mip.changeColsCost(this.all, costs);
    this.mip.changeColsBounds(this.all, this.zeros, upper);
    let local: ReturnType<PanelModel['solve']>;
    try {
      local = this.solve(costs, threshold, 1e-9);
    } finally {
      this.mip.changeColsBounds(this.all, this.zeros, this.ones);
    }
    if (local && local.bestValue > threshold) return { ...local, bound: lpBound, exact: false };
    const full = this.solve(costs, threshold, absoluteGap);
    if (!full) return { panels: [], best: null, bestValue: Number.NEGATIVE_INFINITY, bound: Number.NEGATIVE_INFINITY, exact: true };
    return { ...full, exact: true };
  }

  /** Runs the MIP as it stands; null when infeasible. */
  private solve(costs: Float64Array, threshold: number, absoluteGap: number) {
    const { highs, mip } = this;
    mip.options.set('mip_abs_gap', absoluteGap);
    const found: Float64Array[] = [];
    const result = mip.run({
      [highs.constants.callbackType.mipImprovingSolution]: (event) => {
        const solution = event.data.mip_solution;
        if (solution && (event.data.objective_function_value ?? Number.NEGATIVE_INFINITY) > threshold) found.push(solution);
        return undefined;
      },
    });
    const statuses = highs.constants.modelStatus;
    if (result.modelStatus === statuses.infeasible) return null;
    if (result.modelStatus !== statuses.optimal) throw new Error(`The panel search stopped with HiGHS status ${result.modelStatus}.`);
    const best = toPanel(mip.getSolution().colValue);
    const bestValue = weightOf(costs, best);
    const bound = Math.max(bestValue, Number(mip.info.get('mip_dual_bound')));
    const panels: number[][] = [];
    const seen = new Set<string>();
    for (const panel of [best, ...found.reverse().map(toPanel)]) {
      const key = panel.join(',');
      if (seen.has(key) || !(weightOf(costs, panel) > threshold)) continue;
      seen.add(key);
      panels.push(panel);
    }
    return { panels, best, bestValue, bound: Number.isFinite(bound) ? bound : bestValue };
  }

  dispose(): void {
    this.mip.dispose();
    this.relaxation.dispose();
  }
}

export function weightOf(weights: ArrayLike<number>, panel: readonly number[]): number {
  let sum = 0;
  for (const i of panel) sum += weights[i] as number;
  return sum;
}

function toPanel(values: ArrayLike<number>): number[] {
  const panel: number[] = [];
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > 0.5) panel.push(i);
  return panel;
}
