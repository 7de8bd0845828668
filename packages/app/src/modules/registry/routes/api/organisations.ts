// The registry API's organisations: search (paged, with next and previous links), one organisation,
// its bodies, the gaps in patient representation, and the writes (create, change, delete) that need
// a personal API token.
import { Type } from 'typebox';
import { NotFoundError } from '../../../../platform/errors.js';
import { type App, pageNumber, queryString } from '../../../../platform/web/index.js';
import type { OrganisationDetail } from '../../organisations.js';
import { assertCan } from '../../policy.js';
import { createOrganisation, deleteOrganisation, findGaps, getOrganisation, listBodies, searchOrganisations, updateOrganisation } from '../../service.js';
import { created, getById, removed, writeSchema } from './routeKit.js';
import {
  BodyItem,
  Gaps,
  GapsQuery,
  IdParams,
  json,
  OrganisationChange,
  OrganisationCreate,
  OrganisationDetailSchema,
  OrganisationPage,
  OrganisationSearchQuery,
  problem,
  tags,
} from './schemas.js';

/** Dates as ISO 8601 strings. */
function organisationJson(o: OrganisationDetail) {
  return { ...o, createdAt: new Date(o.createdAt).toISOString(), updatedAt: new Date(o.updatedAt).toISOString() };
}

export async function registerOrganisationApi(app: App): Promise<void> {
  const deps = { db: app.deps.db };
  const { db } = deps;

  app.get(
    '/api/v1/organisations',
    {
      schema: {
        tags,
        summary: 'Search organisations',
        description:
          'Full-text search by name, ODS code or words, filtered by type, place (including the places inside it) and postcode prefix. Results are paged.',
        querystring: OrganisationSearchQuery,
        response: { 200: json('A page of organisations', OrganisationPage), 400: problem('A query value is not valid') },
      },
    },
    async (request) => {
      assertCan(request.actor, 'registry.read');
      const { q, type, place, postcode, pageSize } = request.query;
      const result = await searchOrganisations(deps, { q, type, placeId: place, postcode, page: pageNumber(request.query.page), pageSize });
      const link = (n: number) => `/api/v1/organisations${queryString({ q, type, place, postcode, page: n, pageSize: result.pageSize })}`;
      const pages = Math.ceil(result.total / result.pageSize);
      return {
        ...result,
        links: { next: result.page < pages ? link(result.page + 1) : null, prev: result.page > 1 ? link(Math.min(result.page - 1, Math.max(pages, 1))) : null },
      };
    },
  );

  getById(app, '/api/v1/organisations/:id', {
    summary: 'Get an organisation',
    description: 'An organisation with the places it serves, its relations both ways, its bodies and who sits for patients.',
    answer: ['The organisation', OrganisationDetailSchema],
    read: async (id) => {
      const organisation = await getOrganisation(db, id);
      return organisation && organisationJson(organisation);
    },
    missing: 'There is no organisation with that number',
  });

  getById(app, '/api/v1/organisations/:id/bodies', {
    summary: "List an organisation's bodies",
    description: 'Boards, committees and groups of the organisation, with current member counts.',
    answer: ['The bodies', Type.Object({ items: Type.Array(BodyItem) })],
    read: async (id) => (await getOrganisation(db, id)) && { items: await listBodies(db, id) },
    missing: 'There is no organisation with that number',
  });

  app.get(
    '/api/v1/gaps',
    {
      schema: {
        tags,
        summary: 'Gaps in patient representation',
        description:
          'Organisations that take NHS money with no current patient representative on their board (or no board; GP practices are left out), and those with no patient reference group (a GP practice: no patient participation group).',
        querystring: GapsQuery,
        response: { 200: json('The gaps', Gaps), 400: problem('A query value is not valid') },
      },
    },
    async (request) => {
      assertCan(request.actor, 'registry.read');
      return findGaps(db, { placeId: request.query.place });
    },
  );

  // ---- writes (personal API token) ----

  app.post(
    '/api/v1/organisations',
    writeSchema(
      {
        summary: 'Create an organisation',
        description: 'Platform admins only. Answers 201 with the organisation and its address in Location; 409 when the ODS code is taken.',
        body: OrganisationCreate,
      },
      { 201: json('Created', OrganisationDetailSchema), 409: problem('An organisation with that ODS code already exists') },
    ),
    async (request, reply) => {
      const id = await createOrganisation(deps, request.actor, request.body);
      const organisation = await getOrganisation(db, id);
      return created(reply, `/api/v1/organisations/${id}`, organisation && organisationJson(organisation));
    },
  );

  app.patch(
    '/api/v1/organisations/:id',
    writeSchema(
      {
        summary: 'Change an organisation',
        description: 'Admins of the organisation and platform admins. Only the fields sent are changed.',
        params: IdParams,
        body: OrganisationChange,
      },
      { 200: json('The organisation as changed', OrganisationDetailSchema), 409: problem('Another organisation has that ODS code') },
    ),
    async (request) => {
      await updateOrganisation(deps, request.actor, request.params.id, request.body);
      const organisation = await getOrganisation(db, request.params.id);
      if (!organisation) throw new NotFoundError();
      return organisationJson(organisation);
    },
  );

  app.delete(
    '/api/v1/organisations/:id',
    writeSchema(
      { summary: 'Delete an organisation', description: 'Platform admins only. Deletes its bodies, members and relations too.', params: IdParams },
      { 204: { description: 'Deleted', type: 'null' } },
    ),
    async (request, reply) => {
      await deleteOrganisation(deps, request.actor, request.params.id);
      return removed(reply);
    },
  );
}
