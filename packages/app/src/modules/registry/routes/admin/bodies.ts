// The admin pages for an organisation's boards, committees and groups, and who sits on them: terms
// with start and end dates, ended when someone leaves (so the record of who served is kept).
import type { FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from '../../../../platform/errors.js';
import {
  type App,
  dateFromParts,
  datePartsOf,
  formOf,
  formValue,
  handleForm,
  idParam,
  selectItems,
  todayInEngland,
  view,
} from '../../../../platform/web/index.js';
import { labelFor } from '../../labels.js';
import { assertCan } from '../../policy.js';
import { addMember, createBody, deleteBody, endMember, getBody, getMember, listBodies, removeMember, updateBody, updateMember } from '../../service.js';
import { bodyKindOptions, memberRoleOptions } from '../choices.js';
import { organisationInAddress, signedIn, withFieldErrors } from './shared.js';

const page = view('registry');

type Fields = Record<string, unknown>;
type Named = { id: number; name: string };

function bodyInput(form: Fields) {
  return {
    name: formValue(form, 'name'),
    kind: formValue(form, 'kind'),
    remit: formValue(form, 'remit'),
    reportsToBodyId: formValue(form, 'reportsToBodyId'),
  };
}

function memberInput(form: Fields) {
  return {
    personName: formValue(form, 'personName'),
    role: formValue(form, 'role'),
    termStart: dateFromParts(form, 'termStart'),
    termEnd: dateFromParts(form, 'termEnd'),
  };
}

export async function registerBodyAdminRoutes(app: App): Promise<void> {
  const deps = { db: app.deps.db };
  const { db } = deps;

  // ---- bodies ----

  /** The body form (a new one, or changing one): another body of the organisation may be the one it reports to. */
  const bodyForm = (organisation: Named, values: Fields, body?: Named) => ({
    template: page('admin-body-form'),
    context: async () => {
      const others = (await listBodies(db, organisation.id)).filter((b) => b.id !== body?.id);
      return {
        title: body ? `Change ${body.name}` : `Add a board, committee or group to ${organisation.name}`,
        organisation,
        body,
        values,
        kindItems: selectItems(bodyKindOptions, values.kind, 'Choose a kind'),
        reportsItems: selectItems(
          others.map((b) => ({ value: b.id, text: b.name })),
          values.reportsToBodyId,
          'Nobody (it reports to no other body here)',
        ),
      };
    },
  });

  /** The organisation in the address, when the actor may add bodies to it. */
  const organisationOf = (request: FastifyRequest) => organisationInAddress(db, request, 'body.manage');

  app.get('/admin/organisations/:id/bodies/new', signedIn, async (request, reply) => {
    const form = bodyForm(await organisationOf(request), {});
    return reply.render(form.template, await form.context());
  });
  app.post('/admin/organisations/:id/bodies/new', signedIn, async (request, reply) => {
    const organisation = await organisationOf(request);
    const values = formOf(request);
    return handleForm(reply, bodyForm(organisation, values), async () => {
      const bodyId = await withFieldErrors(() => createBody(deps, request.actor, organisation.id, bodyInput(values)));
      return reply.redirect(`/admin/bodies/${bodyId}?done=body-created`, 303);
    });
  });

  /** The body in the address, when the actor may manage its organisation's bodies. */
  const manageableBody = async (request: FastifyRequest) => {
    const body = await getBody(db, idParam(request, 'id'));
    if (!body) throw new NotFoundError();
    assertCan(request.actor, 'body.manage', { organisationId: body.organisation.id });
    return body;
  };

  app.get('/admin/bodies/:id', signedIn, async (request, reply) => {
    const body = await manageableBody(request);
    return reply.render(page('admin-body'), { title: `Manage ${body.name}`, body, today: todayInEngland() });
  });
  app.get('/admin/bodies/:id/edit', signedIn, async (request, reply) => {
    const body = await manageableBody(request);
    const values = { name: body.name, kind: body.kind, remit: body.remit ?? '', reportsToBodyId: body.reportsTo ? String(body.reportsTo.id) : '' };
    const form = bodyForm(body.organisation, values, body);
    return reply.render(form.template, await form.context());
  });
  app.post('/admin/bodies/:id/edit', signedIn, async (request, reply) => {
    const body = await manageableBody(request);
    const values = formOf(request);
    return handleForm(reply, bodyForm(body.organisation, values, body), async () => {
      await withFieldErrors(() => updateBody(deps, request.actor, body.id, bodyInput(values)));
      return reply.redirect(`/admin/bodies/${body.id}?done=body-updated`, 303);
    });
  });
  app.get('/admin/bodies/:id/delete', signedIn, async (request, reply) => {
    const body = await manageableBody(request);
    const members = body.currentMembers.length + body.pastMembers.length;
    return reply.render(page('admin-confirm'), {
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

  /** The member form (adding one, or changing one), its term's dates as day, month and year boxes. */
  const memberForm = (body: Named, values: Fields, member?: { id: number; personName: string }) => ({
    template: page('admin-member-form'),
    dateFields: ['termStart', 'termEnd'],
    context: {
      title: member ? `Change ${member.personName}` : `Add a member to ${body.name}`,
      body,
      member,
      values,
      roleItems: selectItems(memberRoleOptions, values.role, 'Choose a role'),
    },
  });

  app.get('/admin/bodies/:id/members/new', signedIn, async (request, reply) => {
    const body = await manageableBody(request);
    const form = memberForm(body, { role: 'member', ...datePartsOf('termStart', todayInEngland()) });
    return reply.render(form.template, form.context);
  });
  app.post('/admin/bodies/:id/members/new', signedIn, async (request, reply) => {
    const body = await manageableBody(request);
    const values = formOf(request);
    return handleForm(reply, memberForm(body, values), async () => {
      await withFieldErrors(() => addMember(deps, request.actor, body.id, memberInput(values)));
      return reply.redirect(`/admin/bodies/${body.id}?done=member-added`, 303);
    });
  });

  /** The member in the address, when the actor may manage the members of its body's organisation. */
  const manageableMember = async (request: FastifyRequest) => {
    const member = await getMember(db, idParam(request, 'id'));
    if (!member) throw new NotFoundError();
    assertCan(request.actor, 'member.manage', { organisationId: member.body.organisationId });
    return member;
  };
  app.get('/admin/members/:id/edit', signedIn, async (request, reply) => {
    const member = await manageableMember(request);
    const values = {
      personName: member.personName,
      role: member.role,
      ...datePartsOf('termStart', member.termStart),
      ...datePartsOf('termEnd', member.termEnd),
    };
    const form = memberForm(member.body, values, member);
    return reply.render(form.template, form.context);
  });
  app.post('/admin/members/:id/edit', signedIn, async (request, reply) => {
    const member = await manageableMember(request);
    const values = formOf(request);
    return handleForm(reply, memberForm(member.body, values, member), async () => {
      await withFieldErrors(() => updateMember(deps, request.actor, member.id, memberInput(values)));
      return reply.redirect(`/admin/bodies/${member.body.id}?done=member-updated`, 303);
    });
  });

  /** Ending a term: the last day it ran. */
  const endForm = (member: { id: number; personName: string; body: Named }, values: Fields) => ({
    template: page('admin-member-end'),
    dateFields: ['termEnd'],
    context: { title: `End the term of ${member.personName}`, member, values },
  });
  app.get('/admin/members/:id/end', signedIn, async (request, reply) => {
    const form = endForm(await manageableMember(request), datePartsOf('termEnd', todayInEngland()));
    return reply.render(form.template, form.context);
  });
  app.post('/admin/members/:id/end', signedIn, async (request, reply) => {
    const member = await manageableMember(request);
    const values = formOf(request);
    return handleForm(reply, endForm(member, values), async () => {
      const termEnd = dateFromParts(values, 'termEnd');
      if (!termEnd) throw new ValidationError({ termEnd: 'Enter the last day of the term' });
      await withFieldErrors(() => endMember(deps, request.actor, member.id, termEnd));
      return reply.redirect(`/admin/bodies/${member.body.id}?done=member-ended`, 303);
    });
  });

  app.get('/admin/members/:id/remove', signedIn, async (request, reply) => {
    const member = await manageableMember(request);
    return reply.render(page('admin-confirm'), {
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
}
