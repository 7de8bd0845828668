// MAXIMIN and LEXIMIN by column generation, after Flanigan, Gölz, Gupta, Hennig and Procaccia,
// "Fair algorithms for selecting citizens' assemblies", Nature 596 (2021), and their code
// (pgoelz/citizensassemblies-replication, stratification.py: find_distribution_leximin).
//
// There is one variable x_P per feasible panel P, far too many to list, so each stage's linear
// program is solved over a growing set of panels:
//
//   maximise z  such that  Σ_{P ∋ i} x_P ≥ z     for every person i not yet fixed
//                          Σ_{P ∋ i} x_P ≥ f_i   for every fixed person i
//                          Σ_P x_P ≤ 1,  x ≥ 0
//
// Its dual gives a weight y_i ≥ 0 per person and ŷ for the last row. The integer program then looks
// for the panel of largest weight Σ_{i ∈ P} y_i: if that beats ŷ by more than the tolerance, the
// panel is added and the LP solved again; otherwise the panels found suffice (the gap bounds the
// error in z). Everyone with a positive dual weight is tight in every optimal solution, so their
// probability is fixed at z, and the next stage raises the minimum of the rest. MAXIMIN is the first
// stage alone.
import type { Highs, Model } from './highs.js';
import { quietOptions } from './highs.js';
import type { SortitionInstance } from './instance.js';
import { PanelModel } from './panelModel.js';

export interface ColumnGenerationProgress {
  phase: 'covering' | 'optimising';
  /** People whose probability is settled (each LEXIMIN stage settles some). */
  fixed: number;
  people: number;
  panels: number;
  stage: number;
  /** Bounds on this stage's minimum probability. */
  lower: number;
  upper: number;
}

export interface ColumnGenerationOptions {
  /** A stage stops when no panel beats the LP bound by more than this (in probability). Default 1e-6. */
  tolerance?: number;
  onProgress?: (progress: ColumnGenerationProgress) => void;
}

export interface ColumnGenerationResult {
  /** Every panel found (ascending person indices). */
  panels: number[][];
  /** For each person, the probability the final distribution must give them at least. */
  targets: Float64Array;
  /** People who are on no panel that meets the quotas (probability 0). */
  excluded: number[];
  stages: number;
  /** Panel searches (LP relaxation, then a small or the full integer program). */
  pricingCalls: number;
  /** The optimal minimum probability (0 when someone cannot be chosen at all). */
  minimum: number;
  /** Seconds spent searching for panels, in the simplex LP, and in the interior-point LP. */
  seconds: { pricing: number; lp: number; interior: number };
}

/** In an interior dual solution, people whose weight is above this are fixed (as in the reference code). */
const INTERIOR_FIX_THRESHOLD = 5e-4;
/** In a vertex dual solution, any weight above rounding noise proves tightness. */
const VERTEX_FIX_THRESHOLD = 1e-9;
const DEFAULT_TOLERANCE = 1e-6;

export function runColumnGeneration(
  highs: Highs,
  instance: SortitionInstance,
  algorithm: 'maximin' | 'leximin',
  options: ColumnGenerationOptions = {},
): ColumnGenerationResult {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const n = instance.people.length;
  const seconds = { pricing: 0, lp: 0, interior: 0 };
  const timed = <T>(key: keyof typeof seconds, work: () => T): T => {
    const start = performance.now();
    try {
      return work();
    } finally {
      seconds[key] += (performance.now() - start) / 1000;
    }
  };
  const model = new PanelModel(highs, instance);
  const stageLp = new StageLp(highs, n);
  const pricing = { price: (...args: Parameters<PanelModel['price']>) => timed('pricing', () => model.price(...args)) };
  const master = {
    addPanel: (panel: number[]) => stageLp.addPanel(panel),
    fix: (i: number, probability: number) => stageLp.fix(i, probability),
    isFixed: (i: number) => stageLp.isFixed(i),
    fixedValues: () => stageLp.fixedValues(),
    solve: () => timed('lp', () => stageLp.solve()),
    solveInterior: () => timed('interior', () => stageLp.solveInterior()),
  };
  try {
    const panels: number[][] = [];
    const known = new Set<string>();
    const addPanel = (panel: number[]) => {
      const key = panel.join(',');
      if (known.has(key)) return false;
      known.add(key);
      panels.push(panel);
      master.addPanel(panel);
      return true;
    };
    const report = (progress: Omit<ColumnGenerationProgress, 'people' | 'panels'>) => options.onProgress?.({ ...progress, people: n, panels: panels.length });

    const covering = timed('pricing', () =>
      coverPool(model, n, (covered) => report({ phase: 'covering', fixed: covered, stage: 0, lower: 0, upper: 1 }), addPanel),
    );
    const excluded = covering.excluded;
    let pricingCalls = covering.searches;
    for (const i of excluded) master.fix(i, 0);

    let fixedCount = excluded.length;
    let stage = 0;
    let minimum = Number.NaN;
    while (fixedCount < n) {
      stage++;
      let solution = master.solve();
      let tight: number[];
      for (;;) {
        const found = pricing.price(solution.y, solution.yHat + tolerance / 2, tolerance / 10);
        pricingCalls++;
        let added = 0;
        for (const panel of found.panels) if (addPanel(panel)) added++;
        report({
          phase: 'optimising',
          fixed: fixedCount,
          stage,
          lower: solution.objective,
          upper: solution.objective + Math.max(0, found.bound - solution.yHat),
        });
        if (added > 0) {
          solution = master.solve();
          continue;
        }
        if (algorithm === 'maximin') {
          tight = [];
          break;
        }
        // The panels found suffice for this stage. Who must stay at z? Everyone with a positive dual
        // weight (the weights prove it), and only people the LP leaves at exactly z can be. When the
        // two sets agree, this solution settles it. Otherwise an interior (strictly complementary)
        // dual solution proves as many as possible at once, once checked against every panel.
        const certified: number[] = [];
        let atZ = 0;
        let certifiedAtZ = 0;
        for (let i = 0; i < n; i++) {
          if (master.isFixed(i)) continue;
          const isAtZ = (solution.slack[i] as number) <= 1e-9;
          if (isAtZ) atZ++;
          if ((solution.y[i] as number) > VERTEX_FIX_THRESHOLD) {
            certified.push(i);
            if (isAtZ) certifiedAtZ++;
          }
        }
        if (certified.length === atZ && certifiedAtZ === atZ) {
          tight = certified;
          break;
        }
        const inner = master.solveInterior();
        const check = pricing.price(inner.y, inner.yHat + tolerance / 2, tolerance / 10);
        pricingCalls++;
        let innerAdded = 0;
        for (const panel of check.panels) if (addPanel(panel)) innerAdded++;
        if (innerAdded === 0) {
          tight = [];
          for (let i = 0; i < n; i++) if (!master.isFixed(i) && (inner.y[i] as number) > INTERIOR_FIX_THRESHOLD) tight.push(i);
          if (tight.length === 0) tight = certified;
          break;
        }
        solution = master.solve();
      }
      const z = Math.max(0, Math.min(1, solution.objective));
      if (stage === 1) minimum = z;
      if (algorithm === 'maximin') {
        for (let i = 0; i < n; i++) if (!master.isFixed(i)) master.fix(i, z);
        fixedCount = n;
        break;
      }
      if (tight.length === 0) {
        // Cannot happen in exact arithmetic (the weights of the unfixed people sum to 1); fix the
        // heaviest so that the loop always ends.
        let heaviest = -1;
        for (let i = 0; i < n; i++) if (!master.isFixed(i) && (heaviest < 0 || (solution.y[i] as number) > (solution.y[heaviest] as number))) heaviest = i;
        tight = [heaviest];
      }
      for (const i of tight) master.fix(i, z);
      fixedCount += tight.length;
      report({ phase: 'optimising', fixed: fixedCount, stage, lower: z, upper: z });
    }
    return { panels, targets: master.fixedValues(), excluded, stages: stage, pricingCalls, minimum: excluded.length > 0 ? 0 : minimum, seconds };
  } finally {
    model.dispose();
    stageLp.dispose();
  }
}

/**
 * Panels that between them include everyone who can be included at all: each search asks for a
 * panel with as many people not yet on a panel as possible. Whoever is left is on no feasible panel.
 */
export function coverPool(
  model: PanelModel,
  n: number,
  onProgress: (covered: number) => void = () => {},
  onPanel: (panel: number[]) => void = () => {},
): { excluded: number[]; searches: number } {
  const uncovered = new Set(Array.from({ length: n }, (_, i) => i));
  let searches = 0;
  let found = 0;
  while (uncovered.size > 0) {
    const weights = new Float64Array(n);
    for (const i of uncovered) weights[i] = 1;
    const result = model.price(weights, 0.5);
    searches++;
    if (result.panels.length === 0) {
      if (found === 0) throw new Error('No panel meets the quotas: check feasibility first.');
      break;
    }
    for (const panel of result.panels) {
      found++;
      onPanel(panel);
      for (const i of panel) uncovered.delete(i);
    }
    onProgress(n - uncovered.size);
  }
  return { excluded: [...uncovered].sort((a, b) => a - b), searches };
}

interface StageSolution {
  /** Dual weight of each person (0 for people whose row is slack). */
  y: Float64Array;
  yHat: number;
  /** How far each unfixed person's probability is above z in the primal solution (∞ when fixed). */
  slack: Float64Array;
  /** The stage's z. */
  objective: number;
}

/**
 * The stage LP in one HiGHS model: column 0 is z (−1 in every unfixed person's row), then one
 * column per panel; rows are the people and the sum of the x_P. The basis stays at n + 1 rows
 * however many panels there are, and a new column leaves the last basis feasible, so each re-solve
 * is a short primal-simplex warm start. Fixing people changes z's column, so the model is rebuilt
 * then, from the previous basis.
 */
export class StageLp {
  private model: Model;
  private readonly fixedAt: Float64Array;
  private readonly panels: number[][] = [];
  private readonly sumRow: number;
  private stale = false;

  constructor(
    private readonly highs: Highs,
    private readonly n: number,
  ) {
    this.sumRow = n;
    this.fixedAt = new Float64Array(n).fill(Number.NaN);
    this.model = this.build();
  }

  addPanel(panel: number[]): void {
    this.panels.push(panel);
    if (this.stale) return;
    this.model.addCol(0, 0, this.highs.infinity, { indices: [...panel, this.sumRow], values: new Float64Array(panel.length + 1).fill(1) });
  }

  /** Fixes person i's probability at f_i: their row then asks for f_i and no longer involves z. */
  fix(i: number, probability: number): void {
    this.fixedAt[i] = probability;
    this.stale = true;
  }

  isFixed(i: number): boolean {
    return !Number.isNaN(this.fixedAt[i] as number);
  }

  fixedValues(): Float64Array {
    return this.fixedAt.slice();
  }

  solve(): StageSolution {
    for (let attempt = 0; ; attempt++) {
      if (this.stale) this.rebuild();
      const { modelStatus } = this.model.run();
      if (modelStatus === this.highs.constants.modelStatus.optimal) return this.read(this.model);
      // In exact arithmetic the fixed probabilities stay feasible; in floating point they may be a
      // hair too high. Lower them slightly, as the reference code does.
      if (attempt >= 20) throw new Error(`The probability LP could not be solved (HiGHS status ${modelStatus}).`);
      this.relaxFixed(1e-7 * 2 ** attempt);
    }
  }

  /** The same LP by the interior-point method without crossover: a central optimal solution. */
  solveInterior(): StageSolution {
    if (this.stale) this.solve();
    const copy = this.highs.createModel(this.model.getLp('csc'));
    try {
      copy.options.set({ ...quietOptions, solver: 'ipm', run_crossover: 'off' });
      const { modelStatus } = copy.run();
      return this.read(modelStatus === this.highs.constants.modelStatus.optimal ? copy : this.model);
    } finally {
      copy.dispose();
    }
  }

  dispose(): void {
    this.model.dispose();
  }

  private build(): Model {
    const { highs, n } = this;
    const unfixed: number[] = [];
    for (let i = 0; i < n; i++) if (!this.isFixed(i)) unfixed.push(i);
    const starts = [0, unfixed.length];
    const indices = [...unfixed];
    const values = unfixed.map(() => -1);
    for (const panel of this.panels) {
      indices.push(...panel, this.sumRow);
      for (let j = 0; j <= panel.length; j++) values.push(1);
      starts.push(indices.length);
    }
    const columns = this.panels.length + 1;
    const model = highs.createModel({
      numCols: columns,
      numRows: n + 1,
      sense: highs.constants.objectiveSense.maximize,
      colCost: Float64Array.from({ length: columns }, (_, j) => (j === 0 ? 1 : 0)),
      colLower: new Float64Array(columns),
      colUpper: Float64Array.from({ length: columns }, (_, j) => (j === 0 ? 1 : highs.infinity)),
      rowLower: Float64Array.from({ length: n + 1 }, (_, i) => (i === n ? -highs.infinity : this.isFixed(i) ? (this.fixedAt[i] as number) : 0)),
      rowUpper: Float64Array.from({ length: n + 1 }, (_, i) => (i === n ? 1 : highs.infinity)),
      matrix: { format: 'csc', numRows: n + 1, numCols: columns, starts, indices, values },
    });
    model.options.set({ ...quietOptions, solver: 'simplex', simplex_strategy: 4 });
    return model;
  }

  private rebuild(): void {
    let basis: ReturnType<Model['getBasis']> | null = null;
    try {
      basis = this.model.getBasis();
    } catch {
      // Not solved yet: nothing to start from.
    }
    this.model.dispose();
    this.model = this.build();
    this.stale = false;
    if (!basis || basis.colStatus.length !== this.panels.length + 1) return;
    try {
      this.model.setBasis(basis);
    } catch {
      // An unusable basis only costs a cold start.
    }
  }

  private read(model: Model): StageSolution {
    const { rowDual, rowValue } = model.getSolution();
    // HiGHS signs a maximisation's duals by the bound that is active: ≥ rows negative, the ≤ row positive.
    const y = new Float64Array(this.n);
    const slack = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      y[i] = Math.max(0, -(rowDual[i] as number));
      slack[i] = this.isFixed(i) ? Number.POSITIVE_INFINITY : (rowValue[i] as number);
    }
    return { y, slack, yHat: Math.max(0, rowDual[this.sumRow] as number), objective: model.getObjectiveValue() };
  }

  private relaxFixed(by: number): void {
    for (let i = 0; i < this.n; i++) {
      const f = this.fixedAt[i] as number;
      if (Number.isNaN(f) || f === 0) continue;
      this.fixedAt[i] = Math.max(0, f - by);
      this.stale = true;
    }
  }
}
