// Finding complaints: a complaints manager's list of the complaints of the organisations they
// manage (and only those), searched by reference or name and filtered by state, a page at a time.
// Closed and answered complaints are found the same way as open ones. Two queries per page.
import { sql } from 'kysely';
import type { Db } from '../../platform/database.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { organisationNames } from '../registry/service.js';
import { limits, tooLongMessage } from './limits.js';
import { type Actor, can, organisationsWhere } from './policy.js';
import { type ComplaintStatus, complaintStatuses } from './schema.js';
import { openStatuses, statusLabels, statusTagClasses } from './timeline.js';

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
  page: number;
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
}

export interface FoundComplaints {
  q: string;
  state: ComplaintState | '';
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

/** The complaints the actor manages that match, newest first. Anyone else finds nothing. */
export async function findComplaints(deps: { db: Db }, actor: Actor, search: ComplaintSearch): Promise<FoundComplaints> {
  const q = searchWords(search.q);
  const state: ComplaintState | '' = (complaintStates as readonly string[]).includes(search.state) ? (search.state as ComplaintState) : '';
  let organisations = managedOrganisations(actor);
  if (search.organisationId !== undefined) {
    if (!organisations.includes(search.organisationId)) throw new ForbiddenError('Not found', true);
    organisations = [search.organisationId];
  }
  const empty: FoundComplaints = { q, state, items: [], total: 0, page: 1, pageSize: complaintsPageSize, pages: 1 };
  if (!organisations.length) return empty;

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
  const { n } = await matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  if (!total) return empty;
  const pages = Math.ceil(total / complaintsPageSize);
  // A page past the end shows the last page.
  const page = Math.min(Math.max(1, search.page), pages);
  const rows = await matching
    .select(['id', 'reference', 'organisation_id', 'complainant_name', 'person_name', 'status', 'received_on'])
    .orderBy('received_on', 'desc')
    .orderBy('id', 'desc')
    .limit(complaintsPageSize)
    .offset((page - 1) * complaintsPageSize)
    .execute();
  const names = new Map((await organisationNames(deps.db, [...new Set(rows.map((r) => r.organisation_id))])).map((o) => [o.id, o.name]));
  return {
    q,
    state,
    total,
    page,
    pageSize: complaintsPageSize,
    pages,
    items: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      organisationName: names.get(r.organisation_id) ?? 'Unknown organisation',
      complainantName: r.complainant_name,
      personName: r.person_name,
      statusLabel: statusLabels[r.status],
      statusTag: statusTagClasses[r.status],
      receivedOn: r.received_on,
    })),
  };
}
