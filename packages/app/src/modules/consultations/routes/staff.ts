// Staff pages of consultations: drafting one and its questions, documents and partners, opening
// and closing it, entering paper and phone answers, the analysis (figures, coding free text, quotes),
// publishing the outcome, and the exports. Every page asks the service, which asks the gate.
import { toCsv } from '../../../platform/csv.js';
import { ForbiddenError, NotFoundError } from '../../../platform/errors.js';
import {
  dateFromParts,
  datePartsOf,
  formOf,
  formValue,
  formValues,
  handleForm,
  idFrom,
  idParam,
  pageNumber,
  paginationOf,
  queryString,
  queryText,
  requireSignInOn,
  selectItems,
  text,
  todayInEngland,
  view,
} from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { getOrganisationSummary, listPlaces, searchOrganisations } from '../../registry/service.js';
import { addDocument } from '../documents.js';
import { type Actor, can } from '../policy.js';
import { aboutYouKeys, aboutYouQuestions, optionsOf, questionKindLabels, questionKinds } from '../questions.js';
import { type Channel, channels, documentVersions, type Phase, phases } from '../schema.js';
import {
  addCode,
  addPartner,
  addQuestion,
  addQuote,
  canManageConsultation,
  codeAnswer,
  codingAgreement,
  consultationFigures,
  createConsultation,
  freeTextAnswers,
  getConsultation,
  listCodes,
  listQuotes,
  publishOutcome,
  removeQuestion,
  setPhase,
  staffAnswerRows,
  submitAnswers,
  updateConsultation,
} from '../service.js';
import { figuresView } from './figuresView.js';
import { formQuestions, phaseTags } from './public.js';

const page = view('consultations');

/** Who is asking (the request, as the context builders need it). */
interface Who {
  actor: Actor;
}
const dateFields = ['opensOn', 'closesOn'];

function consultationValues(form: Record<string, unknown>) {
  return {
    title: text(form.title),
    summary: text(form.summary),
    proposal: text(form.proposal),
    audience: text(form.audience),
    opensOn: dateFromParts(form, 'opensOn'),
    closesOn: dateFromParts(form, 'closesOn'),
    requiresAccount: text(form.requiresAccount) === 'yes',
    placeIds: formValues(form, 'places').map((p) => Number(p)),
  };
}

async function placeItems(db: Parameters<typeof listPlaces>[0], chosen: number[]) {
  const flat: Array<{ value: string; text: string; checked: boolean }> = [];
  const walk = (nodes: Awaited<ReturnType<typeof listPlaces>>, depth: number) => {
    for (const n of nodes) {
      flat.push({ value: String(n.id), text: `${'– '.repeat(depth)}${n.name}`, checked: chosen.includes(n.id) });
      walk(n.children, depth + 1);
    }
  };
  walk(await listPlaces(db), 0);
  return flat;
}

export async function registerStaffConsultationRoutes(app: App): Promise<void> {
  const { deps } = app;
  requireSignInOn(app, [
    /^\/organisations\/[^/]+\/consultations\/new$/,
    /^\/consultations\/[^/]+\/(manage|edit|questions|phase|documents|partners|enter|analysis|codes|coding|quotes|publish|answers\.csv)/,
  ]);

  // ---- drafting ----
  const formContext = async (organisationId: number, values: Record<string, unknown>, consultationId?: number) => ({
    title: consultationId ? 'Change the consultation' : 'Start a consultation',
    organisation: await getOrganisationSummary(deps.db, organisationId),
    consultationId,
    values,
    places: await placeItems(deps.db, (values.placeIds as number[] | undefined) ?? []),
    errors: {},
  });

  app.get('/organisations/:id/consultations/new', async (request, reply) => {
    const organisationId = idParam(request, 'id');
    if (!(await getOrganisationSummary(deps.db, organisationId))) throw new NotFoundError();
    if (!can(request.actor, 'consultation.manage', { organisationId })) throw new ForbiddenError('Only the organisation’s admins start consultations.');
    const today = todayInEngland();
    return reply.render(page('form'), await formContext(organisationId, { ...datePartsOf('opensOn', today), requiresAccount: false }));
  });

  app.post('/organisations/:id/consultations/new', async (request, reply) => {
    const organisationId = idParam(request, 'id');
    const form = formOf(request);
    const values = consultationValues(form);
    return handleForm(
      reply,
      { template: page('form'), context: async () => ({ ...(await formContext(organisationId, { ...form, placeIds: values.placeIds })) }), dateFields },
      async () => {
        const id = await createConsultation(deps, request.actor, { organisationId, ...values });
        return reply.redirect(`/consultations/${id}/manage?done=consultation-created`, 303);
      },
    );
  });

  app.get('/consultations/:id/edit', async (request, reply) => {
    const c = await getConsultation(deps.db, request.actor, idParam(request, 'id'));
    return reply.render(
      page('form'),
      await formContext(
        c.organisation.id,
        { ...c, ...datePartsOf('opensOn', c.opensOn), ...datePartsOf('closesOn', c.closesOn), requiresAccount: c.requiresAccount },
        c.id,
      ),
    );
  });

  app.post('/consultations/:id/edit', async (request, reply) => {
    const c = await getConsultation(deps.db, request.actor, idParam(request, 'id'));
    const form = formOf(request);
    const values = consultationValues(form);
    return handleForm(
      reply,
      { template: page('form'), context: async () => formContext(c.organisation.id, { ...form, placeIds: values.placeIds }, c.id), dateFields },
      async () => {
        await updateConsultation(deps, request.actor, c.id, values);
        return reply.redirect(`/consultations/${c.id}/manage?done=consultation-saved`, 303);
      },
    );
  });

  // ---- the manage page: questions, documents, partners, phase ----
  const manageContext = async (request: Who, id: number, extra: Record<string, unknown> = {}) => {
    const c = await getConsultation(deps.db, request.actor, id);
    const organisations = await searchOrganisations({ db: deps.db }, { pageSize: 100 });
    return {
      title: `Manage: ${c.title}`,
      c,
      tag: phaseTags[c.phase],
      kindItems: questionKinds.map((k) => ({ value: k, text: questionKindLabels[k] })),
      aboutYouItems: aboutYouKeys.map((k) => ({ value: k, text: aboutYouQuestions[k].text })),
      versionItems: documentVersions.map((v) => ({ value: v, text: v.replace(/_/g, ' ') })),
      partnerItems: selectItems(
        organisations.items.filter((o) => o.id !== c.organisation.id).map((o) => ({ value: o.id, text: o.name })),
        '',
        'Choose an organisation',
      ),
      nextPhases: nextPhaseButtons(c.phase),
      values: {},
      errors: {},
      ...extra,
    };
  };

  app.get('/consultations/:id/manage', async (request, reply) => {
    const id = idParam(request, 'id');
    const c = await getConsultation(deps.db, request.actor, id);
    if (!(await canManageConsultation(deps.db, request.actor, c.id))) throw new NotFoundError();
    return reply.render(page('manage'), await manageContext(request, id));
  });

  app.post('/consultations/:id/questions', async (request, reply) => {
    const id = idParam(request, 'id');
    const form = formOf(request);
    const input = {
      kind: text(form.kind),
      text: text(form.text),
      hint: text(form.hint),
      required: text(form.required) === 'yes',
      options: text(form.options)
        .split(/\r?\n/)
        .map((o) => o.trim())
        .filter(Boolean),
      budget: text(form.budget),
      aboutYouKey: text(form.aboutYouKey),
    };
    return handleForm(reply, { template: page('manage'), context: () => manageContext(request, id, { values: form }) }, async () => {
      await addQuestion(deps, request.actor, id, input);
      return reply.redirect(`/consultations/${id}/manage?done=question-added#questions`, 303);
    });
  });

  app.post('/consultations/:id/questions/:questionId/delete', async (request, reply) => {
    const id = idParam(request, 'id');
    return handleForm(reply, { template: page('manage'), context: () => manageContext(request, id) }, async () => {
      await removeQuestion(deps, request.actor, id, idParam(request, 'questionId'));
      return reply.redirect(`/consultations/${id}/manage?done=question-removed#questions`, 303);
    });
  });

  app.post('/consultations/:id/phase', async (request, reply) => {
    const id = idParam(request, 'id');
    const phase = text(formOf(request).phase) as Phase;
    return handleForm(reply, { template: page('manage'), context: () => manageContext(request, id) }, async () => {
      if (!phases.includes(phase)) throw new NotFoundError();
      await setPhase(deps, request.actor, id, phase);
      return reply.redirect(`/consultations/${id}/manage?done=phase-changed`, 303);
    });
  });

  app.post('/consultations/:id/documents', async (request, reply) => {
    const id = idParam(request, 'id');
    const form = formOf(request);
    const file = form.file;
    return handleForm(reply, { template: page('manage'), context: () => manageContext(request, id, { values: form }) }, async () => {
      if (!(await canManageConsultation(deps.db, request.actor, id))) throw new NotFoundError();
      await addDocument(deps.db, id, {
        title: text(form.title),
        version: text(form.version),
        fileName: text(form.fileName) || 'document',
        content: Buffer.isBuffer(file) ? file : null,
      });
      return reply.redirect(`/consultations/${id}/manage?done=document-added#documents`, 303);
    });
  });

  app.post('/consultations/:id/partners', async (request, reply) => {
    const id = idParam(request, 'id');
    return handleForm(reply, { template: page('manage'), context: () => manageContext(request, id) }, async () => {
      await addPartner(deps, request.actor, id, Number(text(formOf(request).partner)));
      return reply.redirect(`/consultations/${id}/manage?done=partner-added#partners`, 303);
    });
  });

  // ---- answers given on paper, by phone or at an event ----
  const enterContext = async (request: Who, id: number, extra: Record<string, unknown> = {}) => {
    const c = await getConsultation(deps.db, request.actor, id);
    return {
      title: `Enter answers: ${c.title}`,
      c,
      questions: formQuestions(c.questions),
      action: `/consultations/${c.id}/enter`,
      onBehalf: true,
      values: {},
      errors: {},
      ...extra,
    };
  };

  app.get('/consultations/:id/enter', async (request, reply) => {
    const id = idParam(request, 'id');
    const c = await getConsultation(deps.db, request.actor, id);
    if (!can(request.actor, 'consultation.enterOnBehalf', { organisationId: c.organisation.id })) throw new NotFoundError();
    return reply.render(
      page('answer'),
      await enterContext(request, id, {
        flash: queryText(request, 'entered')
          ? `Answers saved with the reference ${queryText(request, 'entered')}. Enter the next person's answers below.`
          : undefined,
      }),
    );
  });

  app.post('/consultations/:id/enter', async (request, reply) => {
    const id = idParam(request, 'id');
    const form = formOf(request) as Record<string, string | string[] | undefined>;
    const channel =
      (channels as readonly string[]).includes(formValue(form, 'channel')) && formValue(form, 'channel') !== 'online'
        ? (formValue(form, 'channel') as Channel)
        : 'paper';
    return handleForm(reply, { template: page('answer'), context: () => enterContext(request, id, { values: form }) }, async () => {
      const outcome = await submitAnswers(deps, request.actor, id, { form, channel, notifyEmail: formValue(form, 'notifyEmail') });
      return reply.redirect(`/consultations/${id}/enter?entered=${outcome.status === 'submitted' ? outcome.reference : ''}`, 303);
    });
  });

  // ---- analysis ----
  app.get('/consultations/:id/analysis', async (request, reply) => {
    const c = await getConsultation(deps.db, request.actor, idParam(request, 'id'));
    const filterQuestion = c.questions.find((q) => q.kind === 'about_you' && String(q.id) === queryText(request, 'question'));
    const choice = queryText(request, 'answer');
    const filter = filterQuestion && optionsOf(filterQuestion).includes(choice) ? { questionId: filterQuestion.id, choice } : undefined;
    const figures = await consultationFigures(deps.db, request.actor, c.id, filter);
    const filters = c.questions
      .filter((q) => q.kind === 'about_you')
      .flatMap((q) =>
        optionsOf(q).map((o) => ({
          href: `/consultations/${c.id}/analysis?question=${q.id}&answer=${encodeURIComponent(o)}`,
          text: `${q.text}: ${o}`,
          current: filter?.questionId === q.id && filter.choice === o,
        })),
      );
    return reply.render(page('analysis'), {
      title: `Analysis: ${c.title}`,
      c,
      ...figuresView(figures),
      freeTextQuestions: c.questions.filter((q) => q.kind === 'free_text'),
      filter: filter ? `${filterQuestion?.text}: ${filter.choice}` : null,
      filters,
    });
  });

  /** The coding page's address, on the page of answers being coded. */
  const codingHref = (id: number, questionId: number, pageNumberShown: number, done?: string) =>
    `/consultations/${id}/analysis/questions/${questionId}${queryString({ page: pageNumberShown > 1 ? pageNumberShown : undefined, done })}`;

  const codingContext = async (request: Who, id: number, questionId: number, extra: Record<string, unknown> = {}, askedPage = 1) => {
    const c = await getConsultation(deps.db, request.actor, id);
    const question = c.questions.find((q) => q.id === questionId && q.kind === 'free_text');
    if (!question) throw new NotFoundError();
    const [answers, codes, agreement, quotes] = await Promise.all([
      freeTextAnswers(deps.db, request.actor, id, questionId, askedPage),
      listCodes(deps.db, id),
      codingAgreement(deps.db, id, questionId),
      listQuotes(deps.db, id),
    ]);
    return {
      title: `Code the answers: ${question.text}`,
      c,
      question,
      answers: answers.items,
      answersTotal: answers.total,
      shownPage: answers.page,
      firstShown: (answers.page - 1) * answers.pageSize + 1,
      lastShown: (answers.page - 1) * answers.pageSize + answers.items.length,
      answerPages: paginationOf(answers.page, answers.pageSize, answers.total, (n) => codingHref(id, questionId, n)),
      codes,
      agreement: agreement.agreement === null ? null : { compared: agreement.answersCompared, percent: Math.round(agreement.agreement * 100) },
      quotes,
      values: {},
      errors: {},
      ...extra,
    };
  };

  app.get('/consultations/:id/analysis/questions/:questionId', async (request, reply) => {
    return reply.render(
      page('coding'),
      await codingContext(request, idParam(request, 'id'), idParam(request, 'questionId'), {}, pageNumber(queryText(request, 'page'))),
    );
  });

  app.post('/consultations/:id/codes', async (request, reply) => {
    const id = idParam(request, 'id');
    const form = formOf(request);
    const questionId = idFrom(text(form.questionId));
    return handleForm(reply, { template: page('coding'), context: () => codingContext(request, id, questionId, { values: form }) }, async () => {
      await addCode(deps, request.actor, id, { label: text(form.label), description: text(form.description) });
      return reply.redirect(`/consultations/${id}/analysis/questions/${questionId}?done=code-added`, 303);
    });
  });

  app.post('/consultations/:id/coding', async (request, reply) => {
    const id = idParam(request, 'id');
    const form = formOf(request);
    const questionId = idFrom(text(form.questionId));
    const responseId = idFrom(text(form.responseId));
    await codeAnswer(deps, request.actor, id, { responseId, questionId, codeIds: formValues(form, 'codes').map(Number) });
    return reply.redirect(`${codingHref(id, questionId, pageNumber(text(form.page)), 'answer-coded')}#answer-${responseId}`, 303);
  });

  app.post('/consultations/:id/quotes', async (request, reply) => {
    const id = idParam(request, 'id');
    const form = formOf(request);
    const questionId = idFrom(text(form.questionId));
    return handleForm(reply, { template: page('coding'), context: () => codingContext(request, id, questionId, { values: form }) }, async () => {
      const responseId = /^\d{1,9}$/.test(text(form.responseId)) ? Number(text(form.responseId)) : undefined;
      await addQuote(deps, request.actor, id, { text: text(form.quote), questionId, ...(responseId ? { responseId } : {}) });
      return reply.redirect(`/consultations/${id}/analysis/questions/${questionId}?done=quote-added#quotes`, 303);
    });
  });

  // ---- the outcome ----
  const publishContext = async (request: Who, id: number, extra: Record<string, unknown> = {}) => {
    const c = await getConsultation(deps.db, request.actor, id);
    return { title: `Publish the outcome: ${c.title}`, c, quotes: await listQuotes(deps.db, id), values: {}, errors: {}, ...extra };
  };

  app.get('/consultations/:id/publish', async (request, reply) => {
    return reply.render(page('publish'), await publishContext(request, idParam(request, 'id')));
  });

  app.post('/consultations/:id/publish', async (request, reply) => {
    const id = idParam(request, 'id');
    const form = formOf(request);
    return handleForm(reply, { template: page('publish'), context: () => publishContext(request, id, { values: form }) }, async () => {
      await publishOutcome(deps, request.actor, id, {
        weAsked: text(form.weAsked),
        youSaid: text(form.youSaid),
        weDid: text(form.weDid),
        decisionReasons: text(form.decisionReasons),
      });
      deps.kickMail();
      return reply.redirect(`/consultations/${id}/outcome?done=outcome-published`, 303);
    });
  });

  // ---- exports ----
  app.get('/consultations/:id/answers.csv', async (request, reply) => {
    const id = idParam(request, 'id');
    const { header, rows } = await staffAnswerRows(deps.db, request.actor, id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="consultation-${id}-answers.csv"`)
      .send(toCsv([header, ...rows]));
  });

  app.get('/consultations/:id/figures.csv', async (request, reply) => {
    const id = idParam(request, 'id');
    // Before the outcome only staff see figures: the service refuses others.
    const figures = await consultationFigures(deps.db, request.actor, id);
    const rows: string[][] = [['question', 'answer', 'people', 'share']];
    for (const { question, figures: f } of figures.questions) {
      for (const cell of f.row?.cells ?? []) {
        rows.push([
          `${question.position}. ${question.text}`,
          cell.label,
          cell.count === null ? 'fewer than 10' : String(cell.count),
          cell.share === null ? '' : cell.share.toFixed(3),
        ]);
      }
      for (const s of f.scores ?? []) rows.push([`${question.position}. ${question.text}`, s.label, '', s.value === null ? '' : String(s.value)]);
    }
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="consultation-${id}-figures.csv"`).send(toCsv(rows));
  });
}

function nextPhaseButtons(phase: Phase): Array<{ phase: Phase; text: string }> {
  const labels: Partial<Record<Phase, string>> = { open: 'Open it for answers', closed: 'Close it', analysing: 'Start the analysis' };
  const next: Record<Phase, Phase[]> = { draft: ['open'], open: ['closed'], closed: ['open', 'analysing'], analysing: ['closed'], outcome_published: [] };
  return next[phase].map((p) => ({
    phase: p,
    text: phase === 'closed' && p === 'open' ? 'Open it again' : phase === 'analysing' && p === 'closed' ? 'Back to closed' : (labels[p] ?? p),
  }));
}
