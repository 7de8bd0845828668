// The "Find a complaint" form and the complaints found, a page at a time: on /complaints (every
// organisation the manager manages) and on an organisation's dashboard (that organisation only).
import type { FastifyRequest } from 'fastify';
import { dateFromParts, pageNumber, paginationOf, queryString, queryText, queryValue, selectItems } from '../../../platform/web/index.js';
import { complaintStates, findComplaints, managedOrganisations, stateLabels } from '../finding.js';
import { complaintsManagersOf } from '../people.js';
import { complaintSubjects } from '../schema.js';
import type { ComplaintsDeps } from '../service.js';
import { subjectLabels } from '../timeline.js';

const stateOptions = complaintStates.map((value) => ({ value, text: stateLabels[value] }));
const subjectOptions = complaintSubjects.map((value) => ({ value, text: subjectLabels[value] }));
const dateBoxes = ['receivedFrom-day', 'receivedFrom-month', 'receivedFrom-year', 'receivedTo-day', 'receivedTo-month', 'receivedTo-year'];

/** The search's words and filters as the query string gives them. */
function searchValues(request: FastifyRequest) {
  const query = (request.query ?? {}) as Record<string, unknown>;
  return {
    q: queryText(request, 'q'),
    state: queryValue(request, 'state'),
    subject: queryValue(request, 'subject'),
    investigator: queryValue(request, 'investigator'),
    overdue: queryValue(request, 'overdue') === 'yes',
    ...Object.fromEntries(dateBoxes.map((name) => [name, queryText(request, name)])),
    receivedFrom: dateFromParts(query, 'receivedFrom'),
    receivedTo: dateFromParts(query, 'receivedTo'),
  };
}

/** What the search form shows, before anything is found (also the page shown again with errors). */
export async function findFormContext(
  deps: ComplaintsDeps,
  request: FastifyRequest,
  action: { path: string; keep?: Record<string, string>; organisationId?: number },
) {
  const values = searchValues(request);
  // The investigators to filter by: the complaints managers of the organisations searched.
  const organisations = action.organisationId !== undefined ? [action.organisationId] : managedOrganisations(request.actor);
  const seen = new Set<number>();
  const investigators = (await Promise.all(organisations.map((id) => complaintsManagersOf(deps.db, id))))
    .flat()
    .filter((m) => !seen.has(m.accountId) && seen.add(m.accountId));
  return {
    findAction: action.path,
    findKeep: action.keep ?? {},
    findValues: values,
    stateItems: selectItems(stateOptions, values.state, 'All complaints, closed ones too'),
    subjectItems: selectItems(subjectOptions, values.subject, 'Any subject'),
    investigatorItems: selectItems(
      [{ value: 'none', text: 'Not assigned yet' }, ...investigators.map((m) => ({ value: m.accountId, text: m.name }))],
      values.investigator,
      'Anyone',
    ),
  };
}

/** Whether the search form was sent (otherwise the page shows only the form). */
export function findAsked(request: FastifyRequest): boolean {
  const query = (request.query ?? {}) as Record<string, unknown>;
  return ['q', 'state', 'page', 'subject', 'investigator', 'overdue', ...dateBoxes].some((name) => name in query);
}

/** The form and the page of complaints found; a ValidationError (an over-long search) for handleForm. */
export async function findPageContext(
  deps: ComplaintsDeps,
  request: FastifyRequest,
  action: { path: string; keep?: Record<string, string>; anchor?: string; organisationId?: number },
) {
  const form = await findFormContext(deps, request, action);
  const found = await findComplaints(deps, request.actor, {
    ...form.findValues,
    organisationId: action.organisationId,
    page: pageNumber(queryValue(request, 'page')),
    now: deps.now?.(),
  });
  const keepDates = Object.fromEntries(dateBoxes.map((name) => [name, (form.findValues as Record<string, unknown>)[name] as string]).filter(([, v]) => v));
  const hrefFor = (page: number) =>
    `${action.path}${queryString({
      ...action.keep,
      q: found.q,
      state: found.state,
      subject: found.subject || undefined,
      investigator: found.investigator || undefined,
      overdue: found.overdue ? 'yes' : undefined,
      ...keepDates,
      page,
    })}${action.anchor ?? ''}`;
  return { ...form, found, foundPages: paginationOf(found.page, found.pageSize, found.total, hrefFor) };
}
