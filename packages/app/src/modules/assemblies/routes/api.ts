// The citizens' assemblies API: open reads of assemblies (their remit, size and phase, the public
// names of members who agreed to be named, and the published recommendations with their support and
// the convening body's answers). The selection record is published as files at
// /assemblies/{id}/selection.json and its two CSV files.
import { Type } from 'typebox';
import { Nullable, OrganisationRef, PageFields, pageFieldsOf, problemResponses } from '../../../platform/apiSchemas.js';
import { pageNumber, queryString } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { answerResponses, assemblyKinds, assemblyPhases, selectionAlgorithms } from '../schema.js';
import { type AssemblySummary, getAssembly, listAssemblies, listMembers, listRecommendations, listSelections } from '../service.js';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });

const AssemblySummarySchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  kind: Type.Enum([...assemblyKinds], { description: 'jury: one-off; standing: members rotate' }),
  phase: Type.Enum([...assemblyPhases]),
  panelSize: Type.Integer({ description: 'Seats on the panel' }),
  organisation: OrganisationRef,
  places: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
});

const RecommendationSchema = Type.Object({
  id: Type.Integer(),
  number: Type.Integer(),
  title: Type.String(),
  text: Type.String(),
  support: Type.Object(
    {
      support: Type.Integer(),
      oppose: Type.Integer(),
      abstain: Type.Integer(),
      voted: Type.Integer(),
      members: Type.Integer(),
      share: Type.Number({ description: 'The share of members who support it (0 to 1)' }),
    },
    { description: 'How the members voted on it' },
  ),
  answerDue: Nullable(Type.String({ format: 'date' })),
  answer: Nullable(Type.Enum([...answerResponses], { description: 'The convening body’s answer (null until it answers)' })),
  answerReasons: Type.String(),
  answerActions: Type.String({ description: 'What will be done' }),
  answeredAt: Nullable(Type.String({ format: 'date-time' })),
  overdue: Type.Boolean({ description: 'No answer, and the date it was due by has passed' }),
  decisionId: Nullable(Type.Integer({ description: 'The decision on the accountability trail the answer became' })),
});

const AssemblyDetailSchema = Type.Object({
  ...AssemblySummarySchema.properties,
  remit: Type.String({ description: 'The question or remit put to the assembly' }),
  involvement: Type.String({ description: 'What taking part involves' }),
  payment: Type.String({ description: 'What members are paid: the honorarium and expenses' }),
  openRegistration: Type.Boolean({ description: 'Anyone may register without a code from a letter' }),
  registrationCloses: Nullable(Type.String({ format: 'date' })),
  algorithm: Type.Enum([...selectionAlgorithms], { description: 'decide’s selection algorithm' }),
  seedSource: Type.String({ description: 'Where the seed of the draw comes from, announced before the draw' }),
  termMonths: Nullable(Type.Integer({ description: 'Standing assemblies: how long a member serves' })),
  answerDays: Type.Integer({ description: 'Days the convening body gives itself to answer a published recommendation' }),
  poolSize: Type.Integer({ description: 'People registered and still in the pool' }),
  membersCount: Type.Integer({ description: 'Members who have confirmed their place' }),
  memberNames: Type.Array(Type.String(), { description: 'The names of members who agreed to be named publicly (others are counted only)' }),
  recommendations: Type.Array(RecommendationSchema, { description: 'The published recommendations, with the body’s answers' }),
  selection: Type.Array(
    Type.Object({
      round: Type.Integer(),
      record: Type.String({ description: 'The published record: seed, algorithm, quotas, probabilities by pool id and the panel' }),
      categoriesCsv: Type.String({ description: 'decide’s categories file: the quotas' }),
      respondentsCsv: Type.String({ description: 'decide’s respondents file: the anonymised pool' }),
    }),
    { description: 'The finished selection rounds and where their published files are' },
  ),
});

const summaryOf = (a: AssemblySummary) => ({
  id: a.id,
  title: a.title,
  kind: a.kind,
  phase: a.phase,
  panelSize: a.panelSize,
  organisation: a.organisation,
  places: a.places,
});

const isoDate = (value: Date | string | null) => (value === null ? null : typeof value === 'string' ? value : value.toISOString());

export async function registerAssemblyApi(app: App): Promise<void> {
  const { deps } = app;

  app.get(
    '/api/v1/assemblies',
    {
      schema: {
        tags: ['Citizens’ assemblies'],
        summary: 'Citizens’ assemblies, newest first, optionally of one organisation or for one place, paged',
        querystring: Type.Object({ organisation: Type.Optional(Id), place: Type.Optional(Id), page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })) }),
        response: { 200: Type.Object({ items: Type.Array(AssemblySummarySchema), ...PageFields }), ...problemResponses([400]) },
      },
    },
    async (request) => {
      const { organisation, place } = request.query;
      const result = await listAssemblies(deps.db, request.actor, { organisationId: organisation, placeId: place, page: pageNumber(request.query.page) });
      return {
        items: result.items.map(summaryOf),
        ...pageFieldsOf(result, (n) => `/api/v1/assemblies${queryString({ organisation, place, page: n })}`),
      };
    },
  );

  app.get(
    '/api/v1/assemblies/:id',
    {
      schema: {
        tags: ['Citizens’ assemblies'],
        summary:
          'A citizens’ assembly: its remit, size and phase, the public names of members who agreed to be named, its published recommendations with their support and the answers, and its published selection record',
        params: Type.Object({ id: Id }),
        response: { 200: AssemblyDetailSchema, ...problemResponses([400, 404]) },
      },
    },
    async (request) => {
      const a = await getAssembly(deps, request.actor, request.params.id);
      // The public view whoever asks: an organiser's token must not bring members' private details into the answer.
      const [members, recommendations, selections] = await Promise.all([
        listMembers(deps.db, request.actor, a.id),
        listRecommendations(deps.db, request.actor, a.id),
        listSelections(deps.db, request.actor, a.id),
      ]);
      const confirmed = members.filter((m) => m.status === 'confirmed');
      return {
        ...summaryOf(a),
        remit: a.remit,
        involvement: a.involvement,
        payment: a.payment,
        openRegistration: a.openRegistration,
        registrationCloses: a.registrationCloses,
        algorithm: a.algorithm,
        seedSource: a.seedSource,
        termMonths: a.termMonths,
        answerDays: a.answerDays,
        poolSize: a.poolSize,
        membersCount: confirmed.length,
        memberNames: confirmed.map((m) => m.publicName).filter((name): name is string => Boolean(name)),
        recommendations: recommendations
          .filter((r) => r.status === 'published')
          .map((r) => ({
            id: r.id,
            number: r.number,
            title: r.title,
            text: r.text,
            support: r.support,
            answerDue: r.answerDue,
            answer: r.answer,
            answerReasons: r.answerReasons,
            answerActions: r.answerActions,
            answeredAt: isoDate(r.answeredAt),
            overdue: r.overdue,
            decisionId: r.decisionId,
          })),
        selection: selections
          .filter((s) => s.status === 'done' && s.result !== null)
          .map((s) => {
            const base = s.round === 1 ? `/assemblies/${a.id}/selection` : `/assemblies/${a.id}/selection/${s.round}`;
            return { round: s.round, record: `${base}.json`, categoriesCsv: `${base}/categories.csv`, respondentsCsv: `${base}/respondents.csv` };
          }),
      };
    },
  );
}
