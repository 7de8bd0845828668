// What every part of the budgets service reads first: a process or a project by id (not found when
// missing, or when it is a draft the actor may not manage), whether the actor runs or moderates it,
// and the ballot's rules and projects as the domain files (ballot.ts) take them.
import type { Selectable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/database.js';
import { NotFoundError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import type { BallotProject, BallotRules } from './ballot.js';
import { type Actor, can } from './policy.js';
import type { BudgetProjectTable, BudgetTable } from './schema.js';

export interface BudgetsDeps {
  db: Db;
  config?: Pick<Config, 'publicUrl'>;
}

export type BudgetRow = Selectable<BudgetTable>;
export type ProjectRow = Selectable<BudgetProjectTable>;

export const mayManage = (actor: Actor, budget: { organisation_id: number }) => can(actor, 'budget.manage', { organisationId: budget.organisation_id });
export const mayModerate = (actor: Actor, budget: { organisation_id: number }) => can(actor, 'budget.moderate', { organisationId: budget.organisation_id });

/** A process by id: not found when there is none, or when it is a draft and the actor may not manage it. */
export async function budgetRow(db: Db, actor: Actor, id: number): Promise<BudgetRow> {
  if (!isRecordId(id)) throw new NotFoundError();
  const row = await db.selectFrom('budget').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || (row.phase === 'draft' && !mayManage(actor, row))) throw new NotFoundError();
  return row;
}

/** A project (or idea) and its process, found as budgetRow finds the process. */
export async function projectRow(db: Db, actor: Actor, id: number): Promise<{ project: ProjectRow; budget: BudgetRow }> {
  if (!isRecordId(id)) throw new NotFoundError();
  const project = await db.selectFrom('budget_project').selectAll().where('id', '=', id).executeTakeFirst();
  if (!project) throw new NotFoundError();
  return { project, budget: await budgetRow(db, actor, project.budget_id) };
}

/** The ballot's rules, from the process's settings. */
export function ballotRulesOf(budget: BudgetRow): BallotRules {
  return {
    ballotType: budget.ballot_type,
    maxChoices: budget.max_choices,
    limitToBudget: budget.limit_to_budget,
    points: budget.points,
    amount: budget.amount,
  };
}

/** The shortlisted projects, as the ballot lists them (pb id = String(project id)). */
/** A process and its ballot's projects in one query (casting a ballot, the busiest request on voting day). */
export async function budgetWithBallotProjects(db: Db, actor: Actor, id: number): Promise<{ budget: BudgetRow; projects: BallotProject[] }> {
  if (!isRecordId(id)) throw new NotFoundError();
  const row = await db
    .selectFrom('budget')
    .selectAll('budget')
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('budget_project as p')
          .select(['p.id', 'p.title', 'p.cost'])
          .whereRef('p.budget_id', '=', 'budget.id')
          .where('p.status', '=', 'shortlisted')
          .orderBy('p.id'),
      ).as('ballot_projects'),
    )
    .where('budget.id', '=', id)
    .executeTakeFirst();
  if (!row || (row.phase === 'draft' && !mayManage(actor, row))) throw new NotFoundError();
  const { ballot_projects, ...budget } = row;
  return { budget, projects: ballot_projects.map((r) => ({ id: String(r.id), title: r.title, cost: r.cost ?? 0 })) };
}

export async function ballotProjects(db: Db, budgetId: number): Promise<BallotProject[]> {
  const rows = await db
    .selectFrom('budget_project')
    .select(['id', 'title', 'cost'])
    .where('budget_id', '=', budgetId)
    .where('status', '=', 'shortlisted')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: String(r.id), title: r.title, cost: r.cost ?? 0 }));
}
