// Admin pages of the accounts module: who holds which role in an organisation, platform admins and
// platform moderators, and the mail outbox. Signed-out visitors are sent to sign in; others without
// the power get 403 from the services' gate.
import type { FastifyRequest } from 'fastify';
import { labelFor } from '../../../platform/labels.js';
import {
  type App,
  formValue,
  handleForm,
  idParam,
  pageNumber,
  paginationOf,
  queryString,
  queryText,
  requireSignInHook,
  view,
} from '../../../platform/web/index.js';
import { organisationSummaryOrNotFound } from '../../registry/service.js';
import { getOutboxMail, listOutbox, mailParagraphs } from '../outbox.js';
import { organisationRoles } from '../policy.js';
import {
  grantOrganisationRole,
  grantPlatformRole,
  listOrganisationRoleHolders,
  listPlatformRoleHolders,
  revokeOrganisationRole,
  revokePlatformRole,
} from '../roles.js';

const page = view('accounts');
const signedIn = { onRequest: requireSignInHook };
const roleOptions = organisationRoles.map((value) => ({ value, text: labelFor(value) }));

export async function registerAdminAccountRoutes(app: App): Promise<void> {
  const { deps } = app;

  // ---- roles in an organisation ----
  const organisationOr404 = (request: FastifyRequest) => organisationSummaryOrNotFound(deps.db, idParam(request, 'id'));

  async function rolesContext(request: FastifyRequest, values: Record<string, string>) {
    const organisation = await organisationOr404(request);
    const holders = await listOrganisationRoleHolders(deps, request.actor, organisation.id);
    return { title: `Roles at ${organisation.name}`, organisation, holders, roleOptions, values };
  }

  app.get('/admin/organisations/:id/roles', signedIn, async (request, reply) => {
    return reply.render(page('organisation-roles'), await rolesContext(request, {}));
  });

  app.post('/admin/organisations/:id/roles', async (request, reply) => {
    const values = { email: formValue(request.body, 'email'), role: formValue(request.body, 'role') };
    const context = await rolesContext(request, values);
    return handleForm(reply, { template: page('organisation-roles'), context }, async () => {
      await grantOrganisationRole(deps, request.actor, { organisationId: context.organisation.id, ...values });
      return reply.redirect(`/admin/organisations/${context.organisation.id}/roles?done=role-granted`, 303);
    });
  });

  app.post('/admin/organisations/:id/roles/:grantId/revoke', async (request, reply) => {
    const organisation = await organisationOr404(request);
    await revokeOrganisationRole(deps, request.actor, { organisationId: organisation.id, grantId: idParam(request, 'grantId') });
    return reply.redirect(`/admin/organisations/${organisation.id}/roles?done=role-revoked`, 303);
  });

  // ---- platform admins and platform moderators ----
  const platformRolePages = [
    { path: 'platform-admins', role: 'platform_admin', title: 'Platform admins', one: 'platform admin' },
    { path: 'platform-moderators', role: 'platform_moderator', title: 'Platform moderators', one: 'platform moderator' },
  ] as const;
  for (const setup of platformRolePages) {
    const template = page('platform-roles');
    const context = async (request: FastifyRequest, values: Record<string, string>) => ({
      ...setup,
      holders: await listPlatformRoleHolders(deps, request.actor, setup.role),
      values,
    });

    app.get(`/admin/${setup.path}`, signedIn, async (request, reply) => {
      return reply.render(template, await context(request, {}));
    });

    app.post(`/admin/${setup.path}`, async (request, reply) => {
      const values = { email: formValue(request.body, 'email') };
      return handleForm(reply, { template, context: await context(request, values) }, async () => {
        await grantPlatformRole(deps, request.actor, setup.role, values);
        return reply.redirect(`/admin/${setup.path}?done=${setup.role}-granted`, 303);
      });
    });

    // Removing the last platform admin is refused (409) on the list of holders.
    app.post(`/admin/${setup.path}/:accountId/revoke`, async (request, reply) => {
      return handleForm(reply, { template, context: () => context(request, {}) }, async () => {
        await revokePlatformRole(deps, request.actor, setup.role, idParam(request, 'accountId'));
        return reply.redirect(`/admin/${setup.path}?done=${setup.role}-revoked`, 303);
      });
    });
  }

  // ---- mail outbox ----
  app.get('/admin/outbox', signedIn, async (request, reply) => {
    const result = await listOutbox(deps, request.actor, pageNumber(queryText(request, 'page')));
    return reply.render(page('outbox'), {
      title: result.page > 1 ? `Mail outbox (page ${result.page})` : 'Mail outbox',
      mails: result.items,
      total: result.total,
      first: (result.page - 1) * result.pageSize + 1,
      last: (result.page - 1) * result.pageSize + result.items.length,
      resultPages: paginationOf(result.page, result.pageSize, result.total, (n) => `/admin/outbox${queryString({ page: n })}`),
      smtpConfigured: Boolean(deps.config.smtpUrl),
    });
  });

  app.get('/admin/outbox/:id', signedIn, async (request, reply) => {
    const mail = await getOutboxMail(deps, request.actor, idParam(request, 'id'));
    return reply.header('cache-control', 'no-store').render(page('outbox-mail'), { title: mail.subject, mail, paragraphs: mailParagraphs(mail.body) });
  });
}
