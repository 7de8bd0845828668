// A member's pages: my time bank (the balance, exchanges to confirm, proposing an exchange, offering
// or requesting a skill, the latest of the statement), and the whole statement as a page and as CSV
// (the member's own, or any member's for a coordinator).
import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../../../platform/errors.js';
import { formOf, handleForm, idParam, queryId, requireSignInOn, selectItems, text, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import {
  addListing,
  answerExchange,
  getStatement,
  getTimebank,
  memberChoices,
  minutesFromHours,
  pendingExchanges,
  proposeExchange,
  statementCsv,
} from '../service.js';

const page = view('timebank');

/** A member id from a form field, or -1 (which the service refuses, naming the field). */
const formId = (value: unknown) => (/^\d{1,9}$/.test(text(value).trim()) ? Number(text(value).trim()) : -1);

export async function registerMemberRoutes(app: App): Promise<void> {
  const { deps } = app;
  requireSignInOn(app, [/^\/timebanks\/[^/]+\/(mine|exchanges|members)(\/|\.|$)/]);

  /** My time bank for one of the members the actor acts for (?member=ID, else their first). */
  const mineContext = async (request: FastifyRequest, values: Record<string, unknown> = {}, memberId?: number) => {
    const id = idParam(request, 'id');
    const bank = await getTimebank(deps, request.actor, id);
    const wanted = memberId ?? queryId(request, 'member');
    const member = bank.myMembers.find((m) => m.id === wanted) ?? bank.myMembers[0];
    if (!member) return { bank, member: null, title: `My time bank: ${bank.name}`, values, errors: {} };
    const [pending, statement, choices] = await Promise.all([
      pendingExchanges(deps, request.actor, id, member.id),
      getStatement(deps, request.actor, id, member.id),
      memberChoices(deps, request.actor, id),
    ]);
    return {
      title: `My time bank: ${bank.name}`,
      bank,
      member,
      others: bank.myMembers.filter((m) => m.id !== member.id),
      pending,
      latest: statement.lines.slice(-10).reverse(),
      entries: statement.lines.length,
      otherItems: selectItems(
        choices.filter((c) => c.id !== member.id).map((c) => ({ value: c.id, text: c.name })),
        values.otherMemberId ?? '',
        'Choose a member',
      ),
      values,
      errors: {},
    };
  };

  app.get('/timebanks/:id/mine', async (request, reply) => {
    const context = await mineContext(request);
    return reply.render(page('mine'), context);
  });

  const mineForm = (request: FastifyRequest, form: Record<string, unknown>) => ({
    template: page('mine'),
    context: () => mineContext(request, form, formId(form.member)),
  });

  app.post('/timebanks/:id/mine/exchanges', async (request, reply) => {
    const id = idParam(request, 'id');
    const form = formOf(request);
    return handleForm(reply, mineForm(request, form), async () => {
      const memberId = formId(form.member);
      const direction = text(form.direction);
      const otherMemberId = formId(form.otherMemberId);
      const description = text(form.description);
      let minutes = 0;
      const problems: Record<string, string> = {};
      try {
        minutes = minutesFromHours(text(form.hours));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        Object.assign(problems, error.fieldErrors);
      }
      if (otherMemberId === -1) problems.otherMemberId = 'Choose the other member';
      if (direction !== 'gave' && direction !== 'received') problems.direction = 'Choose whether you gave the time or received it';
      if (!description.trim()) problems.description = 'Enter what the time was for';
      if (Object.keys(problems).length) throw new ValidationError(problems);
      await proposeExchange(deps, request.actor, id, { memberId, otherMemberId, direction, minutes, description });
      return reply.redirect(`/timebanks/${id}/mine?member=${memberId}&done=timebank-exchange-proposed`, 303);
    });
  });

  app.post('/timebanks/:id/exchanges/:exchangeId/answer', async (request, reply) => {
    const id = idParam(request, 'id');
    const exchangeId = idParam(request, 'exchangeId');
    const form = formOf(request);
    const confirm = text(form.answer) === 'confirm';
    return handleForm(reply, mineForm(request, {}), async () => {
      await answerExchange(deps, request.actor, id, exchangeId, confirm);
      const member = formId(form.member);
      return reply.redirect(
        `/timebanks/${id}/mine?${member > 0 ? `member=${member}&` : ''}done=${confirm ? 'timebank-exchange-confirmed' : 'timebank-exchange-declined'}`,
        303,
      );
    });
  });

  app.post('/timebanks/:id/mine/listings', async (request, reply) => {
    const id = idParam(request, 'id');
    const form = formOf(request);
    return handleForm(reply, mineForm(request, form), async () => {
      const memberId = formId(form.member);
      await addListing(deps, request.actor, id, { memberId, kind: text(form.kind), title: text(form.title), description: text(form.listingDescription) });
      return reply.redirect(`/timebanks/${id}/mine?member=${memberId}&done=timebank-listing-added`, 303);
    });
  });

  app.get('/timebanks/:id/members/:memberId/statement', async (request, reply) => {
    const id = idParam(request, 'id');
    const memberId = idParam(request, 'memberId');
    const [bank, statement] = await Promise.all([getTimebank(deps, request.actor, id), getStatement(deps, request.actor, id, memberId)]);
    const own = bank.myMembers.some((m) => m.id === memberId);
    return reply.render(page('statement'), {
      title: `Statement: ${statement.member.name}`,
      bank,
      statement,
      lines: [...statement.lines].reverse(),
      back: own ? `/timebanks/${id}/mine?member=${memberId}` : `/timebanks/${id}/manage`,
    });
  });

  app.get('/timebanks/:id/members/:memberId/statement.csv', async (request, reply) => {
    const id = idParam(request, 'id');
    const memberId = idParam(request, 'memberId');
    const statement = await getStatement(deps, request.actor, id, memberId);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="timebank-${id}-member-${memberId}-statement.csv"`)
      .send(statementCsv(statement));
  });
}
