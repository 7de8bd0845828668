// From the panels column generation found and each person's target probability to the lottery
// itself: a final LP picks panel probabilities meeting the targets (as the reference code does:
// minimise the largest shortfall ε), and those are then rounded to whole-number weights out of a
// fixed denominator. The lottery draws with those integers, so a published distribution and seed
// give the same panel anywhere, and every probability reported is the exact share of weight.
import type { Highs } from './highs.js';
import { quietOptions } from './highs.js';

/** Weights are whole numbers adding up to this (10^12: probabilities to 12 decimal places). */
export const WEIGHT_DENOMINATOR = 1_000_000_000_000;

export interface WeightedPanel {
  /** Person indices, ascending. */
  members: number[];
  /** A whole number; the panel's probability is weight / WEIGHT_DENOMINATOR. */
  weight: number;
}

export interface PanelDistribution {
  /** Panels with positive weight, in canonical order (by their member indices). */
  panels: WeightedPanel[];
  denominator: number;
}

/** Solves the final LP: panel probabilities giving each person i at least targets[i] − ε, with ε as small as possible. */
export function fitDistribution(highs: Highs, n: number, panels: number[][], targets: ArrayLike<number>): { probabilities: Float64Array; shortfall: number } {
  const people: number[] = [];
  for (let i = 0; i < n; i++) if ((targets[i] as number) > 0) people.push(i);
  const rowOf = new Map(people.map((i, row) => [i, row]));
  const sumRow = people.length;
  // Column 0 is ε; one column per panel after it.
  const starts = [0, people.length];
  const indices = people.map((_, row) => row);
  const values = people.map(() => 1);
  for (const panel of panels) {
    for (const i of panel) {
      const row = rowOf.get(i);
      if (row !== undefined) {
        indices.push(row);
        values.push(1);
      }
    }
    indices.push(sumRow);
    values.push(1);
    starts.push(indices.length);
  }
  const columns = panels.length + 1;
  const model = highs.createModel({
    numCols: columns,
    numRows: people.length + 1,
    sense: highs.constants.objectiveSense.minimize,
    colCost: Float64Array.from({ length: columns }, (_, j) => (j === 0 ? 1 : 0)),
    colLower: new Float64Array(columns),
    colUpper: new Float64Array(columns).fill(highs.infinity),
    rowLower: Float64Array.from({ length: people.length + 1 }, (_, row) => (row === sumRow ? 1 : (targets[people[row] as number] as number))),
    rowUpper: Float64Array.from({ length: people.length + 1 }, (_, row) => (row === sumRow ? 1 : highs.infinity)),
    matrix: { format: 'csc', numRows: people.length + 1, numCols: columns, starts, indices, values },
  });
  try {
    model.options.set({ ...quietOptions, solver: 'simplex' });
    const { modelStatus } = model.run();
    if (modelStatus !== highs.constants.modelStatus.optimal) throw new Error(`The distribution LP could not be solved (HiGHS status ${modelStatus}).`);
    const solution = model.getSolution().colValue;
    const probabilities = new Float64Array(panels.length);
    let total = 0;
    for (let j = 0; j < panels.length; j++) {
      const p = Math.min(1, Math.max(0, solution[j + 1] as number));
      probabilities[j] = p;
      total += p;
    }
    for (let j = 0; j < panels.length; j++) probabilities[j] = (probabilities[j] as number) / total;
    return { probabilities, shortfall: solution[0] as number };
  } finally {
    model.dispose();
  }
}

/**
 * Rounds panel probabilities to whole-number weights adding up to exactly WEIGHT_DENOMINATOR (largest
 * remainders first; ties by panel order), drops panels left with weight 0 and sorts the rest
 * canonically.
 */
export function toWeights(panels: number[][], probabilities: ArrayLike<number>, denominator = WEIGHT_DENOMINATOR): PanelDistribution {
  const total = Array.from({ length: panels.length }, (_, j) => Math.max(0, probabilities[j] as number)).reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new Error('The distribution has no panel with positive probability.');
  const exact = panels.map((_, j) => (Math.max(0, probabilities[j] as number) / total) * denominator);
  const weights = exact.map(Math.floor);
  let missing = denominator - weights.reduce((a, b) => a + b, 0);
  const order = exact.map((value, j) => ({ j, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.j - b.j);
  for (const { j } of order) {
    if (missing <= 0) break;
    weights[j] = (weights[j] as number) + 1;
    missing--;
  }
  const merged = new Map<string, WeightedPanel>();
  for (const [j, panel] of panels.entries()) {
    const weight = weights[j] as number;
    if (weight <= 0) continue;
    const members = [...panel].sort((a, b) => a - b);
    const key = members.join(',');
    const existing = merged.get(key);
    if (existing) existing.weight += weight;
    else merged.set(key, { members, weight });
  }
  return { panels: [...merged.values()].sort((a, b) => compareMembers(a.members, b.members)), denominator };
}

/** Each person's probability of being chosen: the share of weight of the panels that include them. */
export function selectionProbabilities(n: number, distribution: PanelDistribution): Float64Array {
  const weight = new Float64Array(n);
  for (const panel of distribution.panels) for (const i of panel.members) weight[i] = (weight[i] as number) + panel.weight;
  return weight.map((w) => w / distribution.denominator);
}

export function compareMembers(a: readonly number[], b: readonly number[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}
