// The assembly's recommendations: drafted by members (or organisers), put to the members' vote
// (support, oppose or abstain; only totals are shown), published together with the date the
// convening body promised its answer by, and answered in public (accept, accept in part, not
// accept, with reasons and what will be done). Each answer becomes a decision with its actions on
// the accountability trail (the decisions module); an answer not given by its date is overdue.
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isIsoDate, todayInEngland } from '../../platform/web/forms.js';
import { isRecordId } from '../../platform/web/ids.js';
import { addAction, addLink, recordDecision } from '../decisions/service.js';
import { getOrganisationSummary } from '../registry/service.js';
import { checkText } from './limits.js';
import { type Actor, assertCan } from './policy.js';
import { type AssembliesDeps, type AssemblyRow, assemblyRow, mayManage } from './records.js';
import { type AnswerResponse, type AssemblyPhase, answerResponses, type RecommendationStatus, type SupportLevel, supportLevels } from './schema.js';
import { isMember } from './work.js';

export interface RecommendationInput {
  title: string;
  text: string;
}

export interface AnswerInput {
  answer: AnswerResponse;
  reasons: string;
  /** What will be done: one action a line (each becomes an action on the trail). */
  actions: string;
  /** When the actions are due ('YYYY-MM-DD'); by default the answer period (answer_days) from today. */
  actionsDue?: string;
  /** The organisation's board or committee that decided the answer (by default the organisation itself). */
  bodyId?: number | null;
}

export interface Support {
  support: number;
  oppose: number;
  abstain: number;
  /** Members who gave a view. */
  voted: number;
  /** Confirmed members now. */
  members: number;
  /** The share of those who gave a view who support it (0 when none has). */
  share: number;
}

export interface RecommendationItem {
  id: number;
  assemblyId: number;
  number: number;
  title: string;
  text: string;
  status: RecommendationStatus;
  support: Support;
  publishedAt: Date | null;
  answerDue: string | null;
  answer: AnswerResponse | null;
  answerReasons: string;
  answerActions: string;
  answeredAt: Date | null;
  /** Published, unanswered, and its answer date has passed (in England). */
  overdue: boolean;
  decisionId: number | null;
  /** The asking member's own view while voting (null: none given, or not a member). */
  myVote: SupportLevel | null;
}

export const answerLabels: Record<AnswerResponse, string> = {
  accept: 'Accepted',
  accept_in_part: 'Accepted in part',
  not_accept: 'Not accepted',
};

export const supportLabels: Record<SupportLevel, string> = { support: 'Support', oppose: 'Oppose', abstain: 'Abstain' };

/** Members draft and vote while the assembly sits (and after it reports, for a late addition). */
const workingPhases: AssemblyPhase[] = ['sitting', 'reported'];

/** The day `days` after an ISO date. */
export function daysAfter(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function checkRecommendation(input: RecommendationInput): { title: string; text: string } {
  const errors: Record<string, string> = {};
  const title = checkText(errors, 'title', input.title, 200, { name: 'The title', required: 'Enter a short title for the recommendation' });
  const text = checkText(errors, 'text', input.text, 10_000, { name: 'The recommendation', required: 'Enter what the assembly recommends' });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { title, text };
}

function assertWorking(assembly: AssemblyRow): void {
  if (!workingPhases.includes(assembly.phase)) throw new ConflictError('The assembly drafts and votes on recommendations once it sits.');
}

/** Members and organisers may write drafts; anyone else is refused. */
async function assertMemberOrManager(db: Db, actor: Actor, assembly: AssemblyRow): Promise<void> {
  assertCan(actor, 'assembly.memberSpace');
  if (!mayManage(actor, assembly) && !(await isMember(db, actor, assembly.id)))
    throw new ForbiddenError('Only the assembly’s members and organisers can write its recommendations.');
}

async function recommendationRow(db: Db, actor: Actor, recId: number) {
  if (!isRecordId(recId)) throw new NotFoundError();
  const rec = await db.selectFrom('assembly_recommendation').selectAll().where('id', '=', recId).executeTakeFirst();
  if (!rec) throw new NotFoundError();
  return { rec, assembly: await assemblyRow(db, actor, rec.assembly_id) };
}

export async function draftRecommendation(deps: AssembliesDeps, actor: Actor, id: number, input: RecommendationInput): Promise<number> {
  const assembly = await assemblyRow(deps.db, actor, id);
  await assertMemberOrManager(deps.db, actor, assembly);
  assertWorking(assembly);
  const { title, text } = checkRecommendation(input);
  return inTransaction(deps.db, async (trx) => {
    // Numbers are given in turn: hold the assembly so two drafts at once do not take the same one.
    await trx.selectFrom('assembly').select('id').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    const { last } = await trx
      .selectFrom('assembly_recommendation')
      .select((eb) => eb.fn.coalesce(eb.fn.max('number'), eb.lit(0)).as('last'))
      .where('assembly_id', '=', id)
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('assembly_recommendation')
      .values({ assembly_id: id, number: Number(last) + 1, title, text })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'assembly.draft_recommendation', subjectType: 'assembly_recommendation', subjectId: row.id });
    return row.id;
  });
}

/** Change a draft (members or organisers); once voting opens the text members vote on is fixed. */
export async function editRecommendation(deps: AssembliesDeps, actor: Actor, recId: number, input: RecommendationInput): Promise<void> {
  const { rec, assembly } = await recommendationRow(deps.db, actor, recId);
  await assertMemberOrManager(deps.db, actor, assembly);
  if (rec.status !== 'draft') throw new ConflictError('Only a draft can be changed: members are voting on this text, or it is published.');
  const { title, text } = checkRecommendation(input);
  await deps.db.updateTable('assembly_recommendation').set({ title, text }).where('id', '=', recId).where('status', '=', 'draft').execute();
  await recordAudit(deps.db, actor, { action: 'assembly.edit_recommendation', subjectType: 'assembly_recommendation', subjectId: recId });
}

/** Put a draft to the members' vote (organisers). */
export async function openVoting(deps: AssembliesDeps, actor: Actor, recId: number): Promise<void> {
  const { rec, assembly } = await recommendationRow(deps.db, actor, recId);
  assertCan(actor, 'assembly.manage', { organisationId: assembly.organisation_id });
  assertWorking(assembly);
  if (rec.status !== 'draft') throw new ConflictError('Voting is already open on this recommendation, or it is published.');
  await deps.db.updateTable('assembly_recommendation').set({ status: 'voting' }).where('id', '=', recId).where('status', '=', 'draft').execute();
  await recordAudit(deps.db, actor, { action: 'assembly.open_voting', subjectType: 'assembly_recommendation', subjectId: recId });
}

/** A confirmed member's view of a recommendation while voting is open; given again, it replaces the first. */
export async function voteOnRecommendation(deps: AssembliesDeps, actor: Actor, recId: number, level: SupportLevel): Promise<void> {
  const { rec, assembly } = await recommendationRow(deps.db, actor, recId);
  assertCan(actor, 'assembly.memberSpace');
  const member = await isMember(deps.db, actor, assembly.id);
  if (!member) throw new ForbiddenError('Only the assembly’s confirmed members can vote on its recommendations.');
  if (!supportLevels.includes(level)) throw new ValidationError({ level: 'Choose support, oppose or abstain' });
  if (rec.status !== 'voting') throw new ConflictError('Voting is not open on this recommendation.');
  await deps.db
    .insertInto('assembly_recommendation_vote')
    .values({ recommendation_id: recId, member_id: member.memberId, level })
    .onConflict((oc) => oc.columns(['recommendation_id', 'member_id']).doUpdateSet({ level }))
    .execute();
}

/**
 * Publish every recommendation members have voted on (organisers), numbered 1, 2, … in the order
 * published, each due an answer the assembly's answer_days from today. A jury has then reported; a
 * standing assembly goes on sitting.
 */
export async function publishRecommendations(deps: AssembliesDeps, actor: Actor, id: number): Promise<{ published: number; answerDue: string }> {
  const assembly = await assemblyRow(deps.db, actor, id);
  assertCan(actor, 'assembly.manage', { organisationId: assembly.organisation_id });
  assertWorking(assembly);
  const answerDue = daysAfter(todayInEngland(), assembly.answer_days);
  return inTransaction(deps.db, async (trx) => {
    await trx.selectFrom('assembly').select('id').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    const recs = await trx.selectFrom('assembly_recommendation').select(['id', 'number', 'status']).where('assembly_id', '=', id).orderBy('number').execute();
    const voting = recs.filter((r) => r.status === 'voting');
    if (!voting.length) throw new ConflictError('No recommendation is being voted on: open voting on the drafts to publish first.');
    // Renumber: the published ones follow those published before; drafts left come after them.
    const unpublished = recs.filter((r) => r.status !== 'published');
    const publishedBefore = recs.length - unpublished.length;
    const top = Math.max(...recs.map((r) => r.number));
    await trx
      .updateTable('assembly_recommendation')
      .set((eb) => ({ number: eb('number', '+', top) }))
      .where('assembly_id', '=', id)
      .where('status', '!=', 'published')
      .execute();
    const order = [...voting, ...unpublished.filter((r) => r.status === 'draft')];
    const now = new Date();
    for (const [index, rec] of order.entries()) {
      const publish = rec.status === 'voting';
      await trx
        .updateTable('assembly_recommendation')
        .set({ number: publishedBefore + index + 1, ...(publish ? { status: 'published', published_at: now, answer_due: answerDue } : {}) })
        .where('id', '=', rec.id)
        .execute();
    }
    if (assembly.kind === 'jury' && assembly.phase === 'sitting')
      await trx.updateTable('assembly').set({ phase: 'reported', updated_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'assembly.publish_recommendations', subjectType: 'assembly', subjectId: id, detail: { published: voting.length } });
    return { published: voting.length, answerDue };
  });
}

/**
 * The recommendations with their support, answers and whether each answer is overdue, in number
 * order: published ones for everyone who may see the assembly; drafts and those being voted on only
 * for its members and organisers.
 */
export async function listRecommendations(db: Db, actor: Actor, id: number): Promise<RecommendationItem[]> {
  const assembly = await assemblyRow(db, actor, id);
  const member = await isMember(db, actor, id);
  const insider = member !== null || mayManage(actor, assembly);
  return recommendationItems(db, id, { insider, memberId: member?.memberId ?? null });
}

/** One recommendation, found as listRecommendations lists it (not found when the actor may not see it). */
export async function getRecommendation(db: Db, actor: Actor, recId: number): Promise<RecommendationItem> {
  const { rec, assembly } = await recommendationRow(db, actor, recId);
  const member = await isMember(db, actor, assembly.id);
  const insider = member !== null || mayManage(actor, assembly);
  const [item] = await recommendationItems(db, assembly.id, { insider, memberId: member?.memberId ?? null, recId: rec.id });
  if (!item) throw new NotFoundError();
  return item;
}

async function recommendationItems(
  db: Db,
  assemblyId: number,
  options: { insider: boolean; memberId: number | null; recId?: number },
): Promise<RecommendationItem[]> {
  let query = db
    .selectFrom('assembly_recommendation as r')
    .leftJoin('assembly_recommendation_vote as v', 'v.recommendation_id', 'r.id')
    .select((eb) => [
      'r.id',
      'r.number',
      'r.title',
      'r.text',
      'r.status',
      'r.published_at',
      'r.answer_due',
      'r.answer',
      'r.answer_reasons',
      'r.answer_actions',
      'r.answered_at',
      'r.decision_id',
      eb.fn.count<number>('v.member_id').filterWhere('v.level', '=', 'support').as('support'),
      eb.fn.count<number>('v.member_id').filterWhere('v.level', '=', 'oppose').as('oppose'),
      eb.fn.count<number>('v.member_id').filterWhere('v.level', '=', 'abstain').as('abstain'),
      eb.fn
        .max('v.level')
        .filterWhere('v.member_id', '=', options.memberId ?? 0)
        .as('my_vote'),
    ])
    .where('r.assembly_id', '=', assemblyId)
    .groupBy('r.id')
    .orderBy('r.number');
  if (!options.insider) query = query.where('r.status', '=', 'published');
  if (options.recId !== undefined) query = query.where('r.id', '=', options.recId);
  const [rows, { members }] = await Promise.all([
    query.execute(),
    db
      .selectFrom('assembly_member')
      .select((eb) => eb.fn.countAll<number>().as('members'))
      .where('assembly_id', '=', assemblyId)
      .where('status', '=', 'confirmed')
      .executeTakeFirstOrThrow(),
  ]);
  const today = todayInEngland();
  return rows.map((r) => {
    const [support, oppose, abstain] = [Number(r.support), Number(r.oppose), Number(r.abstain)];
    const voted = support + oppose + abstain;
    return {
      id: r.id,
      assemblyId,
      number: r.number,
      title: r.title,
      text: r.text,
      status: r.status,
      support: { support, oppose, abstain, voted, members: Number(members), share: voted ? support / voted : 0 },
      publishedAt: r.published_at,
      answerDue: r.answer_due,
      answer: r.answer,
      answerReasons: r.answer_reasons,
      answerActions: r.answer_actions,
      answeredAt: r.answered_at,
      overdue: r.status === 'published' && r.answer === null && r.answer_due !== null && r.answer_due < today,
      decisionId: r.decision_id,
      myVote: options.memberId === null ? null : ((r.my_vote as SupportLevel | null) ?? null),
    };
  });
}

/** The lines of "what will be done", each an action on the trail (list marks taken off). */
export function actionLines(actions: string): string[] {
  return actions
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
    .filter(Boolean);
}

const decidedWords: Record<AnswerResponse, string> = {
  accept: 'Accept',
  accept_in_part: 'Accept in part',
  not_accept: 'Not accept',
};

/**
 * The convening body's public answer to a published recommendation (assembly.answer): recorded as a
 * decision of the organisation on the accountability trail, linked back to the recommendation, with
 * each line of what will be done as an action.
 */
export async function answerRecommendation(deps: AssembliesDeps, actor: Actor, recId: number, input: AnswerInput): Promise<{ decisionId: number }> {
  const { rec, assembly } = await recommendationRow(deps.db, actor, recId);
  assertCan(actor, 'assembly.answer', { organisationId: assembly.organisation_id });
  if (rec.status !== 'published') throw new ConflictError('Only a published recommendation can be answered.');
  if (rec.answer !== null) throw new ConflictError('This recommendation has been answered already.');
  const errors: Record<string, string> = {};
  if (!answerResponses.includes(input.answer)) errors.answer = 'Choose whether the recommendation is accepted, accepted in part or not accepted';
  const reasons = checkText(errors, 'reasons', input.reasons, 5000, { name: 'The reasons', required: 'Enter the reasons for the answer' });
  const actions = checkText(errors, 'actions', input.actions, 10_000, { name: 'What will be done' });
  const lines = actionLines(actions);
  const long = lines.findIndex((line) => line.length > 1000);
  if (errors.actions) {
    // too long altogether: said already
  } else if (!lines.length && input.answer !== 'not_accept') errors.actions = 'Enter what will be done, one action a line';
  else if (long >= 0) errors.actions = `Action ${long + 1}: an action must be 1,000 characters or fewer`;
  const actionsDue = input.actionsDue?.trim() || daysAfter(todayInEngland(), assembly.answer_days);
  if (!isIsoDate(actionsDue)) errors.actionsDue = 'Enter the date the actions are due, like 30 6 2027';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const organisation = await getOrganisationSummary(deps.db, assembly.organisation_id);
  return inTransaction(deps.db, async (trx) => {
    const decisionDeps = { db: trx, config: deps.config };
    const decisionId = await recordDecision(decisionDeps, actor, {
      organisationId: assembly.organisation_id,
      title: `Recommendation ${rec.number}: ${rec.title}`.slice(0, 200),
      decided: `${decidedWords[input.answer]} recommendation ${rec.number} of the citizens’ assembly “${assembly.title}”: ${rec.title}`.slice(0, 5000),
      reasons,
      bodyId: input.bodyId ?? null,
      officer: (organisation?.name ?? 'The convening organisation').slice(0, 200),
      decidedOn: todayInEngland(),
      consultationIds: [],
    });
    await addLink(decisionDeps, actor, decisionId, {
      kind: 'assembly',
      label: `Citizens’ assembly: ${assembly.title}, recommendation ${rec.number}`.slice(0, 200),
      url: `/assemblies/${assembly.id}/recommendations/${rec.id}`,
    });
    for (const description of lines)
      await addAction(decisionDeps, actor, decisionId, { description, owner: organisation?.name ?? 'The convening organisation', dueOn: actionsDue });
    const answered = await trx
      .updateTable('assembly_recommendation')
      .set({ answer: input.answer, answer_reasons: reasons, answer_actions: actions, answered_at: new Date(), decision_id: decisionId })
      .where('id', '=', recId)
      .where('answer', 'is', null)
      .executeTakeFirst();
    if (Number(answered.numUpdatedRows) !== 1) throw new ConflictError('This recommendation has been answered already.');
    await recordAudit(trx, actor, {
      action: 'assembly.answer_recommendation',
      subjectType: 'assembly_recommendation',
      subjectId: recId,
      detail: { answer: input.answer, decisionId },
    });
    return { decisionId };
  });
}
