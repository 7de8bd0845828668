// Coordinators' pages (the time bank's organisation's admins): the members with their balances and
// statements, every exchange with a form to record one between two members, reversing a confirmed
// exchange with a reason (the opposite entries go on the ledger; nothing is edited or deleted), and
// hiding an offer or request.
import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../../../platform/errors.js';
import { formOf, handleForm, idParam, pageNumber, paginationOf, queryText, requireSignInOn, selectItems, text, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { getExchange, getTimebank, hideListing, listExchanges, listMembers, minutesFromHours, recordExchange, reverseExchange } from '../service.js';

const page = view('timebank');
const formId = (value: unknown) => (/^\d{1,9}$/.test(text(value).trim()) ? Number(text(value).trim()) : -1);

const statusTags = {
  proposed: { text: 'Waiting to be confirmed', classes: 'nhsuk-tag--yellow' },
  confirmed: { text: 'Confirmed', classes: 'nhsuk-tag--green' },
  declined: { text: 'Declined', classes: 'nhsuk-tag--grey' },
  reversed: { text: 'Reversed', classes: 'nhsuk-tag--red' },
} as const;

export async function registerCoordinatorRoutes(app: App): Promise<void> {
  const { deps } = app;
  requireSignInOn(app, [/^\/timebanks\/[^/]+\/manage(\/|$)/, /^\/timebanks\/[^/]+\/listings\//]);

  app.get('/timebanks/:id/manage', async (request, reply) => {
    const id = idParam(request, 'id');
    const members = await listMembers(deps, request.actor, id);
    const bank = await getTimebank(deps, request.actor, id);
    return reply.render(page('manage-members'), { title: `Members: ${bank.name}`, bank, members });
  });

  const exchangesContext = async (request: FastifyRequest, values: Record<string, unknown> = {}) => {
    const id = idParam(request, 'id');
    const pageNo = pageNumber(queryText(request, 'page'));
    const [result, members, bank] = await Promise.all([
      listExchanges(deps, request.actor, id, { page: pageNo }),
      listMembers(deps, request.actor, id),
      getTimebank(deps, request.actor, id),
    ]);
    const options = members.map((m) => ({ value: m.id, text: m.name }));
    return {
      title: result.page > 1 ? `Exchanges: ${bank.name} (page ${result.page})` : `Exchanges: ${bank.name}`,
      bank,
      exchanges: result.items.map((e) => ({ ...e, tag: statusTags[e.status] })),
      total: result.total,
      resultPages: paginationOf(result.page, result.pageSize, result.total, (n) => `/timebanks/${id}/manage/exchanges?page=${n}`),
      giverItems: selectItems(options, values.giverMemberId ?? '', 'Choose a member'),
      receiverItems: selectItems(options, values.receiverMemberId ?? '', 'Choose a member'),
      values,
      errors: {},
    };
  };

  app.get('/timebanks/:id/manage/exchanges', async (request, reply) => reply.render(page('manage-exchanges'), await exchangesContext(request)));

  app.post('/timebanks/:id/manage/exchanges', async (request, reply) => {
    const id = idParam(request, 'id');
    const form = formOf(request);
    return handleForm(reply, { template: page('manage-exchanges'), context: () => exchangesContext(request, form) }, async () => {
      const problems: Record<string, string> = {};
      let minutes = 0;
      try {
        minutes = minutesFromHours(text(form.hours));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        Object.assign(problems, error.fieldErrors);
      }
      if (formId(form.giverMemberId) === -1) problems.giverMemberId = 'Choose the member who gave the time';
      if (formId(form.receiverMemberId) === -1) problems.receiverMemberId = 'Choose the member who received the time';
      if (!text(form.description).trim()) problems.description = 'Enter what the time was for';
      if (Object.keys(problems).length) throw new ValidationError(problems);
      await recordExchange(deps, request.actor, id, {
        giverMemberId: formId(form.giverMemberId),
        receiverMemberId: formId(form.receiverMemberId),
        minutes,
        description: text(form.description),
      });
      return reply.redirect(`/timebanks/${id}/manage/exchanges?done=timebank-exchange-recorded`, 303);
    });
  });

  const reverseContext = async (request: FastifyRequest, values: Record<string, unknown> = {}) => {
    const id = idParam(request, 'id');
    const exchangeId = idParam(request, 'exchangeId');
    const bank = await getTimebank(deps, request.actor, id);
    await listMembers(deps, request.actor, id); // coordinators only
    const exchange = await getExchange(deps, request.actor, id, exchangeId);
    return { title: 'Reverse an exchange', bank, exchange, tag: statusTags[exchange.status], values, errors: {} };
  };

  app.get('/timebanks/:id/manage/exchanges/:exchangeId/reverse', async (request, reply) => reply.render(page('reverse'), await reverseContext(request)));

  app.post('/timebanks/:id/manage/exchanges/:exchangeId/reverse', async (request, reply) => {
    const id = idParam(request, 'id');
    const exchangeId = idParam(request, 'exchangeId');
    const form = formOf(request);
    return handleForm(reply, { template: page('reverse'), context: () => reverseContext(request, form) }, async () => {
      await reverseExchange(deps, request.actor, id, exchangeId, text(form.reason));
      return reply.redirect(`/timebanks/${id}/manage/exchanges?done=timebank-exchange-reversed`, 303);
    });
  });

  app.post('/timebanks/:id/listings/:listingId/hide', async (request, reply) => {
    const id = idParam(request, 'id');
    await hideListing(deps, request.actor, id, idParam(request, 'listingId'));
    return reply.redirect(`/timebanks/${id}?done=timebank-listing-hidden`, 303);
  });
}
