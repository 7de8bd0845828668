// An organisation's complaints pages: the dashboard and quarterly CSV (its complaints managers only;
// "not found" for anyone else), its letter templates (complaints managers), and its extra holidays
// (complaints managers and platform admins).
import type { FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../platform/errors.js';
import { type App, dateFromParts, formOf, formValue, handleForm, idParam, queryValue, redirectToSignIn, todayInEngland } from '../../../platform/web/index.js';
import { organisationSummaryOrNotFound } from '../../registry/service.js';
import { percent } from '../figures.js';
import { ombudsmanParagraph, placeholderList } from '../letters.js';
import { can } from '../policy.js';
import { complaintsDashboard, quarterlyCsv } from '../reports.js';
import { complaintOutcomes } from '../schema.js';
import {
  addExtraHoliday,
  getLetterTemplate,
  getLetterTemplates,
  isLetterKind,
  listExtraHolidays,
  removeExtraHoliday,
  resetLetterTemplate,
  saveLetterTemplate,
} from '../settings.js';
import { letterLabels, outcomeLabels, statusLabels } from '../timeline.js';
import { bankHolidays } from '../workingDays.js';
import { findAsked, findFormContext, findPageContext } from './finding.js';
import { notFoundUnlessSignedIn, view } from './pageHelpers.js';

export async function registerOrganisationRoutes(app: App): Promise<void> {
  const { deps } = app;

  const organisationOr404 = (request: FastifyRequest) => organisationSummaryOrNotFound(deps.db, idParam(request, 'id'));

  // ---- dashboard and CSV ----
  app.get('/complaints/organisations/:id/dashboard', async (request, reply) => {
    const signedOut = notFoundUnlessSignedIn(request, reply);
    if (signedOut) return signedOut;
    const quarter = queryValue(request, 'quarter');
    const dashboard = await complaintsDashboard(deps, request.actor, idParam(request, 'id'), quarter);
    reply.header('cache-control', 'no-store');
    const page = {
      title: `Complaints at ${dashboard.organisation.name}`,
      ...dashboard,
      percent,
      statusLabels,
      outcomeColumns: complaintOutcomes.map((o) => ({ code: o, label: outcomeLabels[o] })),
      canManageHolidays: can(request.actor, 'complaintHoliday.manage', { organisationId: dashboard.organisation.id }),
    };
    // "Find a complaint": this organisation's complaints once asked for (the open ones are listed
    // above by deadline), the chosen quarter kept.
    const find = {
      path: `/complaints/organisations/${dashboard.organisation.id}/dashboard`,
      keep: { quarter },
      anchor: '#find',
      organisationId: dashboard.organisation.id,
    };
    if (!findAsked(request)) return reply.render(view('dashboard'), { ...page, ...(await findFormContext(deps, request, find)) });
    return handleForm(
      reply,
      {
        template: view('dashboard'),
        context: async () => ({ ...page, ...(await findFormContext(deps, request, find)) }),
        dateFields: ['receivedFrom', 'receivedTo'],
      },
      async () => reply.render(view('dashboard'), { ...page, ...(await findPageContext(deps, request, find)) }),
    );
  });

  app.get('/complaints/organisations/:id/ko41a.csv', async (request, reply) => {
    const signedOut = notFoundUnlessSignedIn(request, reply);
    if (signedOut) return signedOut;
    const file = await quarterlyCsv(deps, request.actor, idParam(request, 'id'), queryValue(request, 'quarter'));
    if (!file) throw new NotFoundError();
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .send(file.csv);
  });

  // ---- letter templates ----
  app.get('/complaints/organisations/:id/letter-templates', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const organisation = await organisationOr404(request);
    const templates = await getLetterTemplates(deps, request.actor, organisation.id);
    return reply.render(view('templates'), {
      title: 'Letter templates',
      organisation,
      templates: templates.map((t) => ({ ...t, label: letterLabels[t.kind] })),
    });
  });

  function kindOf(request: FastifyRequest) {
    const kind = (request.params as { kind: string }).kind;
    if (!isLetterKind(kind)) throw new NotFoundError();
    return kind;
  }

  const templateContext = (organisation: { id: number; name: string }, kind: string, values: Record<string, unknown>, isDefault: boolean) => ({
    title: `${letterLabels[kind as keyof typeof letterLabels]} template`,
    organisation,
    kind,
    values,
    isDefault,
    placeholders: placeholderList,
    ombudsmanParagraph: kind === 'final_response' ? ombudsmanParagraph : null,
  });

  app.get('/complaints/organisations/:id/letter-templates/:kind', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const organisation = await organisationOr404(request);
    const kind = kindOf(request);
    const template = await getLetterTemplate(deps, request.actor, organisation.id, kind);
    return reply.render(view('template-form'), templateContext(organisation, kind, { body: template.body }, template.isDefault));
  });

  app.post('/complaints/organisations/:id/letter-templates/:kind', async (request, reply) => {
    const organisation = await organisationOr404(request);
    const kind = kindOf(request);
    const values = { body: formValue(request.body, 'body') };
    return handleForm(reply, { template: view('template-form'), context: () => templateContext(organisation, kind, values, false) }, async () => {
      await saveLetterTemplate(deps, request.actor, organisation.id, kind, values.body);
      return reply.redirect(`/complaints/organisations/${organisation.id}/letter-templates?done=template-saved`, 303);
    });
  });

  app.post('/complaints/organisations/:id/letter-templates/:kind/reset', async (request, reply) => {
    const organisation = await organisationOr404(request);
    await resetLetterTemplate(deps, request.actor, organisation.id, kindOf(request));
    return reply.redirect(`/complaints/organisations/${organisation.id}/letter-templates?done=template-reset`, 303);
  });

  // ---- extra holidays ----
  async function holidaysPage(request: FastifyRequest, values: Record<string, unknown> = {}) {
    const organisation = await organisationOr404(request);
    const holidays = await listExtraHolidays(deps, request.actor, organisation.id);
    const year = Number(todayInEngland().slice(0, 4));
    return {
      title: 'Extra holidays',
      organisation,
      holidays,
      bankHolidays: [...bankHolidays(year), ...bankHolidays(year + 1)],
      values,
      canSeeDashboard: can(request.actor, 'complaint.report', { organisationId: organisation.id }),
    };
  }

  app.get('/complaints/organisations/:id/holidays', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    return reply.render(view('holidays'), await holidaysPage(request));
  });

  app.post('/complaints/organisations/:id/holidays', async (request, reply) => {
    const organisation = await organisationOr404(request);
    const body = formOf(request);
    const values = { ...body, _csrf: undefined };
    return handleForm(reply, { template: view('holidays'), context: () => holidaysPage(request, values), dateFields: ['date'] }, async () => {
      await addExtraHoliday(deps, request.actor, organisation.id, { date: dateFromParts(body, 'date'), name: formValue(body, 'name') });
      return reply.redirect(`/complaints/organisations/${organisation.id}/holidays?done=holiday-added`, 303);
    });
  });

  app.post('/complaints/organisations/:id/holidays/:date/remove', async (request, reply) => {
    const organisation = await organisationOr404(request);
    await removeExtraHoliday(deps, request.actor, organisation.id, (request.params as { date: string }).date);
    return reply.redirect(`/complaints/organisations/${organisation.id}/holidays?done=holiday-removed`, 303);
  });
}
