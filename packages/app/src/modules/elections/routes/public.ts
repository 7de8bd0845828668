// Public pages of elections: the list, an election's page (its phase, seats, dates and, once
// published, its candidates with their statements and photos), nominating oneself, and a candidate's
// photo. Voting is in vote.ts; the result, the published ballots and recounting in results.ts.
import type { FastifyRequest } from 'fastify';
import {
  formOf,
  formValues,
  handleForm,
  idParam,
  isRecordId,
  pageNumber,
  paginationOf,
  queryString,
  queryText,
  sentToSignIn,
  text,
  view,
} from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { getOrganisationSummary } from '../../registry/service.js';
import { type CandidateView, candidatePhoto, getElection, listCandidates, listElections, nominate, nominationOf, withdrawNomination } from '../service.js';
import { wordCount } from '../settings.js';
import { electionRows, phaseTags, summaryLine } from './electionView.js';
import { registerElectionResultRoutes } from './results.js';
import { registerElectionVotingRoutes } from './vote.js';

const page = view('elections');

/** Where a nomination stands, as its nominee reads it. */
function nominationStatus(c: CandidateView): string {
  if (c.status === 'valid') return 'Valid: you are a candidate';
  if (c.status === 'invalid') return `Not valid: ${c.reason}`;
  if (c.status === 'withdrawn') return 'Withdrawn';
  return 'Sent: waiting to be checked by the organisers';
}

export async function registerPublicElectionRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/elections', async (request, reply) => {
    const asked = Number(queryText(request, 'organisation'));
    const organisationId = isRecordId(asked) ? asked : undefined;
    const [result, organisation] = await Promise.all([
      listElections(deps, request.actor, { organisationId, page: pageNumber(queryText(request, 'page')) }),
      organisationId === undefined ? null : getOrganisationSummary(deps.db, organisationId),
    ]);
    const heading = organisation ? `Elections of ${organisation.name}` : 'Elections';
    return reply.render(page('list'), {
      title: result.page > 1 ? `${heading} (page ${result.page})` : heading,
      heading,
      filtered: organisation !== null,
      items: result.items.map((e) => ({ ...e, tag: phaseTags[e.phase], line: summaryLine(e) })),
      total: result.total,
      resultPages: paginationOf(result.page, result.pageSize, result.total, (n) => `/elections${queryString({ organisation: organisationId, page: n })}`),
    });
  });

  app.get('/elections/:id', async (request, reply) => {
    const id = idParam(request, 'id');
    const [e, candidates] = await Promise.all([getElection(deps, request.actor, id), listCandidates(deps, request.actor, id)]);
    const published = ['statements', 'voting', 'counted'].includes(e.phase);
    const shown = published ? candidates.filter((c) => c.status === 'valid') : [];
    return reply.render(page('election'), {
      title: e.title,
      e,
      phaseTag: phaseTags[e.phase],
      rows: electionRows(e),
      constituencies: e.constituencies.map((c) => ({
        ...c,
        candidates: shown.filter((k) => k.constituencyId === c.id).sort((a, b) => (a.ballotPosition ?? 0) - (b.ballotPosition ?? 0)),
      })),
      published,
    });
  });

  // ---- nominating oneself (signed in, on the electorate by email) ----
  const nominateContext = async (request: FastifyRequest, values: Record<string, unknown>) => {
    const e = await getElection(deps, request.actor, idParam(request, 'id'));
    const nomination = await nominationOf(deps, request.actor, e.id);
    const mine = nomination && { ...nomination, statusText: nominationStatus(nomination) };
    const statement = text(values.statement);
    return {
      title: `Stand for election: ${e.title}`,
      e,
      mine,
      open: e.phase === 'nominations',
      values,
      ticked: formValues(values, 'declarations'),
      words: wordCount(statement),
      errors: {},
    };
  };

  app.get('/elections/:id/nominate', async (request, reply) => {
    if (sentToSignIn(request, reply)) return reply;
    const context = await nominateContext(request, {});
    return reply.code(context.open ? 200 : 409).render(page('nominate'), context);
  });

  app.post('/elections/:id/nominate', async (request, reply) => {
    if (sentToSignIn(request, reply)) return reply;
    const id = idParam(request, 'id');
    const form = formOf(request);
    return handleForm(reply, { template: page('nominate'), context: () => nominateContext(request, form) }, async () => {
      const photo = form.photo;
      await nominate(deps, request.actor, id, {
        name: text(form.name).trim(),
        statement: text(form.statement),
        declarations: formValues(form, 'declarations'),
        ...(Buffer.isBuffer(photo) && photo.length > 0 ? { photo: { content: photo, fileName: text(form.photoName) } } : {}),
      });
      return reply.redirect(`/elections/${id}/nominate?done=nomination-made`, 303);
    });
  });

  app.post('/elections/:id/nominate/withdraw', async (request, reply) => {
    if (sentToSignIn(request, reply)) return reply;
    const id = idParam(request, 'id');
    return handleForm(reply, { template: page('nominate'), context: () => nominateContext(request, {}) }, async () => {
      const mine = await nominationOf(deps, request.actor, id);
      if (mine) await withdrawNomination(deps, request.actor, mine.id);
      return reply.redirect(`/elections/${id}/nominate?done=nomination-withdrawn`, 303);
    });
  });

  app.get('/elections/:id/candidates/:candidateId/photo', async (request, reply) => {
    const electionId = idParam(request, 'id');
    const candidateId = idParam(request, 'candidateId');
    const photo = await candidatePhoto(deps, request.actor, electionId, candidateId);
    return reply.header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=300').type(photo.contentType).send(photo.content);
  });

  await registerElectionVotingRoutes(app);
  await registerElectionResultRoutes(app);
}
