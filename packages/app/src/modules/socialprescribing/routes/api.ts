// The social prescribing API, with the pages' permissions (the same service calls): referrals the
// actor may see (as the person, as their referrer, or on their caseload as a link worker), one
// record as its viewer may see it (404 for anyone else), making a referral, adding ONS4 scores, and
// an organisation's figures (counts under 10 suppressed).
import { type Static, Type } from 'typebox';
import { Nullable, OrganisationRef, problemResponses } from '../../../platform/apiSchemas.js';
import type { App } from '../../../platform/web/types.js';
import { assertCan, organisationsWhere } from '../policy.js';
import {
  caseload,
  closeReasons,
  connectionStatuses,
  conversationModes,
  createReferral,
  getReferral,
  myReferrals,
  type ReferralRecord,
  type ReferralSummary,
  recordWellbeing,
  referralFigures,
  referralSources,
  referralStates,
  referralsMadeBy,
  wellbeingMoments,
} from '../service.js';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const DateTime = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date' });
const Score = Type.Integer({ minimum: 0, maximum: 10 });
const ScoreInput = (description: string) => Type.Unknown({ description: `${description} A whole number from 0 to 10.` });

const ReferralListItem = Type.Object({
  id: Type.Integer(),
  organisation: OrganisationRef,
  personName: Nullable(Type.String({ description: 'null on a link worker’s list when another link worker holds the referral' })),
  state: Type.Enum([...referralStates]),
  source: Type.Enum([...referralSources]),
  linkWorkerName: Nullable(Type.String()),
  receivedAt: DateTime,
});

const ReferralSchema = Type.Object({
  id: Type.Integer(),
  viewer: Type.Enum(['person', 'link_worker', 'referrer'], { description: 'Who the asker is to this record' }),
  organisation: OrganisationRef,
  source: Type.Enum([...referralSources]),
  referrerOrganisation: Nullable(OrganisationRef),
  referrerName: Nullable(Type.String()),
  personName: Type.String(),
  personEmail: Nullable(Type.String()),
  personPhone: Nullable(Type.String()),
  reason: Type.String(),
  shareWithGroups: Type.Boolean(),
  state: Type.Enum([...referralStates]),
  linkWorkerName: Nullable(Type.String()),
  receivedAt: DateTime,
  firstContactAt: Nullable(DateTime),
  plan: Type.String(),
  planUpdatedAt: Nullable(DateTime),
  conversations: Type.Array(
    Type.Object({ id: Type.Integer(), heldOn: Day, mode: Type.Enum([...conversationModes]), whatMatters: Type.String(), notes: Type.String() }),
    { description: 'Between the person and their link worker: empty for the referrer' },
  ),
  connections: Type.Array(
    Type.Object({
      id: Type.Integer(),
      serviceId: Type.String({ description: 'The directory service’s Open Referral id' }),
      serviceName: Type.String(),
      category: Type.String(),
      status: Type.Enum([...connectionStatuses]),
      connectedOn: Day,
    }),
  ),
  followUps: Type.Array(
    Type.Object({
      id: Type.Integer(),
      dueOn: Day,
      doneAt: Nullable(DateTime),
      notes: Type.String({ description: 'Empty for the referrer' }),
      overdue: Type.Boolean(),
    }),
  ),
  wellbeing: Type.Array(
    Type.Object({
      id: Type.Integer(),
      takenOn: Day,
      moment: Type.Enum([...wellbeingMoments]),
      lifeSatisfaction: Score,
      worthwhile: Score,
      happiness: Score,
      anxiety: Score,
    }),
    { description: 'ONS4 personal wellbeing scores, oldest first (anxiety: lower is better)' },
  ),
  closedAt: Nullable(DateTime),
  closeReason: Nullable(Type.Enum([...closeReasons])),
});

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

const listItemOf = (r: ReferralSummary): Static<typeof ReferralListItem> => ({
  id: r.id,
  organisation: { id: r.organisationId, name: r.organisationName },
  personName: r.personName,
  state: r.state,
  source: r.source,
  linkWorkerName: r.linkWorkerName,
  receivedAt: new Date(r.receivedAt).toISOString(),
});

const recordOf = (r: ReferralRecord): Static<typeof ReferralSchema> => ({
  id: r.id,
  viewer: r.viewer,
  organisation: { id: r.organisationId, name: r.organisationName },
  source: r.source,
  referrerOrganisation: r.referrerOrganisationId === null ? null : { id: r.referrerOrganisationId, name: r.referrerOrganisationName ?? '' },
  referrerName: r.referrerName,
  personName: r.personName,
  personEmail: r.personEmail,
  personPhone: r.personPhone,
  reason: r.reason,
  shareWithGroups: r.shareWithGroups,
  state: r.state,
  linkWorkerName: r.linkWorkerName,
  receivedAt: new Date(r.receivedAt).toISOString(),
  firstContactAt: iso(r.firstContactAt),
  plan: r.plan,
  planUpdatedAt: iso(r.planUpdatedAt),
  conversations: r.conversations.map(({ id, heldOn, mode, whatMatters, notes }) => ({ id, heldOn, mode, whatMatters, notes })),
  connections: r.connections.map(({ id, serviceId, serviceName, category, status, connectedOn }) => ({
    id,
    serviceId,
    serviceName,
    category,
    status,
    connectedOn,
  })),
  followUps: r.followUps.map((f) => ({ id: f.id, dueOn: f.dueOn, doneAt: iso(f.doneAt), notes: f.notes, overdue: f.overdue })),
  wellbeing: r.wellbeing.map(({ id, takenOn, moment, lifeSatisfaction, worthwhile, happiness, anxiety }) => ({
    id,
    takenOn,
    moment,
    lifeSatisfaction,
    worthwhile,
    happiness,
    anxiety,
  })),
  closedAt: iso(r.closedAt),
  closeReason: r.closeReason,
});

const Suppressed = (description: string) => Nullable(Type.Integer({ description: `${description}; null when fewer than 10 (suppressed)` }));
const Mean = Nullable(Type.Number({ description: 'Mean to 1 decimal; null when fewer than 10 people' }));

export async function registerSocialPrescribingApi(app: App): Promise<void> {
  const { deps } = app;
  const tags = ['Social prescribing'];

  app.get(
    '/api/v1/referrals',
    {
      schema: {
        tags,
        summary:
          'Referrals I may see (signed in): as=person (default) my own records; as=referrer those I made for others; ' +
          'as=link_worker those on my caseloads: mine and those waiting to be taken on',
        security: [{ bearerAuth: [] }],
        querystring: Type.Object({ as: Type.Optional(Type.Enum(['person', 'referrer', 'link_worker'])) }),
        response: { 200: Type.Object({ items: Type.Array(ReferralListItem) }), ...problemResponses([400, 403]) },
      },
    },
    async (request) => {
      const { actor } = request;
      const as = request.query.as ?? 'person';
      if (as === 'person') return { items: (await myReferrals(deps, actor)).map(listItemOf) };
      if (as === 'referrer') return { items: (await referralsMadeBy(deps, actor)).map(listItemOf) };
      if (actor.accountId === null) assertCan(actor, 'referral.caseload', { organisationId: -1 });
      const items: Array<Static<typeof ReferralListItem>> = [];
      for (const organisationId of organisationsWhere(actor, 'referral.caseload')) {
        for (const show of ['mine', 'waiting'] as const) {
          const list = await caseload(deps, actor, organisationId, show);
          for (const item of list.items) {
            items.push({
              id: item.id,
              organisation: list.organisation,
              personName: item.personName,
              state: item.state,
              source: item.source,
              linkWorkerName: item.linkWorkerName,
              receivedAt: new Date(item.receivedAt).toISOString(),
            });
          }
        }
      }
      return { items };
    },
  );

  app.get(
    '/api/v1/referrals/:id',
    {
      schema: {
        tags,
        summary:
          'One social prescribing record, as I may see it: the person and their link worker in full, the referrer without the notes. ' + '404 for anyone else.',
        security: [{ bearerAuth: [] }],
        params: Type.Object({ id: Id }),
        response: { 200: ReferralSchema, ...problemResponses([400, 403, 404]) },
      },
    },
    async (request) => recordOf(await getReferral(deps, request.actor, request.params.id)),
  );

  app.post(
    '/api/v1/referrals',
    {
      schema: {
        tags,
        summary:
          'Make a referral (needs a personal API token): as=self for myself; as=organisation for a person, on behalf of an organisation I refer for ' +
          '(referrerOrganisationId); as=link_worker onto my own caseload. 422 naming each field at fault.',
        security: [{ bearerAuth: [] }],
        body: Type.Object({
          organisationId: Type.Integer({ description: 'The organisation offering social prescribing' }),
          as: Type.Enum(['self', 'organisation', 'link_worker']),
          referrerOrganisationId: Type.Optional(Type.Integer()),
          source: Type.Optional(
            Type.Enum(['gp_practice', 'health_service', 'community_group'], { description: 'For as=organisation; gp_practice by default' }),
          ),
          personName: Type.Optional(Type.String({ maxLength: 10000 })),
          personEmail: Type.Optional(Type.String({ maxLength: 10000 })),
          personPhone: Type.Optional(Type.String({ maxLength: 10000 })),
          reason: Type.String({ maxLength: 100000 }),
          shareWithGroups: Type.Optional(
            Type.Boolean({ description: 'The person agrees that a group they are connected to may see that a referral was made' }),
          ),
          personAgreed: Type.Optional(Type.Boolean({ description: 'Required true for as=organisation and as=link_worker' })),
        }),
        response: { 201: Type.Object({ id: Type.Integer() }), ...problemResponses([400, 403, 422]) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const id = await createReferral(deps, request.actor, {
        organisationId: b.organisationId,
        as: b.as,
        ...(b.referrerOrganisationId === undefined ? {} : { referrerOrganisationId: b.referrerOrganisationId }),
        ...(b.source === undefined ? {} : { source: b.source }),
        personName: b.personName ?? '',
        personEmail: b.personEmail ?? '',
        personPhone: b.personPhone ?? '',
        reason: b.reason,
        shareWithGroups: b.shareWithGroups ?? false,
        personAgreed: b.personAgreed ?? false,
      });
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/v1/referrals/:id/wellbeing',
    {
      schema: {
        tags,
        summary:
          'Add ONS4 wellbeing scores to a record (needs a personal API token): its link worker (takenOn and moment required), or the person themself ' +
          '(today; the start scores when none yet, a follow-up after). 422 naming each field at fault; 404 for those who may not see the record.',
        security: [{ bearerAuth: [] }],
        params: Type.Object({ id: Id }),
        body: Type.Object({
          takenOn: Type.Optional(Type.String({ description: 'YYYY-MM-DD, today or before (link worker only)' })),
          moment: Type.Optional(Type.Enum([...wellbeingMoments], { description: 'Link worker only' })),
          lifeSatisfaction: ScoreInput('Overall, how satisfied are you with your life nowadays?'),
          worthwhile: ScoreInput('Overall, to what extent do you feel that the things you do in your life are worthwhile?'),
          happiness: ScoreInput('Overall, how happy did you feel yesterday?'),
          anxiety: ScoreInput('Overall, how anxious did you feel yesterday? (lower is better)'),
        }),
        response: { 201: Type.Object({ id: Type.Integer() }), ...problemResponses([400, 403, 404, 422]) },
      },
    },
    async (request, reply) => {
      const { takenOn, moment, lifeSatisfaction, worthwhile, happiness, anxiety } = request.body;
      const id = await recordWellbeing(deps, request.actor, request.params.id, {
        ...(takenOn === undefined ? {} : { takenOn }),
        ...(moment === undefined ? {} : { moment }),
        scores: { lifeSatisfaction, worthwhile, happiness, anxiety },
      });
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/api/v1/organisations/:id/referral-figures',
    {
      schema: {
        tags,
        summary:
          'An organisation’s social prescribing figures (its admins and link workers): referrals by source, time to first contact, ' +
          'connections by category and the change in ONS4 scores; any count or mean over fewer than 10 is suppressed (null)',
        security: [{ bearerAuth: [] }],
        params: Type.Object({ id: Id }),
        response: {
          200: Type.Object({
            organisation: OrganisationRef,
            total: Type.Integer(),
            bySource: Type.Array(
              Type.Object({ source: Type.Enum([...referralSources]), label: Type.String(), count: Suppressed('Referrals from this source') }),
            ),
            firstContact: Type.Object({ n: Type.Integer(), medianDays: Nullable(Type.Number({ description: 'Median days from referral to first contact' })) }),
            connectionsByCategory: Type.Array(Type.Object({ category: Type.String(), count: Suppressed('Connections to services of this category') })),
            wellbeing: Type.Object({
              n: Type.Integer({ description: 'People with start scores and later ones' }),
              measures: Type.Array(
                Type.Object({
                  key: Type.String(),
                  label: Type.String(),
                  higherIsBetter: Type.Boolean(),
                  start: Mean,
                  latest: Mean,
                  change: Mean,
                }),
              ),
            }),
            suppressedBelow: Type.Integer(),
          }),
          ...problemResponses([400, 403, 404]),
        },
      },
    },
    async (request) => referralFigures(deps, request.actor, request.params.id),
  );
}
