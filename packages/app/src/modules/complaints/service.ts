// Reading a complaint. Only the complainant (who may be acting for someone else) and
// the organisation's complaints managers may read a complaint; for everyone else it does not exist
// (404). Every read of a complaint's contents is recorded in complaint_view, which the complainant sees.
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/database.js';
import { ForbiddenError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import { getOrganisationSummary, organisationNames } from '../registry/service.js';
import { type Actor, assertCan, can } from './policy.js';
import type { ComplaintEventKind, ComplaintOutcome, ComplaintStatus, ComplaintSubject, ConsentBasis, LetterKind, ViewKind } from './schema.js';
import { extraHolidaysOf } from './settings.js';
import {
  acknowledgementDue,
  consentLabels,
  eventLabels,
  letterLabels,
  nextDeadline,
  outcomeLabels,
  sixMonthsAfter,
  statusLabels,
  statusTagClasses,
  subjectLabels,
} from './timeline.js';

export interface ComplaintsDeps {
  db: Db;
  /** The attachment settings are optional: without them attachments go in the database, up to 10 MB. */
  config: Pick<Config, 'publicUrl'> & Partial<Pick<Config, 'attachmentsDir' | 'attachmentMaxBytes'>>;
  /** The clock (tests set it); the real time when absent. */
  now?: () => Date;
}

export function nowOf(deps: ComplaintsDeps): Date {
  return deps.now?.() ?? new Date();
}

export { limits } from './limits.js';
// The working-day calendar of England and Wales (weekends and bank holidays), for other modules' deadlines.
export { addWorkingDays } from './workingDays.js';

// ---- reading a complaint ----

export interface ComplaintDetail {
  id: number;
  reference: string;
  organisationId: number;
  organisationName: string;
  complainantAccountId: number;
  complainantName: string;
  onBehalf: boolean;
  personName: string | null;
  consentBasis: ConsentBasis | null;
  consentLabel: string | null;
  consentRecordedAt: Date | null;
  whatHappened: string;
  eventDate: string;
  whereHappened: string | null;
  peopleInvolved: string | null;
  outcomeWanted: string | null;
  receivedOn: string;
  late: boolean;
  timeLimitWaived: boolean | null;
  timeLimitReason: string | null;
  status: ComplaintStatus;
  statusLabel: string;
  statusTag: string;
  acknowledgedOn: string | null;
  acknowledgementDue: string;
  responseDue: string | null;
  responseSentOn: string | null;
  outcome: ComplaintOutcome | null;
  outcomeLabel: string | null;
  closedOn: string | null;
  ombudsmanReferredOn: string | null;
  sixMonthsOn: string;
  nextDeadline: { kind: 'acknowledgement' | 'response'; due: string } | null;
  subjects: Array<{ code: ComplaintSubject; label: string }>;
  events: Array<{ kind: ComplaintEventKind; label: string; at: Date; onDate: string | null; note: string | null }>;
  letters: Array<{ id: number; kind: LetterKind; label: string; sentOn: string }>;
}

export type Viewer = 'complainant' | 'complaints_manager';

const complaintColumns = [
  'id',
  'reference',
  'organisation_id',
  'complainant_account_id',
  'complainant_name',
  'on_behalf',
  'person_name',
  'consent_basis',
  'consent_recorded_at',
  'what_happened',
  'event_date',
  'where_happened',
  'people_involved',
  'outcome_wanted',
  'received_on',
  'late',
  'time_limit_waived',
  'time_limit_reason',
  'status',
  'acknowledged_on',
  'response_due',
  'response_sent_on',
  'outcome',
  'closed_on',
  'ombudsman_referred_on',
] as const;

/** The complaint's row with no permission check: for the functions in this module only. */
export async function loadComplaintRow(db: Db, id: number) {
  if (!isRecordId(id)) return undefined;
  return db.selectFrom('complaint').select(complaintColumns).where('id', '=', id).executeTakeFirst();
}

export type ComplaintRow = NonNullable<Awaited<ReturnType<typeof loadComplaintRow>>>;

/** The resource a permission question about this complaint is asked of. */
export function complaintResource(row: { organisation_id: number; complainant_account_id: number }) {
  return { organisationId: row.organisation_id, accountId: row.complainant_account_id };
}

/** Who the actor is to this complaint, or null when they may not see it. */
export function viewerOf(actor: Actor, row: { organisation_id: number; complainant_account_id: number }): Viewer | null {
  const resource = complaintResource(row);
  if (!can(actor, 'complaint.read', resource)) return null;
  return can(actor, 'complaint.readOwn', resource) ? 'complainant' : 'complaints_manager';
}

/** The complaint if the actor may read it; otherwise "not found", whether it exists or not. */
export async function readableComplaint(db: Db, actor: Actor, id: number): Promise<{ row: ComplaintRow; viewer: Viewer }> {
  const row = await loadComplaintRow(db, id);
  const viewer = row ? viewerOf(actor, row) : null;
  if (!row || !viewer) throw new ForbiddenError('Not found', true);
  return { row, viewer };
}

/** Record that someone read a complaint (the page, a letter, or through the API). */
export async function recordView(
  db: Db,
  actor: Actor,
  complaintId: number,
  view: { viewer: Viewer; viewerName: string; what: ViewKind; letterId?: number },
): Promise<void> {
  await db
    .insertInto('complaint_view')
    .values({
      complaint_id: complaintId,
      account_id: actor.accountId as number,
      viewer_name: view.viewerName,
      viewer_role: view.viewer,
      what: view.what,
      letter_id: view.letterId ?? null,
    })
    .execute();
}

async function describeComplaint(db: Db, row: ComplaintRow): Promise<ComplaintDetail> {
  const [organisation, subjects, events, letters, holidays] = await Promise.all([
    getOrganisationSummary(db, row.organisation_id),
    db.selectFrom('complaint_subject').select('subject').where('complaint_id', '=', row.id).execute(),
    db.selectFrom('complaint_event').select(['kind', 'at', 'on_date', 'note']).where('complaint_id', '=', row.id).orderBy('id').execute(),
    db.selectFrom('complaint_letter').select(['id', 'kind', 'sent_on']).where('complaint_id', '=', row.id).orderBy('id').execute(),
    extraHolidaysOf(db, row.organisation_id),
  ]);
  const subjectOrder = Object.keys(subjectLabels);
  return {
    id: row.id,
    reference: row.reference,
    organisationId: row.organisation_id,
    organisationName: organisation?.name ?? 'Unknown organisation',
    complainantAccountId: row.complainant_account_id,
    complainantName: row.complainant_name,
    onBehalf: row.on_behalf,
    personName: row.person_name,
    consentBasis: row.consent_basis,
    consentLabel: row.consent_basis ? consentLabels[row.consent_basis] : null,
    consentRecordedAt: row.consent_recorded_at,
    whatHappened: row.what_happened,
    eventDate: row.event_date,
    whereHappened: row.where_happened,
    peopleInvolved: row.people_involved,
    outcomeWanted: row.outcome_wanted,
    receivedOn: row.received_on,
    late: row.late,
    timeLimitWaived: row.time_limit_waived,
    timeLimitReason: row.time_limit_reason,
    status: row.status,
    statusLabel: statusLabels[row.status],
    statusTag: statusTagClasses[row.status],
    acknowledgedOn: row.acknowledged_on,
    acknowledgementDue: acknowledgementDue(row.received_on, holidays),
    responseDue: row.response_due,
    responseSentOn: row.response_sent_on,
    outcome: row.outcome,
    outcomeLabel: row.outcome ? outcomeLabels[row.outcome] : null,
    closedOn: row.closed_on,
    ombudsmanReferredOn: row.ombudsman_referred_on,
    sixMonthsOn: sixMonthsAfter(row.received_on),
    nextDeadline: nextDeadline({ status: row.status, receivedOn: row.received_on, responseDue: row.response_due }, holidays),
    subjects: subjects
      .map((s) => ({ code: s.subject, label: subjectLabels[s.subject] }))
      .sort((a, b) => subjectOrder.indexOf(a.code) - subjectOrder.indexOf(b.code)),
    events: events.map((e) => ({ kind: e.kind, label: eventLabels[e.kind], at: e.at, onDate: e.on_date, note: e.note })),
    letters: letters.map((l) => ({ id: l.id, kind: l.kind, label: letterLabels[l.kind], sentOn: l.sent_on })),
  };
}

/**
 * Read a complaint and record the view. `as` says which page asks: the complainant's page only for
 * the complainant, the manager's page only for a complaints manager; the other gets `redirect`.
 */
export async function viewComplaint(
  deps: ComplaintsDeps,
  actor: Actor,
  id: number,
  options: { viewerName: string; what: ViewKind; as?: Viewer },
): Promise<{ complaint: ComplaintDetail; viewer: Viewer } | { redirect: Viewer }> {
  const { row, viewer } = await readableComplaint(deps.db, actor, id);
  if (options.as && options.as !== viewer) return { redirect: viewer };
  await recordView(deps.db, actor, row.id, { viewer, viewerName: options.viewerName, what: options.what });
  return { complaint: await describeComplaint(deps.db, row), viewer };
}

export interface LetterDetail {
  id: number;
  kind: LetterKind;
  label: string;
  body: string;
  sentOn: string;
}

/** Read one letter of a complaint, recording the view. Same rules as viewComplaint. */
export async function viewLetter(
  deps: ComplaintsDeps,
  actor: Actor,
  complaintId: number,
  letterId: number,
  options: { viewerName: string; as?: Viewer },
): Promise<{ letter: LetterDetail; complaint: { id: number; reference: string; organisationName: string }; viewer: Viewer } | { redirect: Viewer }> {
  const { row, viewer } = await readableComplaint(deps.db, actor, complaintId);
  const letter = isRecordId(letterId)
    ? await deps.db
        .selectFrom('complaint_letter')
        .select(['id', 'kind', 'body', 'sent_on'])
        .where('id', '=', letterId)
        .where('complaint_id', '=', row.id)
        .executeTakeFirst()
    : undefined;
  if (!letter) throw new ForbiddenError('Not found', true);
  if (options.as && options.as !== viewer) return { redirect: viewer };
  await recordView(deps.db, actor, row.id, { viewer, viewerName: options.viewerName, what: 'letter', letterId: letter.id });
  const organisation = await getOrganisationSummary(deps.db, row.organisation_id);
  return {
    letter: { id: letter.id, kind: letter.kind, label: letterLabels[letter.kind], body: letter.body, sentOn: letter.sent_on },
    complaint: { id: row.id, reference: row.reference, organisationName: organisation?.name ?? 'Unknown organisation' },
    viewer,
  };
}

export interface ViewRecord {
  at: Date;
  viewerName: string;
  viewerRole: Viewer;
  what: string;
}

/** Who has looked at the complaint, newest first (the complainant and its managers may see this). */
export async function listViews(deps: ComplaintsDeps, actor: Actor, complaintId: number, limit = 200): Promise<{ total: number; views: ViewRecord[] }> {
  await readableComplaint(deps.db, actor, complaintId);
  const [rows, count] = await Promise.all([
    deps.db
      .selectFrom('complaint_view')
      .leftJoin('complaint_letter', 'complaint_letter.id', 'complaint_view.letter_id')
      .select(['complaint_view.at', 'complaint_view.viewer_name', 'complaint_view.viewer_role', 'complaint_view.what', 'complaint_letter.kind as letterKind'])
      .where('complaint_view.complaint_id', '=', complaintId)
      .orderBy('complaint_view.id', 'desc')
      .limit(limit)
      .execute(),
    deps.db
      .selectFrom('complaint_view')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('complaint_id', '=', complaintId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    views: rows.map((r) => ({
      at: r.at,
      viewerName: r.viewer_name,
      viewerRole: r.viewer_role,
      what:
        r.what === 'letter'
          ? `The letter: ${(r.letterKind ? letterLabels[r.letterKind] : 'a letter').toLowerCase()}`
          : r.what === 'api'
            ? 'The complaint, through the API'
            : 'The complaint',
    })),
  };
}

export interface OwnComplaint {
  id: number;
  reference: string;
  organisationName: string;
  status: ComplaintStatus;
  statusLabel: string;
  statusTag: string;
  receivedOn: string;
  letters: number;
}

/** The complaints the actor made (for themselves or for someone else), newest first. */
export async function listOwnComplaints(deps: ComplaintsDeps, actor: Actor): Promise<OwnComplaint[]> {
  assertCan(actor, 'complaint.make');
  const rows = await deps.db
    .selectFrom('complaint')
    .select((eb) => [
      'complaint.id',
      'complaint.reference',
      'complaint.organisation_id',
      'complaint.status',
      'complaint.received_on',
      eb
        .selectFrom('complaint_letter')
        .select((l) => l.fn.countAll<number>().as('n'))
        .whereRef('complaint_letter.complaint_id', '=', 'complaint.id')
        .as('letters'),
    ])
    .where('complaint.complainant_account_id', '=', actor.accountId as number)
    .orderBy('complaint.id', 'desc')
    .execute();
  const names = new Map((await organisationNames(deps.db, [...new Set(rows.map((r) => r.organisation_id))])).map((o) => [o.id, o.name]));
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    organisationName: names.get(r.organisation_id) ?? 'Unknown organisation',
    status: r.status,
    statusLabel: statusLabels[r.status],
    statusTag: statusTagClasses[r.status],
    receivedOn: r.received_on,
    letters: Number(r.letters ?? 0),
  }));
}
