// Staff pages of participatory budgeting: starting a budget and changing its settings, the dashboard
// that moves it from phase to phase (up to the count and delivery), reviewing and costing ideas,
// moderating ideas and comments, the eligible list, voting codes (shown once), paper ballots entered
// twice, and the funded projects' decisions. Every page asks the service, which asks the gate.
import type { FastifyRequest } from 'fastify';
import { toCsv } from '../../../platform/csv.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import { formOf, formValues, handleForm, idParam, requireSignInOn, selectItems, text, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { organisationSummaryOrNotFound, placeOptions } from '../../registry/service.js';
import { choicesFromForm } from '../ballot.js';
import { can } from '../policy.js';
import { type BallotChoices, type BudgetPhase, budgetPhases, budgetRules } from '../schema.js';
import {
  addProject,
  type BudgetDetail,
  ballotFor,
  createBudget,
  createVotingCodes,
  enterPaperBallot,
  getBudget,
  getBudgetResult,
  importEligiblePeople,
  listProjects,
  moderateComment,
  moderateIdea,
  moderationQueue,
  moveBudgetPhase,
  nextPhases,
  type ProjectView,
  paperEntries,
  removePaperEntry,
  reviewProject,
  updateBudget,
  votingCodeCounts,
} from '../service.js';
import { phaseTags, projectStatusTags } from './budgetView.js';
import { dateFields, formValuesOf, settingsChoices, settingsFrom, wholeNumbers, withLockedSettings } from './settingsForm.js';

const page = view('budgets');

/** What each move says on its button, and what it does (the moves allowed are the service's nextPhases). */
const moveWords: Record<BudgetPhase, { text: string; does: string }> = {
  draft: { text: '', does: '' },
  ideas: {
    text: 'Open it for ideas',
    does: 'The budget is published. Signed-in people can propose ideas, support them and comment; ideas and comments are published after moderation.',
  },
  review: { text: 'Close ideas and start the review', does: 'No more ideas are taken. You review each idea, set the costs and shortlist projects.' },
  vote: {
    text: 'Open the vote',
    does: 'Eligible people can vote on the shortlisted projects (at least 2 are needed) and change their ballot until the vote closes. The money, who may vote, the ballot and the counting rule can no longer be changed.',
  },
  counted: {
    text: 'Close the vote and count',
    does: 'No more ballots are taken. The ballots are counted with the rule chosen, every link between a ballot and its voter is wiped, and the result and the ballot file are published for anyone to recount. At least 1 ballot is needed.',
  },
  delivery: {
    text: 'Start delivery',
    does: 'Each funded project is recorded as a decision on the accountability trail, where people can follow its progress.',
  },
};
const movesFrom = (phase: BudgetPhase) => nextPhases[phase].map((to) => ({ to, ...moveWords[to] }));

const costMessage = 'Enter the cost as a whole number of pounds, like 25000';

/**
 * An action on one row of a page with a form per row: its fields are named "<field>-<row>", so the
 * service's messages (named by field) are moved onto that row's fields.
 */
async function onRow<T>(row: number, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(Object.fromEntries(Object.entries(error.fieldErrors).map(([field, message]) => [`${field}-${row}`, message])));
    }
    if (error instanceof ConflictError && error.field) throw new ConflictError(error.message, `${error.field}-${row}`);
    throw error;
  }
}

/** Choices as people read them: project titles, with points or ranks. */
function choicesText(choices: BallotChoices, titles: Map<string, string>, ballotType: string): string[] {
  return choices.projects.map((id, i) => {
    const title = titles.get(id) ?? `Project ${id}`;
    if (ballotType === 'cumulative') return `${title}: ${choices.points?.[i] ?? 0} points`;
    return ballotType === 'ordinal' ? `${i + 1}. ${title}` : title;
  });
}

const codePattern = /^[A-Za-z0-9-]{4,40}$/;

export async function registerStaffBudgetRoutes(app: App): Promise<void> {
  const { deps } = app;
  requireSignInOn(app, [/^\/organisations\/[^/]+\/budgets\/new$/, /^\/budgets\/[^/]+\/manage(\/|\.|$)/]);

  /** A budget its managers work on: others are told they may not. */
  const managed = async (request: FastifyRequest): Promise<BudgetDetail> => {
    const b = await getBudget(deps, request.actor, idParam(request, 'id'));
    if (!b.mayManage) throw new ForbiddenError('Only the organisation’s admins manage its participatory budgets.');
    return b;
  };

  type Context = (request: FastifyRequest, values: Record<string, unknown>) => Promise<Record<string, unknown>>;
  type Run = (request: FastifyRequest, id: number, form: Record<string, unknown>) => Promise<string>;
  /** A form on one of the staff pages: the action, then where it leads (or the page again, with its messages and what was typed). */
  const formAction = (path: string, template: string, context: Context, run: Run) =>
    app.post(path, async (request, reply) => {
      const form = formOf(request);
      const action = async () => reply.redirect(await run(request, idParam(request, 'id'), form), 303);
      return handleForm(reply, { template, context: () => context(request, form) }, action);
    });

  // ---- starting a budget, and its settings ----
  const settingsContext = async (organisationId: number, values: Record<string, unknown>, b?: BudgetDetail) => {
    const organisation = await organisationSummaryOrNotFound(deps.db, organisationId);
    const chosen = formValues(values, 'placeIds');
    return {
      title: b ? `Settings: ${b.title}` : 'Start a participatory budget',
      organisation,
      b,
      action: b ? `/budgets/${b.id}/manage/settings` : `/organisations/${organisationId}/budgets/new`,
      placeItems: (await placeOptions(deps.db)).map((p) => ({
        value: String(p.id),
        text: `${'– '.repeat(p.depth)}${p.name}`,
        checked: chosen.includes(String(p.id)),
      })),
      ...settingsChoices(values, b),
      values,
      errors: {},
    };
  };

  app.get('/organisations/:id/budgets/new', async (request, reply) => {
    const organisationId = idParam(request, 'id');
    await organisationSummaryOrNotFound(deps.db, organisationId);
    if (!can(request.actor, 'budget.manage', { organisationId })) throw new ForbiddenError('Only the organisation’s admins start participatory budgets.');
    const defaults = { eligibility: 'postcode', ballotType: 'approval', rule: budgetRules[0], receipts: 'yes', limitToBudget: 'yes' };
    return reply.render(page('manage-settings'), await settingsContext(organisationId, defaults));
  });

  app.post('/organisations/:id/budgets/new', async (request, reply) => {
    const organisationId = idParam(request, 'id');
    const form = formOf(request);
    return handleForm(reply, { template: page('manage-settings'), context: () => settingsContext(organisationId, form), dateFields }, async () => {
      const id = await createBudget(deps, request.actor, settingsFrom(form, organisationId));
      return reply.redirect(`/budgets/${id}/manage?done=budget-created`, 303);
    });
  });

  app.get('/budgets/:id/manage/settings', async (request, reply) => {
    const b = await managed(request);
    return reply.render(page('manage-settings'), await settingsContext(b.organisation.id, formValuesOf(b), b));
  });

  app.post('/budgets/:id/manage/settings', async (request, reply) => {
    const b = await managed(request);
    const form = formOf(request);
    return handleForm(reply, { template: page('manage-settings'), context: () => settingsContext(b.organisation.id, form, b), dateFields }, async () => {
      await updateBudget(deps, request.actor, b.id, withLockedSettings(settingsFrom(form, b.organisation.id), b));
      return reply.redirect(`/budgets/${b.id}/manage?done=budget-saved`, 303);
    });
  });

  // ---- the dashboard and its phases ----
  const dashboardContext = async (request: FastifyRequest) => {
    const b = await managed(request);
    const [projects, codes] = await Promise.all([listProjects(deps, request.actor, b.id), votingCodeCounts(deps, request.actor, b.id)]);
    const counted = (status: ProjectView['status']) => projects.filter((p) => p.status === status).length;
    return {
      title: `Manage: ${b.title}`,
      b,
      phaseTag: phaseTags[b.phase],
      counts: {
        pending: counted('pending'),
        ideas: projects.filter((p) => p.status !== 'pending' && p.status !== 'rejected').length,
        shortlisted: counted('shortlisted'),
        ballots: b.ballots,
        codes,
      },
      moves: movesFrom(b.phase),
      mayEnterPaper: can(request.actor, 'budget.enterPaper', { organisationId: b.organisation.id }),
      errors: {},
    };
  };

  app.get('/budgets/:id/manage', async (request, reply) => reply.render(page('manage-dashboard'), await dashboardContext(request)));

  app.post('/budgets/:id/manage/phase', async (request, reply) => {
    const b = await managed(request);
    const to = text(formOf(request).to) as BudgetPhase;
    if (!budgetPhases.includes(to)) throw new NotFoundError();
    return handleForm(reply, { template: page('manage-dashboard'), context: () => dashboardContext(request) }, async () => {
      if (to !== 'counted') {
        await moveBudgetPhase(deps, request.actor, b.id, to);
        return reply.redirect(`/budgets/${b.id}/manage?done=budget-phase-changed`, 303);
      }
      // The count: what it did, step by step, then the way to the result.
      const progress: string[] = [];
      await moveBudgetPhase(deps, request.actor, b.id, to, { onProgress: (step) => progress.push(step) });
      return reply.render(page('manage-counted'), { title: `Counted: ${b.title}`, b, progress });
    });
  });

  // ---- review and costing ----
  const projectsContext = async (request: FastifyRequest, values: Record<string, unknown> = {}) => {
    const b = await managed(request);
    const projects = await listProjects(deps, request.actor, b.id);
    const reviewable = projects.filter((p) => p.status !== 'pending' && p.status !== 'rejected');
    return {
      title: `Projects: ${b.title}`,
      b,
      projects: reviewable.map((p) => ({
        ...p,
        statusTag: projectStatusTags[p.status],
        mergeItems: selectItems(
          reviewable.filter((o) => o.id !== p.id && o.status !== 'merged').map((o) => ({ value: o.id, text: o.title })),
          values[`mergeIntoId-${p.id}`],
          'Choose the idea to merge it into',
        ),
      })),
      pending: projects.filter((p) => p.status === 'pending').length,
      values,
      errors: {},
    };
  };

  app.get('/budgets/:id/manage/projects', async (request, reply) => reply.render(page('manage-projects'), await projectsContext(request)));

  formAction('/budgets/:id/manage/projects', page('manage-projects'), projectsContext, async (request, id, form) => {
    const { cost } = wholeNumbers(form, { cost: costMessage });
    if (cost === null) throw new ValidationError({ cost: 'Enter the cost, in whole pounds' });
    const idea = { title: text(form.title), description: text(form.description), location: text(form.location), whoBenefits: text(form.whoBenefits) };
    await addProject(deps, request.actor, id, { ...idea, cost });
    return `/budgets/${id}/manage/projects?done=project-added`;
  });

  formAction('/budgets/:id/manage/projects/:projectId', page('manage-projects'), projectsContext, async (request, id, form) => {
    const projectId = idParam(request, 'projectId');
    await onRow(projectId, async () => {
      const row = { cost: form[`cost-${projectId}`], mergeIntoId: form[`mergeIntoId-${projectId}`] };
      const { cost, mergeIntoId } = wholeNumbers(row, { cost: costMessage, mergeIntoId: 'Choose the idea to merge it into' });
      const outcome = text(form[`outcome-${projectId}`]) as 'shortlist' | 'not_feasible' | 'merge';
      await reviewProject(deps, request.actor, projectId, { outcome, cost, reason: text(form[`reason-${projectId}`]), mergeIntoId });
    });
    return `/budgets/${id}/manage/projects?done=project-reviewed#project-${projectId}`;
  });

  // ---- moderation of ideas and comments ----
  const moderationContext = async (request: FastifyRequest, values: Record<string, unknown> = {}) => {
    const b = await getBudget(deps, request.actor, idParam(request, 'id'));
    const queue = await moderationQueue(deps, request.actor, b.id);
    return { title: `Moderation: ${b.title}`, b, queue, values, errors: {} };
  };

  app.get('/budgets/:id/manage/moderation', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return reply.render(page('manage-moderation'), await moderationContext(request));
  });

  const decisionOf = (form: Record<string, unknown>) => (text(form.decision) === 'reject' ? 'reject' : 'publish');

  formAction('/budgets/:id/manage/moderation/ideas/:projectId', page('manage-moderation'), moderationContext, async (request, id, form) => {
    const projectId = idParam(request, 'projectId');
    const field = (name: string) => text(form[`${name}-${projectId}`]);
    const decision = decisionOf(form);
    // Published with the moderator's words (identifiers taken out); rejected as it was sent.
    const words = decision === 'publish' ? { title: field('title'), description: field('description') } : {};
    await onRow(projectId, () => moderateIdea(deps, request.actor, projectId, { decision, reason: field('reason'), ...words }));
    return `/budgets/${id}/manage/moderation?done=idea-moderated`;
  });

  formAction('/budgets/:id/manage/moderation/comments/:commentId', page('manage-moderation'), moderationContext, async (request, id, form) => {
    await moderateComment(deps, request.actor, idParam(request, 'commentId'), decisionOf(form));
    return `/budgets/${id}/manage/moderation?done=comment-moderated`;
  });

  // ---- the eligible list ----
  const eligibleContext = async (request: FastifyRequest, extra: Record<string, unknown> = {}) => {
    const b = await managed(request);
    return { title: `Eligible people: ${b.title}`, b, errors: {}, ...extra };
  };

  app.get('/budgets/:id/manage/eligible', async (request, reply) => reply.render(page('manage-eligible'), await eligibleContext(request)));

  app.post('/budgets/:id/manage/eligible', async (request, reply) => {
    const form = formOf(request);
    return handleForm(reply, { template: page('manage-eligible'), context: () => eligibleContext(request) }, async () => {
      const b = await managed(request);
      const file = form.file;
      if (!Buffer.isBuffer(file) || file.length === 0) throw new ValidationError({ file: 'Choose a CSV file with a column headed email' });
      const imported = await importEligiblePeople(deps, request.actor, b.id, file.toString('utf8'));
      if (!imported.problems.length) return reply.redirect(`/budgets/${b.id}/manage/eligible?done=eligible-imported`, 303);
      return reply.code(422).render(page('manage-eligible'), await eligibleContext(request, { imported }));
    });
  });

  // ---- voting codes: shown once, never stored readable ----
  const codesContext = async (request: FastifyRequest, values: Record<string, unknown> = {}) => {
    const b = await managed(request);
    return { title: `Voting codes: ${b.title}`, b, counts: await votingCodeCounts(deps, request.actor, b.id), values, errors: {} };
  };

  app.get('/budgets/:id/manage/codes', async (request, reply) => reply.render(page('manage-codes'), await codesContext(request)));

  app.post('/budgets/:id/manage/codes', async (request, reply) => {
    const form = formOf(request);
    return handleForm(reply, { template: page('manage-codes'), context: () => codesContext(request, form) }, async () => {
      const b = await managed(request);
      const { count } = wholeNumbers(form, { count: 'Enter how many codes to make as a whole number from 1 to 5,000' });
      const batch = text(form.batch);
      const codes = await createVotingCodes(deps, request.actor, b.id, { count: count ?? 0, batch });
      // The codes exist only in this answer: never cached, and downloaded by posting them back.
      reply.header('cache-control', 'no-store');
      return reply.render(page('manage-codes-made'), { title: `Voting codes made: ${b.title}`, b, codes, batch, codeList: codes.join(' ') });
    });
  });

  app.post('/budgets/:id/manage/codes.csv', async (request, reply) => {
    const b = await managed(request);
    // Asks the gate as making them does.
    await votingCodeCounts(deps, request.actor, b.id);
    const form = formOf(request);
    const codes = text(form.codes).split(/\s+/).filter(Boolean).slice(0, 5000);
    if (!codes.length || !codes.every((c) => codePattern.test(c))) throw new NotFoundError();
    const batch = text(form.batch);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="budget-${b.id}-voting-codes.csv"`)
      .type('text/csv; charset=utf-8')
      .send(toCsv([['code', 'batch'], ...codes.map((c) => [c, batch])]));
  });

  // ---- paper ballots, entered twice ----
  const paperContext = async (request: FastifyRequest, values: Record<string, unknown> = {}) => {
    const b = await getBudget(deps, request.actor, idParam(request, 'id'));
    if (!can(request.actor, 'budget.enterPaper', { organisationId: b.organisation.id })) {
      throw new ForbiddenError('Only the organisation’s admins and members enter paper ballots.');
    }
    const [papers, projects, ballot] = await Promise.all([
      paperEntries(deps, request.actor, b.id),
      listProjects(deps, request.actor, b.id),
      b.phase === 'vote' ? ballotFor(deps, request.actor, b.id) : null,
    ]);
    const titles = new Map(projects.map((p) => [p.pbId, p.title]));
    const chosen = formValues(values, 'projects');
    return {
      title: `Paper ballots: ${b.title}`,
      b,
      ballot: ballot && {
        rules: ballot.rules,
        projects: ballot.projects.map((p) => ({ ...p, checked: chosen.includes(p.id) })),
      },
      papers: papers.map((p) => ({
        ...p,
        entries: p.entries.map((e) => ({ ...e, lines: choicesText(e.choices, titles, b.ballotType) })),
      })),
      waiting: papers.filter((p) => p.state === 'awaiting_second').length,
      mismatches: papers.filter((p) => p.state === 'mismatch').length,
      accepted: papers.filter((p) => p.state === 'accepted').length,
      values,
      errors: {},
    };
  };

  app.get('/budgets/:id/manage/paper', async (request, reply) => reply.render(page('manage-paper'), await paperContext(request)));

  formAction('/budgets/:id/manage/paper', page('manage-paper'), paperContext, async (request, id, form) => {
    const ballot = await ballotFor(deps, request.actor, id);
    const read = choicesFromForm(ballot.rules, ballot.projects, form);
    if ('errors' in read) throw new ValidationError(read.errors);
    const { state } = await enterPaperBallot(deps, request.actor, id, { paperRef: text(form.paperRef).trim(), choices: read.choices });
    return `/budgets/${id}/manage/paper?done=paper-entered#paper-${state}`;
  });

  formAction('/budgets/:id/manage/paper/entries/:entryId/delete', page('manage-paper'), paperContext, async (request, id) => {
    await removePaperEntry(deps, request.actor, idParam(request, 'entryId'));
    return `/budgets/${id}/manage/paper?done=entry-removed`;
  });

  // ---- delivery: the funded projects' decisions ----
  app.get('/budgets/:id/manage/delivery', async (request, reply) => {
    const b = await managed(request);
    const [result, projects] = await Promise.all([getBudgetResult(deps, request.actor, b.id), listProjects(deps, request.actor, b.id)]);
    const byPbId = new Map(projects.map((p) => [p.pbId, p]));
    const funded = (result?.selected ?? []).map((pbId) => {
      const project = byPbId.get(pbId);
      const counted = result?.projects.find((p) => p.id === pbId);
      return { pbId, title: project?.title ?? counted?.title ?? pbId, cost: counted?.cost ?? project?.cost ?? 0, decisionId: project?.decisionId ?? null };
    });
    return reply.render(page('manage-delivery'), { title: `Delivery: ${b.title}`, b, result, funded });
  });
}
