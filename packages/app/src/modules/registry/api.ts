// The registry's JSON API under /api/v1: places, organisations, bodies, members and gaps. Every
// route declares its schemas (parameters, query, body and responses) so the OpenAPI document is
// complete. Reads are open; writes need a personal API token.
import { type TSchema, Type } from 'typebox';
import { Nullable, Problem } from '../../platform/apiSchemas.js';
import { NotFoundError } from '../../platform/errors.js';
import type { App } from '../../platform/server.js';
import { isCurrent } from './bodies.js';
import type { OrganisationDetail } from './organisations.js';
import type { PlaceNode } from './places.js';
import { assertCan } from './policy.js';
import { bodyKinds, memberRoles, organisationTypes, placeKinds, relationKinds } from './schema.js';
import {
  addMember,
  createBody,
  createOrganisation,
  deleteOrganisation,
  findGaps,
  getBody,
  getMember,
  getOrganisation,
  getPlace,
  listBodies,
  listPlaces,
  removeMember,
  searchOrganisations,
  updateOrganisation,
} from './service.js';

const tags = ['registry'];
const security = [{ bearerAuth: [] }];

// ---- schemas ----
const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The record number' }) });
const OrganisationTypeSchema = Type.Enum([...organisationTypes], { description: 'Organisation type code' });
const PlaceKindSchema = Type.Enum([...placeKinds]);
const BodyKindSchema = Type.Enum([...bodyKinds]);
const RoleSchema = Type.Enum([...memberRoles]);
const RelationKindSchema = Type.Enum([...relationKinds]);
const DateString = Type.String({ description: 'A date, YYYY-MM-DD' });

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } });
const json = (description: string, schema: TSchema) => ({ description, content: { 'application/json': { schema } } });
const readErrors = { 400: problem('The query or address is not valid'), 404: problem('Not found') };
const writeErrors = {
  400: problem('The request body is not valid JSON of the expected shape'),
  401: problem('The API token is not valid or has been revoked'),
  403: problem('The token does not give permission to do this, or no token was sent'),
  404: problem('Not found'),
  422: problem('A field breaks a rule; errors[] names each field'),
};

const PlaceItem = Type.Object({
  id: Id,
  name: Type.String(),
  kind: PlaceKindSchema,
  code: Nullable(Type.String()),
  parentId: Nullable(Id),
  organisations: Type.Integer({ description: 'Organisations linked to this place itself' }),
});
const Figure = Type.Object({ category: Type.String(), people: Type.Integer() });
const OrganisationItem = Type.Object({
  id: Id,
  name: Type.String(),
  type: OrganisationTypeSchema,
  odsCode: Nullable(Type.String()),
  postcode: Nullable(Type.String()),
  takesNhsMoney: Type.Boolean(),
  isDemo: Type.Boolean({ description: 'Part of the made-up demo health system' }),
});
const PlaceDetail = Type.Object({
  id: Id,
  name: Type.String(),
  kind: PlaceKindSchema,
  code: Nullable(Type.String()),
  parent: Nullable(Type.Object({ id: Id, name: Type.String(), kind: PlaceKindSchema })),
  children: Type.Array(Type.Object({ id: Id, name: Type.String(), kind: PlaceKindSchema, code: Nullable(Type.String()) })),
  population: Type.Object({ age_band: Type.Array(Figure), sex: Type.Array(Figure), ethnicity: Type.Array(Figure) }),
  organisations: Type.Array(
    Type.Object({
      id: Id,
      name: Type.String(),
      type: OrganisationTypeSchema,
      odsCode: Nullable(Type.String()),
      postcode: Nullable(Type.String()),
      isDemo: Type.Boolean(),
    }),
    {
      description: 'The first 100 organisations serving this place or a place inside it',
    },
  ),
  organisationsTotal: Type.Integer(),
});
const OrganisationRef = Type.Object({ id: Id, name: Type.String(), type: OrganisationTypeSchema });
const Relation = Type.Object({ id: Id, kind: RelationKindSchema, organisation: OrganisationRef });
const OrganisationDetailSchema = Type.Object({
  id: Id,
  name: Type.String(),
  type: OrganisationTypeSchema,
  odsCode: Nullable(Type.String()),
  address: Nullable(Type.String()),
  postcode: Nullable(Type.String()),
  website: Nullable(Type.String()),
  takesNhsMoney: Type.Boolean(),
  description: Nullable(Type.String()),
  isDemo: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  places: Type.Array(Type.Object({ id: Id, name: Type.String(), kind: PlaceKindSchema })),
  relationsFrom: Type.Array(Relation, { description: 'This organisation <kind> the other' }),
  relationsTo: Type.Array(Relation, { description: 'The other organisation <kind> this one' }),
  bodies: Type.Array(Type.Object({ id: Id, name: Type.String(), kind: BodyKindSchema, currentMembers: Type.Integer(), patientVoices: Type.Integer() })),
  patientVoices: Type.Array(
    Type.Object({
      memberId: Id,
      personName: Type.String(),
      role: RoleSchema,
      bodyId: Id,
      bodyName: Type.String(),
      termStart: DateString,
      termEnd: Nullable(DateString),
    }),
    { description: 'Current patient representatives, lay members, PPI leads and Healthwatch representatives on its bodies' },
  ),
});
const BodyItem = Type.Object({
  id: Id,
  name: Type.String(),
  kind: BodyKindSchema,
  remit: Nullable(Type.String()),
  reportsToBodyId: Nullable(Id),
  currentMembers: Type.Integer(),
});
const Member = Type.Object({
  id: Id,
  personName: Type.String(),
  role: RoleSchema,
  termStart: DateString,
  termEnd: Nullable(DateString),
  current: Type.Boolean(),
});
const MemberDetail = Type.Object({
  id: Id,
  personName: Type.String(),
  role: RoleSchema,
  termStart: DateString,
  termEnd: Nullable(DateString),
  current: Type.Boolean(),
  body: Type.Object({ id: Id, name: Type.String(), organisationId: Id }),
});
const BodyDetail = Type.Object({
  id: Id,
  name: Type.String(),
  kind: BodyKindSchema,
  remit: Nullable(Type.String()),
  organisation: Type.Object({ id: Id, name: Type.String(), type: OrganisationTypeSchema, isDemo: Type.Boolean() }),
  reportsTo: Nullable(Type.Object({ id: Id, name: Type.String() })),
  reportingBodies: Type.Array(Type.Object({ id: Id, name: Type.String(), kind: BodyKindSchema })),
  currentMembers: Type.Array(Member),
  pastMembers: Type.Array(Member),
});
const GapItem = Type.Object({ id: Id, name: Type.String(), type: OrganisationTypeSchema, odsCode: Nullable(Type.String()), isDemo: Type.Boolean() });

const OrganisationWriteFields = {
  name: Type.String({ description: 'Up to 200 characters' }),
  type: Type.String({ description: `An organisation type code: ${organisationTypes.join(', ')}` }),
  odsCode: Type.Optional(Nullable(Type.String({ description: 'NHS ODS code, 3 to 10 letters or digits; unique' }))),
  address: Type.Optional(Nullable(Type.String({ description: 'Up to 500 characters' }))),
  postcode: Type.Optional(Nullable(Type.String({ description: 'A UK postcode' }))),
  website: Type.Optional(Nullable(Type.String({ description: 'A web address starting http:// or https://' }))),
  takesNhsMoney: Type.Optional(Type.Boolean()),
  description: Type.Optional(Nullable(Type.String({ description: 'Up to 2,000 characters' }))),
  placeIds: Type.Optional(Type.Array(Id, { description: 'Places the organisation serves (replaces the list)' })),
};

function organisationJson(o: OrganisationDetail) {
  return { ...o, createdAt: new Date(o.createdAt).toISOString(), updatedAt: new Date(o.updatedAt).toISOString() };
}

function flattenPlaces(nodes: PlaceNode[], out: Array<Omit<PlaceNode, 'children'>> = []) {
  for (const { children, ...place } of nodes) {
    out.push(place);
    flattenPlaces(children, out);
  }
  return out;
}

export async function registerRegistryApi(app: App): Promise<void> {
  const deps = { db: app.deps.db };
  const { db } = deps;

  app.get('/api/v1/openapi.json', async () => app.swagger());

  app.get(
    '/api/v1/places',
    {
      schema: {
        tags,
        summary: 'List places',
        description: 'Every place, larger places before the places inside them.',
        response: { 200: json('The places', Type.Object({ items: Type.Array(PlaceItem) })) },
      },
    },
    async (request) => {
      assertCan(request.actor, 'registry.read');
      return { items: flattenPlaces(await listPlaces(db)) };
    },
  );

  app.get(
    '/api/v1/places/:id',
    {
      schema: {
        tags,
        summary: 'Get a place',
        description: 'A place with its population figures, the places inside it and the organisations serving it.',
        params: IdParams,
        response: { 200: json('The place', PlaceDetail), ...readErrors },
      },
    },
    async (request) => {
      assertCan(request.actor, 'registry.read');
      const place = await getPlace(db, request.params.id);
      if (!place) throw new NotFoundError('There is no place with that number');
      return place;
    },
  );

  app.get(
    '/api/v1/organisations',
    {
      schema: {
        tags,
        summary: 'Search organisations',
        description:
          'Full-text search by name, ODS code or words, filtered by type, place (including the places inside it) and postcode prefix. Results are paged.',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 200, description: 'Words, a name (or the start of one) or an ODS code' })),
            type: Type.Optional(OrganisationTypeSchema),
            place: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'A place id; organisations serving it or a place inside it' })),
            postcode: Type.Optional(Type.String({ maxLength: 10, description: 'The start of a postcode: "LS6" matches LS6 1AA but not LS61 1AA' })),
            page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: json(
            'A page of organisations',
            Type.Object({
              items: Type.Array(OrganisationItem),
              total: Type.Integer(),
              page: Type.Integer(),
              pageSize: Type.Integer(),
              links: Type.Object({ next: Nullable(Type.String()), prev: Nullable(Type.String()) }),
            }),
          ),
          400: problem('A query value is not valid'),
        },
      },
    },
    async (request) => {
      assertCan(request.actor, 'registry.read');
      const { q, type, place, postcode, page, pageSize } = request.query;
      const result = await searchOrganisations(deps, { q, type, placeId: place, postcode, page, pageSize });
      const link = (n: number) => {
        const params = new URLSearchParams();
        for (const [key, value] of Object.entries({ q, type, place, postcode })) if (value !== undefined && value !== '') params.set(key, String(value));
        params.set('page', String(n));
        params.set('pageSize', String(result.pageSize));
        return `/api/v1/organisations?${params}`;
      };
      const pages = Math.ceil(result.total / result.pageSize);
      return {
        ...result,
        links: { next: result.page < pages ? link(result.page + 1) : null, prev: result.page > 1 ? link(Math.min(result.page - 1, Math.max(pages, 1))) : null },
      };
    },
  );

  app.get(
    '/api/v1/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Get an organisation',
        description: 'An organisation with the places it serves, its relations both ways, its bodies and who sits for patients.',
        params: IdParams,
        response: { 200: json('The organisation', OrganisationDetailSchema), ...readErrors },
      },
    },
    async (request) => {
      assertCan(request.actor, 'registry.read');
      const organisation = await getOrganisation(db, request.params.id);
      if (!organisation) throw new NotFoundError('There is no organisation with that number');
      return organisationJson(organisation);
    },
  );

  app.get(
    '/api/v1/organisations/:id/bodies',
    {
      schema: {
        tags,
        summary: "List an organisation's bodies",
        description: 'Boards, committees and groups of the organisation, with current member counts.',
        params: IdParams,
        response: { 200: json('The bodies', Type.Object({ items: Type.Array(BodyItem) })), ...readErrors },
      },
    },
    async (request) => {
      assertCan(request.actor, 'registry.read');
      const organisation = await getOrganisation(db, request.params.id);
      if (!organisation) throw new NotFoundError('There is no organisation with that number');
      return { items: await listBodies(db, request.params.id) };
    },
  );

  const withCurrent = <T extends { termStart: string; termEnd: string | null }>(m: T) => ({ ...m, current: isCurrent(m) });

  app.get(
    '/api/v1/bodies/:id',
    {
      schema: {
        tags,
        summary: 'Get a body',
        description: 'A board, committee or group with its remit, reporting line and members.',
        params: IdParams,
        response: { 200: json('The body', BodyDetail), ...readErrors },
      },
    },
    async (request) => {
      assertCan(request.actor, 'registry.read');
      const body = await getBody(db, request.params.id);
      if (!body) throw new NotFoundError('There is no body with that number');
      return { ...body, currentMembers: body.currentMembers.map(withCurrent), pastMembers: body.pastMembers.map(withCurrent) };
    },
  );

  app.get(
    '/api/v1/bodies/:id/members',
    {
      schema: {
        tags,
        summary: "List a body's members",
        description: 'Members past and present, newest term first.',
        params: IdParams,
        response: { 200: json('The members', Type.Object({ items: Type.Array(Member) })), ...readErrors },
      },
    },
    async (request) => {
      assertCan(request.actor, 'registry.read');
      const body = await getBody(db, request.params.id);
      if (!body) throw new NotFoundError('There is no body with that number');
      return { items: [...body.currentMembers, ...body.pastMembers].map(withCurrent) };
    },
  );

  app.get(
    '/api/v1/members/:id',
    { schema: { tags, summary: 'Get a member', params: IdParams, response: { 200: json('The member', MemberDetail), ...readErrors } } },
    async (request) => {
      assertCan(request.actor, 'registry.read');
      const member = await getMember(db, request.params.id);
      if (!member) throw new NotFoundError('There is no member with that number');
      return withCurrent(member);
    },
  );

  app.get(
    '/api/v1/gaps',
    {
      schema: {
        tags,
        summary: 'Gaps in patient representation',
        description:
          'Organisations that take NHS money with no current patient representative on their board (or no board; GP practices are left out), and those with no patient reference group (a GP practice: no patient participation group).',
        querystring: Type.Object(
          {
            place: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'Only organisations serving this place or a place inside it' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: json(
            'The gaps',
            Type.Object({
              noBoardRepresentative: Type.Array(Type.Object({ ...GapItem.properties, hasBoard: Type.Boolean() })),
              noPatientGroup: Type.Array(
                Type.Object({ ...GapItem.properties, missing: Type.Enum(['patient_reference_group', 'patient_participation_group']) }),
              ),
            }),
          ),
          400: problem('A query value is not valid'),
        },
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
    {
      schema: {
        tags,
        security,
        summary: 'Create an organisation',
        description: 'Platform admins only. Answers 201 with the organisation and its address in Location; 409 when the ODS code is taken.',
        body: Type.Object(OrganisationWriteFields, { additionalProperties: false }),
        response: { 201: json('Created', OrganisationDetailSchema), ...writeErrors, 409: problem('An organisation with that ODS code already exists') },
      },
    },
    async (request, reply) => {
      const id = await createOrganisation(deps, request.actor, request.body);
      const organisation = await getOrganisation(db, id);
      if (!organisation) throw new NotFoundError();
      return reply.code(201).header('location', `/api/v1/organisations/${id}`).send(organisationJson(organisation));
    },
  );

  app.patch(
    '/api/v1/organisations/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Change an organisation',
        description: 'Admins of the organisation and platform admins. Only the fields sent are changed.',
        params: IdParams,
        body: Type.Object(
          { ...OrganisationWriteFields, name: Type.Optional(OrganisationWriteFields.name), type: Type.Optional(OrganisationWriteFields.type) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: {
          200: json('The organisation as changed', OrganisationDetailSchema),
          ...writeErrors,
          409: problem('Another organisation has that ODS code'),
        },
      },
    },
    async (request) => {
      await updateOrganisation(deps, request.actor, request.params.id, request.body);
      const organisation = await getOrganisation(db, request.params.id);
      if (!organisation) throw new NotFoundError();
      return organisationJson(organisation);
    },
  );

  app.delete(
    '/api/v1/organisations/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Delete an organisation',
        description: 'Platform admins only. Deletes its bodies, members and relations too.',
        params: IdParams,
        response: { 204: { description: 'Deleted', type: 'null' }, ...writeErrors },
      },
    },
    async (request, reply) => {
      await deleteOrganisation(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/organisations/:id/bodies',
    {
      schema: {
        tags,
        security,
        summary: 'Add a body to an organisation',
        description: 'Admins of the organisation. A body may report to another body of the same organisation.',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.String({ description: 'Up to 200 characters' }),
            kind: Type.String({ description: `One of: ${bodyKinds.join(', ')}` }),
            remit: Type.Optional(Nullable(Type.String({ description: 'Up to 2,000 characters' }))),
            reportsToBodyId: Type.Optional(Nullable(Id)),
          },
          { additionalProperties: false },
        ),
        response: { 201: json('Created', BodyDetail), ...writeErrors },
      },
    },
    async (request, reply) => {
      const id = await createBody(deps, request.actor, request.params.id, request.body);
      const body = await getBody(db, id);
      if (!body) throw new NotFoundError();
      return reply
        .code(201)
        .header('location', `/api/v1/bodies/${id}`)
        .send({ ...body, currentMembers: body.currentMembers.map(withCurrent), pastMembers: body.pastMembers.map(withCurrent) });
    },
  );

  app.post(
    '/api/v1/bodies/:id/members',
    {
      schema: {
        tags,
        security,
        summary: 'Add a member to a body',
        description: "Admins of the body's organisation.",
        params: IdParams,
        body: Type.Object(
          {
            personName: Type.String({ description: 'The name shown in public; up to 200 characters' }),
            role: Type.String({ description: `One of: ${memberRoles.join(', ')}` }),
            termStart: DateString,
            termEnd: Type.Optional(Nullable(DateString)),
          },
          { additionalProperties: false },
        ),
        response: { 201: json('Created', MemberDetail), ...writeErrors },
      },
    },
    async (request, reply) => {
      const id = await addMember(deps, request.actor, request.params.id, request.body);
      const member = await getMember(db, id);
      if (!member) throw new NotFoundError();
      return reply.code(201).header('location', `/api/v1/members/${id}`).send(withCurrent(member));
    },
  );

  app.delete(
    '/api/v1/members/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Remove a member',
        description: "Admins of the body's organisation. For someone who has left, prefer ending the term (on the admin pages) so the record is kept.",
        params: IdParams,
        response: { 204: { description: 'Removed', type: 'null' }, ...writeErrors },
      },
    },
    async (request, reply) => {
      await removeMember(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
