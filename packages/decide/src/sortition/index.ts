// Choosing an assembly by fair lottery: read a pool and its quotas, check that a panel can meet
// them, find a distribution over panels (LEGACY, MAXIMIN or LEXIMIN), and draw one panel from it
// with a published seed. See docs/sortition.md.
import { coverPool, runColumnGeneration } from './columnGeneration.js';
import type { PanelDistribution } from './distribution.js';
import { fitDistribution, selectionProbabilities, toWeights } from './distribution.js';
import type { FeasibilityReport } from './feasibility.js';
import { checkFeasibility as checkWith, InfeasibleQuotasError } from './feasibility.js';
import { loadHighs } from './highs.js';
import type { SortitionInstance } from './instance.js';
import { panelProblems } from './instance.js';
import { estimateLegacy, legacyPanel } from './legacy.js';
import type { QuotaLine } from './lottery.js';
import { drawFromDistribution, quotaReport } from './lottery.js';
import { PanelModel } from './panelModel.js';
import { SeededRandom } from './random.js';

export type { ColumnGenerationProgress } from './columnGeneration.js';
export type { PanelDistribution, WeightedPanel } from './distribution.js';
export { selectionProbabilities, WEIGHT_DENOMINATOR } from './distribution.js';
export type { FeasibilityReport, QuotaRelaxation } from './feasibility.js';
export { describeInfeasibility, InfeasibleQuotasError } from './feasibility.js';
export type { InputProblem, Person, PoolOptions, Quota, QuotaRow, ReadInstanceOptions, RespondentRow, SortitionInstance } from './instance.js';
export {
  buildInstance,
  formatProblem,
  instanceFromData,
  panelProblems,
  parseCategories,
  parseRespondents,
  readInstance,
  SortitionInputError,
} from './instance.js';
export type { LegacyEstimate } from './legacy.js';
export { estimateLegacy, LegacyFailedError, legacyPanel } from './legacy.js';
export type { Draw, QuotaLine } from './lottery.js';
export { drawFromDistribution, quotaReport } from './lottery.js';
export { SeededRandom } from './random.js';

export const sortitionAlgorithms = ['legacy', 'maximin', 'leximin'] as const;
export type SortitionAlgorithm = (typeof sortitionAlgorithms)[number];

export interface SortitionProgress {
  phase: 'feasibility' | 'covering' | 'optimising' | 'sampling' | 'distribution';
  /** How far along, as done out of total (thousandths of the work, or LEGACY samples drawn). */
  done: number;
  total: number;
  /** A short line for a progress bar. */
  detail: string;
}

export interface DistributionOptions {
  /** LEGACY only: panels drawn to estimate its probabilities (default 10,000, as in the paper). */
  legacySamples?: number;
  /** LEGACY only: seed for the estimate (default "legacy-estimate"). */
  legacySeed?: string;
  /** Column generation tolerance, in probability (default 1e-6). */
  tolerance?: number;
  onProgress?: (progress: SortitionProgress) => void;
}

export interface SortitionResult {
  algorithm: SortitionAlgorithm;
  panelSize: number;
  /** Each person's probability of being chosen (by person index). For LEGACY, an estimate. */
  probabilities: Float64Array;
  minProbability: number;
  /** The distribution the lottery draws from (null for LEGACY, which has none written down). */
  distribution: PanelDistribution | null;
  /** People on no panel that meets the quotas. */
  excluded: number[];
  feasibility: FeasibilityReport;
  stats: {
    seconds: number;
    /** LEGACY: panels drawn for the estimate. Otherwise: panels found by column generation. */
    panels: number;
    stages: number;
    pricingCalls: number;
    /** Largest shortfall of the final LP from the computed probabilities (≈ 0). */
    shortfall: number;
    /** Where the time went: panel searches, the simplex LP, the interior-point LP, the final LP. */
    breakdown: { pricing: number; lp: number; interior: number; distribution: number };
  };
}

/** Is there a panel that meets every quota? If not, which quotas conflict and how far to relax them. */
export async function checkFeasibility(instance: SortitionInstance): Promise<FeasibilityReport> {
  return checkWith(await loadHighs(), instance);
}

/**
 * The probability with which each person is chosen, and (MAXIMIN, LEXIMIN) the distribution over
 * panels that gives it. Throws InfeasibleQuotasError, with its report, when no panel meets the quotas.
 * The solver runs on the calling thread; a server should call this from a worker thread.
 */
export async function findDistribution(
  instance: SortitionInstance,
  algorithm: SortitionAlgorithm,
  options: DistributionOptions = {},
): Promise<SortitionResult> {
  const started = performance.now();
  const highs = await loadHighs();
  const n = instance.people.length;
  options.onProgress?.({ phase: 'feasibility', done: 0, total: 1000, detail: 'checking that the quotas can be met' });
  const feasibility = checkWith(highs, instance);
  if (!feasibility.feasible) throw new InfeasibleQuotasError(feasibility);
  const base = { algorithm, panelSize: instance.panelSize, feasibility };

  if (algorithm === 'legacy') {
    const samples = options.legacySamples ?? 10_000;
    const estimate = estimateLegacy(instance, options.legacySeed ?? 'legacy-estimate', samples, (done, total) =>
      options.onProgress?.({ phase: 'sampling', done, total, detail: `LEGACY panels drawn: ${done}/${total}` }),
    );
    const probabilities = estimate.probabilities;
    const model = new PanelModel(highs, instance);
    let excluded: number[];
    try {
      excluded = coverPool(model, n).excluded;
    } finally {
      model.dispose();
    }
    return {
      ...base,
      probabilities,
      minProbability: Math.min(...probabilities),
      distribution: null,
      excluded,
      stats: {
        seconds: (performance.now() - started) / 1000,
        panels: samples,
        stages: 0,
        pricingCalls: 0,
        shortfall: 0,
        breakdown: { pricing: 0, lp: 0, interior: 0, distribution: 0 },
      },
    };
  }

  // Progress in thousandths: finding panels that include everyone is the first tenth; then people
  // settled (LEXIMIN), or how close the lower bound on the minimum is to the upper (MAXIMIN).
  const generated = runColumnGeneration(highs, instance, algorithm, {
    tolerance: options.tolerance,
    onProgress: (p) => {
      const settled = algorithm === 'maximin' ? (p.upper > 0 ? Math.min(1, Math.max(0, p.lower / p.upper)) : 0) : p.fixed / p.people;
      const done = p.phase === 'covering' ? Math.round((100 * p.fixed) / p.people) : 100 + Math.round(900 * settled);
      options.onProgress?.({
        phase: p.phase,
        done,
        total: 1000,
        detail:
          p.phase === 'covering'
            ? `finding panels that include everyone: ${p.fixed}/${p.people}, ${p.panels} panels`
            : `stage ${p.stage}: ${p.fixed}/${p.people} settled (this stage: ${formatShare(p.lower)}), ${p.panels} panels`,
      });
    },
  });
  options.onProgress?.({ phase: 'distribution', done: 1000, total: 1000, detail: 'weighting the panels' });
  const fitStarted = performance.now();
  const fitted = fitDistribution(highs, n, generated.panels, generated.targets);
  const fitSeconds = (performance.now() - fitStarted) / 1000;
  const distribution = toWeights(generated.panels, fitted.probabilities);
  for (const panel of distribution.panels) {
    const problems = panelProblems(instance, panel.members);
    if (problems.length > 0) throw new Error(`Internal error: a panel in the distribution breaks the quotas (${problems.join('; ')}).`);
  }
  const probabilities = selectionProbabilities(n, distribution);
  return {
    ...base,
    probabilities,
    minProbability: Math.min(...probabilities),
    distribution,
    excluded: generated.excluded,
    stats: {
      seconds: (performance.now() - started) / 1000,
      panels: generated.panels.length,
      stages: generated.stages,
      pricingCalls: generated.pricingCalls,
      shortfall: fitted.shortfall,
      breakdown: { ...generated.seconds, distribution: fitSeconds },
    },
  };
}

export interface SelectionOptions extends DistributionOptions {
  algorithm: SortitionAlgorithm;
  /** The published seed. Anyone with the same distribution and seed draws the same panel. */
  seed: string;
}

export interface Selection extends SortitionResult {
  seed: string;
  /** The chosen panel (person indices, ascending). */
  panel: number[];
  /** For MAXIMIN and LEXIMIN: the number drawn and the position of the panel in the distribution. */
  ticket: number | null;
  position: number | null;
  quotas: QuotaLine[];
}

/** Finds the distribution and draws one panel from it with the seed (LEGACY: runs LEGACY once with it). */
export async function selectAssembly(instance: SortitionInstance, options: SelectionOptions): Promise<Selection> {
  const result = await findDistribution(instance, options.algorithm, options);
  if (!result.distribution) {
    const panel = legacyPanel(instance, new SeededRandom(options.seed));
    return { ...result, seed: options.seed, panel, ticket: null, position: null, quotas: quotaReport(instance, panel) };
  }
  const draw = drawFromDistribution(result.distribution, options.seed);
  return {
    ...result,
    seed: options.seed,
    panel: draw.panel.members,
    ticket: draw.ticket,
    position: draw.position,
    quotas: quotaReport(instance, draw.panel.members),
  };
}

function formatShare(p: number): string {
  return `${(100 * p).toFixed(2)}%`;
}
