// Voting in a participatory budget: the ballot (a plain form that works without JavaScript; with it,
// a running total against the budget), the check step that lists the choices and their totals,
// casting the vote, and the page with the receipt code. The receipt travels from the vote to that
// page in a short-lived cookie, never in the address (where history and logs would keep it), and
// is shown once.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../platform/errors.js';
import { formatDate } from '../../../platform/views.js';
import { dateFromParts, formOf, formValues, handleForm, idParam, isIsoDate, text, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { type BallotProject, type BallotRules, ballotTotals, choicesFromForm, pounds } from '../ballot.js';
import type { BallotChoices } from '../schema.js';
import { type BudgetDetail, ballotFor, castBallot, getBudget, listProjects } from '../service.js';
import { ballotWords, whoMayVote } from './budgetView.js';

const page = view('budgets');

const receiptCookie = 'involve_budget_receipt';

/** The fields of the ballot form a check step carries back (nothing else the browser sent). */
function ballotFields(projects: readonly BallotProject[], form: Record<string, unknown>): Array<{ name: string; value: string }> {
  const fields = formValues(form, 'projects').map((value) => ({ name: 'projects', value }));
  for (const p of projects)
    for (const name of [`points_${p.id}`, `rank_${p.id}`]) if (text(form[name]).trim()) fields.push({ name, value: text(form[name]).trim() });
  for (const name of ['postcode', 'code', 'dateOfBirth-day', 'dateOfBirth-month', 'dateOfBirth-year']) {
    if (text(form[name]).trim()) fields.push({ name, value: text(form[name]).trim() });
  }
  return fields;
}

/** The choices as the check step lists them, in ballot order (for ranked ballots, best first). */
function choiceRows(rules: BallotRules, projects: readonly BallotProject[], choices: BallotChoices) {
  const byId = new Map(projects.map((p) => [p.id, p]));
  return choices.projects.map((id, i) => {
    const p = byId.get(id) as BallotProject;
    const points = choices.points?.[i];
    const key = rules.ballotType === 'ordinal' ? `${i + 1}. ${p.title}` : p.title;
    const value = rules.ballotType === 'cumulative' ? `${points} ${points === 1 ? 'point' : 'points'} (costs ${pounds(p.cost)})` : `Costs ${pounds(p.cost)}`;
    return { key: { text: key }, value: { text: value } };
  });
}

function totalsText(rules: BallotRules, projects: readonly BallotProject[], choices: BallotChoices): string {
  const t = ballotTotals(rules, projects, choices);
  const chosen = `${t.chosen} ${t.chosen === 1 ? 'project' : 'projects'}`;
  const cost = `costing ${pounds(t.cost)} together, against the ${pounds(rules.amount)} budget`;
  if (rules.ballotType === 'cumulative') return `You gave ${t.pointsUsed} of your ${rules.points ?? 0} points to ${chosen} ${cost}.`;
  return `You ${rules.ballotType === 'ordinal' ? 'ranked' : 'chose'} ${chosen} ${cost}.`;
}

function closedMessage(b: BudgetDetail): string {
  return b.phase === 'draft' || b.phase === 'ideas' || b.phase === 'review' ? 'Voting has not opened yet.' : 'Voting has closed.';
}

export async function registerVotingRoutes(app: App): Promise<void> {
  const { deps } = app;

  /** The ballot, with what the voter typed (values), or the reason it is not open. */
  async function ballotContext(request: FastifyRequest, values: Record<string, unknown>) {
    const b = await getBudget(deps, request.actor, idParam(request, 'id'));
    const base = { title: `Vote: ${b.title}`, b, values, errors: {}, pounds };
    if (b.phase !== 'vote') return { ...base, open: false as const, closed: closedMessage(b) };
    const [ballot, projects] = await Promise.all([ballotFor(deps, request.actor, b.id), listProjects(deps, request.actor, b.id)]);
    const about = new Map(projects.map((p) => [p.pbId, p]));
    const ticked = new Set(formValues(values, 'projects'));
    const items = ballot.projects.map((p) => {
      const hint = `Costs ${pounds(p.cost)}. ${about.get(p.id)?.description ?? ''}`.trim();
      return { ...p, hint, checked: ticked.has(p.id), points: text(values[`points_${p.id}`]), rank: text(values[`rank_${p.id}`]) };
    });
    return {
      ...base,
      open: true as const,
      rules: ballot.rules,
      projects: ballot.projects,
      voted: ballot.voted,
      items,
      howToVote: ballotWords(b),
      whoMayVote: whoMayVote(b),
      signedIn: request.actor.accountId !== null,
      askPostcode: b.eligibility === 'postcode',
      askDateOfBirth: b.minAge !== null,
      signInHref: `/sign-in?next=${encodeURIComponent(`/budgets/${b.id}/vote`)}`,
    };
  }

  const showBallot = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>) => {
    const context = await ballotContext(request, values);
    return reply.code(context.open ? 200 : 409).render(page('vote'), context);
  };

  app.get('/budgets/:id/vote', async (request, reply) => showBallot(request, reply, {}));

  /** The check step: the choices listed with their totals, to change or cast. */
  app.post('/budgets/:id/vote/check', async (request, reply) => {
    const form = formOf(request);
    const context = await ballotContext(request, form);
    if (!context.open) return reply.code(409).render(page('vote'), context);
    return handleForm(reply, { template: page('vote'), context, dateFields: ['dateOfBirth'] }, async () => {
      const read = choicesFromForm(context.rules, context.projects, form);
      if ('errors' in read) throw new ValidationError(read.errors);
      return reply.render(page('vote-check'), {
        title: `Check your vote: ${context.b.title}`,
        b: context.b,
        voted: context.voted,
        rows: choiceRows(context.rules, context.projects, read.choices),
        totals: totalsText(context.rules, context.projects, read.choices),
        overBudget: ballotTotals(context.rules, context.projects, read.choices).overBudget,
        carried: ballotFields(context.projects, form),
        postcode: text(form.postcode).trim(),
        dateOfBirth: isIsoDate(dateFromParts(form, 'dateOfBirth')) ? formatDate(dateFromParts(form, 'dateOfBirth')) : '',
        withCode: text(form.code).trim() !== '',
      });
    });
  });

  /**
   * Casting the vote (or, with "Change my choices", the ballot again as filled in). The service reads
   * the ballot's fields by its rules and casts in one go (refusing a vote outside the voting phase);
   * the whole page is built only when it has to be shown again with a message: on voting day this
   * is the busiest route.
   */
  app.post('/budgets/:id/vote', async (request, reply) => {
    const form = formOf(request);
    if (text(form.change)) return showBallot(request, reply, form);
    const budgetId = idParam(request, 'id');
    const context = () => ballotContext(request, form);
    return handleForm(reply, { template: page('vote'), context, dateFields: ['dateOfBirth'] }, async () => {
      const code = text(form.code).trim();
      const dateOfBirth = dateFromParts(form, 'dateOfBirth');
      const cast = await castBallot(deps, request.actor, budgetId, {
        form,
        ...(text(form.postcode).trim() ? { postcode: text(form.postcode).trim() } : {}),
        ...(dateOfBirth ? { dateOfBirth } : {}),
        ...(code ? { code } : {}),
        source: code ? 'code' : 'online',
      });
      reply.setCookie(receiptCookie, `${cast.receipt ?? 'none'}.${cast.replaced ? 1 : 0}`, {
        path: `/budgets/${budgetId}/voted`,
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.secureCookies,
        maxAge: 600,
      });
      return reply.redirect(`/budgets/${budgetId}/voted`, 303);
    });
  });

  app.get('/budgets/:id/voted', async (request, reply) => {
    const b = await getBudget(deps, request.actor, idParam(request, 'id'));
    const kept = /^([A-Za-z0-9-]{1,40})\.([01])$/.exec(request.cookies[receiptCookie] ?? '');
    if (!kept) return reply.redirect(`/budgets/${b.id}`, 303);
    // Shown once: a shared computer's next user cannot bring it back.
    reply.clearCookie(receiptCookie, { path: `/budgets/${b.id}/voted` });
    reply.header('cache-control', 'no-store');
    return reply.render(page('voted'), {
      title: 'Your vote is recorded',
      b,
      receipt: kept[1] === 'none' ? null : kept[1],
      replaced: kept[2] === '1',
    });
  });
}
