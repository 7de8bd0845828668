// The time bank API, with the pages' permissions: a time bank's offers and requests (open), my
// memberships and balances, statements (my own, or any member's for a coordinator), and
// proposing and confirming exchanges (a personal API token, as the member one acts for).
import { Type } from 'typebox';
import { Nullable, OrganisationRef, problemResponses } from '../../../platform/apiSchemas.js';
import type { App } from '../../../platform/web/types.js';
import { assertCan } from '../policy.js';
import { listingKinds, memberKinds } from '../schema.js';
import { answerExchange, getStatement, getTimebank, hoursNumber, listListings, listTimebanks, proposeExchange, type Statement } from '../service.js';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Hours = (description: string) => Type.Number({ description });

const MembershipSchema = Type.Object({
  id: Type.Integer({ description: 'The member id' }),
  kind: Type.Enum([...memberKinds]),
  name: Type.String(),
  balanceHours: Hours('Hours given minus hours received; below zero down to the time bank’s overdraft'),
});

export async function registerTimebankApi(app: App): Promise<void> {
  const { deps } = app;
  const tags = ['Time banks'];

  app.get(
    '/api/v1/timebanks',
    {
      schema: {
        tags,
        summary: 'Time banks, by name, optionally of one organisation',
        querystring: Type.Object({ organisation: Type.Optional(Id) }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                name: Type.String(),
                description: Type.String(),
                organisation: OrganisationRef,
                overdraftHours: Hours('How far below zero a member’s balance may go'),
                members: Type.Integer(),
              }),
            ),
          }),
          ...problemResponses([400]),
        },
      },
    },
    async (request) => {
      const items = await listTimebanks(deps, request.actor, request.query.organisation === undefined ? {} : { organisationId: request.query.organisation });
      return {
        items: items.map((b) => ({
          id: b.id,
          name: b.name,
          description: b.description,
          organisation: b.organisation,
          overdraftHours: hoursNumber(b.overdraftMinutes),
          members: b.members,
        })),
      };
    },
  );

  app.get(
    '/api/v1/timebanks/:id/listings',
    {
      schema: {
        tags,
        summary: 'The skills members of a time bank offer and request, newest first (hidden ones left out)',
        params: Type.Object({ id: Id }),
        querystring: Type.Object({ kind: Type.Optional(Type.Enum([...listingKinds])) }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                kind: Type.Enum([...listingKinds]),
                title: Type.String(),
                description: Type.String(),
                member: Type.Object({ id: Type.Integer(), name: Type.String() }),
                createdAt: Type.String({ format: 'date-time' }),
              }),
            ),
          }),
          ...problemResponses([400, 404]),
        },
      },
    },
    async (request) => {
      const items = await listListings(deps, request.actor, request.params.id, request.query.kind);
      return { items: items.map((l) => ({ ...l, createdAt: l.createdAt.toISOString() })) };
    },
  );

  app.get(
    '/api/v1/timebanks/:id/balance',
    {
      schema: {
        tags,
        summary: 'My balances in a time bank: my own membership and those of the groups I am an admin of (signed in)',
        security: [{ bearerAuth: [] }],
        params: Type.Object({ id: Id }),
        response: {
          200: Type.Object({
            timebank: Type.Object({ id: Type.Integer(), name: Type.String(), overdraftHours: Hours('How far below zero a balance may go') }),
            members: Type.Array(MembershipSchema),
          }),
          ...problemResponses([400, 401, 403, 404]),
        },
      },
    },
    async (request) => {
      if (request.actor.accountId === null) assertCan(request.actor, 'timebank.actAsPerson', { accountId: -1 });
      const bank = await getTimebank(deps, request.actor, request.params.id);
      return {
        timebank: { id: bank.id, name: bank.name, overdraftHours: hoursNumber(bank.overdraftMinutes) },
        members: bank.myMembers.map((m) => ({ id: m.id, kind: m.kind, name: m.name, balanceHours: hoursNumber(m.balanceMinutes) })),
      };
    },
  );

  const StatementSchema = Type.Object({
    member: MembershipSchema,
    entries: Type.Array(
      Type.Object({
        entryId: Type.Integer(),
        transactionId: Type.Integer(),
        exchangeId: Nullable(Type.Integer()),
        recordedAt: Type.String({ format: 'date-time' }),
        givenOn: Nullable(Type.String({ format: 'date' })),
        description: Type.String(),
        with: Type.String({ description: 'The other member of the exchange' }),
        hours: Hours('Credit (time given) above zero, debit (time received) below'),
        balanceHours: Hours('The balance after this entry'),
        reversalReason: Nullable(Type.String({ description: 'Set when the entry reverses an earlier one: why' })),
      }),
    ),
  });
  const statementOf = (s: Statement) => ({
    member: { id: s.member.id, kind: s.member.kind, name: s.member.name, balanceHours: hoursNumber(s.member.balanceMinutes) },
    entries: s.lines.map((l) => ({
      entryId: l.entryId,
      transactionId: l.transactionId,
      exchangeId: l.exchangeId,
      recordedAt: l.at.toISOString(),
      givenOn: l.givenOn,
      description: l.description,
      with: l.with,
      hours: hoursNumber(l.minutes),
      balanceHours: hoursNumber(l.balanceMinutes),
      reversalReason: l.reversal,
    })),
  });

  app.get(
    '/api/v1/timebanks/:id/statement',
    {
      schema: {
        tags,
        summary:
          'Statements: every ledger entry in order with the running balance. Without `member`, those of every member I act for (myself, my groups); ' +
          'with `member`, that member’s (my own, or any member’s for a coordinator; 404 otherwise)',
        security: [{ bearerAuth: [] }],
        params: Type.Object({ id: Id }),
        querystring: Type.Object({ member: Type.Optional(Id) }),
        response: { 200: Type.Object({ statements: Type.Array(StatementSchema) }), ...problemResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => {
      if (request.actor.accountId === null) assertCan(request.actor, 'timebank.actAsPerson', { accountId: -1 });
      const { id } = request.params;
      const memberIds = request.query.member !== undefined ? [request.query.member] : (await getTimebank(deps, request.actor, id)).myMembers.map((m) => m.id);
      const statements = [];
      for (const memberId of memberIds) statements.push(statementOf(await getStatement(deps, request.actor, id, memberId)));
      return { statements };
    },
  );

  app.post(
    '/api/v1/timebanks/:id/exchanges',
    {
      schema: {
        tags,
        summary:
          'Propose an exchange as a member I act for (needs a personal API token): I gave `hours` to the other member, or received them. ' +
          'It goes on the ledger when the other member confirms it. 422 naming the field at fault.',
        security: [{ bearerAuth: [] }],
        params: Type.Object({ id: Id }),
        body: Type.Object({
          memberId: Id,
          otherMemberId: Id,
          direction: Type.Enum(['gave', 'received']),
          hours: Type.Number({ exclusiveMinimum: 0, maximum: 100, multipleOf: 0.25, description: 'In quarter hours: 0.25, 0.5, 1.75…' }),
          description: Type.String({ minLength: 1, maxLength: 500 }),
          givenOn: Type.Optional(Type.String({ format: 'date', description: 'The day the time was given (today when left out)' })),
        }),
        response: { 201: Type.Object({ id: Type.Integer(), status: Type.Literal('proposed') }), ...problemResponses([400, 401, 403, 404, 422]) },
      },
    },
    async (request, reply) => {
      const { memberId, otherMemberId, direction, hours, description, givenOn } = request.body;
      const id = await proposeExchange(deps, request.actor, request.params.id, {
        memberId,
        otherMemberId,
        direction,
        minutes: Math.round(hours * 60),
        description,
        ...(givenOn ? { givenOn } : {}),
      });
      return reply.code(201).send({ id, status: 'proposed' as const });
    },
  );

  app.post(
    '/api/v1/timebanks/:id/exchanges/:exchangeId/confirm',
    {
      schema: {
        tags,
        summary:
          'Confirm an exchange proposed to a member I act for (needs a personal API token): both balances change. ' +
          '409 when already answered or when it would take the receiver below the overdraft.',
        security: [{ bearerAuth: [] }],
        params: Type.Object({ id: Id, exchangeId: Id }),
        response: { 200: Type.Object({ id: Type.Integer(), status: Type.Literal('confirmed') }), ...problemResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => {
      await answerExchange(deps, request.actor, request.params.id, request.params.exchangeId, true);
      return { id: request.params.exchangeId, status: 'confirmed' as const };
    },
  );
}
