// Completions of equal shares, which on its own often leaves money unspent:
// - add1 (pabutools' method_of_equal_shares with voter_budget_increment=1, the rule of Pabulib's
//   equal-shares elections): raise every voter's starting money by one currency unit at a time,
//   rerunning equal shares, until the outcome is exhaustive; if an outcome overspends the budget, the
//   one before it is returned.
// - greedy (pabutools' completion_by_rule_combination with greedy_utilitarian_welfare): fill what is
//   left of the budget greedily by cost satisfaction.
import type { ApprovalProfile } from './election.js';
import { greedyWelfare } from './greedy.js';
import { EqualSharesInterval } from './interval.js';
import { EqualSharesCounter } from './mes.js';
import type { Add1Explanation, MesExplanation, RuleOptions, RuleResult, Satisfaction } from './outcome.js';
import { formatRational, rational } from './rational.js';

function totalCost(profile: ApprovalProfile, order: readonly number[]): bigint {
  let sum = 0n;
  for (const j of order) sum += profile.costs[j] as bigint;
  return sum;
}

/** No project that equal shares could buy (supported, not free) still fits in what is left. */
function isExhaustive(profile: ApprovalProfile, counter: EqualSharesCounter, order: readonly number[], cost: bigint): boolean {
  const chosen = new Set(order);
  for (const j of counter.eligible) {
    if (!chosen.has(j) && cost + (profile.costs[j] as bigint) <= profile.budget) return false;
  }
  return true;
}

export function equalSharesAdd1(profile: ApprovalProfile, satisfaction: Satisfaction, options: RuleOptions & { skip?: boolean } = {}): RuleResult {
  const n = BigInt(profile.numVoters);
  if (n === 0n) return { order: [] };
  const counter = new EqualSharesCounter(profile, satisfaction);
  const range = options.skip === false ? null : new EqualSharesInterval(profile, satisfaction, counter.eligible);
  // Starting money per voter, in scaled units, after k increments: at(k) / n.
  const step = profile.scale * n;
  const at = (k: bigint) => profile.budget + k * step;
  // Progress: the share of the budget the latest known outcome spends (the loop ends near all of it).
  let spent = 0;
  const report = (order: readonly number[] | null, k: bigint) => {
    if (!options.onProgress) return;
    if (order) spent = Number((totalCost(profile, order) * 1000n) / (profile.budget || 1n));
    options.onProgress(spent, 1000, `equal shares, +${k} per voter`);
  };
  let runs = 1;
  let k = 0n;
  // The exact outcome at k, when known (after a skip it is not, and is counted again if needed).
  let current: number[] | null = counter.run(at(0n), n).order;
  let stop: Add1Explanation['stop'] = 'exhaustive';
  let overBudget: Add1Explanation['overBudget'];
  let result: number[];
  let finalK = 0n;
  const freeCost = totalCost(profile, counter.free);
  const firstCost = totalCost(profile, current);
  if (firstCost > profile.budget) {
    // Cannot happen with b = budget / voters, but pabutools would then return the empty start.
    result = [...counter.free];
    stop = 'next-over-budget';
    overBudget = { voterBudget: formatRational(rational(at(0n), n * profile.scale)), cost: formatRational(rational(firstCost, profile.scale)) };
    finalK = -1n;
  } else if (isExhaustive(profile, counter, current, firstCost)) {
    result = current;
  } else {
    // Invariant: no starting money up to at(k) stops the loop. Try to show that a whole range
    // [k, k + width] does not stop it either; when that cannot be shown, count the next increment.
    // When ranges keep failing (close projects, outcomes changing at almost every step), trying
    // costs more than it saves: back off, counting the next 1, 2, 4, … increments directly.
    let width = 2n;
    let pause = 0;
    let backOff = 1;
    for (;;) {
      if (range && width > 1n && pause === 0) {
        if (range.neverStops(at(k), at(k + width), n, freeCost)) {
          k += width;
          current = null;
          width *= 2n;
          backOff = 1;
          report(null, k);
          continue;
        }
        width /= 2n;
        if (width > 1n) continue;
        pause = backOff;
        backOff = Math.min(backOff * 2, 64);
      }
      if (pause > 0) pause--;
      const next = counter.run(at(k + 1n), n).order;
      runs++;
      report(next, k + 1n);
      const cost = totalCost(profile, next);
      if (cost > profile.budget) {
        stop = 'next-over-budget';
        overBudget = { voterBudget: formatRational(rational(at(k + 1n), n * profile.scale)), cost: formatRational(rational(cost, profile.scale)) };
        if (current === null) {
          current = counter.run(at(k), n).order;
          runs++;
        }
        result = current;
        finalK = k;
        break;
      }
      k += 1n;
      current = next;
      if (isExhaustive(profile, counter, next, cost)) {
        result = next;
        finalK = k;
        break;
      }
      width = 2n;
    }
  }
  const out: RuleResult = { order: result };
  if (options.explain) {
    const used = finalK < 0n ? 0n : finalK;
    out.explanation = {
      kind: 'add1',
      initialVoterBudget: formatRational(rational(at(0n), n * profile.scale)),
      finalVoterBudget: formatRational(rational(at(used), n * profile.scale)),
      increments: Number(used),
      runs,
      stop,
      ...(overBudget ? { overBudget } : {}),
      final: (counter.run(at(used), n, true).explanation as MesExplanation) ?? emptyMes(satisfaction),
    };
  }
  return out;
}

function emptyMes(satisfaction: Satisfaction): MesExplanation {
  return { kind: 'mes', satisfaction, voterBudget: '0', rounds: [], neverAffordable: [], freeProjects: [] };
}

export function equalSharesGreedy(profile: ApprovalProfile, satisfaction: Satisfaction, options: RuleOptions = {}): RuleResult {
  const n = BigInt(profile.numVoters);
  const counter = new EqualSharesCounter(profile, satisfaction);
  const first = n === 0n ? { order: [] as number[] } : counter.run(profile.budget, n, options.explain);
  const then = greedyWelfare(profile, 'cost', { explain: options.explain, initial: first.order });
  const result: RuleResult = { order: [...first.order, ...then.order] };
  if (options.explain && then.explanation) {
    result.explanation = {
      kind: 'completion',
      equalShares: first.explanation ?? emptyMes(satisfaction),
      greedy: then.explanation,
    };
  }
  return result;
}
