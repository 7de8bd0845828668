// A participatory budgeting process as its organisation's admins set it up (the money, the places,
// the dates, who may vote and how the ballot works), and as everyone finds it: listed by
// organisation or place, or one by id. Drafts are seen only by those who may manage them.
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { isIsoDate } from '../../platform/web/forms.js';
import { chosenPlaces, getOrganisationSummary, organisationNames, placeOptions } from '../registry/service.js';
import { postcodeDistricts } from './eligibility.js';
import { checkText, isPounds } from './limits.js';
import { type Actor, assertCan, can, organisationsWhere } from './policy.js';
import { type BudgetRow, type BudgetsDeps, budgetRow, mayManage, mayModerate } from './records.js';
import { type BallotType, type BudgetPhase, type BudgetRule, ballotTypes, budgetRules, type EligibilityMode, eligibilityModes } from './schema.js';

/** What staff write when they set up a process (the form's field names are these keys). */
export interface BudgetInput {
  organisationId: number;
  title: string;
  description: string;
  /** Whole pounds. */
  amount: number;
  placeIds: number[];
  ideasFrom: string | null;
  ideasUntil: string | null;
  voteFrom: string | null;
  voteUntil: string | null;
  eligibility: EligibilityMode;
  minAge: number | null;
  postcodeDistricts: string;
  ballotType: BallotType;
  maxChoices: number | null;
  limitToBudget: boolean;
  points: number | null;
  rule: BudgetRule;
  receipts: boolean;
}

export interface BudgetSummary extends Pick<BudgetInput, 'title' | 'amount' | 'ideasFrom' | 'ideasUntil' | 'voteFrom' | 'voteUntil'> {
  id: number;
  phase: BudgetPhase;
  organisation: { id: number; name: string };
  places: Array<{ id: number; name: string }>;
  /** Projects on the ballot. */
  shortlisted: number;
}

export interface BudgetDetail
  extends BudgetSummary,
    Pick<
      BudgetInput,
      'description' | 'eligibility' | 'minAge' | 'postcodeDistricts' | 'ballotType' | 'maxChoices' | 'limitToBudget' | 'points' | 'rule' | 'receipts'
    > {
  countedAt: Date | null;
  /** Ballots cast so far (or counted). */
  ballots: number;
  mayManage: boolean;
  mayModerate: boolean;
}

/** What a new process starts with, before staff choose: an approval ballot counted by the Method of Equal Shares, with receipts. */
export const budgetDefaults: Omit<BudgetInput, 'organisationId' | 'title' | 'amount' | 'placeIds'> = {
  description: '',
  ideasFrom: null,
  ideasUntil: null,
  voteFrom: null,
  voteUntil: null,
  eligibility: 'postcode',
  minAge: null,
  postcodeDistricts: '',
  ballotType: 'approval',
  maxChoices: null,
  limitToBudget: false,
  points: null,
  rule: 'mes-cost-add1',
  receipts: true,
};

/** The settings that shape the ballot and the count (field → column): fixed once the vote has opened. */
const ballotSettings = {
  amount: 'amount',
  eligibility: 'eligibility',
  minAge: 'min_age',
  postcodeDistricts: 'postcode_districts',
  ballotType: 'ballot_type',
  maxChoices: 'max_choices',
  limitToBudget: 'limit_to_budget',
  points: 'points',
  rule: 'rule',
  receipts: 'receipts',
} as const;

const wholeNumberIn = (value: unknown, least: number, most: number) => typeof value === 'number' && Number.isInteger(value) && value >= least && value <= most;

function checkDate(errors: Record<string, string>, field: keyof BudgetInput, value: string | null, what: string): void {
  if (value !== null && value !== '' && !isIsoDate(value)) errors[field] = `Enter the date ${what} as a real date, like 1 3 2027`;
}

/** Check a process as staff write it: the message by field (the input's keys), or nothing. */
export function checkBudget(input: Omit<BudgetInput, 'organisationId' | 'placeIds'>): Record<string, string> {
  const errors: Record<string, string> = {};
  checkText(errors, 'title', input.title, { required: 'Enter a title' });
  checkText(errors, 'description', input.description);
  if (!isPounds(input.amount, 1)) errors.amount = 'Enter the money to share in whole pounds, like 250000';
  checkDate(errors, 'ideasFrom', input.ideasFrom, 'ideas open');
  checkDate(errors, 'ideasUntil', input.ideasUntil, 'ideas close');
  checkDate(errors, 'voteFrom', input.voteFrom, 'voting opens');
  checkDate(errors, 'voteUntil', input.voteUntil, 'voting closes');
  const ordered: Array<[keyof BudgetInput, string | null, string | null, string]> = [
    ['ideasUntil', input.ideasFrom, input.ideasUntil, 'Ideas must close on or after the day they open'],
    ['voteFrom', input.ideasUntil, input.voteFrom, 'Voting must open on or after the day ideas close'],
    ['voteUntil', input.voteFrom, input.voteUntil, 'Voting must close on or after the day it opens'],
  ];
  for (const [field, from, until, message] of ordered)
    if (!errors[field] && from && until && isIsoDate(from) && isIsoDate(until) && until < from) errors[field] = message;
  if (!eligibilityModes.includes(input.eligibility)) errors.eligibility = 'Choose who may vote';
  if (input.minAge !== null && !wholeNumberIn(input.minAge, 0, 120))
    errors.minAge = 'Enter the youngest age that may vote as a whole number from 0 to 120, or leave it blank';
  const districts = checkText(errors, 'postcodeDistricts', input.postcodeDistricts);
  if (!errors.postcodeDistricts) {
    const listed = postcodeDistricts(districts);
    const wrong = listed.find((d) => !/^[A-Z]{1,2}[0-9][A-Z0-9]?$/.test(d));
    if (wrong) errors.postcodeDistricts = `“${wrong}” is not a postcode district: enter districts like LS6 or M14, separated by spaces`;
    else if (input.eligibility === 'postcode' && !listed.length)
      errors.postcodeDistricts = 'Enter the postcode districts of the places, like LS6 LS7, so that people living there may vote';
  }
  if (!ballotTypes.includes(input.ballotType)) errors.ballotType = 'Choose the kind of ballot';
  if (input.maxChoices !== null && !wholeNumberIn(input.maxChoices, 1, 1000))
    errors.maxChoices = 'Enter the most projects a voter may choose as a whole number from 1 to 1,000, or leave it blank';
  if (input.ballotType === 'cumulative' && !wholeNumberIn(input.points, 1, 10_000))
    errors.points = 'Enter the points each voter spreads as a whole number from 1 to 10,000';
  else if (input.points !== null && !wholeNumberIn(input.points, 1, 10_000))
    errors.points = 'Enter the points as a whole number from 1 to 10,000, or leave it blank';
  if (!budgetRules.includes(input.rule)) errors.rule = 'Choose how the votes are counted';
  return errors;
}

/** The process's own columns, as staff wrote them. */
function columnsOf(input: Omit<BudgetInput, 'organisationId' | 'placeIds'>) {
  return {
    title: input.title.trim(),
    description: input.description.trim(),
    amount: input.amount,
    ideas_from: input.ideasFrom || null,
    ideas_until: input.ideasUntil || null,
    vote_from: input.voteFrom || null,
    vote_until: input.voteUntil || null,
    eligibility: input.eligibility,
    min_age: input.minAge,
    postcode_districts: postcodeDistricts(input.postcodeDistricts).join(' '),
    ballot_type: input.ballotType,
    max_choices: input.maxChoices,
    limit_to_budget: input.ballotType === 'approval' && input.limitToBudget,
    points: input.ballotType === 'cumulative' ? input.points : null,
    rule: input.rule,
    receipts: input.receipts,
  };
}

async function setPlaces(db: Db, budgetId: number, placeIds: number[]): Promise<void> {
  await db.deleteFrom('budget_place').where('budget_id', '=', budgetId).execute();
  await db
    .insertInto('budget_place')
    .values(placeIds.map((place_id) => ({ budget_id: budgetId, place_id })))
    .execute();
}

export async function createBudget(deps: BudgetsDeps, actor: Actor, input: BudgetInput): Promise<number> {
  assertCan(actor, 'budget.manage', { organisationId: input.organisationId });
  if (!(await getOrganisationSummary(deps.db, input.organisationId))) throw new NotFoundError();
  const errors = checkBudget(input);
  const placeIds = await chosenPlaces(deps.db, input.placeIds, errors, 'Choose at least one place the budget is for');
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('budget')
      .values({ organisation_id: input.organisationId, ...columnsOf(input), created_by_account_id: actor.accountId as number })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setPlaces(trx, row.id, placeIds);
    await recordAudit(trx, actor, { action: 'budget.create', subjectType: 'budget', subjectId: row.id });
    return row.id;
  });
}

/** The settings as staff last wrote them, in the input's shape (to compare, and for the settings form). */
export function inputOf(budget: BudgetRow, placeIds: number[]): BudgetInput {
  return {
    organisationId: budget.organisation_id,
    title: budget.title,
    description: budget.description,
    amount: budget.amount,
    placeIds,
    ideasFrom: budget.ideas_from,
    ideasUntil: budget.ideas_until,
    voteFrom: budget.vote_from,
    voteUntil: budget.vote_until,
    eligibility: budget.eligibility,
    minAge: budget.min_age,
    postcodeDistricts: budget.postcode_districts,
    ballotType: budget.ballot_type,
    maxChoices: budget.max_choices,
    limitToBudget: budget.limit_to_budget,
    points: budget.points,
    rule: budget.rule,
    receipts: budget.receipts,
  };
}

/** Change the settings; those of the ballot and the count stay as they were once the vote has opened. */
export async function updateBudget(deps: BudgetsDeps, actor: Actor, id: number, input: Omit<BudgetInput, 'organisationId'>): Promise<void> {
  const current = await budgetRow(deps.db, actor, id);
  assertCan(actor, 'budget.manage', { organisationId: current.organisation_id });
  const errors = checkBudget(input);
  const placeIds = await chosenPlaces(deps.db, input.placeIds, errors, 'Choose at least one place the budget is for');
  if (['vote', 'counted', 'delivery'].includes(current.phase)) {
    const before = columnsOf(inputOf(current, []));
    const after = columnsOf(input);
    for (const [field, column] of Object.entries(ballotSettings))
      if (!errors[field] && before[column] !== after[column]) errors[field] = 'This cannot change once the vote has opened: people are voting on it';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('budget')
      .set({ ...columnsOf(input), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await setPlaces(trx, id, placeIds);
    await recordAudit(trx, actor, { action: 'budget.update', subjectType: 'budget', subjectId: id });
  });
}

/** Organisations whose drafts the actor sees: every one for those allowed everywhere. */
function managedOrganisations(actor: Actor): number[] | 'all' {
  return can(actor, 'budget.manage') ? 'all' : organisationsWhere(actor, 'budget.manage');
}

const pageSize = 20;

/** Processes, newest first, optionally of one organisation or for one place; drafts only for those who manage them. */
export async function listBudgets(
  deps: BudgetsDeps,
  actor: Actor,
  filter: { organisationId?: number; placeId?: number; page?: number } = {},
): Promise<{ items: BudgetSummary[]; total: number; page: number; pageSize: number }> {
  assertCan(actor, 'budget.read');
  const managed = managedOrganisations(actor);
  let query = deps.db.selectFrom('budget');
  if (filter.organisationId !== undefined) query = query.where('organisation_id', '=', filter.organisationId);
  if (filter.placeId !== undefined)
    query = query.where('id', 'in', deps.db.selectFrom('budget_place').select('budget_id').where('place_id', '=', filter.placeId));
  if (managed !== 'all')
    query = query.where((eb) => (managed.length ? eb.or([eb('phase', '<>', 'draft'), eb('organisation_id', 'in', managed)]) : eb('phase', '<>', 'draft')));
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const lastPage = Math.max(1, Math.ceil(Number(total) / pageSize));
  const page = Math.min(Math.max(filter.page ?? 1, 1), lastPage);
  const rows = await query
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: await summariesOf(deps.db, rows), total: Number(total), page, pageSize };
}

/** Summaries of these processes: their organisations, places and shortlists in three queries, whatever the number. */
async function summariesOf(db: Db, rows: BudgetRow[]): Promise<BudgetSummary[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [organisations, placeRows, places, shortlists] = await Promise.all([
    organisationNames(db, [...new Set(rows.map((r) => r.organisation_id))]),
    db.selectFrom('budget_place').select(['budget_id', 'place_id']).where('budget_id', 'in', ids).execute(),
    placeOptions(db),
    db
      .selectFrom('budget_project')
      .select((eb) => ['budget_id', eb.fn.countAll<number>().as('count')])
      .where('budget_id', 'in', ids)
      .where('status', '=', 'shortlisted')
      .groupBy('budget_id')
      .execute(),
  ]);
  const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
  const placeName = new Map(places.map((p) => [p.id, p.name]));
  const shortlisted = new Map(shortlists.map((s) => [s.budget_id, Number(s.count)]));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    phase: r.phase,
    amount: r.amount,
    organisation: { id: r.organisation_id, name: organisationName.get(r.organisation_id) ?? '' },
    places: placeRows
      .filter((p) => p.budget_id === r.id)
      .map((p) => ({ id: p.place_id, name: placeName.get(p.place_id) ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    ideasFrom: r.ideas_from,
    ideasUntil: r.ideas_until,
    voteFrom: r.vote_from,
    voteUntil: r.vote_until,
    shortlisted: shortlisted.get(r.id) ?? 0,
  }));
}

export async function getBudget(deps: BudgetsDeps, actor: Actor, id: number): Promise<BudgetDetail> {
  assertCan(actor, 'budget.read');
  const row = await budgetRow(deps.db, actor, id);
  const [[summary], ballots] = await Promise.all([
    summariesOf(deps.db, [row]),
    deps.db
      .selectFrom('budget_ballot')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('budget_id', '=', id)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    ...(summary as BudgetSummary),
    description: row.description,
    eligibility: row.eligibility,
    minAge: row.min_age,
    postcodeDistricts: row.postcode_districts,
    ballotType: row.ballot_type,
    maxChoices: row.max_choices,
    limitToBudget: row.limit_to_budget,
    points: row.points,
    rule: row.rule,
    receipts: row.receipts,
    countedAt: row.counted_at,
    ballots: Number(ballots.count),
    mayManage: mayManage(actor, row),
    mayModerate: mayModerate(actor, row),
  };
}
