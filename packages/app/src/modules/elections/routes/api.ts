// The elections API: open reads of elections (seats by constituency, the method, the candidates in
// ballot order, and once counted who was elected, named exactly as in the published BLT file, with
// the turnout) and of the count sheet, stage by stage.
import { Type } from 'typebox';
import { Nullable, OrganisationRef, PagedOrganisationFilter, PageFields, pageFieldsOf, problemResponses } from '../../../platform/apiSchemas.js';
import { pageNumber, queryString } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { electionMethods, electionPhases } from '../schema.js';
import { type ElectionSummary, getElection, getElectionResult, listCandidates, listElections } from '../service.js';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Day = Nullable(Type.String({ format: 'date' }));
const Figure = Type.String({ description: 'A decimal figure, written exactly as the count sheet gives it' });

const ConstituencySchema = Type.Object({
  id: Type.Integer({ description: 'Its number in ?constituency= of ballots.blt and count.csv' }),
  name: Type.String(),
  seats: Type.Integer(),
});

const ElectionSummarySchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  phase: Type.Enum([...electionPhases]),
  method: Type.Enum([...electionMethods], { description: 'decide’s name of the rule (`decide stv ballots.blt --rule METHOD`)' }),
  organisation: OrganisationRef,
  body: Type.Object({ id: Type.Integer(), name: Type.String() }, { description: 'The body in the registry whose seats are elected' }),
  seats: Type.Integer({ description: 'Seats in every constituency together' }),
  nominationsOpenOn: Day,
  nominationsCloseOn: Day,
  votingOpenOn: Day,
  votingCloseOn: Day,
});

const CandidateSchema = Type.Object({
  id: Type.Integer(),
  constituencyId: Type.Integer(),
  name: Type.String({ description: 'As on the ballot paper and in the BLT file' }),
  ballotPosition: Nullable(Type.Integer({ description: 'Its number in the constituency’s BLT file' })),
  statement: Type.String(),
});

const ElectedSchema = Type.Object({
  constituencyId: Type.Integer(),
  constituency: Type.String(),
  names: Type.Array(Type.String(), { description: 'In order of election, exactly as in the BLT file' }),
});

const ElectionDetailSchema = Type.Object({
  ...ElectionSummarySchema.properties,
  constituencies: Type.Array(ConstituencySchema),
  description: Type.String(),
  role: Type.String({ description: 'The registry member role those elected hold' }),
  termStartOn: Day,
  termEndOn: Day,
  seed: Nullable(Type.Integer({ description: 'Seeds the random ballot order and any lot in the count; published with the result (null until then)' })),
  countedAt: Nullable(Type.String({ format: 'date-time' })),
  candidates: Type.Array(CandidateSchema, { description: 'Valid candidates in ballot order, once the statements are published' }),
  elected: Nullable(Type.Array(ElectedSchema, { description: 'Once counted: who was elected in each constituency' })),
  turnout: Nullable(
    Type.Object(
      {
        electorate: Type.Integer({ description: 'People on the list of voters' }),
        voted: Type.Integer({ description: 'Voting codes used' }),
        ballots: Type.Integer({ description: 'Ballots counted, paper ones included' }),
      },
      { description: 'Once counted: the electorate and the ballots counted' },
    ),
  ),
});

const StageSchema = Type.Object({
  stage: Type.Integer(),
  action: Type.String(),
  description: Type.String(),
  quota: Figure,
  surplus: Type.Optional(Figure),
  transferValue: Type.Optional(Figure),
  candidates: Type.Array(
    Type.Object({
      name: Type.String(),
      change: Figure,
      votes: Figure,
      state: Type.Enum(['continuing', 'elected', 'excluded', 'withdrawn']),
    }),
  ),
  nonTransferable: Type.Object({ change: Figure, total: Figure }),
  lost: Type.Object({ change: Figure, total: Figure }, { description: 'Votes lost to the rule’s rounding' }),
  elected: Type.Array(Type.Object({ name: Type.String(), reason: Type.String() })),
  excluded: Type.Array(Type.Object({ name: Type.String(), reason: Type.String() })),
  ties: Type.Array(Type.Object({ purpose: Type.String(), tied: Type.Array(Type.String()), chosen: Type.String(), decidedBy: Type.String() })),
});

const CountSchema = Type.Object({
  id: Type.Integer(),
  counted: Type.Boolean({ description: 'False until the votes are counted; then each constituency’s count follows' }),
  method: Type.Enum([...electionMethods]),
  seed: Nullable(Type.Integer()),
  constituencies: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      seats: Type.Integer(),
      quota: Figure,
      validBallots: Type.Integer(),
      invalidBallots: Type.Integer(),
      elected: Type.Array(Type.String()),
      stages: Type.Array(StageSchema),
    }),
  ),
});

const summaryOf = (e: ElectionSummary) => ({
  id: e.id,
  title: e.title,
  phase: e.phase,
  method: e.method,
  organisation: e.organisation,
  body: e.body,
  seats: e.seats,
  nominationsOpenOn: e.nominationsOpenOn,
  nominationsCloseOn: e.nominationsCloseOn,
  votingOpenOn: e.votingOpenOn,
  votingCloseOn: e.votingCloseOn,
});

export async function registerElectionApi(app: App): Promise<void> {
  const { deps } = app;

  app.get(
    '/api/v1/elections',
    {
      schema: {
        tags: ['Elections'],
        summary: 'Elections, newest first, optionally of one organisation, paged',
        querystring: PagedOrganisationFilter,
        response: { 200: Type.Object({ items: Type.Array(ElectionSummarySchema), ...PageFields }), ...problemResponses([400]) },
      },
    },
    async (request) => {
      const { organisation } = request.query;
      const result = await listElections(deps, request.actor, { organisationId: organisation, page: pageNumber(request.query.page) });
      return {
        items: result.items.map(summaryOf),
        ...pageFieldsOf(result, (n) => `/api/v1/elections${queryString({ organisation, page: n })}`),
      };
    },
  );

  app.get(
    '/api/v1/elections/:id',
    {
      schema: {
        tags: ['Elections'],
        summary:
          'An election: its phase, seats by constituency, the counting method, its candidates in ballot order, and once counted who was elected (named exactly as in the published BLT file) and the turnout',
        params: Type.Object({ id: Id }),
        response: { 200: ElectionDetailSchema, ...problemResponses([400, 404]) },
      },
    },
    async (request) => {
      const [e, candidates] = await Promise.all([getElection(deps, request.actor, request.params.id), listCandidates(deps, request.actor, request.params.id)]);
      const published = e.phase === 'statements' || e.phase === 'voting' || e.phase === 'counted';
      return {
        ...summaryOf(e),
        constituencies: e.constituencies.map((c) => ({ id: c.id, name: c.name, seats: c.seats })),
        description: e.description,
        role: e.role,
        termStartOn: e.termStartOn,
        termEndOn: e.termEndOn,
        seed: e.seed,
        countedAt: e.countedAt ? e.countedAt.toISOString() : null,
        candidates: (published ? candidates.filter((c) => c.status === 'valid') : []).map((c) => ({
          id: c.id,
          constituencyId: c.constituencyId,
          name: c.name,
          ballotPosition: c.ballotPosition,
          statement: c.statement,
        })),
        elected: e.phase === 'counted' ? e.constituencies.map((c) => ({ constituencyId: c.id, constituency: c.name, names: c.elected ?? [] })) : null,
        turnout: e.phase === 'counted' && e.turnout ? { electorate: e.turnout.electorate, voted: e.turnout.voted, ballots: e.turnout.ballots } : null,
      };
    },
  );

  app.get(
    '/api/v1/elections/:id/count',
    {
      schema: {
        tags: ['Elections'],
        summary:
          'The count sheet of an election, by constituency: every stage’s quota, each candidate’s change and total, transfer values, non-transferable votes, who was elected or excluded and why, and ties (counted: false before the count)',
        params: Type.Object({ id: Id }),
        response: { 200: CountSchema, ...problemResponses([400, 404]) },
      },
    },
    async (request) => {
      const e = await getElection(deps, request.actor, request.params.id);
      const result = e.phase === 'counted' ? await getElectionResult(deps, request.actor, e.id) : null;
      return {
        id: e.id,
        counted: Boolean(result?.length),
        method: e.method,
        seed: e.seed,
        constituencies: (result ?? []).map((c) => ({
          id: c.id,
          name: c.name,
          seats: c.seats,
          quota: c.result.quota,
          validBallots: c.result.validBallots,
          invalidBallots: c.result.invalidBallots,
          elected: c.elected,
          stages: c.result.stages.map((s) => ({
            stage: s.stage,
            action: s.action,
            description: s.description,
            quota: s.quota,
            ...(s.surplus === undefined ? {} : { surplus: s.surplus }),
            ...(s.transferValue === undefined ? {} : { transferValue: s.transferValue }),
            candidates: s.rows.map((r) => ({ name: r.name, change: r.change, votes: r.votes, state: r.state })),
            nonTransferable: s.nonTransferable,
            lost: s.lost,
            elected: s.elected.map((x) => ({ name: x.name, reason: x.reason })),
            excluded: s.excluded.map((x) => ({ name: x.name, reason: x.reason })),
            ties: s.ties,
          })),
        })),
      };
    },
  );
}
