// The accountability trail's JSON API: decisions with how their actions stand, and one decision with
// what informed it and its actions' progress.
import { Type } from 'typebox';
import { OrganisationRef, organisationRef, PagedOrganisationFilter, PageFields, pageFieldsOf, problemResponses } from '../../../platform/apiSchemas.js';
import { pageNumber, queryString } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { actionStatuses } from '../schema.js';
import { getDecision, listDecisions } from '../service.js';

/** How a decision's actions stand, counted. */
const Tally = Type.Object({
  total: Type.Integer(),
  done: Type.Integer(),
  inProgress: Type.Integer(),
  planned: Type.Integer(),
  dropped: Type.Integer(),
  overdue: Type.Integer(),
});

const DecisionSummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  organisation: OrganisationRef,
  decidedOn: Type.String({ format: 'date' }),
  actions: Tally,
});

type ListedDecision = Awaited<ReturnType<typeof listDecisions>>['items'][number];

function summaryOf(d: ListedDecision) {
  return { id: d.id, title: d.title, organisation: organisationRef(d), decidedOn: d.decidedOn, actions: d.tally };
}

export async function registerDecisionApi(app: App): Promise<void> {
  const { deps } = app;
  app.get(
    '/api/v1/decisions',
    {
      schema: {
        tags: ['Decisions'],
        summary: 'Decisions, newest first, with how their actions stand',
        querystring: PagedOrganisationFilter,
        response: {
          200: Type.Object({ items: Type.Array(DecisionSummary), ...PageFields }),
          ...problemResponses([400]),
        },
      },
    },
    async (request) => {
      const { organisation, pageSize } = request.query;
      const result = await listDecisions(deps.db, { organisationId: organisation, page: pageNumber(request.query.page), pageSize });
      return {
        items: result.items.map(summaryOf),
        ...pageFieldsOf(result, (n) => `/api/v1/decisions${queryString({ organisation, page: n, pageSize: result.pageSize })}`),
      };
    },
  );

  app.get(
    '/api/v1/decisions/:id',
    {
      schema: {
        tags: ['Decisions'],
        summary: 'A decision: what was decided, by whom and when, what informed it, and its actions with their progress',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
        response: {
          200: Type.Object({
            id: Type.Integer(),
            title: Type.String(),
            decided: Type.String(),
            reasons: Type.String(),
            decidedBy: Type.String(),
            decidedOn: Type.String({ format: 'date' }),
            organisation: OrganisationRef,
            links: Type.Array(Type.Object({ kind: Type.String(), label: Type.String(), url: Type.Union([Type.String(), Type.Null()]) })),
            actions: Type.Array(
              Type.Object({
                id: Type.Integer(),
                description: Type.String(),
                owner: Type.String(),
                dueOn: Type.String({ format: 'date' }),
                status: Type.Enum([...actionStatuses]),
                overdue: Type.Boolean(),
                droppedReason: Type.Union([Type.String(), Type.Null()]),
                notes: Type.Array(Type.Object({ note: Type.String(), status: Type.String(), notedAt: Type.String() })),
              }),
            ),
          }),
          ...problemResponses([400, 404]),
        },
      },
    },
    async (request) => {
      const d = await getDecision(deps.db, request.actor, request.params.id);
      return {
        id: d.id,
        title: d.title,
        decided: d.decided,
        reasons: d.reasons,
        decidedBy: d.decidedBy,
        decidedOn: d.decidedOn,
        organisation: d.organisation,
        links: d.links,
        actions: d.actions.map((a) => ({ ...a, notes: a.notes.map((n) => ({ note: n.note, status: n.status, notedAt: n.notedAt.toISOString() })) })),
      };
    },
  );
}
