// Greedy by utilitarian welfare, as pabutools' greedy_utilitarian_welfare for additive satisfaction:
// rank projects by total satisfaction per unit of cost, best first, ties by smallest id; walk down the
// ranking and select each project that still fits in what is left of the budget (others are skipped).
import type { ApprovalProfile } from './election.js';
import type { GreedyExplanation, GreedyStep, RuleOptions, RuleResult, Satisfaction } from './outcome.js';
import { formatRational, rational } from './rational.js';

/** Satisfaction per unit of cost as an exact fraction num/den (den 0 means infinite). */
function density(profile: ApprovalProfile, j: number, satisfaction: Satisfaction): { num: bigint; den: bigint } {
  const support = BigInt(profile.support[j] as number);
  const cost = profile.costs[j] as bigint;
  if (satisfaction === 'cost') {
    // Total satisfaction = support × cost, so per unit of cost it is the support; a free project gives
    // no cost satisfaction at all (pabutools: total satisfaction 0 ranks it last).
    return cost > 0n && support > 0n ? { num: support, den: 1n } : { num: 0n, den: 1n };
  }
  if (support === 0n) return { num: 0n, den: 1n };
  return cost > 0n ? { num: support * profile.scale, den: cost } : { num: 1n, den: 0n };
}

function compareDensityDesc(a: { num: bigint; den: bigint }, b: { num: bigint; den: bigint }): number {
  if (a.den === 0n || b.den === 0n) return a.den === 0n ? (b.den === 0n ? 0 : -1) : 1;
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l > r ? -1 : l < r ? 1 : 0;
}

export function greedyWelfare(
  profile: ApprovalProfile,
  satisfaction: Satisfaction,
  options: RuleOptions & { initial?: readonly number[] } = {},
): RuleResult & { explanation?: GreedyExplanation } {
  const initial = options.initial ?? [];
  const chosen = new Uint8Array(profile.numProjects);
  let left = profile.budget;
  for (const j of initial) {
    chosen[j] = 1;
    left -= profile.costs[j] as bigint;
  }
  const densities = profile.projectIds.map((_, j) => density(profile, j, satisfaction));
  const ranking = profile.projectIds
    .map((_, j) => j)
    .filter((j) => !chosen[j])
    .sort(
      (a, b) =>
        compareDensityDesc(densities[a] as { num: bigint; den: bigint }, densities[b] as { num: bigint; den: bigint }) ||
        (profile.tieRank[a] as number) - (profile.tieRank[b] as number),
    );
  const order: number[] = [];
  const steps: GreedyStep[] = [];
  const money = (x: bigint) => formatRational(rational(x, profile.scale));
  for (const j of ranking) {
    const cost = profile.costs[j] as bigint;
    const fits = cost <= left;
    if (options.explain) {
      const d = densities[j] as { num: bigint; den: bigint };
      steps.push({
        project: profile.projectIds[j] as string,
        cost: money(cost),
        supporters: profile.support[j] as number,
        score: d.den === 0n ? 'infinite' : formatRational(rational(d.num, d.den)),
        budgetLeft: money(left),
        decision: fits ? 'selected' : 'skipped',
      });
    }
    if (fits) {
      order.push(j);
      left -= cost;
    }
  }
  const result: RuleResult & { explanation?: GreedyExplanation } = { order };
  if (options.explain) {
    result.explanation = { kind: 'greedy', satisfaction, startedWith: initial.map((j) => profile.projectIds[j] as string), steps };
  }
  return result;
}
