// The "Find a complaint" form and the complaints found, a page at a time: on /complaints (every
// organisation the manager manages) and on an organisation's dashboard (that organisation only).
import type { FastifyRequest } from 'fastify';
import { pageNumber, paginationOf, queryString, queryText, queryValue, selectItems } from '../../../platform/web/index.js';
import { complaintStates, findComplaints, stateLabels } from '../finding.js';
import type { ComplaintsDeps } from '../service.js';

const stateOptions = complaintStates.map((value) => ({ value, text: stateLabels[value] }));

/** What the search form shows, before anything is found (also the page shown again with errors). */
export function findFormContext(request: FastifyRequest, action: { path: string; keep?: Record<string, string> }) {
  const values = { q: queryText(request, 'q'), state: queryValue(request, 'state') };
  return { findAction: action.path, findKeep: action.keep ?? {}, findValues: values, stateItems: selectItems(stateOptions, values.state, 'All complaints') };
}

/** The form and the page of complaints found; a ValidationError (an over-long search) for handleForm. */
export async function findPageContext(
  deps: ComplaintsDeps,
  request: FastifyRequest,
  action: { path: string; keep?: Record<string, string>; anchor?: string; organisationId?: number },
) {
  const form = findFormContext(request, action);
  const found = await findComplaints(deps, request.actor, {
    ...form.findValues,
    organisationId: action.organisationId,
    page: pageNumber(queryValue(request, 'page')),
  });
  const hrefFor = (page: number) => `${action.path}${queryString({ ...action.keep, q: found.q, state: found.state, page })}${action.anchor ?? ''}`;
  return { ...form, found, foundPages: paginationOf(found.page, found.pageSize, found.total, hrefFor) };
}
