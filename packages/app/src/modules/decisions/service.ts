// The decisions module's business actions and public face: recording a decision (by a body of the
// registry or an officer) with what informed it, the actions that follow and their progress, and
// following a decision (followers are emailed, through the outbox, when one of its actions moves).
import { recordAudit } from '../../platform/audit.js';
import type { Config } from '../../platform/config.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { enqueueMail, greeting } from '../../platform/mail.js';
import { formatDate } from '../../platform/views.js';
import { isIsoDate, todayInEngland } from '../../platform/web/forms.js';
import { isRecordId } from '../../platform/web/ids.js';
import { accountContact } from '../accounts/service.js';
import { getConsultation, listConsultations } from '../consultations/service.js';
import { notifyFollowers } from '../following/service.js';
import { getBody, getOrganisationSummary, organisationNames } from '../registry/service.js';
import { type Actor, assertCan, can } from './policy.js';
import { type ActionStatus, actionStatuses, type LinkKind } from './schema.js';
import { type ActionTally, isOverdue, mayMove, statusLabels, tally } from './trail.js';

export interface DecisionsDeps {
  db: Db;
  config?: Pick<Config, 'publicUrl'>;
}

export interface DecisionInput {
  organisationId: number;
  title: string;
  decided: string;
  reasons: string;
  bodyId: number | null;
  officer: string;
  decidedOn: string;
  consultationIds: number[];
  /** The meeting it was decided at (the meetings module records decisions per agenda item). */
  meeting?: { id: number; label: string };
}

/** Record a decision. It is public at once: the trail exists to be seen. */
export async function recordDecision(deps: DecisionsDeps, actor: Actor, input: DecisionInput): Promise<number> {
  assertCan(actor, 'decision.record', { organisationId: input.organisationId });
  const errors: Record<string, string> = {};
  if (!input.title.trim()) errors.title = 'Enter what the decision is about';
  else if (input.title.length > 200) errors.title = 'The title must be 200 characters or fewer';
  if (!input.decided.trim()) errors.decided = 'Enter what was decided';
  else if (input.decided.length > 5000) errors.decided = 'What was decided must be 5,000 characters or fewer';
  if (input.reasons.length > 5000) errors.reasons = 'The reasons must be 5,000 characters or fewer';
  if (!isIsoDate(input.decidedOn)) errors.decidedOn = 'Enter the date it was decided, like 12 3 2027';
  else if (input.decidedOn > todayInEngland()) errors.decidedOn = 'The date it was decided must be today or in the past';
  const body = input.bodyId === null ? null : await getBody(deps.db, input.bodyId);
  if (input.bodyId !== null && (!body || body.organisation.id !== input.organisationId))
    errors.bodyId = 'Choose one of the organisation’s boards or committees';
  if (input.bodyId === null && !input.officer.trim()) errors.officer = 'Choose the body that decided, or name the officer who did';
  if (input.officer.length > 200) errors.officer = 'The officer must be 200 characters or fewer';
  const consultations: Array<{ id: number; title: string }> = [];
  for (const id of new Set(input.consultationIds.filter(isRecordId))) {
    const c = await getConsultation(deps.db, actor, id).catch(() => null);
    if (c) consultations.push(c);
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('decision')
      .values({
        organisation_id: input.organisationId,
        title: input.title.trim(),
        decided: input.decided.trim(),
        reasons: input.reasons.trim(),
        body_id: input.bodyId,
        body_name: body?.name ?? null,
        officer: input.bodyId === null ? input.officer.trim() : null,
        decided_on: input.decidedOn,
        created_by_account_id: actor.accountId as number,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (consultations.length) {
      await trx
        .insertInto('decision_link')
        .values(
          consultations.map((c) => ({
            decision_id: row.id,
            kind: 'consultation' as const,
            ref_id: c.id,
            url: `/consultations/${c.id}`,
            label: `Consultation: ${c.title}`,
          })),
        )
        .execute();
    }
    if (input.meeting) {
      await trx
        .insertInto('decision_link')
        .values({
          decision_id: row.id,
          kind: 'meeting',
          ref_id: input.meeting.id,
          url: `/meetings/${input.meeting.id}`,
          label: input.meeting.label.slice(0, 200),
        })
        .execute();
    }
    // Followers of the organisation and of the body that decided hear of it (the following module).
    await notifyFollowers(
      { db: trx, config: deps.config },
      {
        about: [{ kind: 'organisation', id: input.organisationId }, ...(body ? [{ kind: 'body' as const, id: body.id }] : [])],
        topic: 'decisions',
        subject: `Decision: ${input.title.trim()}`,
        summary: `${body ? body.name : input.officer.trim()} decided on ${formatDate(input.decidedOn)}: ${input.decided.trim()}`,
        link: `/decisions/${row.id}`,
      },
    );
    await recordAudit(trx, actor, { action: 'decision.record', subjectType: 'decision', subjectId: row.id });
    return row.id;
  });
}

async function decisionRow(db: Db, id: number) {
  if (!isRecordId(id)) throw new NotFoundError();
  const row = await db.selectFrom('decision').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

/** Link something else that informed the decision (a web page, a story theme, a change made). */
export async function addLink(deps: DecisionsDeps, actor: Actor, decisionId: number, input: { kind: string; label: string; url: string }): Promise<void> {
  const d = await decisionRow(deps.db, decisionId);
  assertCan(actor, 'decision.record', { organisationId: d.organisation_id });
  const errors: Record<string, string> = {};
  if (!input.label.trim()) errors.label = 'Enter what the link is';
  else if (input.label.length > 200) errors.label = 'The description must be 200 characters or fewer';
  const url = input.url.trim();
  const local = url.startsWith('/') && !url.startsWith('//');
  if (!local && !/^https?:\/\/[^\s]+$/.test(url)) errors.url = 'Enter a web address starting with https:// or a page of Involve starting with /';
  else if (url.length > 500) errors.url = 'The address must be 500 characters or fewer';
  const kinds: LinkKind[] = ['story_theme', 'change', 'budget', 'assembly', 'web'];
  const kind = (kinds as string[]).includes(input.kind) ? (input.kind as LinkKind) : 'web';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await deps.db.insertInto('decision_link').values({ decision_id: decisionId, kind, ref_id: null, url, label: input.label.trim() }).execute();
}

export async function addAction(
  deps: DecisionsDeps,
  actor: Actor,
  decisionId: number,
  input: { description: string; owner: string; dueOn: string },
): Promise<number> {
  const d = await decisionRow(deps.db, decisionId);
  assertCan(actor, 'decision.record', { organisationId: d.organisation_id });
  const errors: Record<string, string> = {};
  if (!input.description.trim()) errors.description = 'Enter what will be done';
  else if (input.description.length > 1000) errors.description = 'The action must be 1,000 characters or fewer';
  if (!input.owner.trim()) errors.owner = 'Enter who is responsible';
  else if (input.owner.length > 200) errors.owner = 'Who is responsible must be 200 characters or fewer';
  if (!isIsoDate(input.dueOn)) errors.dueOn = 'Enter the date it is due, like 30 6 2027';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const row = await deps.db
    .insertInto('decision_action')
    .values({ decision_id: decisionId, description: input.description.trim(), owner: input.owner.trim(), due_on: input.dueOn })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Move an action on (in progress, done, or dropped with a reason), with a dated note. Everyone who
 * follows the decision is emailed, by mail queued in the same transaction.
 */
export async function moveAction(
  deps: DecisionsDeps,
  actor: Actor,
  actionId: number,
  input: { status: string; note: string; droppedReason: string },
): Promise<{ told: number }> {
  if (!isRecordId(actionId)) throw new NotFoundError();
  const action = await deps.db.selectFrom('decision_action').selectAll().where('id', '=', actionId).executeTakeFirst();
  if (!action) throw new NotFoundError();
  const d = await decisionRow(deps.db, action.decision_id);
  assertCan(actor, 'decision.record', { organisationId: d.organisation_id });
  const status = input.status as ActionStatus;
  const errors: Record<string, string> = {};
  if (!actionStatuses.includes(status)) errors.status = 'Choose where the action has got to';
  if (!input.note.trim()) errors.note = 'Enter a note on the progress';
  else if (input.note.length > 2000) errors.note = 'The note must be 2,000 characters or fewer';
  if (status === 'dropped' && !input.droppedReason.trim()) errors.droppedReason = 'Enter why the action was dropped';
  else if (input.droppedReason.length > 1000) errors.droppedReason = 'The reason must be 1,000 characters or fewer';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  if (!mayMove(action.status, status) && status !== action.status)
    throw new ConflictError(`An action that is ${statusLabels[action.status].toLowerCase()} cannot go back to planned.`, 'status');
  return deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('decision_action')
      .set({ status, dropped_reason: status === 'dropped' ? input.droppedReason.trim() : null, updated_at: new Date() })
      .where('id', '=', actionId)
      .execute();
    await trx.insertInto('decision_action_note').values({ action_id: actionId, note: input.note.trim(), status, account_id: actor.accountId }).execute();
    const followers = await trx.selectFrom('decision_follower').select('account_id').where('decision_id', '=', d.id).execute();
    const link = `${deps.config?.publicUrl ?? ''}/decisions/${d.id}`;
    for (const f of followers) {
      const contact = await accountContact(trx, f.account_id).catch(() => null);
      if (!contact) continue;
      await enqueueMail(trx, {
        to: contact.email,
        subject: `Update on "${d.title}": ${statusLabels[status].toLowerCase()}`,
        text: `${greeting(contact.name)}\n\nAn action following the decision "${d.title}" has moved on.\n\nAction: ${action.description}\nNow: ${statusLabels[status]}\nNote: ${input.note.trim()}\n\nSee the whole decision and its actions:\n${link}\n\nYou are told because you follow this decision. Stop following it on that page.\n`,
      });
    }
    await recordAudit(trx, actor, { action: 'decision.move_action', subjectType: 'decision_action', subjectId: actionId, detail: { status } });
    return { told: followers.length };
  });
}

export async function follow(deps: DecisionsDeps, actor: Actor, decisionId: number, following: boolean): Promise<void> {
  assertCan(actor, 'decision.follow');
  await decisionRow(deps.db, decisionId);
  if (following) {
    await deps.db
      .insertInto('decision_follower')
      .values({ decision_id: decisionId, account_id: actor.accountId as number })
      .onConflict((oc) => oc.doNothing())
      .execute();
  } else {
    await deps.db
      .deleteFrom('decision_follower')
      .where('decision_id', '=', decisionId)
      .where('account_id', '=', actor.accountId as number)
      .execute();
  }
}

export interface ActionDetail {
  id: number;
  description: string;
  owner: string;
  dueOn: string;
  status: ActionStatus;
  droppedReason: string | null;
  overdue: boolean;
  notes: Array<{ note: string; status: ActionStatus; notedAt: Date }>;
}

export interface DecisionDetail {
  id: number;
  organisation: { id: number; name: string };
  title: string;
  decided: string;
  reasons: string;
  decidedBy: string;
  body: { id: number; name: string } | null;
  decidedOn: string;
  links: Array<{ kind: LinkKind; label: string; url: string | null }>;
  actions: ActionDetail[];
  tally: ActionTally;
  following: boolean;
  canRecord: boolean;
}

export async function getDecision(db: Db, actor: Actor, id: number, today = todayInEngland()): Promise<DecisionDetail> {
  assertCan(actor, 'decision.read');
  const d = await decisionRow(db, id);
  const [organisation, body, links, actions, following] = await Promise.all([
    getOrganisationSummary(db, d.organisation_id),
    d.body_id === null ? null : getBody(db, d.body_id),
    db.selectFrom('decision_link').select(['kind', 'label', 'url']).where('decision_id', '=', id).orderBy('id').execute(),
    db.selectFrom('decision_action').selectAll().where('decision_id', '=', id).orderBy('due_on').orderBy('id').execute(),
    actor.accountId === null
      ? null
      : db.selectFrom('decision_follower').select('account_id').where('decision_id', '=', id).where('account_id', '=', actor.accountId).executeTakeFirst(),
  ]);
  const notes = actions.length
    ? await db
        .selectFrom('decision_action_note')
        .select(['action_id', 'note', 'status', 'noted_at'])
        .where(
          'action_id',
          'in',
          actions.map((a) => a.id),
        )
        .orderBy('noted_at')
        .execute()
    : [];
  const details: ActionDetail[] = actions.map((a) => ({
    id: a.id,
    description: a.description,
    owner: a.owner,
    dueOn: a.due_on,
    status: a.status,
    droppedReason: a.dropped_reason,
    overdue: isOverdue({ status: a.status, dueOn: a.due_on }, today),
    notes: notes.filter((n) => n.action_id === a.id).map((n) => ({ note: n.note, status: n.status as ActionStatus, notedAt: n.noted_at })),
  }));
  return {
    id: d.id,
    organisation: { id: d.organisation_id, name: organisation?.name ?? '' },
    title: d.title,
    decided: d.decided,
    reasons: d.reasons,
    // The body's name as it was when it decided, should the registry have deleted the body since.
    decidedBy: body ? body.name : (d.body_name ?? d.officer ?? ''),
    body: body ? { id: body.id, name: body.name } : null,
    decidedOn: d.decided_on,
    links,
    actions: details,
    tally: tally(details, today),
    following: Boolean(following),
    canRecord: can(actor, 'decision.record', { organisationId: d.organisation_id }),
  };
}

export interface DecisionListItem {
  id: number;
  title: string;
  organisationId: number;
  organisationName: string;
  decidedOn: string;
  tally: ActionTally;
}

/** A page of decisions, with how many there are in all. */
export interface DecisionPage {
  items: DecisionListItem[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Decisions, newest first, optionally of one organisation, each with how its actions stand, a page
 * at a time (pageSize at most 100) with the total, so no list stops silently at a limit.
 */
export async function listDecisions(
  db: Db,
  filter: { organisationId?: number; page?: number; pageSize?: number } = {},
  today = todayInEngland(),
): Promise<DecisionPage> {
  const pageSize = Math.min(Math.max(filter.pageSize ?? 20, 1), 100);
  const page = Math.max(filter.page ?? 1, 1);
  let query = db.selectFrom('decision');
  if (filter.organisationId !== undefined) query = query.where('organisation_id', '=', filter.organisationId);
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query
      .select(['id', 'title', 'organisation_id', 'decided_on'])
      .orderBy('decided_on', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  if (!rows.length) return { items: [], total: Number(total), page, pageSize };
  const actions = await db
    .selectFrom('decision_action')
    .select(['decision_id', 'status', 'due_on'])
    .where(
      'decision_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const names = new Map((await organisationNames(db, [...new Set(rows.map((r) => r.organisation_id))])).map((o) => [o.id, o.name]));
  const items = rows.map((r) => ({
    id: r.id,
    title: r.title,
    organisationId: r.organisation_id,
    organisationName: names.get(r.organisation_id) ?? '',
    decidedOn: r.decided_on,
    tally: tally(
      actions.filter((a) => a.decision_id === r.id).map((a) => ({ status: a.status, dueOn: a.due_on })),
      today,
    ),
  }));
  return { items, total: Number(total), page, pageSize };
}

/** Consultations an organisation may link a decision to (its own, not drafts; the newest hundred). */
export async function consultationChoices(db: Db, organisationId: number) {
  return (await listConsultations(db, { organisationId, pageSize: 100 })).items.map((c) => ({ value: c.id, text: c.title }));
}

/** Decisions that name a consultation as what informed them (for its outcome page). */
export async function decisionsInformedBy(db: Db, consultationId: number): Promise<Array<{ id: number; title: string }>> {
  if (!isRecordId(consultationId)) return [];
  return db
    .selectFrom('decision_link')
    .innerJoin('decision', 'decision.id', 'decision_link.decision_id')
    .select(['decision.id', 'decision.title'])
    .where('decision_link.kind', '=', 'consultation')
    .where('decision_link.ref_id', '=', consultationId)
    .orderBy('decision.decided_on', 'desc')
    .execute();
}
