// Feasibility first: before any lottery, is there at least one panel that meets every quota? If
// not, say which quotas conflict and by how much they would need to relax, rather than failing.
//
// The relaxation follows the reference code (stratification.py: _relax_infeasible_quotas): an
// integer program chooses a panel while letting each min fall and each max rise by whole numbers,
// minimising Σ (1 + 2/min)·(how far a min falls) + Σ (how far a max rises), so that a low min is
// lowered only reluctantly. Simple conflicts (a category whose mins add up to more than the seats,
// or whose maxes, capped by the pool, add up to fewer) are named directly.
import type { Highs } from './highs.js';
import { quietOptions } from './highs.js';
import type { Quota, SortitionInstance } from './instance.js';
import { poolCounts } from './instance.js';
import { PanelModel } from './panelModel.js';

export interface QuotaRelaxation {
  quota: Quota;
  /** The smallest change to this quota that, with the others listed, lets a panel exist. */
  min: number;
  max: number;
}

export interface FeasibilityReport {
  feasible: boolean;
  /** One panel meeting every quota, when there is one. */
  panel: number[] | null;
  /** Plain-English statements of what conflicts. */
  conflicts: string[];
  /** The quotas to relax, and to what (empty when feasible, or when no relaxation of the quotas helps). */
  relaxations: QuotaRelaxation[];
}

export class InfeasibleQuotasError extends Error {
  constructor(readonly report: FeasibilityReport) {
    super(describeInfeasibility(report));
    this.name = 'InfeasibleQuotasError';
  }
}

export function checkFeasibility(highs: Highs, instance: SortitionInstance): FeasibilityReport {
  const model = new PanelModel(highs, instance);
  let panel: number[] | null;
  try {
    panel = model.anyPanel();
  } finally {
    model.dispose();
  }
  if (panel) return { feasible: true, panel, conflicts: [], relaxations: [] };
  return { feasible: false, panel: null, conflicts: categoryConflicts(instance), relaxations: relaxQuotas(highs, instance) };
}

/** Conflicts visible within one category, or between the households and the panel size. */
function categoryConflicts(instance: SortitionInstance): string[] {
  const k = instance.panelSize;
  const counts = poolCounts(instance.quotas.length, instance.people);
  const conflicts: string[] = [];
  for (const category of instance.categories) {
    const quotas = instance.quotas.filter((quota) => quota.category === category);
    const mins = quotas.reduce((sum, quota) => sum + quota.min, 0);
    const maxes = quotas.reduce((sum, quota) => sum + Math.min(quota.max, counts[quota.index] as number), 0);
    if (mins > k) conflicts.push(`${category}: the mins add up to ${mins}, more than the ${k} seats (lower them by ${mins - k} in all).`);
    if (maxes < k) {
      conflicts.push(
        `${category}: at most ${maxes} seats can be filled (each max, or the number of people in the pool with that feature if fewer), fewer than the ${k} seats (raise them by ${k - maxes} in all).`,
      );
    }
  }
  if (instance.households.length > 0) {
    const households = instance.people.length - instance.households.reduce((sum, members) => sum + members.length - 1, 0);
    if (households < k) conflicts.push(`only ${households} households are in the pool, fewer than the ${k} seats (one person per household).`);
  }
  return conflicts;
}

/** The cheapest whole-number relaxation of the quotas that lets a panel exist. */
function relaxQuotas(highs: Highs, instance: SortitionInstance): QuotaRelaxation[] {
  const n = instance.people.length;
  const quotaCount = instance.quotas.length;
  const k = instance.panelSize;
  // Columns: x_i (n), then for each quota how far its min falls (d⁻) and its max rises (d⁺).
  const columns = n + 2 * quotaCount;
  const rows: Array<{ indices: number[]; values: number[]; lower: number; upper: number }> = [];
  rows.push({ indices: instance.people.map((person) => person.index), values: instance.people.map(() => 1), lower: k, upper: k });
  const members: number[][] = instance.quotas.map(() => []);
  for (const person of instance.people) for (const q of person.quotas) members[q]?.push(person.index);
  for (const quota of instance.quotas) {
    const who = members[quota.index] as number[];
    const down = n + 2 * quota.index;
    const up = down + 1;
    rows.push({ indices: [...who, down], values: [...who.map(() => 1), 1], lower: quota.min, upper: highs.infinity });
    rows.push({ indices: [...who, up], values: [...who.map(() => 1), -1], lower: -highs.infinity, upper: quota.max });
  }
  for (const household of instance.households) rows.push({ indices: [...household].sort((a, b) => a - b), values: household.map(() => 1), lower: 0, upper: 1 });
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    indices.push(...row.indices);
    values.push(...row.values);
    starts.push(indices.length);
  }
  const cost = new Float64Array(columns);
  const upper = new Float64Array(columns).fill(1);
  for (const quota of instance.quotas) {
    cost[n + 2 * quota.index] = quota.min === 0 ? 0 : 1 + 2 / quota.min;
    cost[n + 2 * quota.index + 1] = 1;
    upper[n + 2 * quota.index] = quota.min;
    upper[n + 2 * quota.index + 1] = k;
  }
  const model = highs.createModel({
    numCols: columns,
    numRows: rows.length,
    sense: highs.constants.objectiveSense.minimize,
    colCost: cost,
    colLower: new Float64Array(columns),
    colUpper: upper,
    rowLower: rows.map((row) => row.lower),
    rowUpper: rows.map((row) => row.upper),
    matrix: { format: 'csr', numRows: rows.length, numCols: columns, starts, indices, values },
    integrality: new Int32Array(columns).fill(highs.constants.variableType.integer),
  });
  try {
    model.options.set({ ...quietOptions, mip_rel_gap: 0 });
    const { modelStatus } = model.run();
    if (modelStatus !== highs.constants.modelStatus.optimal) return [];
    const solution = model.getSolution().colValue;
    const relaxations: QuotaRelaxation[] = [];
    for (const quota of instance.quotas) {
      const down = Math.round(solution[n + 2 * quota.index] as number);
      const up = Math.round(solution[n + 2 * quota.index + 1] as number);
      if (down > 0 || up > 0) relaxations.push({ quota, min: quota.min - down, max: quota.max + up });
    }
    return relaxations;
  } finally {
    model.dispose();
  }
}

export function describeInfeasibility(report: FeasibilityReport): string {
  if (report.feasible) return 'A panel meets every quota.';
  const lines = ['No panel can meet all the quotas.'];
  for (const conflict of report.conflicts) lines.push(`- ${conflict}`);
  if (report.relaxations.length > 0) {
    lines.push('The smallest change that makes a panel possible:');
    for (const { quota, min, max } of report.relaxations) {
      const where = quota.line > 0 ? ` (line ${quota.line})` : '';
      const changes: string[] = [];
      if (min < quota.min) changes.push(`lower its min from ${quota.min} to ${min} (by ${quota.min - min})`);
      if (max > quota.max) changes.push(`raise its max from ${quota.max} to ${max} (by ${max - quota.max})`);
      lines.push(`- ${quota.category} = ${quota.feature}${where}: ${changes.join(' and ')}`);
    }
  } else {
    lines.push('Relaxing the quotas alone does not help: the pool (or its households) cannot fill the seats.');
  }
  return lines.join('\n');
}
