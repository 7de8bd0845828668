// The registry API's boards, committees and groups and their members: reads, and the writes (add a
// body, add or remove a member) that need a personal API token.
import { Type } from 'typebox';
import type { App } from '../../../../platform/web/index.js';
import { addMember, createBody, getBody, getMember, isCurrent, removeMember } from '../../service.js';
import { created, getById, removed, writeSchema } from './routeKit.js';
import { BodyCreate, BodyDetail, IdParams, json, Member, MemberCreate, MemberDetail } from './schemas.js';

/** A member with whether their term runs today. */
const withCurrent = <T extends { termStart: string; termEnd: string | null }>(m: T) => ({ ...m, current: isCurrent(m) });

/** A body with each member's "serving now". */
function bodyJson(body: NonNullable<Awaited<ReturnType<typeof getBody>>>) {
  return { ...body, currentMembers: body.currentMembers.map(withCurrent), pastMembers: body.pastMembers.map(withCurrent) };
}

export async function registerBodyApi(app: App): Promise<void> {
  const deps = { db: app.deps.db };
  const { db } = deps;

  getById(app, '/api/v1/bodies/:id', {
    summary: 'Get a body',
    description: 'A board, committee or group with its remit, reporting line and members.',
    answer: ['The body', BodyDetail],
    read: async (id) => {
      const body = await getBody(db, id);
      return body && bodyJson(body);
    },
    missing: 'There is no body with that number',
  });

  getById(app, '/api/v1/bodies/:id/members', {
    summary: "List a body's members",
    description: 'Members past and present, newest term first.',
    answer: ['The members', Type.Object({ items: Type.Array(Member) })],
    read: async (id) => {
      const body = await getBody(db, id);
      return body && { items: [...body.currentMembers, ...body.pastMembers].map(withCurrent) };
    },
    missing: 'There is no body with that number',
  });

  getById(app, '/api/v1/members/:id', {
    summary: 'Get a member',
    answer: ['The member', MemberDetail],
    read: async (id) => {
      const member = await getMember(db, id);
      return member && withCurrent(member);
    },
    missing: 'There is no member with that number',
  });

  // ---- writes (personal API token) ----

  app.post(
    '/api/v1/organisations/:id/bodies',
    writeSchema(
      {
        summary: 'Add a body to an organisation',
        description: 'Admins of the organisation. A body may report to another body of the same organisation.',
        params: IdParams,
        body: BodyCreate,
      },
      { 201: json('Created', BodyDetail) },
    ),
    async (request, reply) => {
      const id = await createBody(deps, request.actor, request.params.id, request.body);
      const body = await getBody(db, id);
      return created(reply, `/api/v1/bodies/${id}`, body && bodyJson(body));
    },
  );

  app.post(
    '/api/v1/bodies/:id/members',
    writeSchema(
      { summary: 'Add a member to a body', description: "Admins of the body's organisation.", params: IdParams, body: MemberCreate },
      { 201: json('Created', MemberDetail) },
    ),
    async (request, reply) => {
      const id = await addMember(deps, request.actor, request.params.id, request.body);
      const member = await getMember(db, id);
      return created(reply, `/api/v1/members/${id}`, member && withCurrent(member));
    },
  );

  app.delete(
    '/api/v1/members/:id',
    writeSchema(
      {
        summary: 'Remove a member',
        description: "Admins of the body's organisation. For someone who has left, prefer ending the term (on the admin pages) so the record is kept.",
        params: IdParams,
      },
      { 204: { description: 'Removed', type: 'null' } },
    ),
    async (request, reply) => {
      await removeMember(deps, request.actor, request.params.id);
      return removed(reply);
    },
  );
}
