// One entry point for the participatory budgeting rules: count an election by rule name and get the
// selected projects, their cost, and (when asked) the explanation.
import { equalSharesAdd1, equalSharesGreedy } from './completion.js';
import { type ApprovalProfile, approvalProfile, compareIds, type PbElection } from './election.js';
import { greedyWelfare } from './greedy.js';
import { equalShares } from './mes.js';
import type { Explanation, RuleOptions, RuleResult } from './outcome.js';
import { sequentialPhragmen } from './phragmen.js';
import { formatRational, rational } from './rational.js';

export const pbRules = ['greedy-cost', 'greedy-cardinality', 'mes-cost', 'mes-cost-add1', 'mes-cost-greedy', 'mes-cardinality', 'phragmen'] as const;
export type PbRule = (typeof pbRules)[number];

export const pbRuleTitles: Record<PbRule, string> = {
  'greedy-cost': 'greedy by utilitarian welfare, cost satisfaction',
  'greedy-cardinality': 'greedy by utilitarian welfare, cardinality satisfaction',
  'mes-cost': 'Method of Equal Shares, cost satisfaction, no completion',
  'mes-cost-add1': 'Method of Equal Shares, cost satisfaction, add1 completion',
  'mes-cost-greedy': 'Method of Equal Shares, cost satisfaction, completed greedily',
  'mes-cardinality': 'Method of Equal Shares, cardinality satisfaction, no completion',
  phragmen: 'sequential Phragmén',
};

export function isPbRule(name: string): name is PbRule {
  return (pbRules as readonly string[]).includes(name);
}

export interface PbOutcome {
  rule: PbRule;
  /** Selected project ids, sorted (by code point, as Python sorts strings). */
  selected: string[];
  /** The same projects in the order the rule selected them. */
  order: string[];
  /** Their total cost and the budget, as exact decimals. */
  cost: string;
  budget: string;
  explanation?: Explanation;
}

/** Counts a prepared profile (see approvalProfile) by one rule; returns project indices in order. */
export function countProfile(profile: ApprovalProfile, rule: PbRule, options: RuleOptions = {}): RuleResult {
  switch (rule) {
    case 'greedy-cost':
      return greedyWelfare(profile, 'cost', options);
    case 'greedy-cardinality':
      return greedyWelfare(profile, 'cardinality', options);
    case 'mes-cost':
      return equalShares(profile, 'cost', options.explain);
    case 'mes-cardinality':
      return equalShares(profile, 'cardinality', options.explain);
    case 'mes-cost-add1':
      return equalSharesAdd1(profile, 'cost', options);
    case 'mes-cost-greedy':
      return equalSharesGreedy(profile, 'cost', options);
    case 'phragmen':
      return sequentialPhragmen(profile, options);
  }
}

export function outcomeOf(profile: ApprovalProfile, rule: PbRule, result: RuleResult): PbOutcome {
  const order = result.order.map((j) => profile.projectIds[j] as string);
  let cost = 0n;
  for (const j of result.order) cost += profile.costs[j] as bigint;
  const outcome: PbOutcome = {
    rule,
    selected: [...order].sort(compareIds),
    order,
    cost: formatRational(rational(cost, profile.scale)),
    budget: formatRational(rational(profile.budget, profile.scale)),
  };
  if (result.explanation) outcome.explanation = result.explanation;
  return outcome;
}

/** Counts an election by one rule. Every rule reads ballots as approval of the projects supported. */
export function countPb(election: PbElection, rule: PbRule, options: RuleOptions = {}): PbOutcome {
  const profile = approvalProfile(election);
  return outcomeOf(profile, rule, countProfile(profile, rule, options));
}
