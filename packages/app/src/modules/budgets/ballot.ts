// A participatory budgeting ballot: reading what a voter filled in (the plain form, or the API's
// JSON), the checks every ballot passes whichever way it came, and the running totals the ballot
// and the check step show. Approval (tick projects, optionally at most N or within the budget),
// cumulative (spread points) and ordinal (rank 1, 2, 3 …).
import { formValues, text } from '../../platform/web/index.js';
import type { BallotChoices, BallotType } from './schema.js';

export interface BallotRules {
  ballotType: BallotType;
  /** Approval and ordinal: at most this many projects (null: any). */
  maxChoices: number | null;
  /** Approval: the projects chosen may not cost more than the budget together. */
  limitToBudget: boolean;
  /** Cumulative: the points each voter spreads. */
  points: number | null;
  /** The budget, in whole pounds. */
  amount: number;
}

export interface BallotProject {
  /** The project's id in the .pb file (String(project.id)). */
  id: string;
  title: string;
  /** In pounds. */
  cost: number;
}

export interface BallotTotals {
  /** Projects chosen (cumulative: given at least one point). */
  chosen: number;
  /** What the chosen projects cost together, in pounds. */
  cost: number;
  pointsUsed: number;
  /** The chosen projects cost more than the budget (an error only when the rules limit to the budget). */
  overBudget: boolean;
}

/** Money as people read it: £1,200,000 (pence only when there are any: £12.50). */
export function pounds(amount: number): string {
  return `£${amount.toLocaleString('en-GB', { minimumFractionDigits: Number.isInteger(amount) ? 0 : 2, maximumFractionDigits: 2 })}`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** The projects a ballot gives something to: cumulative ballots count only projects with points. */
function chosenIndices(rules: BallotRules, choices: BallotChoices): number[] {
  const all = choices.projects.map((_, i) => i);
  return rules.ballotType === 'cumulative' ? all.filter((i) => (choices.points?.[i] ?? 0) > 0) : all;
}

export function ballotTotals(rules: BallotRules, projects: readonly BallotProject[], choices: BallotChoices): BallotTotals {
  const costs = new Map(projects.map((p) => [p.id, p.cost]));
  const chosen = chosenIndices(rules, choices);
  let cost = 0;
  for (const i of chosen) cost += costs.get(choices.projects[i] as string) ?? 0;
  const pointsUsed = rules.ballotType === 'cumulative' ? (choices.points ?? []).reduce((sum, p) => sum + (Number.isFinite(p) ? p : 0), 0) : 0;
  return { chosen: chosen.length, cost, pointsUsed, overBudget: cost > rules.amount };
}

/** What the rules say about a whole ballot of known, distinct projects: the error, or null. */
function wholeBallotProblem(
  rules: BallotRules,
  projects: readonly BallotProject[],
  choices: BallotChoices,
): { field: 'projects' | 'points'; message: string } | null {
  const totals = ballotTotals(rules, projects, choices);
  if (rules.ballotType === 'cumulative') {
    const allowed = rules.points ?? 0;
    if (totals.pointsUsed > allowed)
      return { field: 'points', message: `You have ${count(allowed, 'point')}: you used ${totals.pointsUsed.toLocaleString('en-GB')}` };
    if (totals.chosen === 0) return { field: 'points', message: 'Give at least 1 point to a project' };
    return null;
  }
  if (totals.chosen === 0) return { field: 'projects', message: rules.ballotType === 'ordinal' ? 'Rank at least 1 project' : 'Choose at least 1 project' };
  if (rules.maxChoices !== null && totals.chosen > rules.maxChoices) {
    const verb = rules.ballotType === 'ordinal' ? 'Rank' : 'Choose';
    return { field: 'projects', message: `${verb} no more than ${count(rules.maxChoices, 'project')}: you chose ${totals.chosen.toLocaleString('en-GB')}` };
  }
  if (rules.ballotType === 'approval' && rules.limitToBudget && totals.overBudget) {
    return { field: 'projects', message: `The projects you chose cost ${pounds(totals.cost)}, more than the ${pounds(rules.amount)} budget` };
  }
  return null;
}

/**
 * Checks a ballot sent as data (the API's `{ projects, points? }`; for ordinal ballots `projects` is
 * the ranking, best first). Errors under `projects` or `points`; {} when the ballot is good.
 */
export function checkChoices(rules: BallotRules, projects: readonly BallotProject[], choices: BallotChoices): Record<string, string> {
  const known = new Set(projects.map((p) => p.id));
  const list: unknown = choices?.projects;
  if (!Array.isArray(list) || list.some((id) => typeof id !== 'string')) return { projects: 'Give the projects as a list of project ids' };
  const unknown = list.find((id) => !known.has(id));
  if (unknown !== undefined) return { projects: `There is no project '${unknown}' on this ballot` };
  const repeated = list.find((id, i) => list.indexOf(id) !== i);
  if (repeated !== undefined) return { projects: `Project '${repeated}' is listed more than once` };
  const points: unknown = choices.points;
  if (rules.ballotType === 'cumulative') {
    if (!Array.isArray(points) || points.length !== list.length)
      return { points: `Give one number of points for each project listed (${count(list.length, 'project')})` };
    if (points.some((p) => !Number.isInteger(p) || (p as number) < 0)) return { points: 'Points must be whole numbers, 0 or more' };
  } else if (points !== undefined) {
    return { points: `Points are only for cumulative ballots; this ballot is ${rules.ballotType}` };
  }
  const problem = wholeBallotProblem(rules, projects, choices);
  return problem ? { [problem.field]: problem.message } : {};
}

/** A whole number typed in a box: the number, null when blank, NaN when it is not a whole number 0 or more. */
function wholeNumber(value: unknown): number | null {
  const typed = text(value).trim();
  if (typed === '') return null;
  return /^\d{1,9}$/.test(typed) ? Number(typed) : Number.NaN;
}

function approvalFromForm(projects: readonly BallotProject[], form: Record<string, unknown>, errors: Record<string, string>): BallotChoices {
  const ticked = new Set(formValues(form, 'projects'));
  const known = new Set(projects.map((p) => p.id));
  if ([...ticked].some((id) => !known.has(id))) errors.projects = 'Choose from the projects on this ballot';
  return { projects: projects.filter((p) => ticked.has(p.id)).map((p) => p.id) };
}

function cumulativeFromForm(projects: readonly BallotProject[], form: Record<string, unknown>, errors: Record<string, string>): BallotChoices {
  const choices: BallotChoices = { projects: [], points: [] };
  for (const p of projects) {
    const points = wholeNumber(form[`points_${p.id}`]);
    if (Number.isNaN(points)) errors[`points_${p.id}`] = `Points for ${p.title} must be a whole number, 0 or more`;
    else if (points) {
      choices.projects.push(p.id);
      choices.points?.push(points);
    }
  }
  return choices;
}

function ordinalFromForm(projects: readonly BallotProject[], form: Record<string, unknown>, errors: Record<string, string>): BallotChoices {
  const ranked: Array<{ id: string; rank: number }> = [];
  const holder = new Map<number, BallotProject>();
  for (const p of projects) {
    const field = `rank_${p.id}`;
    const rank = wholeNumber(form[field]);
    if (rank === null) continue;
    if (Number.isNaN(rank) || rank < 1 || rank > projects.length) {
      errors[field] = `Rank for ${p.title} must be a whole number from 1 to ${projects.length}, or left blank`;
      continue;
    }
    const first = holder.get(rank);
    if (first) {
      errors[field] = `You gave rank ${rank} to ${first.title} and ${p.title}: give each rank to one project`;
      continue;
    }
    holder.set(rank, p);
    ranked.push({ id: p.id, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank);
  const gap = ranked.findIndex((r, i) => r.rank !== i + 1);
  if (gap >= 0 && Object.keys(errors).length === 0) {
    const after = ranked[gap] as { id: string; rank: number };
    errors[`rank_${after.id}`] = `There is no rank ${gap + 1}: number your choices 1, 2, 3 and so on without gaps`;
  }
  return { projects: ranked.map((r) => r.id) };
}

/**
 * Reads the ballot form: approval `projects` (one id or a list), cumulative `points_<id>`, ordinal
 * `rank_<id>`. A field's own problem is under its name; a problem with the whole ballot (too many
 * projects, over the budget, too many points, nothing chosen) is under `projects`, the ballot's fieldset.
 */
export function choicesFromForm(
  rules: BallotRules,
  projects: readonly BallotProject[],
  form: Record<string, unknown>,
): { choices: BallotChoices } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const choices =
    rules.ballotType === 'approval'
      ? approvalFromForm(projects, form, errors)
      : rules.ballotType === 'cumulative'
        ? cumulativeFromForm(projects, form, errors)
        : ordinalFromForm(projects, form, errors);
  if (Object.keys(errors).length) return { errors };
  const problem = wholeBallotProblem(rules, projects, choices);
  return problem ? { errors: { projects: problem.message } } : { choices };
}
