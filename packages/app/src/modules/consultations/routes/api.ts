// The consultations API: open reads of consultations (questions, and once published the counts and
// the outcome), and answering with a personal API token.
import { Type } from 'typebox';
import { OrganisationRef, organisationRef, PagedOrganisationFilter, PageFields, pageFieldsOf, problemResponses } from '../../../platform/apiSchemas.js';
import { pageNumber, queryString } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { phases } from '../schema.js';
import { consultationFigures, getConsultation, getOutcome, listConsultations, submitAnswers } from '../service.js';

const Question = Type.Object({
  id: Type.Integer(),
  position: Type.Integer(),
  kind: Type.String(),
  text: Type.String(),
  required: Type.Boolean(),
  options: Type.Array(Type.String()),
});

const ConsultationSummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  summary: Type.String(),
  organisation: OrganisationRef,
  opensOn: Type.String({ format: 'date' }),
  closesOn: Type.String({ format: 'date' }),
  phase: Type.Enum([...phases]),
});

const Figures = Type.Array(
  Type.Object({
    questionId: Type.Integer(),
    answered: Type.Integer(),
    counts: Type.Array(
      Type.Object({ answer: Type.String(), people: Type.Union([Type.Integer(), Type.Null()]), share: Type.Union([Type.Number(), Type.Null()]) }),
    ),
  }),
);

const ConsultationDetail = Type.Object({
  ...ConsultationSummary.properties,
  takingAnswers: Type.Boolean(),
  answers: Type.Integer(),
  questions: Type.Array(Question),
  outcome: Type.Union([
    Type.Null(),
    Type.Object({ weAsked: Type.String(), youSaid: Type.String(), weDid: Type.String(), decisionReasons: Type.String(), publishedAt: Type.String() }),
  ]),
  figures: Type.Union([Type.Null(), Figures]),
});

export async function registerConsultationApi(app: App): Promise<void> {
  const { deps } = app;
  app.get(
    '/api/v1/consultations',
    {
      schema: {
        tags: ['Consultations'],
        summary: 'Consultations that are open, closed or finished (not drafts), newest first',
        querystring: PagedOrganisationFilter,
        response: { 200: Type.Object({ items: Type.Array(ConsultationSummary), ...PageFields }), ...problemResponses([400]) },
      },
    },
    async (request) => {
      const { organisation, pageSize } = request.query;
      const result = await listConsultations(deps.db, { organisationId: organisation, page: pageNumber(request.query.page), pageSize });
      return {
        ...pageFieldsOf(result, (n) => `/api/v1/consultations${queryString({ organisation, page: n, pageSize: result.pageSize })}`),
        items: result.items.map((c) => ({
          id: c.id,
          title: c.title,
          summary: c.summary,
          organisation: organisationRef(c),
          opensOn: c.opensOn,
          closesOn: c.closesOn,
          phase: c.phase,
        })),
      };
    },
  );

  app.get(
    '/api/v1/consultations/:id',
    {
      schema: {
        tags: ['Consultations'],
        summary: 'A consultation with its questions; once the outcome is published, the counts (under 10 people hidden) and the outcome',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
        response: { 200: ConsultationDetail, ...problemResponses([400, 404]) },
      },
    },
    async (request) => {
      const c = await getConsultation(deps.db, request.actor, request.params.id);
      const outcome = c.phase === 'outcome_published' ? await getOutcome(deps.db, c.id) : null;
      const figures = outcome ? await consultationFigures(deps.db, request.actor, c.id) : null;
      return {
        id: c.id,
        title: c.title,
        summary: c.summary,
        organisation: c.organisation,
        opensOn: c.opensOn,
        closesOn: c.closesOn,
        phase: c.phase,
        takingAnswers: c.takingAnswers,
        answers: c.answers,
        questions: c.questions.map((q) => ({ id: q.id, position: q.position, kind: q.kind, text: q.text, required: q.required, options: q.options })),
        outcome: outcome
          ? {
              weAsked: outcome.weAsked,
              youSaid: outcome.youSaid,
              weDid: outcome.weDid,
              decisionReasons: outcome.decisionReasons,
              publishedAt: outcome.publishedAt.toISOString(),
            }
          : null,
        figures: figures
          ? figures.questions.map(({ question, figures: f }) => ({
              questionId: question.id,
              answered: f.answered,
              counts: (f.row?.cells ?? []).map((cell) => ({ answer: cell.label, people: cell.count, share: cell.share })),
            }))
          : null,
      };
    },
  );

  app.post(
    '/api/v1/consultations/:id/answers',
    {
      schema: {
        tags: ['Consultations'],
        summary: 'Answer a consultation (needs a personal API token). Answers by question field: "q<id>" (and "q<id>_<n>" per option for rankings and points)',
        security: [{ bearerAuth: [] }],
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
        body: Type.Object({
          answers: Type.Record(
            Type.String({ maxLength: 50 }),
            Type.Union([Type.String({ maxLength: 5000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 30 })]),
          ),
          notifyEmail: Type.Optional(Type.String({ maxLength: 254 })),
        }),
        response: { 201: Type.Object({ reference: Type.String() }), ...problemResponses([400, 401, 403, 404, 409, 422]) },
      },
    },
    async (request, reply) => {
      const outcome = await submitAnswers(deps, request.actor, request.params.id, { form: request.body.answers, notifyEmail: request.body.notifyEmail ?? '' });
      return reply.code(201).send({ reference: outcome.status === 'submitted' ? outcome.reference : '' });
    },
  );
}
