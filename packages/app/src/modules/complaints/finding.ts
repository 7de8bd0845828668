// Finding complaints: a complaints manager's list of the complaints of the organisations they
// manage (and only those), searched by reference or name, subject and the dates received, and
// filtered by state, investigator and overdue deadlines, a page at a time. Closed and answered
// complaints are found the same way as open ones. A few queries per page.
import { sql } from 'kysely';
import type { Db } from '../../platform/database.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { organisationNames } from '../registry/service.js';
import { limits, tooLongMessage } from './limits.js';
import { type Actor, can, organisationsWhere } from './policy.js';
import { type ComplaintStatus, type ComplaintSubject, complaintStatuses, complaintSubjects } from './schema.js';
import { extraHolidaysByOrganisation } from './settings.js';
import { acknowledgementDue, nextDeadline, openStatuses, statusLabels, statusTagClasses, ukDate } from './timeline.js';
import { parseIsoDate } from './workingDays.js';

/** What the state filter offers: all open complaints, or one status. */
export const complaintStates = ['open', ...complaintStatuses] as const;
export type ComplaintState = (typeof complaintStates)[number];

export const stateLabels: Record<ComplaintState, string> = { open: 'Open: not yet answered', ...statusLabels };

export const complaintsPageSize = 20;

export interface ComplaintSearch {
  /** A reference (or part of one), or part of the complainant's or the person's name. */
  q: string;
  /** A ComplaintState, or '' for every complaint. */
  state: string;
  /** Only this organisation's complaints (it must be one the actor manages). */
  organisationId?: number;
  /** A subject of the national return, or '' for any. */
  subject?: string;
  /** Received on or after / on or before ('YYYY-MM-DD', what was typed, or ''). */
  receivedFrom?: string;
  receivedTo?: string;
  /** An investigator's account id, 'none' for no investigator yet, or '' for any. */
  investigator?: string;
  /** Only open complaints past their acknowledgement or response deadline. */
  overdue?: boolean;
  page: number;
  /** The clock (tests set it): what "overdue" is measured against. */
  now?: Date;
}

export interface FoundComplaint {
  id: number;
  reference: string;
  organisationName: string;
  complainantName: string;
  personName: string | null;
  statusLabel: string;
  statusTag: string;
  receivedOn: string;
  investigatorAccountId: number | null;
  /** Its next deadline has passed. */
  overdue: boolean;
}

export interface FoundComplaints {
  q: string;
  state: ComplaintState | '';
  subject: ComplaintSubject | '';
  receivedFrom: string;
  receivedTo: string;
  investigator: string;
  overdue: boolean;
  items: FoundComplaint[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

/** The organisations whose complaints the actor manages (what every search is limited to). */
export function managedOrganisations(actor: Actor): number[] {
  return organisationsWhere(actor, 'complaint.manage').filter((organisationId) => can(actor, 'complaint.manage', { organisationId }));
}

/**
 * Words typed in a search box (`q`) as a query uses them: control characters out, or a message
 * naming the box when they are too long. `what` is how the box reads in a sentence.
 */
export function searchWords(q: string, what = 'The reference or name to search for'): string {
  const words = q.replace(/\p{Cc}/gu, ' ').trim();
  if (words.length > limits.search) throw new ValidationError({ q: tooLongMessage(what, limits.search) });
  return words;
}

/** `%words%` for ILIKE, with the wildcards people type taken literally. */
function containing(words: string): string {
  return `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The filters other than the words, checked: messages name the field. */
function checkFilters(search: ComplaintSearch): Pick<FoundComplaints, 'subject' | 'receivedFrom' | 'receivedTo' | 'investigator' | 'overdue'> {
  const errors: Record<string, string> = {};
  const subject: ComplaintSubject | '' = complaintSubjects.find((s) => s === search.subject) ?? '';
  const receivedFrom = search.receivedFrom ?? '';
  const receivedTo = search.receivedTo ?? '';
  if (receivedFrom && !parseIsoDate(receivedFrom)) errors.receivedFrom = 'The date received from must be a real date, like 1 4 2025';
  if (receivedTo && !parseIsoDate(receivedTo)) errors.receivedTo = 'The date received to must be a real date, like 30 6 2025';
  if (!Object.keys(errors).length && receivedFrom && receivedTo && receivedFrom > receivedTo) {
    errors.receivedTo = 'The date received to must be the same as or after the date received from';
  }
  const investigator = search.investigator === 'none' || /^\d{1,10}$/.test(search.investigator ?? '') ? (search.investigator as string) : '';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { subject, receivedFrom, receivedTo, investigator, overdue: search.overdue === true };
}

/**
 * The last day a complaint may have been received on to be overdue for acknowledgement today: its
 * acknowledgement was due (3 working days on, this organisation's extra holidays skipped) before today.
 */
function acknowledgementCutoff(today: string, holidays: ReadonlySet<string>): string {
  const day = new Date(`${today}T12:00:00Z`);
  for (;;) {
    day.setUTCDate(day.getUTCDate() - 1);
    const received = day.toISOString().slice(0, 10);
    if (acknowledgementDue(received, holidays) < today) return received;
  }
}

/** The complaints the actor manages that match, newest first. Anyone else finds nothing. */
export async function findComplaints(deps: { db: Db }, actor: Actor, search: ComplaintSearch): Promise<FoundComplaints> {
  const q = searchWords(search.q);
  const filters = checkFilters(search);
  const state: ComplaintState | '' = (complaintStates as readonly string[]).includes(search.state) ? (search.state as ComplaintState) : '';
  let organisations = managedOrganisations(actor);
  if (search.organisationId !== undefined) {
    if (!organisations.includes(search.organisationId)) throw new ForbiddenError('Not found', true);
    organisations = [search.organisationId];
  }
  const empty: FoundComplaints = { q, state, ...filters, items: [], total: 0, page: 1, pageSize: complaintsPageSize, pages: 1 };
  if (!organisations.length) return empty;
  const today = ukDate(search.now ?? new Date());
  const holidays = await extraHolidaysByOrganisation(deps.db, organisations);

  let matching = deps.db.selectFrom('complaint').where('organisation_id', 'in', organisations);
  if (state === 'open') matching = matching.where('status', 'in', [...openStatuses]);
  else if (state) matching = matching.where('status', '=', state as ComplaintStatus);
  if (q) {
    // A reference matches however it is typed: any case, with or without its hyphens or spaces.
    const reference = containing(q.toUpperCase().replace(/[\s-]+/g, ''));
    const name = containing(q);
    matching = matching.where((eb) =>
      eb.or([eb(sql<string>`replace(reference, '-', '')`, 'like', reference), eb('complainant_name', 'ilike', name), eb('person_name', 'ilike', name)]),
    );
  }
  if (filters.subject) {
    const subject = filters.subject;
    matching = matching.where((eb) =>
      eb.exists(
        eb
          .selectFrom('complaint_subject')
          .select('complaint_id')
          .whereRef('complaint_subject.complaint_id', '=', 'complaint.id')
          .where('subject', '=', subject),
      ),
    );
  }
  if (filters.receivedFrom) matching = matching.where('received_on', '>=', filters.receivedFrom);
  if (filters.receivedTo) matching = matching.where('received_on', '<=', filters.receivedTo);
  if (filters.investigator === 'none') matching = matching.where('investigator_account_id', 'is', null);
  else if (filters.investigator) matching = matching.where('investigator_account_id', '=', Number(filters.investigator));
  if (filters.overdue) {
    // Past the acknowledgement deadline (worked out per organisation, for its extra holidays), or
    // past the agreed response date: as the dashboard's "Overdue" tag says.
    matching = matching.where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['acknowledged', 'under_investigation']), eb('response_due', '<', today)]),
        ...organisations.map((organisationId) =>
          eb.and([
            eb('organisation_id', '=', organisationId),
            eb('status', '=', 'received'),
            eb('received_on', '<=', acknowledgementCutoff(today, holidays.get(organisationId) ?? new Set())),
          ]),
        ),
      ]),
    );
  }
  const { n } = await matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  if (!total) return empty;
  const pages = Math.ceil(total / complaintsPageSize);
  // A page past the end shows the last page.
  const page = Math.min(Math.max(1, search.page), pages);
  const rows = await matching
    .select(['id', 'reference', 'organisation_id', 'complainant_name', 'person_name', 'status', 'received_on', 'response_due', 'investigator_account_id'])
    .orderBy('received_on', 'desc')
    .orderBy('id', 'desc')
    .limit(complaintsPageSize)
    .offset((page - 1) * complaintsPageSize)
    .execute();
  const names = new Map((await organisationNames(deps.db, [...new Set(rows.map((r) => r.organisation_id))])).map((o) => [o.id, o.name]));
  return {
    q,
    state,
    ...filters,
    total,
    page,
    pageSize: complaintsPageSize,
    pages,
    items: rows.map((r) => {
      const next = nextDeadline({ status: r.status, receivedOn: r.received_on, responseDue: r.response_due }, holidays.get(r.organisation_id));
      return {
        id: r.id,
        reference: r.reference,
        organisationName: names.get(r.organisation_id) ?? 'Unknown organisation',
        complainantName: r.complainant_name,
        personName: r.person_name,
        statusLabel: statusLabels[r.status],
        statusTag: statusTagClasses[r.status],
        receivedOn: r.received_on,
        investigatorAccountId: r.investigator_account_id,
        overdue: next !== null && next.due < today,
      };
    }),
  };
}
