// Pages of the accountability trail: decisions, their actions, and following them (the API: api.ts).
import { NotFoundError } from '../../../platform/errors.js';
import {
  dateFromParts,
  datePartsOf,
  formOf,
  handleForm,
  idParam,
  pageNumber,
  paginationOf,
  queryString,
  queryText,
  redirectToSignIn,
  selectItems,
  sentToSignIn,
  text,
  todayInEngland,
  view,
} from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { getOrganisationSummary, listBodies } from '../../registry/service.js';
import { actionStatuses, linkKinds } from '../schema.js';
import { addAction, addLink, consultationChoices, follow, getDecision, listDecisions, moveAction, recordDecision } from '../service.js';
import { statusLabels } from '../trail.js';
import { registerDecisionApi } from './api.js';

const page = view('decisions');

const statusTags: Record<string, string> = {
  planned: 'nhsuk-tag--grey',
  in_progress: 'nhsuk-tag--blue',
  done: 'nhsuk-tag--green',
  dropped: 'nhsuk-tag--orange',
};

export async function registerDecisionRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/decisions', async (request, reply) => {
    const organisation = queryText(request, 'organisation');
    const organisationId = /^\d{1,9}$/.test(organisation) ? Number(organisation) : undefined;
    const result = await listDecisions(deps.db, { organisationId, page: pageNumber(queryText(request, 'page')) });
    const named = organisationId === undefined ? null : await getOrganisationSummary(deps.db, organisationId);
    const heading = named ? `Decisions of ${named.name}` : 'Decisions and what followed';
    return reply.render(page('list'), {
      title: result.page > 1 ? `${heading} (page ${result.page})` : heading,
      heading,
      decisions: result.items,
      total: result.total,
      first: (result.page - 1) * result.pageSize + 1,
      last: (result.page - 1) * result.pageSize + result.items.length,
      resultPages: paginationOf(result.page, result.pageSize, result.total, (n) => `/decisions${queryString({ organisation: organisationId, page: n })}`),
      named,
    });
  });

  const detailContext = async (request: { actor: Parameters<typeof getDecision>[1] }, id: number, extra: Record<string, unknown> = {}) => {
    const d = await getDecision(deps.db, request.actor, id);
    return {
      title: d.title,
      d,
      statusLabels,
      statusTags,
      statusItems: actionStatuses.filter((s) => s !== 'planned').map((s) => ({ value: s, text: statusLabels[s] })),
      linkKindItems: linkKinds.filter((k) => k !== 'consultation' && k !== 'meeting').map((k) => ({ value: k, text: k.replace('_', ' ') })),
      values: {},
      errors: {},
      ...extra,
    };
  };

  app.get('/decisions/:id', async (request, reply) => reply.render(page('decision'), await detailContext(request, idParam(request, 'id'))));

  app.post('/decisions/:id/follow', async (request, reply) => {
    const id = idParam(request, 'id');
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    await follow(deps, request.actor, id, text(formOf(request).follow) !== 'no');
    return reply.redirect(`/decisions/${id}?done=${text(formOf(request).follow) !== 'no' ? 'decision-followed' : 'decision-unfollowed'}`, 303);
  });

  // ---- staff ----
  const newContext = async (organisationId: number, values: Record<string, unknown>) => {
    const organisation = await getOrganisationSummary(deps.db, organisationId);
    if (!organisation) throw new NotFoundError();
    const bodies = await listBodies(deps.db, organisationId);
    return {
      title: 'Record a decision',
      organisation,
      bodyItems: selectItems(
        bodies.map((b) => ({ value: b.id, text: b.name })),
        values.bodyId,
        'An officer decided (name them below)',
      ),
      consultationItems: (await consultationChoices(deps.db, organisationId)).map((c) => ({ value: String(c.value), text: c.text })),
      values,
      errors: {},
    };
  };

  app.get('/organisations/:id/decisions/new', async (request, reply) => {
    if (sentToSignIn(request, reply)) return reply;
    const organisationId = idParam(request, 'id');
    return reply.render(page('new'), await newContext(organisationId, datePartsOf('decidedOn', todayInEngland())));
  });

  app.post('/organisations/:id/decisions/new', async (request, reply) => {
    const organisationId = idParam(request, 'id');
    const form = formOf(request);
    return handleForm(reply, { template: page('new'), context: () => newContext(organisationId, form), dateFields: ['decidedOn'] }, async () => {
      const bodyId = /^\d{1,9}$/.test(text(form.bodyId)) ? Number(text(form.bodyId)) : null;
      const consultations = ([] as unknown[]).concat(form.consultations ?? []).map((v) => Number(text(v)));
      const id = await recordDecision(deps, request.actor, {
        organisationId,
        title: text(form.title),
        decided: text(form.decided),
        reasons: text(form.reasons),
        bodyId,
        officer: text(form.officer),
        decidedOn: dateFromParts(form, 'decidedOn'),
        consultationIds: consultations,
      });
      return reply.redirect(`/decisions/${id}?done=decision-recorded`, 303);
    });
  });

  app.post('/decisions/:id/actions', async (request, reply) => {
    const id = idParam(request, 'id');
    const form = formOf(request);
    return handleForm(reply, { template: page('decision'), context: () => detailContext(request, id, { values: form }), dateFields: ['dueOn'] }, async () => {
      await addAction(deps, request.actor, id, { description: text(form.description), owner: text(form.owner), dueOn: dateFromParts(form, 'dueOn') });
      return reply.redirect(`/decisions/${id}?done=action-added#actions`, 303);
    });
  });

  app.post('/decisions/:id/links', async (request, reply) => {
    const id = idParam(request, 'id');
    const form = formOf(request);
    return handleForm(reply, { template: page('decision'), context: () => detailContext(request, id, { values: form }) }, async () => {
      await addLink(deps, request.actor, id, { kind: text(form.kind), label: text(form.label), url: text(form.url) });
      return reply.redirect(`/decisions/${id}?done=link-added`, 303);
    });
  });

  app.post('/decisions/:id/actions/:actionId/move', async (request, reply) => {
    const id = idParam(request, 'id');
    const actionId = idParam(request, 'actionId');
    const form = formOf(request);
    return handleForm(reply, { template: page('decision'), context: () => detailContext(request, id, { values: { ...form, actionId } }) }, async () => {
      await moveAction(deps, request.actor, actionId, { status: text(form.status), note: text(form.note), droppedReason: text(form.droppedReason) });
      deps.kickMail();
      return reply.redirect(`/decisions/${id}?done=action-moved#action-${actionId}`, 303);
    });
  });

  await registerDecisionApi(app);
}
