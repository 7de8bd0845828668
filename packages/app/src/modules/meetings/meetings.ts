// Meetings themselves: arranging one for a body (and changing, cancelling or marking it held), the
// lists by organisation, body and place, one meeting as a given person may see it, and the meetings
// of a calendar feed. Every action asks the gate first; writes run in one transaction with an audit entry.
import { recordAudit } from '../../platform/audit.js';
import type { Config } from '../../platform/config.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import { getDecision } from '../decisions/service.js';
import { getBody, getPlace, listBodies, organisationNames } from '../registry/service.js';
import type { CalendarMeeting } from './calendar.js';
import { type Actor, assertCan, can } from './policy.js';
import {
  type CheckedMeeting,
  checkMeeting,
  itemVisible,
  type MeetingForm,
  type MeetingWhenAndWhere,
  type PaperAccess,
  paperVisible,
  placesLeft,
  questionDeadline,
  questionsRefusal,
  registrationRefusal,
} from './rules.js';
import type { ItemPart, ItemPurpose, MeetingStatus } from './schema.js';

export interface MeetingsDeps {
  db: Db;
  config?: Pick<Config, 'publicUrl'>;
  /** The time now (tests set it; otherwise the clock). */
  now?: () => Date;
}

export const nowOf = (deps: { now?: () => Date }) => deps.now?.() ?? new Date();

export async function meetingRow(db: Db, id: number) {
  if (!isRecordId(id)) throw new NotFoundError();
  const row = await db.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

export type MeetingRow = Awaited<ReturnType<typeof meetingRow>>;

/** What this person may see and do at a meeting of this organisation. */
export function accessOf(actor: Actor, organisationId: number): PaperAccess & { moderate: boolean; registrations: boolean } {
  const resource = { organisationId };
  return {
    manage: can(actor, 'meeting.manage', resource),
    privatePapers: can(actor, 'meeting.readPrivatePapers', resource),
    moderate: can(actor, 'meeting.moderateQuestions', resource),
    registrations: can(actor, 'meeting.readRegistrations', resource),
  };
}

/** A checked meeting as its table's columns (the deadline for questions worked out from the days). */
function columnsOf(m: CheckedMeeting) {
  return {
    title: m.title,
    summary: m.summary,
    starts_at: m.startsAt,
    ends_at: m.endsAt,
    venue: m.venue,
    online_url: m.onlineUrl,
    access_arrangements: m.accessArrangements,
    question_working_days: m.questionWorkingDays,
    question_deadline: questionDeadline(m.startsAt, m.questionWorkingDays),
    capacity: m.capacity,
  };
}

function checked(form: MeetingForm): CheckedMeeting {
  const result = checkMeeting(form);
  if ('errors' in result) throw new ValidationError(result.errors);
  return result.meeting;
}

/** Arrange a meeting of one of the organisation's bodies. */
export async function createMeeting(deps: MeetingsDeps, actor: Actor, input: MeetingForm & { bodyId: number }): Promise<number> {
  const body = isRecordId(input.bodyId) ? await getBody(deps.db, input.bodyId) : null;
  if (body) assertCan(actor, 'meeting.manage', { organisationId: body.organisation.id });
  const result = checkMeeting(input);
  if (!body || 'errors' in result)
    throw new ValidationError({ ...(body ? {} : { bodyId: 'Choose the board, committee or group that meets' }), ...('errors' in result ? result.errors : {}) });
  const m = result.meeting;
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('meeting')
      .values({
        body_id: body.id,
        organisation_id: body.organisation.id,
        ...columnsOf(m),
        created_by_account_id: actor.accountId as number,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'meeting.create', subjectType: 'meeting', subjectId: row.id, detail: { bodyId: body.id } });
    return row.id;
  });
}

/** Change a meeting's details. The room cannot be made smaller than the places already taken. */
export async function updateMeeting(deps: MeetingsDeps, actor: Actor, id: number, input: MeetingForm): Promise<void> {
  const current = await meetingRow(deps.db, id);
  assertCan(actor, 'meeting.manage', { organisationId: current.organisation_id });
  const m = checked(input);
  if (m.capacity !== null && m.capacity < current.places_taken)
    throw new ValidationError({ capacity: `${current.places_taken} people have registered to attend in person: the room needs at least that many places` });
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('meeting')
      .set((eb) => ({
        ...columnsOf(m),
        sequence: eb('sequence', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: 'meeting.update', subjectType: 'meeting', subjectId: id });
  });
}

/** Cancel a meeting that is to come, or mark one that has started as held (its minutes then show). */
export async function setMeetingStatus(deps: MeetingsDeps, actor: Actor, id: number, status: MeetingStatus): Promise<void> {
  const current = await meetingRow(deps.db, id);
  assertCan(actor, 'meeting.manage', { organisationId: current.organisation_id });
  if (current.status !== 'scheduled') throw new ConflictError(`This meeting is already ${current.status}.`);
  if (status === 'held' && nowOf(deps) < current.starts_at) throw new ConflictError('A meeting can be marked as held once it has started.');
  if (status === 'scheduled') throw new ConflictError('This meeting is already scheduled.');
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('meeting')
      .set((eb) => ({ status, sequence: eb('sequence', '+', 1), updated_at: new Date() }))
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: `meeting.${status}`, subjectType: 'meeting', subjectId: id });
  });
}

export interface MeetingListItem {
  id: number;
  title: string;
  body: { id: number; name: string };
  organisation: { id: number; name: string };
  startsAt: Date;
  endsAt: Date;
  status: MeetingStatus;
  venue: string | null;
  online: boolean;
}

export interface MeetingFilter {
  organisationId?: number;
  bodyId?: number;
  placeId?: number;
  /** Upcoming (not yet ended, soonest first) or past (newest first). */
  when?: 'upcoming' | 'past';
  page?: number;
  pageSize?: number;
}

/** The organisations serving a place or a place inside it (meetings "in" a place are theirs). */
async function organisationsIn(db: Db, placeId: number): Promise<number[]> {
  const place = await getPlace(db, placeId, { organisationLimit: 10_000 });
  return place ? place.organisations.map((o) => o.id) : [];
}

/** Body and organisation names for meetings, by id: one query per organisation, never per meeting. */
async function namesFor(db: Db, rows: ReadonlyArray<{ organisation_id: number }>) {
  const organisationIds = [...new Set(rows.map((r) => r.organisation_id))];
  const [organisations, bodies] = await Promise.all([organisationNames(db, organisationIds), Promise.all(organisationIds.map((id) => listBodies(db, id)))]);
  return {
    organisation: new Map(organisations.map((o) => [o.id, o.name])),
    body: new Map(bodies.flat().map((b) => [b.id, b.name])),
  };
}

/** Meetings, a page at a time, with the total. */
export async function listMeetings(
  db: Db,
  filter: MeetingFilter = {},
  now = new Date(),
): Promise<{ items: MeetingListItem[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(filter.pageSize ?? 20, 1), 100);
  const page = Math.max(filter.page ?? 1, 1);
  const placeOrganisations = filter.placeId === undefined ? null : await organisationsIn(db, filter.placeId);
  let query = db.selectFrom('meeting');
  if (filter.organisationId !== undefined) query = query.where('organisation_id', '=', filter.organisationId);
  if (filter.bodyId !== undefined) query = query.where('body_id', '=', filter.bodyId);
  if (placeOrganisations) query = query.where('organisation_id', 'in', placeOrganisations.length ? placeOrganisations : [0]);
  if (filter.when === 'upcoming') query = query.where('ends_at', '>=', now);
  if (filter.when === 'past') query = query.where('ends_at', '<', now);
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query
      .select(['id', 'title', 'body_id', 'organisation_id', 'starts_at', 'ends_at', 'status', 'venue', 'online_url'])
      .orderBy('starts_at', filter.when === 'past' ? 'desc' : 'asc')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  const names = await namesFor(db, rows);
  return {
    total: Number(total),
    page,
    pageSize,
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      body: { id: r.body_id, name: names.body.get(r.body_id) ?? '' },
      organisation: { id: r.organisation_id, name: names.organisation.get(r.organisation_id) ?? '' },
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      status: r.status,
      venue: r.venue,
      online: r.online_url !== null,
    })),
  };
}

export interface AgendaItem {
  id: number;
  position: number;
  title: string;
  presenter: string;
  purpose: ItemPurpose;
  part: ItemPart;
  /** Shown to the public once the meeting is held; to its staff at once. */
  minutes: string;
  decision: { id: number; title: string; decided: string } | null;
  papers: Array<{ id: number; title: string; fileName: string; sizeBytes: number; published: boolean }>;
}

export interface PublishedQuestion {
  id: number;
  name: string;
  question: string;
  answer: string;
  answeredAt: Date | null;
}

export interface MeetingDetail extends MeetingWhenAndWhere {
  id: number;
  title: string;
  summary: string;
  body: { id: number; name: string };
  organisation: { id: number; name: string };
  questionDeadline: Date;
  questionWorkingDays: number;
  capacity: number | null;
  placesLeft: number | null;
  papersPublishedAt: Date | null;
  /** The items this person may see, in order: the private part's only for its staff. */
  items: AgendaItem[];
  /** Whether the meeting has a private part (said to everyone; its items are not). */
  hasPrivatePart: boolean;
  /** Papers not yet published (for staff: "publish papers" has something to do). */
  unpublishedPapers: number;
  questions: PublishedQuestion[];
  questionsRefusal: string | null;
  registrationRefusal: string | null;
  access: ReturnType<typeof accessOf>;
}

/** A meeting as this person may see it: private items and papers only for the organisation's staff. */
export async function getMeeting(db: Db, actor: Actor, id: number, now = new Date()): Promise<MeetingDetail> {
  assertCan(actor, 'meeting.read');
  const m = await meetingRow(db, id);
  const access = accessOf(actor, m.organisation_id);
  const [body, items, papers, questions] = await Promise.all([
    getBody(db, m.body_id),
    db.selectFrom('meeting_item').selectAll().where('meeting_id', '=', id).orderBy('position').execute(),
    db
      .selectFrom('meeting_paper')
      .select(['id', 'item_id', 'title', 'file_name', 'size_bytes', 'published_at'])
      .where('meeting_id', '=', id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('meeting_question')
      .select(['id', 'name', 'question', 'answer', 'answered_at'])
      .where('meeting_id', '=', id)
      .where('status', '=', 'accepted')
      .where('answer', 'is not', null)
      .orderBy('id')
      .execute(),
  ]);
  const visibleItems = items.filter((item) => itemVisible(item.part, access));
  const decisions = await Promise.all(
    visibleItems.map((item) => (item.decision_id === null ? null : getDecision(db, actor, item.decision_id).catch(() => null))),
  );
  const showMinutes = m.status === 'held' || access.manage;
  return {
    id: m.id,
    title: m.title,
    summary: m.summary,
    body: { id: m.body_id, name: body?.name ?? '' },
    organisation: { id: m.organisation_id, name: body?.organisation.name ?? '' },
    startsAt: m.starts_at,
    endsAt: m.ends_at,
    venue: m.venue,
    onlineUrl: m.online_url,
    accessArrangements: m.access_arrangements,
    status: m.status,
    questionDeadline: m.question_deadline,
    questionWorkingDays: m.question_working_days,
    capacity: m.capacity,
    placesLeft: placesLeft(m.capacity, m.places_taken),
    papersPublishedAt: m.papers_published_at,
    items: visibleItems.map((item, i) => ({
      id: item.id,
      position: item.position,
      title: item.title,
      presenter: item.presenter,
      purpose: item.purpose,
      part: item.part,
      minutes: showMinutes ? item.minutes : '',
      decision: decisions[i] ? { id: decisions[i].id, title: decisions[i].title, decided: decisions[i].decided } : null,
      papers: papers
        .filter((p) => p.item_id === item.id && paperVisible(item.part, p.published_at !== null, access))
        .map((p) => ({ id: p.id, title: p.title, fileName: p.file_name, sizeBytes: p.size_bytes, published: p.published_at !== null })),
    })),
    hasPrivatePart: items.some((item) => item.part === 'private'),
    unpublishedPapers: access.manage ? papers.filter((p) => p.published_at === null && items.find((i) => i.id === p.item_id)?.part === 'public').length : 0,
    questions: questions.map((q) => ({ id: q.id, name: q.name, question: q.question, answer: q.answer ?? '', answeredAt: q.answered_at })),
    questionsRefusal: questionsRefusal({ status: m.status, startsAt: m.starts_at, questionDeadline: m.question_deadline }, now),
    registrationRefusal: registrationRefusal({ status: m.status, startsAt: m.starts_at }, now),
    access,
  };
}

/** Which meetings a calendar feed holds. */
export type CalendarScope = { bodyId: number } | { organisationId: number } | { placeId: number };

/**
 * The meetings of a feed (from a year ago on, at most 500) with their public items only, and the
 * feed's name; null when the body, organisation or place does not exist.
 */
export async function calendarMeetings(db: Db, scope: CalendarScope, now = new Date()): Promise<{ name: string; meetings: CalendarMeeting[] } | null> {
  let name: string;
  let query = db
    .selectFrom('meeting')
    .selectAll()
    .where('ends_at', '>=', new Date(now.getTime() - 365 * 86_400_000));
  if ('bodyId' in scope) {
    const body = await getBody(db, scope.bodyId);
    if (!body) return null;
    name = `Public meetings of ${body.name}, ${body.organisation.name}`;
    query = query.where('body_id', '=', body.id);
  } else if ('organisationId' in scope) {
    const [organisation] = isRecordId(scope.organisationId) ? await organisationNames(db, [scope.organisationId]) : [];
    if (!organisation) return null;
    name = `Public meetings of ${organisation.name}`;
    query = query.where('organisation_id', '=', organisation.id);
  } else {
    const place = await getPlace(db, scope.placeId, { organisationLimit: 10_000 });
    if (!place) return null;
    name = `Public meetings in ${place.name}`;
    const ids = place.organisations.map((o) => o.id);
    query = query.where('organisation_id', 'in', ids.length ? ids : [0]);
  }
  const rows = await query.orderBy('starts_at').limit(500).execute();
  const items = rows.length
    ? await db
        .selectFrom('meeting_item')
        .select(['meeting_id', 'title'])
        .where(
          'meeting_id',
          'in',
          rows.map((r) => r.id),
        )
        .where('part', '=', 'public')
        .orderBy('position')
        .execute()
    : [];
  const names = await namesFor(db, rows);
  return {
    name,
    meetings: rows.map((r) => ({
      id: r.id,
      title: r.title,
      bodyName: names.body.get(r.body_id) ?? '',
      organisationName: names.organisation.get(r.organisation_id) ?? '',
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      venue: r.venue,
      onlineUrl: r.online_url,
      accessArrangements: r.access_arrangements,
      status: r.status,
      sequence: r.sequence,
      updatedAt: r.updated_at,
      publicItems: items.filter((i) => i.meeting_id === r.id).map((i) => i.title),
    })),
  };
}
