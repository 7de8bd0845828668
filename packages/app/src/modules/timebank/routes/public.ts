// Public pages of the time bank: the list of time banks, a time bank's page (its offers and
// requests, and joining it), and starting one for an organisation (its admins).
import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../../../platform/errors.js';
import { formOf, handleForm, idParam, queryId, requireSignInOn, text, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { getOrganisationSummary, organisationSummaryOrNotFound } from '../../registry/service.js';
import { assertCan } from '../policy.js';
import { createTimebank, getTimebank, joinTimebank, listListings, listTimebanks } from '../service.js';

const page = view('timebank');

export async function registerPublicTimebankRoutes(app: App): Promise<void> {
  const { deps } = app;
  requireSignInOn(app, [/^\/organisations\/[^/]+\/timebanks\/new$/, /^\/timebanks\/[^/]+\/join$/]);

  app.get('/timebanks', async (request, reply) => {
    const organisationId = queryId(request, 'organisation');
    const organisation = organisationId === undefined ? null : await getOrganisationSummary(deps.db, organisationId);
    const items = await listTimebanks(deps, request.actor, organisation ? { organisationId: organisation.id } : {});
    const heading = organisation ? `Time banks run by ${organisation.name}` : 'Time banks';
    return reply.render(page('list'), { title: heading, heading, items, filtered: Boolean(organisation) });
  });

  const detailContext = async (request: FastifyRequest, values: Record<string, unknown> = {}) => {
    const id = idParam(request, 'id');
    const [bank, listings] = await Promise.all([getTimebank(deps, request.actor, id), listListings(deps, request.actor, id)]);
    return {
      title: bank.name,
      bank,
      offers: listings.filter((l) => l.kind === 'offer'),
      requests: listings.filter((l) => l.kind === 'request'),
      signedIn: request.actor.accountId !== null,
      joinItems: [
        ...(bank.mayJoinAsPerson ? [{ value: 'me', text: 'Myself', checked: values.group === 'me' }] : []),
        ...bank.groupsToJoin.map((g) => ({ value: String(g.id), text: `${g.name} (a group you are an admin of)`, checked: values.group === String(g.id) })),
      ],
      values,
      errors: {},
    };
  };

  app.get('/timebanks/:id', async (request, reply) => reply.render(page('timebank'), await detailContext(request)));

  app.post('/timebanks/:id/join', async (request, reply) => {
    const id = idParam(request, 'id');
    const form = formOf(request);
    const group = text(form.group).trim();
    return handleForm(reply, { template: page('timebank'), context: () => detailContext(request, form) }, async () => {
      if (!group) throw new ValidationError({ group: 'Choose who is joining' });
      await joinTimebank(deps, request.actor, id, group === 'me' ? {} : { groupId: /^\d{1,9}$/.test(group) ? Number(group) : -1 });
      return reply.redirect(`/timebanks/${id}/mine?done=timebank-joined`, 303);
    });
  });

  // ---- starting a time bank (the organisation's admins) ----
  const newContext = async (request: FastifyRequest, values: Record<string, unknown>) => {
    const organisation = await organisationSummaryOrNotFound(deps.db, idParam(request, 'id'));
    assertCan(request.actor, 'timebank.coordinate', { organisationId: organisation.id });
    return { title: 'Start a time bank', organisation, values, errors: {} };
  };

  app.get('/organisations/:id/timebanks/new', async (request, reply) => reply.render(page('new'), await newContext(request, { overdraftHours: '5' })));

  app.post('/organisations/:id/timebanks/new', async (request, reply) => {
    const form = formOf(request);
    const context = await newContext(request, form);
    return handleForm(reply, { template: page('new'), context }, async () => {
      const id = await createTimebank(deps, request.actor, {
        organisationId: context.organisation.id,
        name: text(form.name),
        description: text(form.description),
        overdraftHours: text(form.overdraftHours),
      });
      return reply.redirect(`/timebanks/${id}?done=timebank-created`, 303);
    });
  });
}
