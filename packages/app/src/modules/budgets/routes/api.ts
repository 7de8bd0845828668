// The participatory budgeting API: open reads of budgets (the money, the rule, the projects with the
// ids they have in the published .pb file, and once counted which were funded and why), and casting
// a ballot with a personal API token (for kiosks at events: a voting code per voter).
import { Type } from 'typebox';
import { Nullable, OrganisationRef, PageFields, pageFieldsOf, problemResponses } from '../../../platform/apiSchemas.js';
import { pageNumber, queryString } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { ballotTypes, budgetPhases, budgetRules, eligibilityModes, projectStatuses } from '../schema.js';
import { type BudgetSummary, castBallot, getBudget, getBudgetResult, listBudgets, listProjects } from '../service.js';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Day = Nullable(Type.String({ format: 'date' }));

const BudgetSummarySchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  phase: Type.Enum([...budgetPhases]),
  amount: Type.Integer({ description: 'The money to share, in whole pounds' }),
  organisation: OrganisationRef,
  places: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  ideasFrom: Day,
  ideasUntil: Day,
  voteFrom: Day,
  voteUntil: Day,
  shortlisted: Type.Integer({ description: 'Projects on the ballot' }),
});

const ProjectSchema = Type.Object({
  id: Type.String({ description: 'The project’s id in the published ballots file (ballots.pb) and in `selected`' }),
  title: Type.String(),
  description: Type.String(),
  status: Type.Enum([...projectStatuses]),
  cost: Nullable(Type.Integer({ description: 'Pounds, set by staff at review' })),
  roughCost: Nullable(Type.Integer({ description: 'Pounds, the proposer’s guess' })),
  supporters: Type.Integer(),
});

const BudgetDetailSchema = Type.Object({
  ...BudgetSummarySchema.properties,
  description: Type.String(),
  eligibility: Type.Enum([...eligibilityModes]),
  minAge: Nullable(Type.Integer()),
  postcodeDistricts: Type.String(),
  ballotType: Type.Enum([...ballotTypes]),
  maxChoices: Nullable(Type.Integer()),
  limitToBudget: Type.Boolean(),
  points: Nullable(Type.Integer()),
  rule: Type.Enum([...budgetRules], { description: 'decide’s name of the counting rule (`decide pb ballots.pb --rule RULE`)' }),
  receipts: Type.Boolean(),
  ballots: Type.Integer(),
  countedAt: Nullable(Type.String({ format: 'date-time' })),
  projects: Type.Array(ProjectSchema),
  selected: Nullable(Type.Array(Type.String(), { description: 'Once counted: the ids of the funded projects, as in ballots.pb' })),
});

const ResultSchema = Type.Object({
  id: Type.Integer(),
  counted: Type.Boolean({ description: 'False until the votes are counted; then the other fields are filled in' }),
  countedAt: Nullable(Type.String({ format: 'date-time' })),
  rule: Type.Enum([...budgetRules]),
  amount: Type.Integer(),
  ballots: Nullable(Type.Integer()),
  cost: Nullable(Type.String({ description: 'What the funded projects cost together, in pounds' })),
  selected: Type.Array(Type.String(), { description: 'The ids of the funded projects, as in ballots.pb' }),
  order: Type.Array(Type.String(), { description: 'The funded projects in the order the rule chose them' }),
  projects: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      cost: Type.Integer(),
      votes: Type.Integer(),
      selected: Type.Boolean(),
      explanation: Type.String({ description: 'Why it was or was not funded, in plain words' }),
    }),
  ),
});

const summaryOf = (b: BudgetSummary) => ({
  id: b.id,
  title: b.title,
  phase: b.phase,
  amount: b.amount,
  organisation: b.organisation,
  places: b.places,
  ideasFrom: b.ideasFrom,
  ideasUntil: b.ideasUntil,
  voteFrom: b.voteFrom,
  voteUntil: b.voteUntil,
  shortlisted: b.shortlisted,
});

export async function registerBudgetApi(app: App): Promise<void> {
  const { deps } = app;

  app.get(
    '/api/v1/budgets',
    {
      schema: {
        tags: ['Participatory budgets'],
        summary: 'Participatory budgets, newest first, optionally of one organisation or for one place, paged',
        querystring: Type.Object({ organisation: Type.Optional(Id), place: Type.Optional(Id), page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })) }),
        response: { 200: Type.Object({ items: Type.Array(BudgetSummarySchema), ...PageFields }), ...problemResponses([400]) },
      },
    },
    async (request) => {
      const { organisation, place } = request.query;
      const result = await listBudgets(deps, request.actor, { organisationId: organisation, placeId: place, page: pageNumber(request.query.page) });
      return {
        items: result.items.map(summaryOf),
        ...pageFieldsOf(result, (n) => `/api/v1/budgets${queryString({ organisation, place, page: n })}`),
      };
    },
  );

  app.get(
    '/api/v1/budgets/:id',
    {
      schema: {
        tags: ['Participatory budgets'],
        summary:
          'A participatory budget: its phase, money, who may vote, the ballot, the counting rule, its projects with their ids and costs, and once counted the funded ones',
        params: Type.Object({ id: Id }),
        response: { 200: BudgetDetailSchema, ...problemResponses([400, 404]) },
      },
    },
    async (request) => {
      const [b, projects, result] = await Promise.all([
        getBudget(deps, request.actor, request.params.id),
        listProjects(deps, request.actor, request.params.id),
        getBudgetResult(deps, request.actor, request.params.id),
      ]);
      return {
        ...summaryOf(b),
        description: b.description,
        eligibility: b.eligibility,
        minAge: b.minAge,
        postcodeDistricts: b.postcodeDistricts,
        ballotType: b.ballotType,
        maxChoices: b.maxChoices,
        limitToBudget: b.limitToBudget,
        points: b.points,
        rule: b.rule,
        receipts: b.receipts,
        ballots: b.ballots,
        countedAt: b.countedAt ? b.countedAt.toISOString() : null,
        projects: projects.map((p) => ({
          id: p.pbId,
          title: p.title,
          description: p.description,
          status: p.status,
          cost: p.cost,
          roughCost: p.roughCost,
          supporters: p.supporters,
        })),
        selected: result ? result.selected : null,
      };
    },
  );

  app.get(
    '/api/v1/budgets/:id/result',
    {
      schema: {
        tags: ['Participatory budgets'],
        summary:
          'The count of a participatory budget: the funded projects, and every project’s votes and why it was or was not funded (counted: false before the count)',
        params: Type.Object({ id: Id }),
        response: { 200: ResultSchema, ...problemResponses([400, 404]) },
      },
    },
    async (request) => {
      const b = await getBudget(deps, request.actor, request.params.id);
      const result = await getBudgetResult(deps, request.actor, b.id);
      return {
        id: b.id,
        counted: result !== null,
        ballots: result?.ballots ?? null,
        cost: result?.cost ?? null,
        countedAt: b.countedAt ? b.countedAt.toISOString() : null,
        rule: result?.rule ?? b.rule,
        amount: b.amount,
        selected: result?.selected ?? [],
        order: result?.order ?? [],
        projects: result?.projects ?? [],
      };
    },
  );

  app.post(
    '/api/v1/budgets/:id/ballots',
    {
      schema: {
        tags: ['Participatory budgets'],
        summary:
          'Cast a ballot (needs a personal API token; for kiosks, with the voter’s voting code). `projects` are project ids (for ranked ballots, best first); ' +
          '`points` one number per project for cumulative ballots. A new ballot by the same voter replaces the earlier one. 409 when voting is not open; 422 naming the field at fault.',
        security: [{ bearerAuth: [] }],
        params: Type.Object({ id: Id }),
        body: Type.Object({
          projects: Type.Array(Type.String({ maxLength: 12 }), { maxItems: 1000 }),
          points: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 1_000_000_000 }), { maxItems: 1000 })),
          code: Type.Optional(Type.String({ maxLength: 40, description: 'A voting code' })),
          postcode: Type.Optional(Type.String({ maxLength: 20 })),
          dateOfBirth: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD' })),
        }),
        response: {
          201: Type.Object({
            receipt: Nullable(
              Type.String({ description: 'The voter’s receipt code: their voter id in ballots.pb once published (null when the budget gives none)' }),
            ),
            replaced: Type.Boolean({ description: 'The ballot replaced one the same voter cast before' }),
          }),
          ...problemResponses([400, 401, 403, 404, 409, 422]),
        },
      },
    },
    async (request, reply) => {
      const { projects, points, code, postcode, dateOfBirth } = request.body;
      const cast = await castBallot(deps, request.actor, request.params.id, {
        choices: { projects, ...(points ? { points } : {}) },
        ...(code ? { code } : {}),
        ...(postcode ? { postcode } : {}),
        ...(dateOfBirth ? { dateOfBirth } : {}),
        source: 'kiosk',
      });
      return reply.code(201).send({ receipt: cast.receipt, replaced: cast.replaced });
    },
  );
}
