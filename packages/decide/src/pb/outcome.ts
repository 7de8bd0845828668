// What every rule returns: the selected projects (by index, in order of selection) and, when asked
// for, the steps that explain them. Amounts in explanations are exact decimal or fraction strings.

export type Satisfaction = 'cost' | 'cardinality';

export interface GreedyStep {
  project: string;
  cost: string;
  supporters: number;
  /** Satisfaction per unit of cost: supporters (cost satisfaction) or supporters / cost (cardinality). */
  score: string;
  /** Budget left before this project was considered. */
  budgetLeft: string;
  decision: 'selected' | 'skipped';
}

export interface GreedyExplanation {
  kind: 'greedy';
  satisfaction: Satisfaction;
  /** Projects already selected before the greedy pass (the equal-shares outcome, for a completion). */
  startedWith: string[];
  steps: GreedyStep[];
}

export interface MesDropout {
  project: string;
  cost: string;
  /** What its supporters still held together, less than its cost. */
  supportersMoney: string;
}

export interface MesRound {
  round: number;
  project: string;
  cost: string;
  /** ρ: price per unit of satisfaction; a supporter pays min(what they hold, ρ × satisfaction). */
  rho: string;
  rhoApprox: string;
  /** What each supporter who could afford it paid (ρ × satisfaction). */
  payment: string;
  supporters: number;
  payingInFull: number;
  payingAllTheyHad: number;
  /** Projects with exactly the same ρ, passed over because their id comes later. */
  tiedWith: string[];
  /** The next best affordable projects and their ρ, best first (at most three). */
  runnersUp: { project: string; rhoApprox: string }[];
  /** Projects whose supporters, from this round on, no longer hold enough money between them. */
  droppedOut: MesDropout[];
}

export interface MesExplanation {
  kind: 'mes';
  satisfaction: Satisfaction;
  /** Each voter's starting money, in currency units. */
  voterBudget: string;
  rounds: MesRound[];
  /** Projects that were never affordable from the start (with what their supporters held). */
  neverAffordable: MesDropout[];
  /** Projects of cost 0 with supporters, selected before the rounds (cardinality satisfaction). */
  freeProjects: string[];
}

export interface Add1Explanation {
  kind: 'add1';
  /** Starting money per voter B/n, and the one finally used (B/n + k). */
  initialVoterBudget: string;
  finalVoterBudget: string;
  increments: number;
  /** Equal-shares runs done to find it (fewer than increments + 1 when steps were skipped safely). */
  runs: number;
  stop: 'exhaustive' | 'next-over-budget';
  /** With 'next-over-budget': the per-voter money that overspends, and the cost it reached. */
  overBudget?: { voterBudget: string; cost: string };
  final: MesExplanation;
}

export interface PhragmenStep {
  round: number;
  project: string;
  cost: string;
  supporters: number;
  /** The load every supporter carries once the project is bought. */
  load: string;
  loadApprox: string;
}

export interface PhragmenExplanation {
  kind: 'phragmen';
  /** Left out from the start because each costs more than the whole budget. */
  tooExpensive: string[];
  steps: PhragmenStep[];
  /** Why the count stopped: the project with the smallest new load no longer fits (or nothing was left). */
  stop: { project: string; cost: string; budgetLeft: string; load: string } | null;
}

export type Explanation =
  | GreedyExplanation
  | MesExplanation
  | Add1Explanation
  | PhragmenExplanation
  | { kind: 'completion'; equalShares: MesExplanation; greedy: GreedyExplanation };

export interface RuleOptions {
  /** Build the step-by-step explanation (slower: equal shares then prices every project each round). */
  explain?: boolean;
  /** Called now and then on long counts (for a progress bar). */
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface RuleResult {
  /** Project indices in the order they were selected. */
  order: number[];
  explanation?: Explanation;
}
