// The pages where an organisation's admins keep their directory entries right: the list of their
// services with when each was last checked, the form to add or edit one (location, opening times,
// contact, categories, languages, accessibility, costs), and "mark as checked" when nothing changed.
// Every page asks the gate through the service; another organisation's admins are refused.
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../../platform/errors.js';
import { formOf, handleForm, idParam, requireSignInOn, text, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { organisationSummaryOrNotFound } from '../../registry/service.js';
import { can } from '../policy.js';
import {
  emptyServiceInput,
  getService,
  isUuid,
  listCategories,
  markChecked,
  type ServiceDetail,
  type ServiceInput,
  saveService,
  serviceInputOf,
  serviceStatuses,
  servicesOf,
} from '../service.js';
import { formFieldsOf, serviceInputFrom, withFormKeys } from './serviceForm.js';
import { statusTags, statusWords } from './serviceView.js';

const page = view('directory');

const notAnAdmin = 'Only the organisation’s admins keep its directory entries up to date.';

export async function registerDirectoryManagePages(app: App): Promise<void> {
  const { deps } = app;
  requireSignInOn(app, [/^\/organisations\/[^/]+\/directory(\/|$)/, /^\/directory\/services\/[^/]+\/(edit|checked)$/]);

  /** The organisation in the address, when the actor is one of its admins. */
  const managedOrganisation = async (request: FastifyRequest) => {
    const organisation = await organisationSummaryOrNotFound(deps.db, idParam(request, 'id'));
    if (!can(request.actor, 'directory.manage', { organisationId: organisation.id })) throw new ForbiddenError(notAnAdmin);
    return organisation;
  };

  /** The service in the address, when the actor may edit it. */
  const managedService = async (request: FastifyRequest): Promise<ServiceDetail> => {
    const id = String((request.params as Record<string, unknown>).id ?? '');
    if (!isUuid(id)) throw new NotFoundError();
    const service = await getService(deps.db, request.actor, id);
    if (!service.mayEdit) throw new ForbiddenError(notAnAdmin);
    return service;
  };

  app.get('/organisations/:id/directory', async (request, reply) => {
    const organisation = await managedOrganisation(request);
    const services = await servicesOf(deps.db, request.actor, organisation.id);
    return reply.render(page('directory-manage'), {
      title: `Directory entries of ${organisation.name}`,
      organisation,
      services: services.map((s) => ({ ...s, tag: statusTags[s.status] })),
    });
  });

  // ---- adding and editing a service ----
  const formContext = async (organisation: { id: number; name: string }, input: ServiceInput, service?: ServiceDetail) => {
    const categories = await listCategories(deps.db);
    const fields = formFieldsOf(input);
    return {
      title: service ? `Edit ${service.name}` : 'Add a service to the directory',
      organisation,
      service,
      action: service ? `/directory/services/${service.id}/edit` : `/organisations/${organisation.id}/directory/new`,
      back: service ? `/directory/services/${service.id}` : `/organisations/${organisation.id}/directory`,
      ...fields,
      statusItems: serviceStatuses.map((s) => ({ value: s, text: statusWords[s], checked: fields.values.status === s })),
      categoryItems: categories.map((c) => ({ value: c.id, text: c.name, checked: fields.categoryIds.includes(c.id) })),
      errors: {},
    };
  };

  app.get('/organisations/:id/directory/new', async (request, reply) => {
    const organisation = await managedOrganisation(request);
    return reply.render(page('directory-form'), await formContext(organisation, emptyServiceInput(organisation.id)));
  });

  app.post('/organisations/:id/directory/new', async (request, reply) => {
    const organisation = await managedOrganisation(request);
    const input = serviceInputFrom(formOf(request), organisation.id);
    return handleForm(reply, { template: page('directory-form'), context: () => formContext(organisation, input) }, async () => {
      const id = await withFormKeys(() => saveService(deps, request.actor, input));
      return reply.redirect(`/directory/services/${id}?done=directory-service-saved`, 303);
    });
  });

  app.get('/directory/services/:id/edit', async (request, reply) => {
    const service = await managedService(request);
    return reply.render(page('directory-form'), await formContext(service.organisation, serviceInputOf(service), service));
  });

  app.post('/directory/services/:id/edit', async (request, reply) => {
    const service = await managedService(request);
    const input = serviceInputFrom(formOf(request), service.organisation.id);
    return handleForm(reply, { template: page('directory-form'), context: () => formContext(service.organisation, input, service) }, async () => {
      await withFormKeys(() => saveService(deps, request.actor, input, service.id));
      return reply.redirect(`/directory/services/${service.id}?done=directory-service-saved`, 303);
    });
  });

  app.post('/directory/services/:id/checked', async (request, reply) => {
    const service = await managedService(request);
    await markChecked(deps, request.actor, service.id);
    const back = text(formOf(request).back) === 'service' ? `/directory/services/${service.id}` : `/organisations/${service.organisation.id}/directory`;
    return reply.redirect(`${back}?done=directory-service-checked`, 303);
  });
}
