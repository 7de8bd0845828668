// The admin pages for organisations (create and delete: platform admins; change: the organisation's
// admins) and their relations with other organisations (an admin of either one records them).
import type { FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from '../../../../platform/errors.js';
import { type App, formOf, formValue, formValues, handleForm, idParam, queryText, selectItems, view } from '../../../../platform/web/index.js';
import { labelFor } from '../../labels.js';
import { assertCan, can } from '../../policy.js';
import { relationKinds } from '../../schema.js';
import { addRelation, createOrganisation, deleteOrganisation, getRelation, removeRelation, searchOrganisations, updateOrganisation } from '../../service.js';
import { organisationTypeOptions, placeChoices } from '../choices.js';
import { organisationInAddress, signedIn, withFieldErrors } from './shared.js';

const page = view('registry');

type Fields = Record<string, unknown>;
type Named = { id: number; name: string };

/** The organisation form's fields as the service takes them. */
function organisationInput(form: Fields) {
  return {
    name: formValue(form, 'name'),
    type: formValue(form, 'type'),
    odsCode: formValue(form, 'odsCode'),
    address: formValue(form, 'address'),
    postcode: formValue(form, 'postcode'),
    website: formValue(form, 'website'),
    takesNhsMoney: formValue(form, 'takesNhsMoney') === 'yes',
    description: formValue(form, 'description'),
    placeIds: formValues(form, 'placeIds'),
  };
}

/** The choices on the "add a relation" page: each kind read from this organisation's side and the other's. */
const relationChoices = relationKinds.flatMap((kind) => [
  { value: `${kind}:from`, text: `This organisation ${labelFor(kind).toLowerCase()} the other` },
  { value: `${kind}:to`, text: `The other organisation ${labelFor(kind).toLowerCase()} this one` },
]);

/** The relation form names one field for the other organisation and one for the kind; the service names three. */
const relationField = (field: string) => (field === 'kind' ? 'relation' : 'otherId');

export async function registerOrganisationAdminRoutes(app: App): Promise<void> {
  const deps = { db: app.deps.db };
  const { db } = deps;

  /** The organisation form (a new one, or changing one) showing what was typed. */
  const organisationForm = (values: Fields, organisation?: Named) => ({
    template: page('admin-organisation-form'),
    context: async () => {
      const chosen = new Set(formValues(values, 'placeIds'));
      return {
        title: organisation ? `Change ${organisation.name}` : 'Create an organisation',
        organisation,
        values,
        typeItems: selectItems(organisationTypeOptions, values.type, 'Choose a type'),
        placeItems: (await placeChoices(db)).map((p) => ({ value: String(p.value), text: p.text, checked: chosen.has(String(p.value)) })),
      };
    },
  });

  const manageable = (request: FastifyRequest) => organisationInAddress(db, request, 'organisation.update');

  app.get('/admin/organisations/new', signedIn, async (request, reply) => {
    assertCan(request.actor, 'organisation.create');
    const form = organisationForm({ takesNhsMoney: 'no' });
    return reply.render(form.template, await form.context());
  });
  app.post('/admin/organisations/new', signedIn, async (request, reply) => {
    assertCan(request.actor, 'organisation.create');
    const values = formOf(request);
    return handleForm(reply, organisationForm(values), async () => {
      const id = await withFieldErrors(() => createOrganisation(deps, request.actor, organisationInput(values)));
      return reply.redirect(`/admin/organisations/${id}?done=organisation-created`, 303);
    });
  });

  app.get('/admin/organisations/:id', signedIn, async (request, reply) => {
    const organisation = await manageable(request);
    return reply.render(page('admin-organisation'), {
      title: `Manage ${organisation.name}`,
      organisation,
      canDelete: can(request.actor, 'organisation.delete', { organisationId: organisation.id }),
      canManageRoles: can(request.actor, 'role.manage', { organisationId: organisation.id }),
    });
  });

  app.get('/admin/organisations/:id/edit', signedIn, async (request, reply) => {
    const o = await manageable(request);
    const form = organisationForm(
      {
        name: o.name,
        type: o.type,
        odsCode: o.odsCode ?? '',
        address: o.address ?? '',
        postcode: o.postcode ?? '',
        website: o.website ?? '',
        takesNhsMoney: o.takesNhsMoney ? 'yes' : 'no',
        description: o.description ?? '',
        placeIds: o.places.map((p) => String(p.id)),
      },
      o,
    );
    return reply.render(form.template, await form.context());
  });
  app.post('/admin/organisations/:id/edit', signedIn, async (request, reply) => {
    const o = await manageable(request);
    const values = formOf(request);
    return handleForm(reply, organisationForm(values, o), async () => {
      await withFieldErrors(() => updateOrganisation(deps, request.actor, o.id, organisationInput(values)));
      return reply.redirect(`/admin/organisations/${o.id}?done=organisation-updated`, 303);
    });
  });

  /** The "delete this organisation?" page; a refusal (records that must be kept) is shown on it. */
  const deletePage = async (request: FastifyRequest) => {
    const o = await organisationInAddress(db, request, 'organisation.delete');
    const bodies = o.bodies.length === 1 ? 'board, committee or group' : 'boards, committees and groups';
    return {
      id: o.id,
      template: page('admin-confirm'),
      context: {
        title: `Delete ${o.name}?`,
        message: `This deletes the organisation with its ${o.bodies.length} ${bodies}, their members, and its relations with other organisations. It cannot be undone.`,
        action: `/admin/organisations/${o.id}/delete`,
        buttonText: 'Delete organisation',
        warning: true,
        cancelHref: `/admin/organisations/${o.id}`,
      },
    };
  };
  app.get('/admin/organisations/:id/delete', signedIn, async (request, reply) => {
    const confirm = await deletePage(request);
    return reply.render(confirm.template, confirm.context);
  });
  app.post('/admin/organisations/:id/delete', signedIn, async (request, reply) => {
    const confirm = await deletePage(request);
    return handleForm(reply, confirm, async () => {
      await deleteOrganisation(deps, request.actor, confirm.id);
      return reply.redirect('/admin?done=organisation-deleted', 303);
    });
  });

  // ---- relations ----

  /** The relation form: organisations found by the search typed, the kinds of relation, what was chosen. */
  const relationForm = (organisation: Named, values: Fields) => ({
    template: page('admin-relation-form'),
    context: async () => {
      const q = formValue(values, 'q').trim();
      const found = q ? (await searchOrganisations(deps, { q, pageSize: 20 })).items.filter((o) => o.id !== organisation.id) : [];
      return {
        title: `Add a relation for ${organisation.name}`,
        organisation,
        q,
        values,
        otherItems: found.map((o) => ({
          value: String(o.id),
          text: o.name,
          hint: { text: `${labelFor(o.type)}${o.odsCode ? `, ODS code ${o.odsCode}` : ''}` },
          checked: formValue(values, 'otherId') === String(o.id),
        })),
        relationItems: relationChoices.map((c) => ({ ...c, checked: formValue(values, 'relation') === c.value })),
      };
    },
  });
  const relating = (request: FastifyRequest) => organisationInAddress(db, request, 'relation.manage');

  app.get('/admin/organisations/:id/relations/new', signedIn, async (request, reply) => {
    const form = relationForm(await relating(request), { q: queryText(request, 'q') });
    return reply.render(form.template, await form.context());
  });
  app.post('/admin/organisations/:id/relations/new', signedIn, async (request, reply) => {
    const o = await relating(request);
    const values = formOf(request);
    return handleForm(reply, relationForm(o, values), async () => {
      const [kind, side] = formValue(values, 'relation').split(':');
      const otherId = formValue(values, 'otherId');
      const missing: Record<string, string> = {};
      if (!otherId) missing.otherId = 'Choose the other organisation';
      if (!kind || !side) missing.relation = 'Choose how the organisations are related';
      if (Object.keys(missing).length) throw new ValidationError(missing);
      const input =
        side === 'to' ? { fromOrganisationId: otherId, kind, toOrganisationId: o.id } : { fromOrganisationId: o.id, kind, toOrganisationId: otherId };
      await withFieldErrors(() => addRelation(deps, request.actor, input), relationField);
      return reply.redirect(`/admin/organisations/${o.id}?done=relation-added`, 303);
    });
  });
  app.post('/admin/relations/:id/remove', signedIn, async (request, reply) => {
    const id = idParam(request, 'id');
    const relation = await getRelation(db, id);
    if (!relation) throw new NotFoundError();
    await removeRelation(deps, request.actor, id);
    // Back to whichever organisation's page the admin came from.
    const back = Number(formValue(formOf(request), 'organisationId'));
    const organisationId = back === relation.toId ? relation.toId : relation.fromId;
    return reply.redirect(`/admin/organisations/${organisationId}?done=relation-removed`, 303);
  });
}
