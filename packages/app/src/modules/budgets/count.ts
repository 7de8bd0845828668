// The count of a participatory budget: the ballots as a pabulib election (the file anyone can
// recount with `decide pb` or pabutools), counted by decide with the budget's rule, and every
// project's votes and a sentence saying why it was or was not funded.
import {
  countPb,
  explanationText,
  formatRational,
  type PbElection,
  type PbRule,
  parseRational,
  projectExplanations,
  projectSupport,
  type Rational,
  writePb,
} from '@involve/decide';
import { seededRandom } from '@involve/decide/seededRandom';
import type { Selectable } from 'kysely';
import { pounds } from './ballot.js';
import type { BallotChoices, BudgetResult, BudgetRule, BudgetTable } from './schema.js';

/** The rule's name in pabulib's META (what pabutools' users look for). */
export const pabulibRuleNames: Record<BudgetRule, string> = {
  'mes-cost-add1': 'equalshares/add1',
  'greedy-cost': 'greedy',
  phragmen: 'phragmen',
};

/** What the count reads of a budget: its row, and the name of its organisation (pabulib's unit). */
export type BudgetForCount = Pick<
  Selectable<BudgetTable>,
  'id' | 'title' | 'amount' | 'ballot_type' | 'max_choices' | 'limit_to_budget' | 'points' | 'rule' | 'vote_from' | 'vote_until'
> & { organisationName: string };

/** A project on the ballot: its row (id, title, cost) or a BallotProject (id already the .pb id). */
export interface ProjectForCount {
  id: number | string;
  title: string;
  cost: number | null;
}

/** pabulib writes dates as DD.MM.YYYY. */
function pabulibDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}.${month}.${year}`;
}

function amount(value: number): Rational {
  const parsed = parseRational(String(value));
  if (!parsed || parsed.num < 0n) throw new Error(`Not an amount of money: ${value}`);
  return parsed;
}

/**
 * The ballots as a pabulib election: META (description, country, unit, instance, budget, vote type,
 * rule and decide_rule, dates, limits), the projects with their votes, and one VOTES row per ballot
 * whose voter_id is its receipt. Throws if a ballot names a project not in `projects`.
 */
export function ballotsToElection(
  budget: BudgetForCount,
  projects: readonly ProjectForCount[],
  ballots: ReadonlyArray<{ receipt: string; choices: BallotChoices }>,
): PbElection {
  const meta: Record<string, string> = {
    description: budget.title,
    country: 'UK',
    unit: budget.organisationName,
    instance: String(budget.id),
    num_projects: String(projects.length),
    num_votes: String(ballots.length),
    budget: String(budget.amount),
    vote_type: budget.ballot_type,
    rule: pabulibRuleNames[budget.rule],
    decide_rule: budget.rule,
    currency: 'GBP',
  };
  if (budget.vote_from) meta.date_begin = pabulibDate(budget.vote_from);
  if (budget.vote_until) meta.date_end = pabulibDate(budget.vote_until);
  if (budget.ballot_type !== 'cumulative' && budget.max_choices !== null) meta.max_length = String(budget.max_choices);
  if (budget.ballot_type === 'approval' && budget.limit_to_budget) meta.max_sum_cost = String(budget.amount);
  if (budget.ballot_type === 'cumulative' && budget.points !== null) meta.max_sum_points = String(budget.points);

  const pbProjects = projects.map((p) => {
    if (p.cost === null) throw new Error(`Project ${p.id} (${p.title}) has no cost and cannot be counted`);
    return { id: String(p.id), cost: amount(p.cost), fields: { name: p.title, votes: '0', selected: '0' } };
  });
  const known = new Set(pbProjects.map((p) => p.id));
  const voters = ballots.map(({ receipt, choices }) => {
    const unknown = choices.projects.find((id) => !known.has(id));
    if (unknown !== undefined) throw new Error(`Ballot ${receipt} names project ${unknown}, which is not on the ballot`);
    return budget.ballot_type === 'cumulative'
      ? { id: receipt, vote: [...choices.projects], points: [...(choices.points ?? [])], fields: {} }
      : { id: receipt, vote: [...choices.projects], fields: {} };
  });
  const election: PbElection = {
    meta,
    budget: amount(budget.amount),
    voteType: budget.ballot_type,
    projects: pbProjects,
    voters,
    projectColumns: ['project_id', 'cost', 'name', 'votes', 'selected'],
    voterColumns: budget.ballot_type === 'cumulative' ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote'],
  };
  const support = projectSupport(election);
  for (const p of pbProjects) p.fields.votes = String(support.get(p.id) ?? 0);
  return election;
}

/** Counts the election with the rule (decide's countPb, with its explanation) and explains every project in plain words. */
export function countBudget(election: PbElection, rule: BudgetRule): BudgetResult {
  const outcome = countPb(election, rule satisfies PbRule, { explain: true });
  const names = new Map(election.projects.map((p) => [p.id, p.fields.name]));
  const name = (id: string) => names.get(id);
  const why = projectExplanations(election, outcome, { name, money: pounds });
  const selected = new Set(outcome.selected);
  const support = projectSupport(election);
  return {
    rule,
    selected: outcome.selected,
    order: outcome.order,
    cost: outcome.cost,
    budget: outcome.budget,
    ballots: election.voters.length,
    projects: election.projects.map((p) => ({
      id: p.id,
      title: p.fields.name ?? p.id,
      cost: Number(formatRational(p.cost)),
      votes: support.get(p.id) ?? 0,
      selected: selected.has(p.id),
      explanation: why.get(p.id) ?? '',
    })),
    explanationText: explanationText(outcome, name),
  };
}

/** The file to publish: the election as a .pb file with each project's selected column (1 or 0) from the count. */
export function publishedPb(election: PbElection, result: Pick<BudgetResult, 'selected'>): string {
  const selected = new Set(result.selected);
  return writePb({ ...election, projects: election.projects.map((p) => ({ ...p, fields: { ...p.fields, selected: selected.has(p.id) ? '1' : '0' } })) });
}

/**
 * Made-up approval ballots over the projects, the same for the same seed (for the demo, the tests
 * and the benchmark): each chooses 1 to 8 projects, some projects far more popular than others.
 */
export function syntheticBallots(projects: ReadonlyArray<{ id: string }>, count: number, seed: number): Array<{ receipt: string; choices: BallotChoices }> {
  const random = seededRandom(seed);
  const popularity = projects.map(() => random() ** 2 + 0.05);
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: count }, (_, i) => {
    const size = Math.min(projects.length, 1 + Math.floor(random() * 8));
    const weights = [...popularity];
    let total = weights.reduce((a, b) => a + b, 0);
    const chosen: string[] = [];
    while (chosen.length < size) {
      let pick = random() * total;
      let j = 0;
      while (j < weights.length - 1 && pick >= (weights[j] as number)) pick -= weights[j++] as number;
      total -= weights[j] as number;
      weights[j] = 0;
      chosen.push((projects[j] as { id: string }).id);
    }
    const prefix = Array.from({ length: 6 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    return { receipt: `${prefix}${i.toString(36).toUpperCase().padStart(4, '0')}`, choices: { projects: chosen } };
  });
}
