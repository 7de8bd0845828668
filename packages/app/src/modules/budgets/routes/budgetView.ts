// What the public pages of a participatory budget say about it in words: its phase, who may vote,
// the ballot, the counting rule, its dates, and its projects grouped as people look for them.
import { dateRangeText } from '../../../platform/views.js';
import { pounds } from '../ballot.js';
import type { BudgetPhase, BudgetRule, ProjectStatus } from '../schema.js';
import type { BudgetDetail, BudgetSummary, ProjectView } from '../service.js';

export const phaseTags: Record<BudgetPhase, { text: string; classes: string }> = {
  draft: { text: 'Draft', classes: 'nhsuk-tag--grey' },
  ideas: { text: 'Taking ideas', classes: 'nhsuk-tag--green' },
  review: { text: 'Ideas being reviewed and costed', classes: 'nhsuk-tag--yellow' },
  vote: { text: 'Voting open', classes: 'nhsuk-tag--green' },
  counted: { text: 'Counted: result published', classes: 'nhsuk-tag--blue' },
  delivery: { text: 'Funded projects being delivered', classes: 'nhsuk-tag--blue' },
};

export const projectStatusTags: Record<ProjectStatus, { text: string; classes: string }> = {
  pending: { text: 'Waiting for moderation', classes: 'nhsuk-tag--grey' },
  rejected: { text: 'Not published', classes: 'nhsuk-tag--red' },
  idea: { text: 'Idea', classes: 'nhsuk-tag--white' },
  not_feasible: { text: 'Not feasible', classes: 'nhsuk-tag--orange' },
  merged: { text: 'Merged with another idea', classes: 'nhsuk-tag--grey' },
  shortlisted: { text: 'On the ballot', classes: 'nhsuk-tag--green' },
};

/** Each counting rule: its name, and how it chooses, in plain words. */
export const ruleWords: Record<BudgetRule, { name: string; how: string }> = {
  'mes-cost-add1': {
    name: 'the Method of Equal Shares',
    how:
      'The money is shared equally between the voters. A project is funded when the people who voted for it can pay its cost together from their shares, ' +
      'cheapest per supporter first, so that every group of voters gets projects in proportion to its size. ' +
      'Money left over is then shared out by raising every voter’s share £1 at a time, for as long as the projects funded still fit in the budget (the “add1” completion).',
  },
  'greedy-cost': {
    name: 'most votes first',
    how: 'Projects are taken in order of their votes, most first. Each is funded if it fits in the money still left; a project that does not fit is skipped.',
  },
  phragmen: {
    name: 'sequential Phragmén',
    how:
      'Projects are funded one at a time. Each project’s cost is a load spread over the people who voted for it; each time, the project that leaves its supporters ' +
      'with the lightest load is funded, until the next project would not fit in the budget.',
  },
};

function districtsText(districts: string): string {
  const list = districts.split(/[\s,;]+/).filter(Boolean);
  return list.length ? list.join(', ') : 'the budget’s places';
}

/** Who may vote, in one sentence or two. */
export function whoMayVote(b: Pick<BudgetDetail, 'eligibility' | 'minAge' | 'postcodeDistricts' | 'places'>): string {
  const age = b.minAge === null ? '' : `, aged ${b.minAge} or over`;
  const places = b.places.map((p) => p.name).join(', ');
  const mode =
    b.eligibility === 'postcode'
      ? `People living in postcode districts ${districtsText(b.postcodeDistricts)}${places ? ` (${places})` : ''}${age}, signed in to Involve.`
      : b.eligibility === 'list'
        ? `People on the organisation’s list of eligible people${age}, signed in to Involve with the email address on the list.`
        : `People given a voting code${age}.`;
  return b.eligibility === 'codes' ? mode : `${mode} Anyone given a voting code may also vote with it.`;
}

/** The ballot in words. */
export function ballotWords(b: Pick<BudgetDetail, 'ballotType' | 'maxChoices' | 'limitToBudget' | 'points' | 'amount'>): string {
  if (b.ballotType === 'cumulative') return `Spread ${b.points ?? 0} points between the projects you want, as you like.`;
  const most = b.maxChoices === null ? '' : ` (up to ${b.maxChoices})`;
  if (b.ballotType === 'ordinal') return `Number the projects you want in order of preference${most}: 1 for your first choice.`;
  const within = b.limitToBudget ? `, costing no more than the ${pounds(b.amount)} budget together` : '';
  return `Tick the projects you want${most}${within}.`;
}

/** The rows of the summary list at the top of a budget's page. */
export function budgetRows(b: BudgetDetail) {
  const rows = [
    { key: { text: 'Money to share' }, value: { text: pounds(b.amount) } },
    { key: { text: 'For' }, value: { text: b.places.map((p) => p.name).join(', ') || b.organisation.name } },
    { key: { text: 'Ideas' }, value: { text: dateRangeText(b.ideasFrom, b.ideasUntil) } },
    { key: { text: 'Vote' }, value: { text: dateRangeText(b.voteFrom, b.voteUntil) } },
    { key: { text: 'Who may vote' }, value: { text: whoMayVote(b) } },
    { key: { text: 'How to vote' }, value: { text: ballotWords(b) } },
    { key: { text: 'How votes are counted' }, value: { text: `By ${ruleWords[b.rule].name}. ${ruleWords[b.rule].how}` } },
  ];
  if (b.phase === 'vote' || b.phase === 'counted' || b.phase === 'delivery')
    rows.push({ key: { text: 'Ballots' }, value: { text: b.ballots.toLocaleString('en-GB') } });
  return rows;
}

/** A list row of the budgets list. */
export function summaryLine(b: BudgetSummary): string {
  const places = b.places.map((p) => p.name).join(', ');
  const when =
    b.phase === 'ideas'
      ? `Ideas: ${dateRangeText(b.ideasFrom, b.ideasUntil)}.`
      : b.phase === 'vote' || b.phase === 'review'
        ? `Vote: ${dateRangeText(b.voteFrom, b.voteUntil)}.`
        : '';
  return `${b.organisation.name}${places ? ` for ${places}` : ''}. ${pounds(b.amount)} to share. ${when}`.trim();
}

/** Projects grouped as the budget's page shows them: on the ballot, ideas, and those not taken forward. */
export function projectGroups(projects: readonly ProjectView[]) {
  return {
    shortlisted: projects.filter((p) => p.status === 'shortlisted'),
    ideas: projects.filter((p) => p.status === 'idea'),
    notTaken: projects.filter((p) => p.status === 'not_feasible' || p.status === 'merged'),
  };
}

/** The facts of an idea or project as rows of the summary list. */
export function projectRows(p: ProjectView) {
  return [
    ...(p.location ? [{ key: { text: 'Where' }, value: { text: p.location } }] : []),
    ...(p.whoBenefits ? [{ key: { text: 'Who would benefit' }, value: { text: p.whoBenefits, classes: 'involve-prewrap' } }] : []),
    ...(p.cost !== null
      ? [{ key: { text: 'Cost' }, value: { text: pounds(p.cost) } }]
      : p.roughCost !== null
        ? [{ key: { text: 'Rough cost (the proposer’s guess)' }, value: { text: pounds(p.roughCost) } }]
        : []),
    { key: { text: 'Supporters' }, value: { text: p.supporters.toLocaleString('en-GB') } },
  ];
}
