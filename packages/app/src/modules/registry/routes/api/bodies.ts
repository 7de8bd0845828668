// The registry API's boards, committees and groups and their members: reads, and the writes (add a
// body, add or remove a member) that need a personal API token.
import { Type } from 'typebox';
import { NotFoundError } from '../../../../platform/errors.js';
import type { App } from '../../../../platform/web/index.js';
import { assertCan } from '../../policy.js';
import { addMember, createBody, getBody, getMember, isCurrent, removeMember } from '../../service.js';
import { BodyCreate, BodyDetail, IdParams, json, Member, MemberCreate, MemberDetail, readErrors, security, tags, writeErrors } from './schemas.js';

/** A member with whether their term runs today. */
const withCurrent = <T extends { termStart: string; termEnd: string | null }>(m: T) => ({ ...m, current: isCurrent(m) });

/** A body with each member's "serving now". */
function bodyJson(body: NonNullable<Awaited<ReturnType<typeof getBody>>>) {
  return { ...body, currentMembers: body.currentMembers.map(withCurrent), pastMembers: body.pastMembers.map(withCurrent) };
}

export async function registerBodyApi(app: App): Promise<void> {
  const deps = { db: app.deps.db };
  const { db } = deps;

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
      return bodyJson(body);
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

  // ---- writes (personal API token) ----

  app.post(
    '/api/v1/organisations/:id/bodies',
    {
      schema: {
        tags,
        security,
        summary: 'Add a body to an organisation',
        description: 'Admins of the organisation. A body may report to another body of the same organisation.',
        params: IdParams,
        body: BodyCreate,
        response: { 201: json('Created', BodyDetail), ...writeErrors },
      },
    },
    async (request, reply) => {
      const id = await createBody(deps, request.actor, request.params.id, request.body);
      const body = await getBody(db, id);
      if (!body) throw new NotFoundError();
      return reply.code(201).header('location', `/api/v1/bodies/${id}`).send(bodyJson(body));
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
        body: MemberCreate,
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
