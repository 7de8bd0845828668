// Public pages of participatory budgets: the list, a budget's page, proposing an idea, and an idea's
// or project's page with its supporters and comments. Voting is in vote.ts; the result, the
// published ballots and recounting in results.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import {
  formOf,
  handleForm,
  idParam,
  pageNumber,
  paginationOf,
  queryId,
  queryString,
  queryText,
  selectItems,
  sentToSignIn,
  text,
  view,
} from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { getOrganisationSummary, placeOptions } from '../../registry/service.js';
import { pounds } from '../ballot.js';
import { commentOnIdea, getBudget, getProject, listBudgets, listProjects, proposeIdea, supportIdea } from '../service.js';
import { budgetRows, phaseTags, projectGroups, projectRows, projectStatusTags, summaryLine } from './budgetView.js';
import { registerBudgetResultRoutes } from './results.js';
import { registerVotingRoutes } from './vote.js';

const page = view('budgets');

/** A rough cost as typed ("£5,000", "5000"): pounds, null when blank; a ValidationError otherwise. */
function roughCostFrom(value: unknown): number | null {
  const typed = text(value).trim().replace(/^£/, '').replace(/,/g, '');
  if (typed === '') return null;
  if (!/^\d{1,9}$/.test(typed)) throw new ValidationError({ roughCost: 'Enter the rough cost in whole pounds, like 5000, or leave it blank' });
  return Number(typed);
}

export async function registerPublicBudgetRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/budgets', async (request, reply) => {
    const organisationId = queryId(request, 'organisation');
    const placeId = queryId(request, 'place');
    const result = await listBudgets(deps, request.actor, { organisationId, placeId, page: pageNumber(queryText(request, 'page')) });
    const [places, organisation] = await Promise.all([
      placeOptions(deps.db),
      organisationId === undefined ? null : getOrganisationSummary(deps.db, organisationId),
    ]);
    const place = places.find((p) => p.id === placeId);
    const scope = [organisation ? `by ${organisation.name}` : '', place ? `in ${place.name}` : ''].filter(Boolean).join(' ');
    const heading = scope ? `Participatory budgets ${scope}` : 'Participatory budgets';
    const filters = { organisation: organisation?.id, place: place?.id };
    return reply.render(page('list'), {
      title: result.page > 1 ? `${heading} (page ${result.page})` : heading,
      heading,
      organisation,
      filtered: Boolean(organisation || place),
      placeItems: selectItems(
        places.map((p) => ({ value: p.id, text: `${'– '.repeat(p.depth)}${p.name}` })),
        place?.id ?? '',
        'Every place',
      ),
      items: result.items.map((b) => ({ ...b, tag: phaseTags[b.phase], line: summaryLine(b) })),
      total: result.total,
      resultPages: paginationOf(result.page, result.pageSize, result.total, (n) => `/budgets${queryString({ ...filters, page: n })}`),
    });
  });

  app.get('/budgets/:id', async (request, reply) => {
    const id = idParam(request, 'id');
    const [b, projects] = await Promise.all([getBudget(deps, request.actor, id), listProjects(deps, request.actor, id)]);
    return reply.render(page('budget'), {
      title: b.title,
      b,
      phaseTag: phaseTags[b.phase],
      rows: budgetRows(b),
      groups: projectGroups(projects),
      pounds,
    });
  });

  // ---- proposing an idea (signed in) ----
  const ideaContext = async (request: FastifyRequest, values: Record<string, unknown>) => {
    const b = await getBudget(deps, request.actor, idParam(request, 'id'));
    return { title: `Propose an idea: ${b.title}`, b, values, errors: {} };
  };

  app.get('/budgets/:id/ideas/new', async (request, reply) => {
    if (sentToSignIn(request, reply)) return reply;
    return reply.render(page('idea-form'), await ideaContext(request, {}));
  });

  app.post('/budgets/:id/ideas/new', async (request, reply) => {
    if (sentToSignIn(request, reply)) return reply;
    const id = idParam(request, 'id');
    const form = formOf(request);
    return handleForm(reply, { template: page('idea-form'), context: () => ideaContext(request, form) }, async () => {
      await proposeIdea(deps, request.actor, id, {
        title: text(form.title),
        description: text(form.description),
        location: text(form.location),
        whoBenefits: text(form.whoBenefits),
        roughCost: roughCostFrom(form.roughCost),
      });
      return reply.redirect(`/budgets/${id}?done=budget-idea-proposed`, 303);
    });
  });

  // ---- an idea or project: supporting it, commenting ----
  const projectContext = async (request: FastifyRequest, values: Record<string, unknown> = {}) => {
    // Both ids read before either lookup starts: a bad second id must not leave the first lookup's
    // refusal unobserved (an unhandled rejection).
    const budgetId = idParam(request, 'id');
    const projectId = idParam(request, 'projectId');
    const [b, p] = await Promise.all([getBudget(deps, request.actor, budgetId), getProject(deps, request.actor, projectId)]);
    if (p.budgetId !== b.id) throw new NotFoundError();
    return {
      title: p.title,
      b,
      p,
      statusTag: projectStatusTags[p.status],
      rows: projectRows(p),
      signedIn: request.actor.accountId !== null,
      maySupport: (p.status === 'idea' || p.status === 'shortlisted') && (b.phase === 'ideas' || b.phase === 'review'),
      mayComment: p.status !== 'pending' && p.status !== 'rejected',
      comments: p.comments.filter((c) => c.status === 'published'),
      here: `/budgets/${b.id}/projects/${p.id}`,
      pounds,
      values,
      errors: {},
    };
  };

  const showProject = async (request: FastifyRequest, reply: FastifyReply) => reply.render(page('project'), await projectContext(request));
  app.get('/budgets/:id/projects/:projectId', showProject);

  app.post('/budgets/:id/projects/:projectId/support', async (request, reply) => {
    if (sentToSignIn(request, reply)) return reply;
    const here = `/budgets/${idParam(request, 'id')}/projects/${idParam(request, 'projectId')}`;
    const support = text(formOf(request).support) !== 'no';
    return handleForm(reply, { template: page('project'), context: () => projectContext(request) }, async () => {
      await projectContext(request); // the project must belong to this budget
      await supportIdea(deps, request.actor, idParam(request, 'projectId'), support);
      return reply.redirect(`${here}?done=${support ? 'budget-idea-supported' : 'budget-support-withdrawn'}`, 303);
    });
  });

  app.post('/budgets/:id/projects/:projectId/comments', async (request, reply) => {
    if (sentToSignIn(request, reply)) return reply;
    const form = formOf(request);
    const here = `/budgets/${idParam(request, 'id')}/projects/${idParam(request, 'projectId')}`;
    return handleForm(reply, { template: page('project'), context: () => projectContext(request, form) }, async () => {
      await projectContext(request);
      await commentOnIdea(deps, request.actor, idParam(request, 'projectId'), text(form.body));
      return reply.redirect(`${here}?done=budget-comment-sent#comments`, 303);
    });
  });

  await registerVotingRoutes(app);
  await registerBudgetResultRoutes(app);
}
