// Admin pages of the accounts module: who holds which role in an organisation, platform admins,
// and the mail outbox. Signed-out visitors are sent to sign in; others without the power get 403.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { labelFor } from '../../platform/labels.js';
import type { App } from '../../platform/server.js';
import { formErrors } from '../../platform/views.js';
import { registerFlash } from '../../platform/web/flash.js';
import { getOrganisationSummary } from '../registry/service.js';
import { formValue, handleForm, idParam, redirectToSignIn } from './http.js';
import { getOutboxMail, listOutbox, mailParagraphs, outboxPageSize } from './outbox.js';
import {
  grantOrganisationRole,
  grantPlatformRole,
  listOrganisationRoleHolders,
  listPlatformRoleHolders,
  revokeOrganisationRole,
  revokePlatformRole,
} from './roles.js';
import { organisationRoles } from './schema.js';

const view = (name: string) => `accounts/views/${name}.njk`;
const roleOptions = organisationRoles.map((value) => ({ value, text: labelFor(value) }));

export async function registerAdminAccountRoutes(app: App): Promise<void> {
  const { deps } = app;
  registerFlash('role-granted', 'The role has been given.');
  registerFlash('role-revoked', 'The role has been removed.');
  registerFlash('platform_admin-granted', 'They are now a platform admin.');
  registerFlash('platform_admin-revoked', 'They are no longer a platform admin.');
  registerFlash('platform_moderator-granted', 'They are now a platform moderator.');
  registerFlash('platform_moderator-revoked', 'They are no longer a platform moderator.');

  // ---- roles in an organisation ----
  async function organisationOr404(request: FastifyRequest) {
    const organisation = await getOrganisationSummary(deps.db, idParam(request, 'id'));
    if (!organisation) throw new NotFoundError();
    return organisation;
  }

  async function rolesPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) {
    const organisation = await organisationOr404(request);
    const holders = await listOrganisationRoleHolders(deps, request.actor, organisation.id);
    return reply.render(view('organisation-roles'), { title: `Roles at ${organisation.name}`, organisation, holders, roleOptions, values: {}, ...extra });
  }

  app.get('/admin/organisations/:id/roles', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    return rolesPage(request, reply);
  });

  app.post('/admin/organisations/:id/roles', async (request, reply) => {
    const organisation = await organisationOr404(request);
    const holders = await listOrganisationRoleHolders(deps, request.actor, organisation.id);
    const values = { email: formValue(request.body, 'email'), role: formValue(request.body, 'role') };
    const context = { title: `Roles at ${organisation.name}`, organisation, holders, roleOptions, values };
    return handleForm(reply, view('organisation-roles'), context, async () => {
      await grantOrganisationRole(deps, request.actor, { organisationId: organisation.id, ...values });
      return reply.redirect(`/admin/organisations/${organisation.id}/roles?done=role-granted`, 303);
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
    const page = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) => {
      const holders = await listPlatformRoleHolders(deps, request.actor, setup.role);
      return reply.render(view('platform-roles'), { ...setup, holders, values: {}, ...extra });
    };
    app.get(`/admin/${setup.path}`, async (request, reply) => {
      if (request.actor.accountId === null) return redirectToSignIn(request, reply);
      return page(request, reply);
    });
    app.post(`/admin/${setup.path}`, async (request, reply) => {
      const holders = await listPlatformRoleHolders(deps, request.actor, setup.role);
      const values = { email: formValue(request.body, 'email') };
      return handleForm(reply, view('platform-roles'), { ...setup, holders, values }, async () => {
        await grantPlatformRole(deps, request.actor, setup.role, values);
        return reply.redirect(`/admin/${setup.path}?done=${setup.role}-granted`, 303);
      });
    });
    app.post(`/admin/${setup.path}/:accountId/revoke`, async (request, reply) => {
      try {
        await revokePlatformRole(deps, request.actor, setup.role, idParam(request, 'accountId'));
      } catch (error) {
        if (error instanceof ConflictError) {
          const errors = formErrors({});
          errors.errorList.push({ text: error.message, href: '#holders' });
          return page(request, reply.code(409), errors);
        }
        throw error;
      }
      return reply.redirect(`/admin/${setup.path}?done=${setup.role}-revoked`, 303);
    });
  }

  // ---- mail outbox ----
  app.get('/admin/outbox', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const mails = await listOutbox(deps, request.actor);
    return reply.render(view('outbox'), { title: 'Mail outbox', mails, pageSize: outboxPageSize, smtpConfigured: Boolean(deps.config.smtpUrl) });
  });

  app.get('/admin/outbox/:id', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const mail = await getOutboxMail(deps, request.actor, idParam(request, 'id'));
    return reply.header('cache-control', 'no-store').render(view('outbox-mail'), { title: mail.subject, mail, paragraphs: mailParagraphs(mail.body) });
  });
}
