// Sequential Phragmén for participatory budgeting, as pabutools' sequential_phragmen: every voter
// starts with load 0; a project's new load is (its supporters' loads + its cost) / its supporters;
// the project with the smallest new load is bought (ties to the smallest id) and every supporter's
// load becomes that new load. The count stops, rather than skips, as soon as the cheapest-load
// project (or one tied with it) no longer fits in the budget. Projects costing more than the whole
// budget are left out from the start.
//
// A voter's load is always 0 or the load ℓ_t set in some round t, so a project's supporters' loads
// add up to Σ_t W[j][t] × ℓ_t, where W[j][t] counts its supporters whose load was last set in round t.
// The ℓ_t share one BigInt denominator; doubles find the smallest new load and exact values settle it.
import type { ApprovalProfile } from './election.js';
import type { PhragmenExplanation, PhragmenStep, RuleOptions, RuleResult } from './outcome.js';
import { formatApprox, formatRational, gcd, rational, ratioToNumber } from './rational.js';

const EPS = 2 ** -52;
const SAFE = 256;

export function sequentialPhragmen(profile: ApprovalProfile, options: RuleOptions = {}): RuleResult & { explanation?: PhragmenExplanation } {
  const p = profile;
  const nP = p.numProjects;
  const candidates: number[] = [];
  const tooExpensive: number[] = [];
  for (let j = 0; j < nP; j++) {
    if ((p.costs[j] as bigint) <= p.budget) candidates.push(j);
    else tooExpensive.push(j);
  }
  const width = candidates.length + 1;
  // W[j * width + t]: supporters of j whose load was last set in round t (t = 0: load 0).
  const W = new Float64Array(nP * width);
  for (let j = 0; j < nP; j++) W[j * width] = p.support[j] as number;
  const label = new Int32Array(p.numGroups);
  let lambda = 1n;
  const loads: bigint[] = [0n];
  const loadsF: number[] = [0];
  const alive = new Uint8Array(nP);
  for (const j of candidates) alive[j] = 1;
  let left = p.budget;
  let rounds = 0;
  const order: number[] = [];
  const steps: PhragmenStep[] = [];
  let stop: PhragmenExplanation['stop'] = null;
  const money = (x: bigint) => formatRational(rational(x, p.scale));
  const newLoadF = new Float64Array(nP);
  const newLoadErr = new Float64Array(nP);
  const exactNumerator = (j: number): bigint => {
    // (Σ_t W[j][t] × ℓ_t + cost) × Λ; the new load is this / (support × Λ).
    let sum = (p.costs[j] as bigint) * lambda;
    for (let t = 1; t <= rounds; t++) {
      const w = W[j * width + t] as number;
      if (w) sum += BigInt(w) * (loads[t] as bigint);
    }
    return sum;
  };
  /** Exact comparison of new loads (zero support = infinite); ties are 0. */
  const compareLoads = (a: number, b: number): number => {
    const sa = p.support[a] as number;
    const sb = p.support[b] as number;
    if (sa === 0 || sb === 0) return sa === 0 ? (sb === 0 ? 0 : 1) : -1;
    const l = exactNumerator(a) * BigInt(sb);
    const r = exactNumerator(b) * BigInt(sa);
    return l < r ? -1 : l > r ? 1 : 0;
  };

  for (;;) {
    const live = candidates.filter((j) => alive[j]);
    if (live.length === 0) break;
    // Estimate every new load.
    let minHi = Number.POSITIVE_INFINITY;
    for (const j of live) {
      const s = p.support[j] as number;
      if (s === 0) {
        newLoadF[j] = Number.POSITIVE_INFINITY;
        newLoadErr[j] = 0;
        continue;
      }
      let sum = p.costsF[j] as number;
      let magnitude = sum;
      for (let t = 1; t <= rounds; t++) {
        const w = W[j * width + t] as number;
        if (w) {
          const term = w * (loadsF[t] as number);
          sum += term;
          magnitude += Math.abs(term);
        }
      }
      const value = sum / s;
      newLoadF[j] = value;
      newLoadErr[j] = (SAFE * ((2 * rounds + 4) * EPS * magnitude)) / s + SAFE * EPS * value;
      if (value + (newLoadErr[j] as number) < minHi) minHi = value + (newLoadErr[j] as number);
    }
    // Those that may have the smallest new load; then the exact smallest, and everything tied with it.
    const close = live.filter((j) => (newLoadF[j] as number) - (newLoadErr[j] as number) <= minHi);
    let tied: number[];
    if (close.length === 1) tied = close;
    else {
      let best = close[0] as number;
      for (const j of close) if (compareLoads(j, best) < 0) best = j;
      tied = close.filter((j) => compareLoads(j, best) === 0);
    }
    tied.sort((a, b) => (p.tieRank[a] as number) - (p.tieRank[b] as number));
    const first = tied[0] as number;
    const overflow = tied.find((j) => (p.costs[j] as bigint) > left);
    if (overflow !== undefined) {
      if (options.explain) {
        const s = p.support[overflow] as number;
        const load = s === 0 ? null : rational(exactNumerator(overflow), BigInt(s) * lambda * p.scale);
        stop = {
          project: p.projectIds[overflow] as string,
          cost: money(p.costs[overflow] as bigint),
          budgetLeft: money(left),
          load: load ? formatRational(load) : 'infinite',
        };
      }
      break;
    }
    const k = first;
    alive[k] = 0;
    order.push(k);
    left -= p.costs[k] as bigint;
    const s = p.support[k] as number;
    if (s === 0) {
      if (options.explain) {
        steps.push({
          round: order.length,
          project: p.projectIds[k] as string,
          cost: money(p.costs[k] as bigint),
          supporters: 0,
          load: 'infinite',
          loadApprox: 'infinite',
        });
      }
      continue;
    }
    // ℓ = numerator / (s × Λ): move to a common denominator Λ' = Λ × s / gcd.
    const numerator = exactNumerator(k);
    const g = gcd(numerator, BigInt(s));
    const f = BigInt(s) / g;
    if (f !== 1n) {
      lambda *= f;
      for (let t = 1; t <= rounds; t++) loads[t] = (loads[t] as bigint) * f;
    }
    rounds++;
    loads[rounds] = numerator / g;
    loadsF[rounds] = ratioToNumber(numerator / g, lambda);
    if (options.explain) {
      const load = rational(loads[rounds] as bigint, lambda * p.scale);
      steps.push({
        round: order.length,
        project: p.projectIds[k] as string,
        cost: money(p.costs[k] as bigint),
        supporters: s,
        load: formatRational(load),
        loadApprox: formatApprox(load, 2),
      });
    }
    for (let x = p.supporterStart[k] as number; x < (p.supporterStart[k + 1] as number); x++) {
      const grp = p.supporterGroups[x] as number;
      const m = p.groupSize[grp] as number;
      const old = label[grp] as number;
      label[grp] = rounds;
      for (let y = p.groupStart[grp] as number; y < (p.groupStart[grp + 1] as number); y++) {
        const j = p.groupProjects[y] as number;
        W[j * width + old] = (W[j * width + old] as number) - m;
        W[j * width + rounds] = (W[j * width + rounds] as number) + m;
      }
    }
  }
  const result: RuleResult & { explanation?: PhragmenExplanation } = { order };
  if (options.explain) {
    result.explanation = { kind: 'phragmen', tooExpensive: tooExpensive.map((j) => p.projectIds[j] as string), steps, stop };
  }
  return result;
}
