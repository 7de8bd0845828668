// A link worker's work: the caseload (waiting, theirs, all open, closed), taking a referral on, first
// contact, "what matters to me" conversations and the plan, connections to directory services,
// follow-ups and closing. The states move one way (see `nextState`); a closed referral refuses
// every change. Each action is one transaction with its audit entry.
import type { Updateable } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import { accountNames } from '../accounts/service.js';
import { getService } from '../directory/service.js';
import { organisationSummaryOrNotFound } from '../registry/service.js';
import { type Actor, assertCan, can } from './policy.js';
import {
  dateOf,
  dayOf,
  gather,
  nowOf,
  type ReferralRow,
  referralRow,
  referralToWork,
  refuseUnseen,
  type SocialPrescribingDeps,
  textOf,
  todayOf,
} from './records.js';
import {
  type CloseReason,
  type ConnectionStatus,
  type ConversationMode,
  closeReasons,
  connectionStatuses,
  conversationModes,
  type ReferralSource,
  type ReferralState,
  type ReferralTable,
} from './schema.js';
import { insertScores, type Ons4Key, optionalOns4 } from './wellbeing.js';

// ---- states ----

export type WorkStep = 'firstContact' | 'conversation' | 'connection' | 'followUp' | 'close';

/**
 * The state a step leads to from this one, or a message why it cannot be taken now. Conversations
 * may come before a separately recorded first contact (the conversation is the first contact).
 */
export function nextState(state: ReferralState, step: WorkStep): ReferralState | { refused: string } {
  if (state === 'closed') return { refused: 'This referral is closed' };
  switch (step) {
    case 'firstContact':
      return state === 'received' ? 'contacted' : { refused: 'First contact is already recorded' };
    case 'conversation':
      return state === 'following_up' ? 'following_up' : 'active';
    case 'connection':
      if (state === 'received') return { refused: 'Record the first contact before connecting them to a service' };
      return state === 'following_up' ? 'following_up' : 'active';
    case 'followUp':
      return state === 'received' ? { refused: 'Record the first contact before scheduling a follow-up' } : 'following_up';
    case 'close':
      return 'closed';
  }
}

function stateAfter(row: ReferralRow, step: WorkStep, field: string): ReferralState {
  const next = nextState(row.state, step);
  if (typeof next === 'object') throw new ValidationError({ [field]: next.refused });
  return next;
}

/** Change the referral's state and stamp it, only if it is still as read (a second tab does not overwrite). */
async function moveReferral(trx: Db, deps: SocialPrescribingDeps, row: ReferralRow, values: Updateable<ReferralTable>) {
  const updated = await trx
    .updateTable('referral')
    .set({ ...values, updated_at: nowOf(deps) })
    .where('id', '=', row.id)
    .where('state', '=', row.state)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw new ValidationError({ state: 'This referral has just been changed by someone else: open it again' });
}

const audit = (trx: Db, actor: Actor, row: ReferralRow, action: string, detail: Record<string, unknown> = {}) =>
  recordAudit(trx, actor, { action: `referral.${action}`, subjectType: 'referral', subjectId: row.id, detail });

// ---- the caseload ----

export type CaseloadShow = 'waiting' | 'mine' | 'all' | 'closed';
export const caseloadShows: readonly CaseloadShow[] = ['waiting', 'mine', 'all', 'closed'];

export interface CaseloadItem {
  id: number;
  /** null when another link worker holds it: a list line only. */
  personName: string | null;
  state: ReferralState;
  source: ReferralSource;
  linkWorkerName: string | null;
  receivedAt: Date;
  firstContactAt: Date | null;
  nextFollowUpOn: string | null;
  /** The next follow-up is before today. */
  overdue: boolean;
}

/** An organisation's caseload for one of its link workers: counts of each list and the items of one. */
export async function caseload(
  deps: SocialPrescribingDeps,
  actor: Actor,
  organisationId: number,
  show: CaseloadShow,
): Promise<{ organisation: { id: number; name: string }; counts: Record<CaseloadShow, number>; items: CaseloadItem[] }> {
  assertCan(actor, 'referral.caseload', { organisationId });
  const organisation = await organisationSummaryOrNotFound(deps.db, organisationId);
  const me = actor.accountId as number;
  const rows = await deps.db
    .selectFrom('referral as r')
    .select([
      'r.id',
      'r.person_name',
      'r.state',
      'r.source',
      'r.link_worker_account_id',
      'r.created_at',
      'r.first_contact_at',
      (eb) =>
        eb
          .selectFrom('referral_follow_up as f')
          .whereRef('f.referral_id', '=', 'r.id')
          .where('f.done_at', 'is', null)
          .select((f) => f.fn.min('f.due_on').as('d'))
          .as('next_follow_up_on'),
    ])
    .where('r.organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb('r.state', '<>', 'closed'), eb('r.link_worker_account_id', '=', me)]))
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  const inList: Record<CaseloadShow, (r: (typeof rows)[number]) => boolean> = {
    waiting: (r) => r.state !== 'closed' && r.link_worker_account_id === null,
    mine: (r) => r.state !== 'closed' && r.link_worker_account_id === me,
    all: (r) => r.state !== 'closed',
    closed: (r) => r.state === 'closed' && r.link_worker_account_id === me,
  };
  const counts = Object.fromEntries(caseloadShows.map((s) => [s, rows.filter(inList[s]).length])) as Record<CaseloadShow, number>;
  const chosen = rows.filter(inList[show] ?? inList.waiting);
  if (show === 'closed') chosen.reverse();
  const names = await accountNames(
    deps.db,
    chosen.flatMap((r) => (r.link_worker_account_id === null ? [] : [r.link_worker_account_id])),
  );
  const today = todayOf(deps);
  return {
    organisation: { id: organisation.id, name: organisation.name },
    counts,
    items: chosen.map((r) => {
      const next = r.next_follow_up_on === null ? null : String(r.next_follow_up_on).slice(0, 10);
      return {
        id: r.id,
        personName: r.link_worker_account_id === null || r.link_worker_account_id === me ? r.person_name : null,
        state: r.state,
        source: r.source,
        linkWorkerName: r.link_worker_account_id === null ? null : (names.get(r.link_worker_account_id) ?? null),
        receivedAt: r.created_at,
        firstContactAt: r.first_contact_at,
        nextFollowUpOn: next,
        overdue: r.state !== 'closed' && next !== null && next < today,
      };
    }),
  };
}

// ---- taking on and first contact ----

/** Take a waiting referral onto one's own caseload. */
export async function takeOn(deps: SocialPrescribingDeps, actor: Actor, id: number): Promise<void> {
  if (actor.accountId === null) refuseUnseen(actor);
  const row = await referralRow(deps.db, id);
  if (!can(actor, 'referral.caseload', { organisationId: row.organisation_id })) refuseUnseen(actor);
  if (row.state === 'closed') throw new ValidationError({ state: 'This referral is closed' });
  await inTransaction(deps.db, async (trx) => {
    const taken = await trx
      .updateTable('referral')
      .set({ link_worker_account_id: actor.accountId, updated_at: nowOf(deps) })
      .where('id', '=', row.id)
      .where('link_worker_account_id', 'is', null)
      .where('state', '<>', 'closed')
      .returning('id')
      .executeTakeFirst();
    if (!taken) throw new ValidationError({ state: 'Another link worker has already taken this referral on' });
    await audit(trx, actor, row, 'takeOn');
  });
}

/** When the link worker first reached the person: not in the future, not before the referral came. */
export async function recordFirstContact(deps: SocialPrescribingDeps, actor: Actor, id: number, input: { contactedOn: string }): Promise<void> {
  const row = await referralToWork(deps.db, actor, id);
  const state = stateAfter(row, 'firstContact', 'contactedOn');
  const contactedOn = dateOf(input.contactedOn, 'contactedOn', 'the date of first contact', { notAfter: todayOf(deps), notBefore: dayOf(row.created_at) });
  await inTransaction(deps.db, async (trx) => {
    await moveReferral(trx, deps, row, { state, first_contact_at: contactedOn });
    await audit(trx, actor, row, 'firstContact');
  });
}

// ---- conversations and the plan ----

export interface ConversationInput {
  heldOn: string;
  mode: ConversationMode | string;
  whatMatters: string;
  notes: string;
  /** The plan as it stands after the conversation (left as it was when undefined). */
  plan?: string;
}

/** A "what matters to me" conversation; the referral becomes active (and the plan is saved when given). */
export async function addConversation(deps: SocialPrescribingDeps, actor: Actor, id: number, input: ConversationInput): Promise<number> {
  const row = await referralToWork(deps.db, actor, id);
  const state = stateAfter(row, 'conversation', 'whatMatters');
  const errors: Record<string, string> = {};
  const check = <T>(f: () => T) => gather(errors, f);
  const heldOn = check(() => dateOf(input.heldOn, 'heldOn', 'the date of the conversation', { notAfter: todayOf(deps), notBefore: dayOf(row.created_at) }));
  const mode = conversationModes.find((m) => m === input.mode);
  if (!mode) errors.mode = 'Choose how the conversation was held';
  const whatMatters = check(() =>
    textOf(input.whatMatters, 'whatMatters', { required: 'Enter what matters to them', label: 'What matters to them', max: 5000 }),
  );
  const notes = check(() => textOf(input.notes, 'notes', { label: 'Notes', max: 5000 })) ?? '';
  const plan = input.plan === undefined ? undefined : check(() => textOf(input.plan, 'plan', { label: 'The plan', max: 5000 }));
  if (Object.keys(errors).length || !heldOn || !mode || !whatMatters) throw new ValidationError(errors);
  return inTransaction(deps.db, async (trx) => {
    const { id: conversationId } = await trx
      .insertInto('referral_conversation')
      .values({ referral_id: row.id, held_on: heldOn, mode, what_matters: whatMatters, notes, author_account_id: actor.accountId as number })
      .returning('id')
      .executeTakeFirstOrThrow();
    const planChanged = plan !== undefined && plan !== row.plan;
    await moveReferral(trx, deps, row, {
      state,
      ...(row.first_contact_at === null ? { first_contact_at: heldOn } : {}),
      ...(planChanged ? { plan, plan_updated_at: nowOf(deps) } : {}),
    });
    await audit(trx, actor, row, 'conversation', { conversationId, planChanged });
    return conversationId;
  });
}

export async function savePlan(deps: SocialPrescribingDeps, actor: Actor, id: number, plan: string): Promise<void> {
  const row = await referralToWork(deps.db, actor, id);
  const text = textOf(plan, 'plan', { label: 'The plan', max: 5000 });
  await inTransaction(deps.db, async (trx) => {
    await moveReferral(trx, deps, row, { plan: text, plan_updated_at: nowOf(deps) });
    await audit(trx, actor, row, 'plan');
  });
}

// ---- connections ----

/** Connect the person to a service in the community directory (its name and first category kept as they are now). */
export async function addConnection(deps: SocialPrescribingDeps, actor: Actor, id: number, input: { serviceId: string; note?: string }): Promise<number> {
  const row = await referralToWork(deps.db, actor, id);
  const state = stateAfter(row, 'connection', 'serviceId');
  const note = textOf(input.note ?? '', 'note', { label: 'The note', max: 2000 });
  const service = await getService(deps.db, actor, String(input.serviceId ?? '')).catch((error: unknown) => {
    if (error instanceof NotFoundError) throw new ValidationError({ serviceId: 'Choose a service from the directory' });
    throw error;
  });
  return inTransaction(deps.db, async (trx) => {
    const inserted = await trx
      .insertInto('referral_connection')
      .values({
        referral_id: row.id,
        service_id: service.id,
        service_name: service.name,
        service_organisation_id: service.organisation.id,
        category: service.categories[0]?.name ?? '',
        status: 'suggested',
        note,
        connected_on: todayOf(deps),
        author_account_id: actor.accountId as number,
        created_at: nowOf(deps),
        updated_at: nowOf(deps),
      })
      .onConflict((oc) => oc.columns(['referral_id', 'service_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new ValidationError({ serviceId: `They are already connected to ${service.name}` });
    await moveReferral(trx, deps, row, { state });
    await audit(trx, actor, row, 'connect', { connectionId: inserted.id, serviceId: service.id });
    return inserted.id;
  });
}

export async function setConnectionStatus(
  deps: SocialPrescribingDeps,
  actor: Actor,
  id: number,
  connectionId: number,
  status: ConnectionStatus | string,
): Promise<void> {
  const row = await referralToWork(deps.db, actor, id);
  const chosen = connectionStatuses.find((s) => s === status);
  if (!chosen) throw new ValidationError({ status: 'Choose a status' });
  if (!isRecordId(connectionId)) throw new NotFoundError();
  await inTransaction(deps.db, async (trx) => {
    const updated = await trx
      .updateTable('referral_connection')
      .set({ status: chosen, updated_at: nowOf(deps) })
      .where('id', '=', connectionId)
      .where('referral_id', '=', row.id)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new NotFoundError();
    await audit(trx, actor, row, 'connectionStatus', { connectionId, status: chosen });
  });
}

// ---- follow-ups ----

export async function scheduleFollowUp(deps: SocialPrescribingDeps, actor: Actor, id: number, input: { dueOn: string }): Promise<number> {
  const row = await referralToWork(deps.db, actor, id);
  const state = stateAfter(row, 'followUp', 'dueOn');
  const today = todayOf(deps);
  const dueOn = dateOf(input.dueOn, 'dueOn', 'the follow-up date');
  if (dueOn < today) throw new ValidationError({ dueOn: 'The follow-up date must be today or in the future' });
  return inTransaction(deps.db, async (trx) => {
    const { id: followUpId } = await trx
      .insertInto('referral_follow_up')
      .values({ referral_id: row.id, due_on: dueOn, created_at: nowOf(deps) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await moveReferral(trx, deps, row, { state });
    await audit(trx, actor, row, 'scheduleFollowUp', { followUpId });
    return followUpId;
  });
}

/** Record a follow-up as done, with notes and (when given) the scores taken then. */
export async function recordFollowUp(
  deps: SocialPrescribingDeps,
  actor: Actor,
  id: number,
  followUpId: number,
  input: { notes: string; scores?: Partial<Record<Ons4Key, unknown>> | null },
): Promise<void> {
  const row = await referralToWork(deps.db, actor, id);
  if (!isRecordId(followUpId)) throw new NotFoundError();
  const followUp = await deps.db.selectFrom('referral_follow_up').selectAll().where('id', '=', followUpId).where('referral_id', '=', row.id).executeTakeFirst();
  if (!followUp) throw new NotFoundError();
  if (followUp.done_at !== null) throw new ValidationError({ notes: 'This follow-up is already recorded' });
  const notes = textOf(input.notes, 'notes', { required: 'Enter notes of the follow-up', label: 'Notes', max: 5000 });
  const scores = optionalOns4(input.scores);
  const now = nowOf(deps);
  await inTransaction(deps.db, async (trx) => {
    const done = await trx
      .updateTable('referral_follow_up')
      .set({ done_at: now, notes, author_account_id: actor.accountId })
      .where('id', '=', followUp.id)
      .where('done_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!done) throw new ValidationError({ notes: 'This follow-up is already recorded' });
    if (scores) await insertScores(trx, actor, row.id, { takenOn: todayOf(deps), moment: 'follow_up', scores, followUpId: followUp.id });
    await moveReferral(trx, deps, row, {});
    await audit(trx, actor, row, 'recordFollowUp', { followUpId: followUp.id, scores: scores !== null });
  });
}

// ---- closing ----

export async function closeReferral(
  deps: SocialPrescribingDeps,
  actor: Actor,
  id: number,
  input: { reason: CloseReason | string; note: string; scores?: Partial<Record<Ons4Key, unknown>> | null },
): Promise<void> {
  const row = await referralToWork(deps.db, actor, id);
  const state = stateAfter(row, 'close', 'reason');
  const reason = closeReasons.find((r) => r === input.reason);
  if (!reason) throw new ValidationError({ reason: 'Choose why the referral is closing' });
  const note = textOf(input.note, 'note', { label: 'The note', max: 2000 });
  const scores = optionalOns4(input.scores);
  const now = nowOf(deps);
  await inTransaction(deps.db, async (trx) => {
    if (scores) await insertScores(trx, actor, row.id, { takenOn: todayOf(deps), moment: 'closing', scores });
    await moveReferral(trx, deps, row, { state, closed_at: now, close_reason: reason, close_note: note });
    await audit(trx, actor, row, 'close', { reason, scores: scores !== null });
  });
}
