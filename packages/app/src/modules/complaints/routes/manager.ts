// The complaints manager's pages: their organisations, a complaint with the steps it is ready for,
// and one form per step (letters, dates, the time limit, subjects). Anyone else gets "not found".
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, ForbiddenError } from '../../../platform/errors.js';
import {
  type App,
  dateFromParts,
  datePartsOf,
  formOf,
  formValue,
  formValues,
  handleForm,
  idParam,
  redirectToSignIn,
  selectItems,
} from '../../../platform/web/index.js';
import { organisationNames } from '../../registry/service.js';
import { attachmentKindsText, megabytes } from '../attachments.js';
import { caseWorkOf, contactKindLabels } from '../casework.js';
import { ombudsmanParagraph, placeholderList, usedPlaceholders } from '../letters.js';
import {
  acknowledgeComplaint,
  agreeExtension,
  agreeResponseDate,
  closeComplaint,
  communicationNeedsOnComplaint,
  complainantEmail,
  decideTimeLimit,
  managedComplaint,
  recordSubjects,
  referToOmbudsman,
  sendDelayLetter,
  sendFinalResponse,
  startInvestigation,
  startLetter,
  subjectsOf,
} from '../manage.js';
import { canAnywhere, organisationsWhere } from '../policy.js';
import { complaintOutcomes, complaintSubjects, contactKinds, type LetterKind } from '../schema.js';
import { type ComplaintRow, listViews, viewComplaint } from '../service.js';
import { canTake, letterLabels, outcomeLabels, type Step, stepRefusal, steps, subjectLabels } from '../timeline.js';
import { registerCaseWorkRoutes } from './casework.js';
import { findFormContext, findPageContext } from './finding.js';
import { notFoundUnlessSignedIn, view, viewerName } from './pageHelpers.js';

const outcomeItems = complaintOutcomes.map((value) => ({ value, text: outcomeLabels[value] }));
const subjectItems = complaintSubjects.map((value) => ({ value, text: subjectLabels[value] }));

/** For the form pages: the complaint's reference and link, and a refusal if the step does not fit. */
function stepContext(row: ComplaintRow, step: Step) {
  const refusal = stepRefusal(step, row.status);
  return {
    complaint: { id: row.id, reference: row.reference },
    refusal,
    ...(refusal ? { errors: {}, errorList: [{ text: refusal, href: '#main-content' }] } : {}),
  };
}

export async function registerManagerRoutes(app: App): Promise<void> {
  const { deps } = app;

  /** The complaint for a manager's form, or "not found" (signed-out visitors too). */
  async function managed(request: FastifyRequest): Promise<ComplaintRow> {
    return managedComplaint(deps.db, request.actor, idParam(request, 'id'));
  }

  // ---- landing ----
  app.get('/complaints', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const organisations = await organisationNames(deps.db, organisationsWhere(request.actor, 'complaint.report'));
    const page = { title: 'Complaints', organisations, canFind: canAnywhere(request.actor, 'complaint.manage') };
    if (!page.canFind) return reply.render(view('managed'), page);
    const action = { path: '/complaints' };
    return handleForm(
      reply,
      {
        template: view('managed'),
        context: async () => ({ ...page, ...(await findFormContext(deps, request, action)) }),
        dateFields: ['receivedFrom', 'receivedTo'],
      },
      async () => reply.render(view('managed'), { ...page, ...(await findPageContext(deps, request, action)) }),
    );
  });

  // ---- a complaint, as its manager sees it (with the team's case work) ----
  async function complaintContext(request: FastifyRequest, values: Record<string, unknown> = {}): Promise<Record<string, unknown> | { redirect: string }> {
    const id = idParam(request, 'id');
    const result = await viewComplaint(deps, request.actor, id, { viewerName: viewerName(request), what: 'complaint_page', as: 'complaints_manager' });
    if ('redirect' in result) return { redirect: `/account/complaints/${id}` };
    const [views, email, needs, caseWork] = await Promise.all([
      listViews(deps, request.actor, id),
      complainantEmail(deps, request.actor, id),
      communicationNeedsOnComplaint(deps, request.actor, id),
      caseWorkOf(deps, request.actor, id),
    ]);
    const status = result.complaint.status;
    const available = Object.fromEntries((Object.keys(steps) as Step[]).map((s) => [s, canTake(s, status)]));
    return {
      title: `Complaint ${result.complaint.reference}`,
      complaint: result.complaint,
      complainantEmail: email,
      needs,
      views,
      available,
      caseWork,
      values,
      investigatorItems: selectItems(
        caseWork.investigators.map((m) => ({ value: m.accountId, text: m.name })),
        values.investigator ?? caseWork.investigator?.accountId ?? '',
        'Choose a complaints manager',
      ),
      contactKindItems: contactKinds.map((value) => ({ value, text: contactKindLabels[value] })),
      attachmentHint: `${attachmentKindsText.replace(/^a /, 'A ')}, up to ${megabytes(caseWork.attachmentMaxBytes)}`,
    };
  }

  async function complaintPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}): Promise<FastifyReply> {
    const context = await complaintContext(request);
    if ('redirect' in context) return reply.redirect(context.redirect as string, 303);
    reply.header('cache-control', 'no-store');
    return reply.render(view('manager-complaint'), { ...context, ...extra });
  }

  await registerCaseWorkRoutes(app, async (request, values) => {
    const context = await complaintContext(request, values);
    // The complainant posting to a manager's form never gets here: the form's service says "not found" first.
    if ('redirect' in context) throw new ForbiddenError('Not found', true);
    return context;
  });

  app.get('/complaints/:id', async (request, reply) => notFoundUnlessSignedIn(request, reply) ?? complaintPage(request, reply));

  /** A step with no form (a button on the complaint page): refused steps show the page with the reason. */
  function buttonStep(path: string, action: (request: FastifyRequest) => Promise<void>, done: string) {
    app.post(`/complaints/:id/${path}`, async (request, reply) => {
      try {
        await action(request);
      } catch (error) {
        if (error instanceof ConflictError)
          return complaintPage(request, reply.code(409), { errors: {}, errorList: [{ text: error.message, href: '#actions' }] });
        throw error;
      }
      return reply.redirect(`/complaints/${idParam(request, 'id')}?done=${done}`, 303);
    });
  }
  buttonStep('investigate', (request) => startInvestigation(deps, request.actor, idParam(request, 'id')), 'investigation-started');
  buttonStep('close', (request) => closeComplaint(deps, request.actor, idParam(request, 'id')), 'closed');

  // ---- letters: acknowledgement, final response, delay ----
  const letterSteps: Record<LetterKind, { path: string; step: Step; title: string; done: string }> = {
    acknowledgement: { path: 'acknowledge', step: 'acknowledge', title: 'Acknowledge the complaint', done: 'acknowledged' },
    final_response: { path: 'final-response', step: 'sendFinalResponse', title: 'Send the final response', done: 'final-response-sent' },
    delay: { path: 'delay-letter', step: 'sendDelayLetter', title: 'Send a letter about a delay', done: 'delay-letter-sent' },
  };

  for (const [kind, setup] of Object.entries(letterSteps) as Array<[LetterKind, (typeof letterSteps)[LetterKind]]>) {
    const context = async (row: ComplaintRow, values: Record<string, unknown>) => ({
      title: setup.title,
      kind,
      letterLabel: letterLabels[kind],
      ...stepContext(row, setup.step),
      responseDue: row.response_due,
      values,
      usesResponseDate: usedPlaceholders(String(values.letter ?? '')).includes('response_date'),
      placeholders: placeholderList,
      ombudsmanParagraph: kind === 'final_response' ? ombudsmanParagraph : null,
      outcomeItems,
      subjectItems,
    });

    app.get(`/complaints/:id/${setup.path}`, async (request, reply) => {
      const signedOut = notFoundUnlessSignedIn(request, reply);
      if (signedOut) return signedOut;
      const row = await managed(request);
      const draft = await startLetter(deps, request.actor, row.id, kind);
      const values = { letter: draft.text, subjects: await subjectsOf(deps.db, row.id), ...datePartsOf('responseDate', row.response_due) };
      const page = await context(row, values);
      return reply.code(page.refusal ? 409 : 200).render(view('letter-form'), page);
    });

    app.post(`/complaints/:id/${setup.path}`, async (request, reply) => {
      const row = await managed(request);
      const body = formOf(request);
      const values = {
        letter: formValue(body, 'letter'),
        outcome: formValue(body, 'outcome'),
        subjects: formValues(body, 'subjects'),
        'responseDate-day': formValue(body, 'responseDate-day'),
        'responseDate-month': formValue(body, 'responseDate-month'),
        'responseDate-year': formValue(body, 'responseDate-year'),
      };
      return handleForm(reply, { template: view('letter-form'), context: () => context(row, values), dateFields: ['responseDate'] }, async () => {
        if (kind === 'acknowledgement') {
          await acknowledgeComplaint(deps, request.actor, row.id, { responseDate: dateFromParts(body, 'responseDate'), letter: values.letter });
        } else if (kind === 'final_response') {
          await sendFinalResponse(deps, request.actor, row.id, { outcome: values.outcome, subjects: values.subjects, letter: values.letter });
        } else {
          await sendDelayLetter(deps, request.actor, row.id, { letter: values.letter });
        }
        deps.kickMail();
        return reply.redirect(`/complaints/${row.id}?done=${setup.done}`, 303);
      });
    });
  }

  // ---- dates: the response date, an extension, an Ombudsman referral ----
  const dateSteps = [
    {
      path: 'response-date',
      step: 'agreeResponseDate' as Step,
      field: 'responseDate',
      title: 'Agree the response date',
      dateLegend: 'Date agreed for the final response',
      dateHint: 'The date you agreed with the complainant, for example 30 6 2025. It cannot be before the complaint was received.',
      noteLabel: 'How and when it was agreed (optional)',
      done: 'response-date-agreed',
      run: (request: FastifyRequest, date: string, note: string) =>
        agreeResponseDate(deps, request.actor, idParam(request, 'id'), { responseDate: date, note }),
    },
    {
      path: 'extension',
      step: 'agreeExtension' as Step,
      field: 'responseDate',
      title: 'Record more time agreed with the complainant',
      dateLegend: 'New date for the final response',
      dateHint: 'It must be after the date agreed now.',
      noteLabel: 'What you agreed with the complainant, and when',
      done: 'extension-agreed',
      run: (request: FastifyRequest, date: string, note: string) => agreeExtension(deps, request.actor, idParam(request, 'id'), { responseDate: date, note }),
    },
    {
      path: 'ombudsman',
      step: 'referToOmbudsman' as Step,
      field: 'referredOn',
      title: 'Record a referral to the Ombudsman',
      dateLegend: 'Date the complaint was referred',
      dateHint: 'When the Ombudsman told you, or the complainant told you, that they had taken the complaint to the Ombudsman.',
      noteLabel: 'Notes (optional)',
      done: 'ombudsman-recorded',
      run: (request: FastifyRequest, date: string, note: string) => referToOmbudsman(deps, request.actor, idParam(request, 'id'), { referredOn: date, note }),
    },
  ];

  for (const setup of dateSteps) {
    const context = (row: ComplaintRow, values: Record<string, unknown>) => ({
      ...setup,
      run: undefined,
      ...stepContext(row, setup.step),
      responseDue: row.response_due,
      values,
    });
    app.get(`/complaints/:id/${setup.path}`, async (request, reply) => {
      const signedOut = notFoundUnlessSignedIn(request, reply);
      if (signedOut) return signedOut;
      const row = await managed(request);
      const page = context(row, setup.path === 'response-date' ? datePartsOf('responseDate', row.response_due) : {});
      return reply.code(page.refusal ? 409 : 200).render(view('date-form'), page);
    });
    app.post(`/complaints/:id/${setup.path}`, async (request, reply) => {
      const row = await managed(request);
      const body = formOf(request);
      const values = { ...body, _csrf: undefined };
      return handleForm(reply, { template: view('date-form'), context: () => context(row, values), dateFields: [setup.field] }, async () => {
        await setup.run(request, dateFromParts(body, setup.field), formValue(body, 'note'));
        return reply.redirect(`/complaints/${row.id}?done=${setup.done}`, 303);
      });
    });
  }

  // ---- the 12-month time limit ----
  const timeLimitContext = (row: ComplaintRow, values: Record<string, unknown>) => ({
    title: 'Decide on the 12-month time limit',
    ...stepContext(row, 'decideTimeLimit'),
    eventDate: row.event_date,
    receivedOn: row.received_on,
    values,
  });
  app.get('/complaints/:id/time-limit', async (request, reply) => {
    const signedOut = notFoundUnlessSignedIn(request, reply);
    if (signedOut) return signedOut;
    const row = await managed(request);
    const values = { waived: row.time_limit_waived === null ? '' : row.time_limit_waived ? 'yes' : 'no', reason: row.time_limit_reason ?? '' };
    const page = timeLimitContext(row, values);
    return reply.code(page.refusal ? 409 : 200).render(view('time-limit'), page);
  });
  app.post('/complaints/:id/time-limit', async (request, reply) => {
    const row = await managed(request);
    const values = { waived: formValue(request.body, 'waived'), reason: formValue(request.body, 'reason') };
    return handleForm(reply, { template: view('time-limit'), context: () => timeLimitContext(row, values) }, async () => {
      await decideTimeLimit(deps, request.actor, row.id, values);
      return reply.redirect(`/complaints/${row.id}?done=time-limit-decided`, 303);
    });
  });

  // ---- subjects ----
  const subjectsContext = (row: ComplaintRow, values: Record<string, unknown>) => ({
    title: 'Record what the complaint is about',
    ...stepContext(row, 'recordSubjects'),
    subjectItems,
    values,
  });
  app.get('/complaints/:id/subjects', async (request, reply) => {
    const signedOut = notFoundUnlessSignedIn(request, reply);
    if (signedOut) return signedOut;
    const row = await managed(request);
    return reply.render(view('subjects'), subjectsContext(row, { subjects: await subjectsOf(deps.db, row.id) }));
  });
  app.post('/complaints/:id/subjects', async (request, reply) => {
    const row = await managed(request);
    const values = { subjects: formValues(request.body, 'subjects') };
    return handleForm(reply, { template: view('subjects'), context: () => subjectsContext(row, values) }, async () => {
      await recordSubjects(deps, request.actor, row.id, values);
      return reply.redirect(`/complaints/${row.id}?done=subjects-recorded`, 303);
    });
  });
}
