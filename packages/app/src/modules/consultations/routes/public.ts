// Public pages of consultations: the list, a consultation, its documents, answering it (with or
// without an account, saving for later when signed in), and the published outcome.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import { sendDownload } from '../../../platform/uploads.js';
import { errorsFor } from '../../../platform/web/handleForm.js';
import { formOf, formValue, idParam, pageNumber, paginationOf, queryString, queryText, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { documentOf } from '../documents.js';
import { can } from '../policy.js';
import { formFieldsOf, optionsOf, type Question } from '../questions.js';
import type { Phase } from '../schema.js';
import { canManageConsultation, consultationFigures, getConsultation, getOutcome, listConsultations, savedAnswers, submitAnswers } from '../service.js';
import { figuresView } from './figuresView.js';

const page = view('consultations');

export const phaseTags: Record<Phase, { text: string; classes: string }> = {
  draft: { text: 'Draft', classes: 'nhsuk-tag--grey' },
  open: { text: 'Open', classes: 'nhsuk-tag--green' },
  closed: { text: 'Closed', classes: 'nhsuk-tag--orange' },
  analysing: { text: 'Closed: answers being analysed', classes: 'nhsuk-tag--orange' },
  outcome_published: { text: 'Outcome published', classes: 'nhsuk-tag--blue' },
};

/** Questions as the form macro takes them (with the options each offers). */
export function formQuestions(questions: readonly Question[]) {
  return questions.map((q) => ({ ...q, allOptions: optionsOf(q) }));
}

/** How the consultations page groups them, by phase. */
const groupsByPhase = [
  { key: 'open', title: 'Open now', phases: ['open'], empty: 'No consultation is open now.' },
  { key: 'outcomes', title: 'Outcomes published', phases: ['outcome_published'], empty: 'No outcome is published yet.' },
  { key: 'closed', title: 'Closed', phases: ['closed', 'analysing'], empty: 'None.' },
] as const;

export async function registerPublicConsultationRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/consultations', async (request, reply) => {
    const organisation = queryText(request, 'organisation');
    const place = queryText(request, 'place');
    const filter = {
      ...(/^\d{1,9}$/.test(organisation) ? { organisationId: Number(organisation) } : {}),
      ...(/^\d{1,9}$/.test(place) ? { placeId: Number(place) } : {}),
    };
    // Three groups by phase. The overview shows the newest few of each, with a link to all of a
    // group when it has more; a group on its own is paged, so none stops silently at a limit.
    const shown = groupsByPhase.find((g) => g.key === queryText(request, 'show'));
    const query = { organisation: filter.organisationId, place: filter.placeId };
    const groups = await Promise.all(
      (shown ? [shown] : groupsByPhase).map(async (group) => {
        const result = await listConsultations(deps.db, {
          ...filter,
          phases: group.phases,
          page: shown ? pageNumber(queryText(request, 'page')) : 1,
          pageSize: shown ? 20 : 10,
        });
        const hrefFor = (n: number) => `/consultations${queryString({ ...query, show: group.key, page: n })}`;
        return {
          ...group,
          items: result.items,
          total: result.total,
          allHref: !shown && result.total > result.items.length ? hrefFor(1) : null,
          resultPages: shown ? paginationOf(result.page, result.pageSize, result.total, hrefFor) : null,
        };
      }),
    );
    const heading = shown ? `Consultations: ${shown.title.toLowerCase()}` : 'Consultations';
    return reply.render(page('list'), { title: heading, heading, groups, overviewHref: shown ? `/consultations${queryString(query)}` : null });
  });

  app.get('/consultations/:id', async (request, reply) => {
    const c = await getConsultation(deps.db, request.actor, idParam(request, 'id'));
    const tag = phaseTags[c.phase];
    return reply.render(page('consultation'), {
      title: c.title,
      c,
      phaseText: c.takingAnswers ? 'Open' : c.phase === 'open' ? 'Not open yet' : tag.text,
      phaseClass: tag.classes,
      canManage: await canManageConsultation(deps.db, request.actor, c.id),
    });
  });

  app.get('/consultations/:id/documents/:documentId', async (request, reply) => {
    const c = await getConsultation(deps.db, request.actor, idParam(request, 'id'));
    const document = await documentOf(deps.db, c.id, idParam(request, 'documentId'));
    return sendDownload(reply, document);
  });

  /** The answer form: what was typed (values) and its errors; a signed-in person's saved answers. */
  async function showForm(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) {
    const c = await getConsultation(deps.db, request.actor, idParam(request, 'id'));
    let values = (extra.values as Record<string, unknown> | undefined) ?? {};
    if (!extra.values) {
      const saved = await savedAnswers(deps.db, request.actor, c.id);
      for (const q of c.questions) values = { ...values, ...formFieldsOf(q, saved.get(q.id)) };
    }
    return reply.render(page('answer'), {
      title: c.title,
      c,
      questions: formQuestions(c.questions),
      action: `/consultations/${c.id}/answer`,
      signedIn: request.actor.accountId !== null,
      errors: {},
      ...extra,
      values,
    });
  }

  app.get('/consultations/:id/answer', async (request, reply) => {
    const c = await getConsultation(deps.db, request.actor, idParam(request, 'id'));
    if (!c.takingAnswers) return reply.redirect(`/consultations/${c.id}`, 303);
    return showForm(request, reply, { saved: queryText(request, 'saved') === '1' });
  });

  app.post('/consultations/:id/answer', async (request, reply) => {
    const id = idParam(request, 'id');
    const form = formOf(request) as Record<string, string | string[] | undefined>;
    const saveForLater = formValue(form, 'later') === '1';
    try {
      const outcome = await submitAnswers(deps, request.actor, id, { form, saveForLater, notifyEmail: formValue(form, 'notifyEmail') });
      if (outcome.status === 'saved') return reply.redirect(`/consultations/${id}/answer?saved=1`, 303);
      return reply.redirect(`/consultations/${id}/answered?reference=${outcome.reference}`, 303);
    } catch (error) {
      // A rule broken, or a consultation no longer open: the form again, with everything typed.
      if (error instanceof ValidationError) return showForm(request, reply.code(422), { values: form, ...errorsFor(error.fieldErrors) });
      if (error instanceof ConflictError) {
        return showForm(request, reply.code(409), { values: form, errors: {}, errorList: [{ text: error.message, href: '#main-content' }] });
      }
      throw error;
    }
  });

  app.get('/consultations/:id/answered', async (request, reply) => {
    const c = await getConsultation(deps.db, request.actor, idParam(request, 'id'));
    const reference = queryText(request, 'reference');
    if (!/^C-[A-Z0-9]{8}$/.test(reference)) throw new NotFoundError();
    return reply.render(page('answered'), { title: 'Your answers are sent', c, reference });
  });

  app.get('/consultations/:id/outcome', async (request, reply) => {
    const c = await getConsultation(deps.db, request.actor, idParam(request, 'id'));
    const outcome = await getOutcome(deps.db, c.id);
    if (!outcome || c.phase !== 'outcome_published') throw new NotFoundError();
    const figures = await consultationFigures(deps.db, request.actor, c.id);
    return reply.render(page('outcome'), {
      title: `Outcome: ${c.title}`,
      c,
      outcome,
      ...figuresView(figures),
      canAnalyse: can(request.actor, 'consultation.analyse', { organisationId: c.organisation.id }),
    });
  });
}
