// Ideas and projects: people propose ideas while ideas are open; moderators publish or reject them
// (de-identifying as they go); others support and comment (comments moderated too); staff review
// each idea (shortlisted with its cost, not feasible, or merged into another, with the reason shown
// publicly) and add projects of their own. The shortlist is fixed once the vote opens.
import { findIdentifiers, redactionLabels } from '@involve/deidentify';
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import { pounds } from './ballot.js';
import { checkText, isPounds } from './limits.js';
import { type Actor, assertCan } from './policy.js';
import { type BudgetRow, type BudgetsDeps, budgetRow, mayManage, mayModerate, type ProjectRow, projectRow } from './records.js';
import type { CommentStatus, ProjectStatus } from './schema.js';

export interface ProjectView {
  id: number;
  /** Its id in the ballot file (.pb). */
  pbId: string;
  budgetId: number;
  title: string;
  description: string;
  location: string;
  whoBenefits: string;
  roughCost: number | null;
  cost: number | null;
  status: ProjectStatus;
  reviewReason: string;
  mergedInto: { id: number; title: string } | null;
  supporters: number;
  supportedByMe: boolean;
  decisionId: number | null;
}

export interface IdeaInput {
  title: string;
  description: string;
  location: string;
  whoBenefits: string;
  roughCost: number | null;
}

/** What the public sees of a process's ideas and projects; moderators and managers see every one. */
const publicStatuses: ProjectStatus[] = ['idea', 'not_feasible', 'merged', 'shortlisted'];

/** Phases in which the shortlist may still change. */
const beforeTheVote = ['draft', 'ideas', 'review'];

function checkIdea(input: Omit<IdeaInput, 'roughCost'>, errors: Record<string, string>) {
  return {
    title: checkText(errors, 'title', input.title, { required: 'Enter a title for the idea' }),
    description: checkText(errors, 'description', input.description, { required: 'Enter what the idea is' }),
    location: checkText(errors, 'location', input.location),
    who_benefits: checkText(errors, 'whoBenefits', input.whoBenefits),
  };
}

/** Propose an idea while ideas are open. It waits for a moderator before anyone else sees it. */
export async function proposeIdea(deps: BudgetsDeps, actor: Actor, budgetId: number, input: IdeaInput): Promise<number> {
  assertCan(actor, 'budget.propose');
  const budget = await budgetRow(deps.db, actor, budgetId);
  if (budget.phase !== 'ideas') throw new ConflictError('Ideas are not being taken for this budget now.');
  const errors: Record<string, string> = {};
  const columns = checkIdea(input, errors);
  if (input.roughCost !== null && !isPounds(input.roughCost)) errors.roughCost = 'Enter the rough cost in whole pounds, like 25000, or leave it blank';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('budget_project')
      .values({ budget_id: budgetId, ...columns, rough_cost: input.roughCost, proposed_by_account_id: actor.accountId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'budget.propose', subjectType: 'budget_project', subjectId: row.id });
    return row.id;
  });
}

/**
 * Publish an idea (with its title and description edited, to take out what identifies someone) or
 * reject it with a reason for its proposer.
 */
export async function moderateIdea(
  deps: BudgetsDeps,
  actor: Actor,
  projectId: number,
  input: { decision: 'publish' | 'reject'; reason: string; title?: string; description?: string },
): Promise<void> {
  const { project, budget } = await projectRow(deps.db, actor, projectId);
  assertCan(actor, 'budget.moderate', { organisationId: budget.organisation_id });
  if (!['pending', 'idea', 'rejected'].includes(project.status)) throw new ConflictError('This idea has been reviewed already: it is no longer moderated.');
  const errors: Record<string, string> = {};
  if (input.decision !== 'publish' && input.decision !== 'reject') errors.decision = 'Choose whether to publish the idea or not';
  const reason = checkText(errors, 'reason', input.reason, input.decision === 'reject' ? { required: 'Enter why the idea is not published' } : {});
  const title = input.title === undefined ? project.title : checkText(errors, 'title', input.title, { required: 'Enter a title for the idea' });
  const description =
    input.description === undefined ? project.description : checkText(errors, 'description', input.description, { required: 'Enter what the idea is' });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('budget_project')
      .set({ status: input.decision === 'publish' ? 'idea' : 'rejected', review_reason: reason, title, description, updated_at: new Date() })
      .where('id', '=', projectId)
      .execute();
    await recordAudit(trx, actor, { action: `budget.idea_${input.decision}`, subjectType: 'budget_project', subjectId: projectId });
  });
}

/**
 * Staff's review of a published idea: shortlisted with its cost, not feasible (the reason is
 * public), or merged into another (its supporters go with it). Again while the shortlist is open.
 */
export async function reviewProject(
  deps: BudgetsDeps,
  actor: Actor,
  projectId: number,
  input: { outcome: 'shortlist' | 'not_feasible' | 'merge'; cost: number | null; reason: string; mergeIntoId: number | null },
): Promise<void> {
  const { project, budget } = await projectRow(deps.db, actor, projectId);
  assertCan(actor, 'budget.manage', { organisationId: budget.organisation_id });
  if (!beforeTheVote.includes(budget.phase)) throw new ConflictError('The shortlist cannot change once the vote has opened.');
  if (!['idea', 'shortlisted', 'not_feasible'].includes(project.status)) throw new ConflictError('Only published ideas can be reviewed.');
  const errors: Record<string, string> = {};
  const reason = checkText(
    errors,
    'reason',
    input.reason,
    input.outcome === 'not_feasible' ? { required: 'Enter why the idea is not feasible: it is shown publicly' } : {},
  );
  let target: ProjectRow | undefined;
  if (input.outcome === 'shortlist') {
    if (!isPounds(input.cost)) errors.cost = 'Enter the cost in whole pounds, like 25000';
    else if (input.cost > budget.amount) errors.cost = `The cost is more than the whole budget (${pounds(budget.amount)})`;
  } else if (input.outcome === 'merge') {
    target = isRecordId(input.mergeIntoId)
      ? await deps.db.selectFrom('budget_project').selectAll().where('id', '=', input.mergeIntoId).where('budget_id', '=', budget.id).executeTakeFirst()
      : undefined;
    if (!target || target.id === project.id || !['idea', 'shortlisted'].includes(target.status))
      errors.mergeIntoId = 'Choose another published idea of this budget to merge it into';
  } else if (input.outcome !== 'not_feasible') errors.outcome = 'Choose the outcome of the review';
  if (input.cost !== null && input.outcome !== 'shortlist' && !isPounds(input.cost)) errors.cost = 'Enter the cost in whole pounds, or leave it blank';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const status: ProjectStatus = input.outcome === 'shortlist' ? 'shortlisted' : input.outcome === 'merge' ? 'merged' : 'not_feasible';
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('budget_project')
      .set({ status, cost: input.cost, review_reason: reason, merged_into_id: target?.id ?? null, updated_at: new Date() })
      .where('id', '=', projectId)
      .execute();
    if (target) {
      // Its supporters support the idea it is now part of; ideas merged into it follow it there.
      await trx
        .insertInto('budget_project_support')
        .columns(['project_id', 'account_id'])
        .expression((eb) =>
          eb
            .selectFrom('budget_project_support')
            .select([eb.val(target.id).as('project_id'), 'account_id'])
            .where('project_id', '=', projectId),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
      await trx.updateTable('budget_project').set({ merged_into_id: target.id }).where('merged_into_id', '=', projectId).execute();
    }
    await recordAudit(trx, actor, { action: `budget.review_${input.outcome}`, subjectType: 'budget_project', subjectId: projectId });
  });
}

/** A project staff add themselves (from a plan, or several ideas together): on the shortlist at once. */
export async function addProject(
  deps: BudgetsDeps,
  actor: Actor,
  budgetId: number,
  input: { title: string; description: string; location: string; whoBenefits: string; cost: number | null },
): Promise<number> {
  const budget = await budgetRow(deps.db, actor, budgetId);
  assertCan(actor, 'budget.manage', { organisationId: budget.organisation_id });
  if (!beforeTheVote.includes(budget.phase)) throw new ConflictError('The shortlist cannot change once the vote has opened.');
  const errors: Record<string, string> = {};
  const columns = checkIdea(input, errors);
  if (!isPounds(input.cost)) errors.cost = 'Enter the cost in whole pounds, like 25000';
  else if (input.cost > budget.amount) errors.cost = `The cost is more than the whole budget (${pounds(budget.amount)})`;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('budget_project')
      .values({ budget_id: budgetId, ...columns, cost: input.cost, status: 'shortlisted' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'budget.add_project', subjectType: 'budget_project', subjectId: row.id });
    return row.id;
  });
}

/** Support an idea (or take the support back) while ideas are collected and reviewed. */
export async function supportIdea(deps: BudgetsDeps, actor: Actor, projectId: number, support: boolean): Promise<void> {
  assertCan(actor, 'budget.support');
  const { project, budget } = await projectRow(deps.db, actor, projectId);
  if (!['idea', 'shortlisted'].includes(project.status)) throw new NotFoundError();
  if (budget.phase !== 'ideas' && budget.phase !== 'review')
    throw new ConflictError('Ideas can be supported only while they are being collected and reviewed.');
  const accountId = actor.accountId as number;
  if (support)
    await deps.db
      .insertInto('budget_project_support')
      .values({ project_id: projectId, account_id: accountId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  else await deps.db.deleteFrom('budget_project_support').where('project_id', '=', projectId).where('account_id', '=', accountId).execute();
}

/** Comment on a published idea or project. The comment waits for a moderator. */
export async function commentOnIdea(deps: BudgetsDeps, actor: Actor, projectId: number, body: string): Promise<number> {
  assertCan(actor, 'budget.comment');
  const { project } = await projectRow(deps.db, actor, projectId);
  if (!publicStatuses.includes(project.status)) throw new NotFoundError();
  const errors: Record<string, string> = {};
  const text = checkText(errors, 'body', body, { required: 'Enter your comment' });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('budget_project_comment')
      .values({ project_id: projectId, account_id: actor.accountId, body: text })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'budget.comment', subjectType: 'budget_project_comment', subjectId: row.id });
    return row.id;
  });
}

export async function moderateComment(deps: BudgetsDeps, actor: Actor, commentId: number, decision: 'publish' | 'reject'): Promise<void> {
  if (!isRecordId(commentId)) throw new NotFoundError();
  const comment = await deps.db.selectFrom('budget_project_comment').select(['id', 'project_id']).where('id', '=', commentId).executeTakeFirst();
  if (!comment) throw new NotFoundError();
  const { budget } = await projectRow(deps.db, actor, comment.project_id);
  assertCan(actor, 'budget.moderate', { organisationId: budget.organisation_id });
  if (decision !== 'publish' && decision !== 'reject') throw new ValidationError({ decision: 'Choose whether to publish the comment or not' });
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('budget_project_comment')
      .set({ status: decision === 'publish' ? 'published' : 'rejected', moderated_by_account_id: actor.accountId })
      .where('id', '=', commentId)
      .execute();
    await recordAudit(trx, actor, { action: `budget.comment_${decision}`, subjectType: 'budget_project_comment', subjectId: commentId });
  });
}

/** Project rows as pages show them: supporters counted and merged-into titles found in two queries, whatever the number. */
async function viewsOf(db: Db, actor: Actor, rows: ProjectRow[]): Promise<ProjectView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const targetIds = [...new Set(rows.flatMap((r) => (r.merged_into_id === null ? [] : [r.merged_into_id])))];
  const [supports, targets] = await Promise.all([
    db
      .selectFrom('budget_project_support')
      .select((eb) => [
        'project_id',
        eb.fn.countAll<number>().as('supporters'),
        eb.fn
          .countAll<number>()
          .filterWhere('account_id', '=', actor.accountId ?? 0)
          .as('mine'),
      ])
      .where('project_id', 'in', ids)
      .groupBy('project_id')
      .execute(),
    targetIds.length ? db.selectFrom('budget_project').select(['id', 'title']).where('id', 'in', targetIds).execute() : [],
  ]);
  const support = new Map(supports.map((s) => [s.project_id, s]));
  const title = new Map(targets.map((t) => [t.id, t.title]));
  return rows.map((r) => ({
    id: r.id,
    pbId: String(r.id),
    budgetId: r.budget_id,
    title: r.title,
    description: r.description,
    location: r.location,
    whoBenefits: r.who_benefits,
    roughCost: r.rough_cost,
    cost: r.cost,
    status: r.status,
    reviewReason: r.review_reason,
    mergedInto: r.merged_into_id === null ? null : { id: r.merged_into_id, title: title.get(r.merged_into_id) ?? '' },
    supporters: Number(support.get(r.id)?.supporters ?? 0),
    supportedByMe: Number(support.get(r.id)?.mine ?? 0) > 0,
    decisionId: r.decision_id,
  }));
}

const seesEverything = (actor: Actor, budget: BudgetRow) => mayModerate(actor, budget) || mayManage(actor, budget);

/** A process's ideas and projects, in the order proposed: the public's, or every one for its moderators and managers. */
export async function listProjects(deps: BudgetsDeps, actor: Actor, budgetId: number): Promise<ProjectView[]> {
  assertCan(actor, 'budget.read');
  const budget = await budgetRow(deps.db, actor, budgetId);
  let query = deps.db.selectFrom('budget_project').selectAll().where('budget_id', '=', budgetId);
  if (!seesEverything(actor, budget)) query = query.where('status', 'in', publicStatuses);
  return viewsOf(deps.db, actor, await query.orderBy('id').execute());
}

/** One idea or project with its comments (published ones; every one for moderators). Its proposer also sees it while it waits. */
export async function getProject(
  deps: BudgetsDeps,
  actor: Actor,
  projectId: number,
): Promise<ProjectView & { comments: Array<{ id: number; body: string; status: CommentStatus; createdAt: Date }> }> {
  assertCan(actor, 'budget.read');
  const { project, budget } = await projectRow(deps.db, actor, projectId);
  const everything = seesEverything(actor, budget);
  const proposer = actor.accountId !== null && project.proposed_by_account_id === actor.accountId;
  if (!publicStatuses.includes(project.status) && !everything && !proposer) throw new NotFoundError();
  let comments = deps.db.selectFrom('budget_project_comment').select(['id', 'body', 'status', 'created_at as createdAt']).where('project_id', '=', projectId);
  if (!everything) comments = comments.where('status', '=', 'published');
  const [[view], list] = await Promise.all([viewsOf(deps.db, actor, [project]), comments.orderBy('created_at').orderBy('id').execute()]);
  return { ...(view as ProjectView), comments: list };
}

/** What could identify someone in a text, for the moderator: "phone number: 07700 900123". */
function findingsIn(text: string): string[] {
  return findIdentifiers(text).map((span) => `${redactionLabels[span.kind].replace(/^\[|\s*removed\]$/g, '')}: ${text.slice(span.start, span.end)}`);
}

/** Ideas and comments waiting for a moderator, oldest first, each with what could identify someone in it. */
export async function moderationQueue(
  deps: BudgetsDeps,
  actor: Actor,
  budgetId: number,
): Promise<{
  ideas: Array<ProjectView & { findings: string[] }>;
  comments: Array<{ id: number; projectId: number; projectTitle: string; body: string; findings: string[] }>;
}> {
  const budget = await budgetRow(deps.db, actor, budgetId);
  assertCan(actor, 'budget.moderate', { organisationId: budget.organisation_id });
  const [ideas, comments] = await Promise.all([
    deps.db.selectFrom('budget_project').selectAll().where('budget_id', '=', budgetId).where('status', '=', 'pending').orderBy('id').execute(),
    deps.db
      .selectFrom('budget_project_comment as c')
      .innerJoin('budget_project as p', 'p.id', 'c.project_id')
      .select(['c.id', 'c.project_id as projectId', 'p.title as projectTitle', 'c.body'])
      .where('p.budget_id', '=', budgetId)
      .where('c.status', '=', 'pending')
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute(),
  ]);
  return {
    ideas: (await viewsOf(deps.db, actor, ideas)).map((idea) => ({
      ...idea,
      findings: [idea.title, idea.description, idea.location, idea.whoBenefits].flatMap(findingsIn),
    })),
    comments: comments.map((c) => ({ ...c, findings: findingsIn(c.body) })),
  };
}
