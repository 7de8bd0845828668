// Staff pages of meetings: arranging a meeting of one of the organisation's bodies and changing it,
// the agenda and its papers, publishing the papers, cancelling or marking it held, moderating and
// answering questions, who registered (and its CSV), and the minutes and decisions per item.
// Every page asks the service, which asks the gate.
import type { FastifyRequest } from 'fastify';
import { toCsv } from '../../../platform/csv.js';
import { ForbiddenError, NotFoundError } from '../../../platform/errors.js';
import { uploadKindsHint } from '../../../platform/uploads.js';
import { dateFromParts, datePartsOf, formOf, formValues, handleForm, idParam, requireSignInOn, selectItems, text, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { consultationChoices } from '../../decisions/service.js';
import { getOrganisationSummary, listBodies } from '../../registry/service.js';
import { can } from '../policy.js';
import { londonParts } from '../rules.js';
import { itemParts, itemPurposes, meetingStatuses } from '../schema.js';
import {
  addItem,
  addPaper,
  createMeeting,
  getMeeting,
  type MeetingDetail,
  moderateQuestion,
  moveItemUp,
  publishPapers,
  questionsForModeration,
  recordItemDecision,
  recordMinutes,
  registrationsOf,
  removeItem,
  setMeetingStatus,
  updateMeeting,
} from '../service.js';
import { meetingView, partLabels, purposeLabels } from './public.js';

const page = view('meetings');

/** The fields of the meeting form, as typed. */
function meetingForm(form: Record<string, unknown>) {
  return {
    title: text(form.title),
    summary: text(form.summary),
    date: dateFromParts(form, 'date'),
    startTime: text(form.startTime),
    endTime: text(form.endTime),
    venue: text(form.venue),
    onlineUrl: text(form.onlineUrl),
    accessArrangements: text(form.accessArrangements),
    questionWorkingDays: text(form.questionWorkingDays),
    capacity: text(form.capacity),
  };
}

/** A meeting's details as the form shows them. */
function formValuesOf(m: MeetingDetail) {
  const start = londonParts(m.startsAt);
  return {
    title: m.title,
    summary: m.summary,
    ...datePartsOf('date', start.date),
    startTime: start.time,
    endTime: londonParts(m.endsAt).time,
    venue: m.venue ?? '',
    onlineUrl: m.onlineUrl ?? '',
    accessArrangements: m.accessArrangements,
    questionWorkingDays: String(m.questionWorkingDays),
    capacity: m.capacity === null ? '' : String(m.capacity),
  };
}

/** Staff pages of one meeting: "not found" for anyone who may not manage it. */
async function managedMeeting(app: App, request: FastifyRequest, permission: 'manage' | 'moderate' | 'registrations' = 'manage') {
  const m = await getMeeting(app.deps.db, request.actor, idParam(request, 'id'));
  if (!m.access[permission]) throw new NotFoundError();
  return m;
}

export async function registerStaffMeetingRoutes(app: App): Promise<void> {
  const { deps } = app;
  requireSignInOn(
    app,
    [
      /^\/organisations\/[^/]+\/meetings\/new$/,
      /^\/meetings\/[^/]+\/(manage|edit|items|papers|publish-papers|status|questions|registrations|minutes)(\/|\.csv)?/,
    ],
    // A paper's file answers "not found" to whoever may not have it, signed in or not.
    /^\/meetings\/[^/]+\/papers\/[^/]+$/,
  );

  // ---- arranging a meeting ----
  const formContext = async (organisationId: number, values: Record<string, unknown>, meetingId?: number) => {
    const organisation = await getOrganisationSummary(deps.db, organisationId);
    if (!organisation) throw new NotFoundError();
    const bodies = await listBodies(deps.db, organisationId);
    return {
      title: meetingId ? 'Change the meeting' : 'Arrange a public meeting',
      organisation,
      meetingId,
      bodyItems: selectItems(
        bodies.map((b) => ({ value: b.id, text: b.name })),
        values.bodyId,
        'Choose the board, committee or group',
      ),
      values,
      errors: {},
    };
  };

  app.get('/organisations/:id/meetings/new', async (request, reply) => {
    const organisationId = idParam(request, 'id');
    if (!(await getOrganisationSummary(deps.db, organisationId))) throw new NotFoundError();
    if (!can(request.actor, 'meeting.manage', { organisationId })) throw new ForbiddenError('Only the organisation’s admins arrange its meetings.');
    return reply.render(page('form'), await formContext(organisationId, { questionWorkingDays: '2' }));
  });

  app.post('/organisations/:id/meetings/new', async (request, reply) => {
    const organisationId = idParam(request, 'id');
    const form = formOf(request);
    return handleForm(reply, { template: page('form'), context: () => formContext(organisationId, form), dateFields: ['date'] }, async () => {
      const bodyText = text(form.bodyId);
      const bodyId = /^\d{1,9}$/.test(bodyText) ? Number(bodyText) : 0;
      const bodies = await listBodies(deps.db, organisationId);
      // A body of another organisation is "not one of the list", whoever's it is.
      const id = await createMeeting(deps, request.actor, { ...meetingForm(form), bodyId: bodies.some((b) => b.id === bodyId) ? bodyId : 0 });
      return reply.redirect(`/meetings/${id}/manage?done=meeting-created`, 303);
    });
  });

  app.get('/meetings/:id/edit', async (request, reply) => {
    const m = await managedMeeting(app, request);
    return reply.render(page('form'), await formContext(m.organisation.id, formValuesOf(m), m.id));
  });

  app.post('/meetings/:id/edit', async (request, reply) => {
    const m = await managedMeeting(app, request);
    const form = formOf(request);
    return handleForm(reply, { template: page('form'), context: () => formContext(m.organisation.id, form, m.id), dateFields: ['date'] }, async () => {
      await updateMeeting(deps, request.actor, m.id, meetingForm(form));
      return reply.redirect(`/meetings/${m.id}/manage?done=meeting-saved`, 303);
    });
  });

  // ---- the manage page: agenda, papers, publishing, status ----
  const manageContext = async (request: FastifyRequest, values: Record<string, unknown> = {}) => {
    const m = await managedMeeting(app, request);
    return {
      title: `Manage: ${m.title}`,
      ...meetingView(m),
      partLabels,
      purposeItems: itemPurposes.map((p) => ({ value: p, text: purposeLabels[p], checked: values.purpose === p })),
      partItems: itemParts.map((p) => ({ value: p, text: partLabels[p], checked: values.part === p })),
      paperItemItems: selectItems(
        m.items.map((i) => ({ value: i.id, text: `${i.position}. ${i.title}${i.part === 'private' ? ' (private)' : ''}` })),
        values.paperItem,
        'Choose an agenda item',
      ),
      uploadKindsHint,
      started: m.startsAt <= new Date(),
      values,
      errors: {},
    };
  };

  app.get('/meetings/:id/manage', async (request, reply) => reply.render(page('manage'), await manageContext(request)));

  type Run = (request: FastifyRequest, id: number, form: Record<string, unknown>) => Promise<string>;
  type Context = (request: FastifyRequest, values: Record<string, unknown>) => Promise<Record<string, unknown>>;
  /** A form on one of a meeting's staff pages: the action, then where it leads (or the page again with its errors). */
  const formAction = (path: string, template: string, context: Context, run: Run) =>
    app.post(path, async (request, reply) => {
      const id = idParam(request, 'id');
      const form = formOf(request);
      return handleForm(reply, { template, context: () => context(request, form) }, async () => reply.redirect(await run(request, id, form), 303));
    });
  /** A form on the manage page: back to it with the flash message its action names. */
  const manageAction = (path: string, run: Run) =>
    formAction(path, page('manage'), manageContext, async (request, id, form) => `/meetings/${id}/manage?done=${await run(request, id, form)}`);

  manageAction('/meetings/:id/items', async (request, id, form) => {
    await addItem(deps, request.actor, id, {
      title: text(form.itemTitle),
      presenter: text(form.presenter),
      purpose: text(form.purpose),
      part: text(form.part),
    });
    return 'meeting-item-added#agenda';
  });
  manageAction('/meetings/:id/items/:itemId/delete', async (request, id) => {
    await removeItem(deps, request.actor, id, idParam(request, 'itemId'));
    return 'meeting-item-removed#agenda';
  });
  manageAction('/meetings/:id/items/:itemId/up', async (request, id) => {
    await moveItemUp(deps, request.actor, id, idParam(request, 'itemId'));
    return 'meeting-item-moved#agenda';
  });
  manageAction('/meetings/:id/papers', async (request, id, form) => {
    const file = form.file;
    const itemText = text(form.paperItem);
    await addPaper(deps, request.actor, id, {
      itemId: /^\d{1,9}$/.test(itemText) ? Number(itemText) : 0,
      title: text(form.paperTitle),
      fileName: text(form.fileName),
      content: Buffer.isBuffer(file) ? file : null,
    });
    return 'meeting-paper-added#papers';
  });
  manageAction('/meetings/:id/publish-papers', async (request, id) => {
    await publishPapers(deps, request.actor, id);
    deps.kickMail();
    return 'meeting-papers-published';
  });
  manageAction('/meetings/:id/status', async (request, id, form) => {
    const status = text(form.status);
    if (!(meetingStatuses as readonly string[]).includes(status)) throw new NotFoundError();
    await setMeetingStatus(deps, request.actor, id, status as (typeof meetingStatuses)[number]);
    return status === 'cancelled' ? 'meeting-cancelled' : 'meeting-held';
  });

  // ---- questions ----
  const questionsContext = async (request: FastifyRequest, values: Record<string, unknown> = {}) => {
    const m = await managedMeeting(app, request, 'moderate');
    const questions = await questionsForModeration(deps, request.actor, m.id);
    return {
      title: `Questions: ${m.title}`,
      ...meetingView(m),
      waiting: questions.filter((q) => q.status === 'submitted'),
      accepted: questions.filter((q) => q.status === 'accepted'),
      declined: questions.filter((q) => q.status === 'declined'),
      values,
      errors: {},
    };
  };

  app.get('/meetings/:id/questions', async (request, reply) => reply.render(page('questions'), await questionsContext(request)));

  formAction('/meetings/:id/questions/:questionId', page('questions'), questionsContext, async (request, id, form) => {
    const questionId = idParam(request, 'questionId');
    const action = text(form.action);
    await moderateQuestion(deps, request.actor, id, questionId, {
      action,
      reason: text(form[`reason-${questionId}`]),
      answer: text(form[`answer-${questionId}`]),
    });
    deps.kickMail();
    return `/meetings/${id}/questions?done=meeting-question-${action === 'decline' ? 'declined' : action === 'answer' ? 'answered' : 'accepted'}`;
  });

  // ---- registrations ----
  app.get('/meetings/:id/registrations', async (request, reply) => {
    const m = await managedMeeting(app, request, 'registrations');
    const registrations = await registrationsOf(deps, request.actor, m.id);
    return reply.render(page('registrations'), {
      title: `Registrations: ${m.title}`,
      ...meetingView(m),
      registrations,
      inPerson: registrations.filter((r) => r.attendance === 'in_person').length,
      online: registrations.filter((r) => r.attendance === 'online').length,
    });
  });

  app.get('/meetings/:id/registrations.csv', async (request, reply) => {
    const m = await managedMeeting(app, request, 'registrations');
    const registrations = await registrationsOf(deps, request.actor, m.id);
    const rows = [
      ['name', 'email', 'attending', 'access needs', 'registered'],
      ...registrations.map((r) => [r.name, r.email, r.attendance === 'in_person' ? 'in person' : 'online', r.accessNeeds, r.registeredAt.toISOString()]),
    ];
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="meeting-${m.id}-registrations.csv"`).send(toCsv(rows));
  });

  // ---- minutes and decisions ----
  const minutesContext = async (request: FastifyRequest, values: Record<string, unknown> = {}) => {
    const m = await managedMeeting(app, request);
    const consultations = await consultationChoices(deps.db, m.organisation.id);
    return {
      title: `Minutes and decisions: ${m.title}`,
      ...meetingView(m),
      partLabels,
      consultationItems: consultations.map((c) => ({ value: String(c.value), text: c.text })),
      values,
      errors: {},
    };
  };

  app.get('/meetings/:id/minutes', async (request, reply) => reply.render(page('minutes'), await minutesContext(request)));

  formAction('/meetings/:id/items/:itemId/minutes', page('minutes'), minutesContext, async (request, id, form) => {
    const itemId = idParam(request, 'itemId');
    await recordMinutes(deps, request.actor, id, itemId, text(form[`minutes-${itemId}`]));
    return `/meetings/${id}/minutes?done=meeting-minutes-saved#item-${itemId}`;
  });

  formAction('/meetings/:id/items/:itemId/decision', page('minutes'), minutesContext, async (request, id, form) => {
    const itemId = idParam(request, 'itemId');
    await recordItemDecision(deps, request.actor, id, itemId, {
      decided: text(form[`decided-${itemId}`]),
      reasons: text(form[`reasons-${itemId}`]),
      consultationIds: formValues(form, `consultations-${itemId}`).map(Number),
    });
    return `/meetings/${id}/minutes?done=meeting-decision-recorded#item-${itemId}`;
  });
}
