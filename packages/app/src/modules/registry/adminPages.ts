// The registry's admin pages: organisations, relations, bodies, members, places and the CSV
// import. Signed-out visitors are sent to sign in; others see only what they may change (403).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import type { App } from '../../platform/server.js';
import { formErrors } from '../../platform/views.js';
import { registerFlash } from '../../platform/web/flash.js';
import { labelFor } from './labels.js';
import { type Population, parsePopulationText, populationDimensionLabels, populationDimensions, populationToText } from './places.js';
import { assertCan, can, organisationsWithRole } from './policy.js';
import { dateFromParts, datePartsOf, formOf, idFrom, linkDates, queryText, requireSignIn, selectItems, text, typeOptions } from './routeHelpers.js';
import { bodyKinds, memberRoles, placeKinds, relationKinds } from './schema.js';
import {
  addMember,
  addRelation,
  createBody,
  createOrganisation,
  createPlace,
  deleteBody,
  deleteOrganisation,
  endMember,
  getBody,
  getMember,
  getOrganisation,
  getPlace,
  getRelation,
  importOrganisationsCsv,
  listBodies,
  listPlaces,
  organisationNames,
  placeOptions,
  removeMember,
  removeRelation,
  searchOrganisations,
  updateBody,
  updateMember,
  updateOrganisation,
  updatePlace,
} from './service.js';
import { todayInUk } from './validation.js';

const flashes: Record<string, string> = {
  'organisation-created': 'Organisation created',
  'organisation-updated': 'Organisation details saved',
  'organisation-deleted': 'Organisation deleted',
  'relation-added': 'Relation added',
  'relation-removed': 'Relation removed',
  'body-created': 'Board, committee or group created',
  'body-updated': 'Board, committee or group saved',
  'body-deleted': 'Board, committee or group deleted',
  'member-added': 'Member added',
  'member-updated': 'Member saved',
  'member-ended': 'Term ended',
  'member-removed': 'Member removed',
  'place-created': 'Place created',
  'place-updated': 'Place saved',
};

/** Messages by field from a refused write, or null when the error is not about the input. */
function fieldErrorsOf(error: unknown): Record<string, string> | null {
  if (error instanceof ValidationError) return error.fieldErrors;
  if (error instanceof ConflictError) return { [error.field ?? 'form']: error.message };
  return null;
}

const signedIn = { onRequest: requireSignIn };
const bodyKindItems = bodyKinds.map((k) => ({ value: k, text: labelFor(k) }));
const roleItems = memberRoles.map((r) => ({ value: r, text: labelFor(r) }));

/** The choices on the "add a relation" page: each kind read from this organisation's side and the other's. */
const relationChoices = relationKinds.flatMap((kind) => [
  { value: `${kind}:from`, text: `This organisation ${labelFor(kind).toLowerCase()} the other` },
  { value: `${kind}:to`, text: `The other organisation ${labelFor(kind).toLowerCase()} this one` },
]);

export async function registerRegistryAdminPages(app: App): Promise<void> {
  const deps = { db: app.deps.db };
  const { db } = deps;
  for (const [key, message] of Object.entries(flashes)) registerFlash(key, message);

  // ---- landing ----
  app.get('/admin', signedIn, async (request, reply) => {
    // An organisation admin enters for their organisation(s); a platform admin for everything.
    const mineIds = organisationsWithRole(request.actor, ['admin']);
    assertCan(request.actor, 'admin.enter', mineIds[0] === undefined ? {} : { organisationId: mineIds[0] });
    const q = queryText(request, 'q');
    const mine = await organisationNames(db, mineIds);
    const found = request.actor.platformAdmin && q ? await searchOrganisations(deps, { q, pageSize: 20 }) : null;
    return reply.render('registry/views/admin-home.njk', {
      title: 'Admin',
      mine: mine.map((o) => ({ ...o, canManageRoles: can(request.actor, 'role.manage', { organisationId: o.id }) })),
      platformAdmin: request.actor.platformAdmin,
      q,
      found,
    });
  });

  // ---- organisations ----
  const organisationForm = async (
    reply: FastifyReply,
    context: { organisation?: { id: number; name: string }; values: Record<string, unknown>; fieldErrors?: Record<string, string> },
  ) => {
    const places = await placeOptions(db);
    const chosen = new Set((Array.isArray(context.values.placeIds) ? context.values.placeIds : [context.values.placeIds]).map((v) => text(v)));
    return reply.render('registry/views/admin-organisation-form.njk', {
      title: context.organisation ? `Change ${context.organisation.name}` : 'Create an organisation',
      organisation: context.organisation,
      values: context.values,
      typeItems: selectItems(typeOptions, context.values.type, 'Choose a type'),
      placeItems: places.map((p) => ({ value: String(p.id), text: `${'– '.repeat(p.depth)}${p.name}`, checked: chosen.has(String(p.id)) })),
      ...formErrors(context.fieldErrors ?? {}),
    });
  };
  const organisationInput = (form: Record<string, unknown>) => ({
    name: text(form.name),
    type: text(form.type),
    odsCode: text(form.odsCode),
    address: text(form.address),
    postcode: text(form.postcode),
    website: text(form.website),
    takesNhsMoney: text(form.takesNhsMoney) === 'yes',
    description: text(form.description),
    placeIds: form.placeIds === undefined ? [] : form.placeIds,
  });

  app.get('/admin/organisations/new', signedIn, async (request, reply) => {
    assertCan(request.actor, 'organisation.create');
    return organisationForm(reply, { values: { takesNhsMoney: 'no' } });
  });
  app.post('/admin/organisations/new', signedIn, async (request, reply) => {
    assertCan(request.actor, 'organisation.create');
    const form = formOf(request);
    try {
      const id = await createOrganisation(deps, request.actor, organisationInput(form));
      return reply.redirect(`/admin/organisations/${id}?done=organisation-created`, 303);
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      if (!fieldErrors) throw error;
      return organisationForm(reply.code(422), { values: form, fieldErrors });
    }
  });

  const manageable = async (request: FastifyRequest) => {
    const id = idFrom((request.params as { id: string }).id);
    assertCan(request.actor, 'organisation.update', { organisationId: id });
    const organisation = await getOrganisation(db, id);
    if (!organisation) throw new NotFoundError();
    return organisation;
  };

  app.get('/admin/organisations/:id', signedIn, async (request, reply) => {
    const organisation = await manageable(request);
    return reply.render('registry/views/admin-organisation.njk', {
      title: `Manage ${organisation.name}`,
      organisation,
      canDelete: can(request.actor, 'organisation.delete', { organisationId: organisation.id }),
      canManageRoles: can(request.actor, 'role.manage', { organisationId: organisation.id }),
    });
  });

  app.get('/admin/organisations/:id/edit', signedIn, async (request, reply) => {
    const o = await manageable(request);
    return organisationForm(reply, {
      organisation: o,
      values: {
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
    });
  });
  app.post('/admin/organisations/:id/edit', signedIn, async (request, reply) => {
    const o = await manageable(request);
    const form = formOf(request);
    try {
      await updateOrganisation(deps, request.actor, o.id, organisationInput(form));
      return reply.redirect(`/admin/organisations/${o.id}?done=organisation-updated`, 303);
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      if (!fieldErrors) throw error;
      return organisationForm(reply.code(422), { organisation: o, values: form, fieldErrors });
    }
  });

  app.get('/admin/organisations/:id/delete', signedIn, async (request, reply) => {
    const id = idFrom((request.params as { id: string }).id);
    assertCan(request.actor, 'organisation.delete', { organisationId: id });
    const o = await getOrganisation(db, id);
    if (!o) throw new NotFoundError();
    return reply.render('registry/views/admin-confirm.njk', {
      title: `Delete ${o.name}?`,
      message: `This deletes the organisation with its ${o.bodies.length} ${o.bodies.length === 1 ? 'board, committee or group' : 'boards, committees and groups'}, their members, and its relations with other organisations. It cannot be undone.`,
      action: `/admin/organisations/${id}/delete`,
      buttonText: 'Delete organisation',
      warning: true,
      cancelHref: `/admin/organisations/${id}`,
    });
  });
  app.post('/admin/organisations/:id/delete', signedIn, async (request, reply) => {
    const id = idFrom((request.params as { id: string }).id);
    await deleteOrganisation(deps, request.actor, id);
    return reply.redirect('/admin?done=organisation-deleted', 303);
  });

  // ---- relations ----
  const relationForm = async (
    reply: FastifyReply,
    organisation: { id: number; name: string },
    values: Record<string, unknown>,
    fieldErrors: Record<string, string> = {},
  ) => {
    const q = text(values.q).trim();
    const found = q ? (await searchOrganisations(deps, { q, pageSize: 20 })).items.filter((o) => o.id !== organisation.id) : [];
    return reply.render('registry/views/admin-relation-form.njk', {
      title: `Add a relation for ${organisation.name}`,
      organisation,
      q,
      values,
      otherItems: found.map((o) => ({
        value: String(o.id),
        text: o.name,
        hint: { text: `${labelFor(o.type)}${o.odsCode ? `, ODS code ${o.odsCode}` : ''}` },
        checked: text(values.otherId) === String(o.id),
      })),
      relationItems: relationChoices.map((c) => ({ ...c, checked: text(values.relation) === c.value })),
      ...formErrors(fieldErrors),
    });
  };
  app.get('/admin/organisations/:id/relations/new', signedIn, async (request, reply) => {
    const id = idFrom((request.params as { id: string }).id);
    assertCan(request.actor, 'relation.manage', { organisationId: id });
    const o = await getOrganisation(db, id);
    if (!o) throw new NotFoundError();
    return relationForm(reply, o, { q: queryText(request, 'q') });
  });
  app.post('/admin/organisations/:id/relations/new', signedIn, async (request, reply) => {
    const id = idFrom((request.params as { id: string }).id);
    assertCan(request.actor, 'relation.manage', { organisationId: id });
    const o = await getOrganisation(db, id);
    if (!o) throw new NotFoundError();
    const form = formOf(request);
    const [kind, side] = text(form.relation).split(':');
    const otherId = text(form.otherId);
    const fieldErrors: Record<string, string> = {};
    if (!otherId) fieldErrors.otherId = 'Choose the other organisation';
    if (!kind || !side) fieldErrors.relation = 'Choose how the organisations are related';
    if (Object.keys(fieldErrors).length) return relationForm(reply.code(422), o, form, fieldErrors);
    try {
      await addRelation(
        deps,
        request.actor,
        side === 'to' ? { fromOrganisationId: otherId, kind, toOrganisationId: id } : { fromOrganisationId: id, kind, toOrganisationId: otherId },
      );
      return reply.redirect(`/admin/organisations/${id}?done=relation-added`, 303);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      // The service names fields from its side; the form has two.
      const mapped: Record<string, string> = {};
      for (const [field, message] of Object.entries(errors)) mapped[field === 'kind' ? 'relation' : 'otherId'] = message;
      return relationForm(reply.code(422), o, form, mapped);
    }
  });
  app.post('/admin/relations/:id/remove', signedIn, async (request, reply) => {
    const id = idFrom((request.params as { id: string }).id);
    const relation = await getRelation(db, id);
    if (!relation) throw new NotFoundError();
    await removeRelation(deps, request.actor, id);
    const back = Number(text(formOf(request).organisationId));
    const organisationId = back === relation.toId ? relation.toId : relation.fromId;
    return reply.redirect(`/admin/organisations/${organisationId}?done=relation-removed`, 303);
  });

  // ---- bodies ----
  const bodyForm = async (
    reply: FastifyReply,
    context: {
      organisation: { id: number; name: string };
      body?: { id: number; name: string };
      values: Record<string, unknown>;
      fieldErrors?: Record<string, string>;
    },
  ) => {
    const others = (await listBodies(db, context.organisation.id)).filter((b) => b.id !== context.body?.id);
    return reply.render('registry/views/admin-body-form.njk', {
      title: context.body ? `Change ${context.body.name}` : `Add a board, committee or group to ${context.organisation.name}`,
      organisation: context.organisation,
      body: context.body,
      values: context.values,
      kindItems: selectItems(bodyKindItems, context.values.kind, 'Choose a kind'),
      reportsItems: selectItems(
        others.map((b) => ({ value: b.id, text: b.name })),
        context.values.reportsToBodyId,
        'Nobody (it reports to no other body here)',
      ),
      ...formErrors(context.fieldErrors ?? {}),
    });
  };
  const bodyInput = (form: Record<string, unknown>) => ({
    name: text(form.name),
    kind: text(form.kind),
    remit: text(form.remit),
    reportsToBodyId: text(form.reportsToBodyId),
  });

  app.get('/admin/organisations/:id/bodies/new', signedIn, async (request, reply) => {
    const id = idFrom((request.params as { id: string }).id);
    assertCan(request.actor, 'body.manage', { organisationId: id });
    const o = await getOrganisation(db, id);
    if (!o) throw new NotFoundError();
    return bodyForm(reply, { organisation: o, values: {} });
  });
  app.post('/admin/organisations/:id/bodies/new', signedIn, async (request, reply) => {
    const id = idFrom((request.params as { id: string }).id);
    assertCan(request.actor, 'body.manage', { organisationId: id });
    const o = await getOrganisation(db, id);
    if (!o) throw new NotFoundError();
    const form = formOf(request);
    try {
      const bodyId = await createBody(deps, request.actor, id, bodyInput(form));
      return reply.redirect(`/admin/bodies/${bodyId}?done=body-created`, 303);
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      if (!fieldErrors) throw error;
      return bodyForm(reply.code(422), { organisation: o, values: form, fieldErrors });
    }
  });

  const manageableBody = async (request: FastifyRequest) => {
    const body = await getBody(db, idFrom((request.params as { id: string }).id));
    if (!body) throw new NotFoundError();
    assertCan(request.actor, 'body.manage', { organisationId: body.organisation.id });
    return body;
  };

  app.get('/admin/bodies/:id', signedIn, async (request, reply) => {
    const body = await manageableBody(request);
    const today = todayInUk();
    return reply.render('registry/views/admin-body.njk', { title: `Manage ${body.name}`, body, today });
  });
  app.get('/admin/bodies/:id/edit', signedIn, async (request, reply) => {
    const body = await manageableBody(request);
    return bodyForm(reply, {
      organisation: body.organisation,
      body,
      values: { name: body.name, kind: body.kind, remit: body.remit ?? '', reportsToBodyId: body.reportsTo ? String(body.reportsTo.id) : '' },
    });
  });
  app.post('/admin/bodies/:id/edit', signedIn, async (request, reply) => {
    const body = await manageableBody(request);
    const form = formOf(request);
    try {
      await updateBody(deps, request.actor, body.id, bodyInput(form));
      return reply.redirect(`/admin/bodies/${body.id}?done=body-updated`, 303);
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      if (!fieldErrors) throw error;
      return bodyForm(reply.code(422), { organisation: body.organisation, body, values: form, fieldErrors });
    }
  });
  app.get('/admin/bodies/:id/delete', signedIn, async (request, reply) => {
    const body = await manageableBody(request);
    const members = body.currentMembers.length + body.pastMembers.length;
    return reply.render('registry/views/admin-confirm.njk', {
      title: `Delete ${body.name}?`,
      message: `This deletes the ${labelFor(body.kind).toLowerCase()} and the record of its ${members} ${members === 1 ? 'member' : 'members'}, past and present.${body.reportingBodies.length ? ' Bodies that report to it will no longer report to anything.' : ''} It cannot be undone.`,
      action: `/admin/bodies/${body.id}/delete`,
      buttonText: 'Delete',
      warning: true,
      cancelHref: `/admin/bodies/${body.id}`,
    });
  });
  app.post('/admin/bodies/:id/delete', signedIn, async (request, reply) => {
    const body = await manageableBody(request);
    await deleteBody(deps, request.actor, body.id);
    return reply.redirect(`/admin/organisations/${body.organisation.id}?done=body-deleted`, 303);
  });

  // ---- members ----
  const memberForm = (
    reply: FastifyReply,
    context: {
      body: { id: number; name: string };
      member?: { id: number; personName: string };
      values: Record<string, unknown>;
      fieldErrors?: Record<string, string>;
    },
  ) => {
    const errors = formErrors(context.fieldErrors ?? {});
    return reply.render('registry/views/admin-member-form.njk', {
      title: context.member ? `Change ${context.member.personName}` : `Add a member to ${context.body.name}`,
      body: context.body,
      member: context.member,
      values: context.values,
      roleItems: selectItems(roleItems, context.values.role, 'Choose a role'),
      errors: errors.errors,
      errorList: linkDates(errors.errorList, ['termStart', 'termEnd']),
    });
  };
  const memberInput = (form: Record<string, unknown>) => ({
    personName: text(form.personName),
    role: text(form.role),
    termStart: dateFromParts(form, 'termStart'),
    termEnd: dateFromParts(form, 'termEnd'),
  });

  app.get('/admin/bodies/:id/members/new', signedIn, async (request, reply) => {
    const body = await manageableBody(request);
    return memberForm(reply, { body, values: { role: 'member', ...datePartsOf('termStart', todayInUk()) } });
  });
  app.post('/admin/bodies/:id/members/new', signedIn, async (request, reply) => {
    const body = await manageableBody(request);
    const form = formOf(request);
    try {
      await addMember(deps, request.actor, body.id, memberInput(form));
      return reply.redirect(`/admin/bodies/${body.id}?done=member-added`, 303);
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      if (!fieldErrors) throw error;
      return memberForm(reply.code(422), { body, values: form, fieldErrors });
    }
  });

  const manageableMember = async (request: FastifyRequest) => {
    const member = await getMember(db, idFrom((request.params as { id: string }).id));
    if (!member) throw new NotFoundError();
    assertCan(request.actor, 'member.manage', { organisationId: member.body.organisationId });
    return member;
  };
  app.get('/admin/members/:id/edit', signedIn, async (request, reply) => {
    const member = await manageableMember(request);
    return memberForm(reply, {
      body: member.body,
      member,
      values: { personName: member.personName, role: member.role, ...datePartsOf('termStart', member.termStart), ...datePartsOf('termEnd', member.termEnd) },
    });
  });
  app.post('/admin/members/:id/edit', signedIn, async (request, reply) => {
    const member = await manageableMember(request);
    const form = formOf(request);
    try {
      await updateMember(deps, request.actor, member.id, memberInput(form));
      return reply.redirect(`/admin/bodies/${member.body.id}?done=member-updated`, 303);
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      if (!fieldErrors) throw error;
      return memberForm(reply.code(422), { body: member.body, member, values: form, fieldErrors });
    }
  });

  const endForm = (
    reply: FastifyReply,
    member: { id: number; personName: string; body: { id: number; name: string } },
    values: Record<string, unknown>,
    fieldErrors: Record<string, string> = {},
  ) => {
    const errors = formErrors(fieldErrors);
    return reply.render('registry/views/admin-member-end.njk', {
      title: `End the term of ${member.personName}`,
      member,
      values,
      errors: errors.errors,
      errorList: linkDates(errors.errorList, ['termEnd']),
    });
  };
  app.get('/admin/members/:id/end', signedIn, async (request, reply) => {
    const member = await manageableMember(request);
    return endForm(reply, member, datePartsOf('termEnd', todayInUk()));
  });
  app.post('/admin/members/:id/end', signedIn, async (request, reply) => {
    const member = await manageableMember(request);
    const form = formOf(request);
    const termEnd = dateFromParts(form, 'termEnd');
    if (!termEnd) return endForm(reply.code(422), member, form, { termEnd: 'Enter the last day of the term' });
    try {
      await endMember(deps, request.actor, member.id, termEnd);
      return reply.redirect(`/admin/bodies/${member.body.id}?done=member-ended`, 303);
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      if (!fieldErrors) throw error;
      return endForm(reply.code(422), member, form, fieldErrors);
    }
  });
  app.get('/admin/members/:id/remove', signedIn, async (request, reply) => {
    const member = await manageableMember(request);
    return reply.render('registry/views/admin-confirm.njk', {
      title: `Remove ${member.personName} from ${member.body.name}?`,
      message: 'Remove a member only if they were added by mistake. When someone leaves, end their term instead, so the record of who served is kept.',
      action: `/admin/members/${member.id}/remove`,
      buttonText: 'Remove member',
      warning: true,
      cancelHref: `/admin/bodies/${member.body.id}`,
    });
  });
  app.post('/admin/members/:id/remove', signedIn, async (request, reply) => {
    const member = await manageableMember(request);
    await removeMember(deps, request.actor, member.id);
    return reply.redirect(`/admin/bodies/${member.body.id}?done=member-removed`, 303);
  });

  // ---- places ----
  app.get('/admin/places', signedIn, async (request, reply) => {
    assertCan(request.actor, 'place.manage');
    return reply.render('registry/views/admin-places.njk', { title: 'Manage places', places: await listPlaces(db) });
  });

  const placeForm = async (
    reply: FastifyReply,
    context: { place?: { id: number; name: string }; values: Record<string, unknown>; fieldErrors?: Record<string, string> },
  ) => {
    const options = (await placeOptions(db)).filter((p) => p.id !== context.place?.id && p.kind !== 'neighbourhood');
    return reply.render('registry/views/admin-place-form.njk', {
      title: context.place ? `Change ${context.place.name}` : 'Create a place',
      place: context.place,
      values: context.values,
      kindItems: placeKinds.map((k) => ({ value: k, text: labelFor(k), checked: text(context.values.kind) === k })),
      parentItems: selectItems(
        options.map((p) => ({ value: p.id, text: `${'– '.repeat(p.depth)}${p.name}` })),
        context.values.parentId,
        'None (this is a whole system)',
      ),
      dimensions: populationDimensions.map((d) => ({ field: `population_${d}`, label: populationDimensionLabels[d] })),
      ...formErrors(context.fieldErrors ?? {}),
    });
  };
  /** The place's fields, and its figures read from the three boxes (errors name the box and line). */
  const placeInput = (form: Record<string, unknown>) => {
    const population: Population = {};
    const fieldErrors: Record<string, string> = {};
    for (const d of populationDimensions) {
      const parsed = parsePopulationText(populationDimensionLabels[d], text(form[`population_${d}`]));
      if (parsed.error !== null) fieldErrors[`population_${d}`] = parsed.error;
      else population[d] = parsed.figures;
    }
    return { input: { name: text(form.name), kind: text(form.kind), parentId: text(form.parentId), code: text(form.code), population }, fieldErrors };
  };

  app.get('/admin/places/new', signedIn, async (request, reply) => {
    assertCan(request.actor, 'place.manage');
    return placeForm(reply, { values: {} });
  });
  app.post('/admin/places/new', signedIn, async (request, reply) => {
    assertCan(request.actor, 'place.manage');
    const form = formOf(request);
    const { input, fieldErrors } = placeInput(form);
    if (Object.keys(fieldErrors).length) return placeForm(reply.code(422), { values: form, fieldErrors });
    try {
      const id = await createPlace(deps, request.actor, input);
      return reply.redirect(`/places/${id}?done=place-created`, 303);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      return placeForm(reply.code(422), { values: form, fieldErrors: errors });
    }
  });
  app.get('/admin/places/:id/edit', signedIn, async (request, reply) => {
    assertCan(request.actor, 'place.manage');
    const place = await getPlace(db, idFrom((request.params as { id: string }).id), { organisationLimit: 0 });
    if (!place) throw new NotFoundError();
    return placeForm(reply, {
      place,
      values: {
        name: place.name,
        kind: place.kind,
        code: place.code ?? '',
        parentId: place.parent ? String(place.parent.id) : '',
        population_age_band: populationToText(place.population.age_band),
        population_sex: populationToText(place.population.sex),
        population_ethnicity: populationToText(place.population.ethnicity),
      },
    });
  });
  app.post('/admin/places/:id/edit', signedIn, async (request, reply) => {
    assertCan(request.actor, 'place.manage');
    const place = await getPlace(db, idFrom((request.params as { id: string }).id), { organisationLimit: 0 });
    if (!place) throw new NotFoundError();
    const form = formOf(request);
    const { input, fieldErrors } = placeInput(form);
    if (Object.keys(fieldErrors).length) return placeForm(reply.code(422), { place, values: form, fieldErrors });
    try {
      await updatePlace(deps, request.actor, place.id, input);
      return reply.redirect(`/places/${place.id}?done=place-updated`, 303);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      return placeForm(reply.code(422), { place, values: form, fieldErrors: errors });
    }
  });

  // ---- import ----
  app.get('/admin/import', signedIn, async (request, reply) => {
    assertCan(request.actor, 'organisation.import');
    return reply.render('registry/views/admin-import.njk', { title: 'Import organisations', ...formErrors({}) });
  });
  app.post('/admin/import', signedIn, async (request, reply) => {
    assertCan(request.actor, 'organisation.import');
    const file = formOf(request).file;
    const content = Buffer.isBuffer(file) ? file : typeof file === 'string' ? Buffer.from(file) : null;
    if (!content || content.length === 0) {
      return reply
        .code(422)
        .render('registry/views/admin-import.njk', { title: 'Import organisations', ...formErrors({ file: 'Select a CSV file to import' }) });
    }
    try {
      const report = await importOrganisationsCsv(deps, request.actor, content);
      return reply.render('registry/views/admin-import-result.njk', {
        title: report.errors.length ? 'Import finished with some rows not imported' : 'Import finished',
        report,
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply
        .code(422)
        .render('registry/views/admin-import.njk', { title: 'Import organisations', ...formErrors({ file: Object.values(error.fieldErrors).join(' ') }) });
    }
  });
}
