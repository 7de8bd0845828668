// The consultations module's business actions and its public face: drafting a consultation and its
// questions, opening and closing it, taking answers (online with or without an account, or on paper
// and by phone through staff), the figures, coding free text, quotes and the published outcome.
// Plain data in and out; every action asks the gate first; writes run in one transaction.
import { randomInt } from 'node:crypto';
import { findIdentifiers, redact } from '@involve/deidentify';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { enqueueMail, greeting } from '../../platform/mail.js';
import { formatDate } from '../../platform/views.js';
import { isIsoDate, todayInEngland } from '../../platform/web/forms.js';
import { isRecordId } from '../../platform/web/ids.js';
import { accountNames } from '../accounts/service.js';
import { notifyFollowers } from '../following/service.js';
import { getOrganisationSummary, getPlace, organisationNames } from '../registry/service.js';
import { figuresOf, type QuestionFigures, type Representation, representation } from './analysis.js';
import { type Actor, assertCan, can } from './policy.js';
import {
  type AboutYouKey,
  type AnswerValue,
  aboutYouQuestions,
  checkQuestion,
  populationDimensionOf,
  type Question,
  type QuestionKind,
  readAnswers,
} from './questions.js';
import type { Channel, Phase } from './schema.js';

export interface ConsultationsDeps {
  db: Db;
  config?: Pick<Config, 'publicUrl'>;
}

export interface ConsultationInput {
  organisationId: number;
  title: string;
  summary: string;
  proposal: string;
  audience: string;
  opensOn: string;
  closesOn: string;
  requiresAccount: boolean;
  placeIds: number[];
}

/** A consultation as its pages show it: what staff wrote (ConsultationInput), and where it stands. */
export interface ConsultationDetail extends Omit<ConsultationInput, 'organisationId'> {
  id: number;
  organisation: { id: number; name: string };
  partners: Array<{ id: number; name: string }>;
  phase: Phase;
  questions: Question[];
  documents: Array<{ id: number; title: string; version: string; fileName: string; sizeBytes: number }>;
  /** Whether it takes answers now (open, and not past its closing date). */
  takingAnswers: boolean;
  answers: number;
}

/** Check a consultation as staff write it: the message by field, or nothing. */
export function checkConsultation(input: Omit<ConsultationInput, 'organisationId' | 'placeIds'>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!input.title.trim()) errors.title = 'Enter a title';
  else if (input.title.length > 200) errors.title = 'The title must be 200 characters or fewer';
  if (!input.summary.trim()) errors.summary = 'Enter a summary';
  else if (input.summary.length > 2000) errors.summary = 'The summary must be 2,000 characters or fewer';
  if (input.proposal.length > 20000) errors.proposal = 'The proposal must be 20,000 characters or fewer';
  if (input.audience.length > 1000) errors.audience = 'Who it is for must be 1,000 characters or fewer';
  if (!isIsoDate(input.opensOn)) errors.opensOn = 'Enter the date it opens, like 1 3 2027';
  if (!isIsoDate(input.closesOn)) errors.closesOn = 'Enter the date it closes, like 30 4 2027';
  else if (isIsoDate(input.opensOn) && input.closesOn < input.opensOn) errors.closesOn = 'The closing date must be on or after the opening date';
  return errors;
}

/** The consultation's own columns, as staff wrote them. */
function columnsOf(input: Omit<ConsultationInput, 'organisationId' | 'placeIds'>) {
  return {
    title: input.title.trim(),
    summary: input.summary.trim(),
    proposal: input.proposal.trim(),
    audience: input.audience.trim(),
    opens_on: input.opensOn,
    closes_on: input.closesOn,
    requires_account: input.requiresAccount,
  };
}

export async function createConsultation(deps: ConsultationsDeps, actor: Actor, input: ConsultationInput): Promise<number> {
  assertCan(actor, 'consultation.manage', { organisationId: input.organisationId });
  const errors = checkConsultation(input);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  if (!(await getOrganisationSummary(deps.db, input.organisationId))) throw new NotFoundError();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('consultation')
      .values({
        organisation_id: input.organisationId,
        ...columnsOf(input),
        created_by_account_id: actor.accountId as number,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setPlaces(trx, row.id, input.placeIds);
    await recordAudit(trx, actor, { action: 'consultation.create', subjectType: 'consultation', subjectId: row.id });
    return row.id;
  });
}

async function setPlaces(db: Db, consultationId: number, placeIds: number[]): Promise<void> {
  await db.deleteFrom('consultation_place').where('consultation_id', '=', consultationId).execute();
  const ids = [...new Set(placeIds.filter(isRecordId))];
  const known = [];
  for (const id of ids) if (await getPlace(db, id, { organisationLimit: 0 })) known.push(id);
  if (known.length)
    await db
      .insertInto('consultation_place')
      .values(known.map((place_id) => ({ consultation_id: consultationId, place_id })))
      .execute();
}

export async function updateConsultation(deps: ConsultationsDeps, actor: Actor, id: number, input: Omit<ConsultationInput, 'organisationId'>): Promise<void> {
  const current = await row(deps.db, id);
  assertCan(actor, 'consultation.manage', { organisationId: current.organisation_id }, { hidden: current.phase === 'draft' });
  const errors = checkConsultation(input);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('consultation')
      .set({
        ...columnsOf(input),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await setPlaces(trx, id, input.placeIds);
    await recordAudit(trx, actor, { action: 'consultation.update', subjectType: 'consultation', subjectId: id });
  });
}

/** Another organisation running the consultation too (a care board and a council together). */
export async function addPartner(deps: ConsultationsDeps, actor: Actor, id: number, organisationId: number): Promise<void> {
  const current = await row(deps.db, id);
  assertCan(actor, 'consultation.manage', { organisationId: current.organisation_id });
  if (!isRecordId(organisationId) || !(await getOrganisationSummary(deps.db, organisationId))) throw new ValidationError({ partner: 'Choose an organisation' });
  if (organisationId === current.organisation_id) throw new ValidationError({ partner: 'That organisation already runs this consultation' });
  await deps.db
    .insertInto('consultation_partner')
    .values({ consultation_id: id, organisation_id: organisationId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

async function row(db: Db, id: number) {
  if (!isRecordId(id)) throw new NotFoundError();
  const found = await db.selectFrom('consultation').selectAll().where('id', '=', id).executeTakeFirst();
  if (!found) throw new NotFoundError();
  return found;
}

type ManageAction = 'consultation.manage' | 'consultation.enterOnBehalf' | 'consultation.analyse';

/** Staff of the running organisation or any partner may manage it. */
async function mayManage(db: Db, actor: Actor, consultation: { id: number; organisation_id: number }, action: ManageAction) {
  if (can(actor, action, { organisationId: consultation.organisation_id })) return true;
  const partners = await db.selectFrom('consultation_partner').select('organisation_id').where('consultation_id', '=', consultation.id).execute();
  return partners.some((p) => can(actor, action, { organisationId: p.organisation_id }));
}

/** Refuses, as assertCan does, one who may not take `action` on the consultation (see mayManage). */
async function assertMayManage(
  db: Db,
  actor: Actor,
  consultation: { id: number; organisation_id: number },
  action: ManageAction,
  options?: { hidden: boolean },
) {
  if (!(await mayManage(db, actor, consultation, action))) assertCan(actor, action, { organisationId: consultation.organisation_id }, options);
}

/** The moves between phases staff may make. */
const nextPhases: Record<Phase, Phase[]> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['open', 'analysing'],
  analysing: ['closed'],
  outcome_published: [],
};

export async function setPhase(deps: ConsultationsDeps, actor: Actor, id: number, phase: Phase): Promise<void> {
  const current = await row(deps.db, id);
  await assertMayManage(deps.db, actor, current, 'consultation.manage', { hidden: current.phase === 'draft' });
  if (!nextPhases[current.phase].includes(phase))
    throw new ConflictError(`A consultation that is ${phaseLabel(current.phase)} cannot become ${phaseLabel(phase)}.`);
  if (phase === 'open') {
    const questions = await deps.db.selectFrom('consultation_question').select('id').where('consultation_id', '=', id).execute();
    if (!questions.length) throw new ConflictError('Add at least one question before opening the consultation.');
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('consultation').set({ phase, updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: `consultation.${phase}`, subjectType: 'consultation', subjectId: id });
    // Opened for the first time: followers of its organisations and places hear of it (the following module).
    if (phase === 'open' && current.phase === 'draft') {
      const partners = await trx.selectFrom('consultation_partner').select('organisation_id').where('consultation_id', '=', id).execute();
      const places = await trx.selectFrom('consultation_place').select('place_id').where('consultation_id', '=', id).execute();
      await notifyFollowers(
        { db: trx, config: deps.config },
        {
          about: [
            { kind: 'organisation', id: current.organisation_id },
            ...partners.map((p) => ({ kind: 'organisation' as const, id: p.organisation_id })),
            ...places.map((p) => ({ kind: 'place' as const, id: p.place_id })),
          ],
          topic: 'consultations',
          subject: `New consultation: ${current.title}`,
          summary: `${current.summary}\n\nAnswers are taken from ${formatDate(current.opens_on)} to ${formatDate(current.closes_on)}.`,
          link: `/consultations/${id}`,
        },
      );
    }
  });
}

export function phaseLabel(phase: Phase): string {
  return { draft: 'a draft', open: 'open', closed: 'closed', analysing: 'being analysed', outcome_published: 'finished, with its outcome published' }[phase];
}

export interface QuestionInput {
  kind: string;
  text: string;
  hint: string;
  required: boolean;
  options: string[];
  budget: string;
  aboutYouKey: string;
}

/** Add a question at the end (only while a draft: answers already given must keep their meaning). */
export async function addQuestion(deps: ConsultationsDeps, actor: Actor, id: number, input: QuestionInput): Promise<number> {
  const current = await row(deps.db, id);
  await assertMayManage(deps.db, actor, current, 'consultation.manage', { hidden: true });
  if (current.phase !== 'draft') throw new ConflictError('Questions can be changed only while the consultation is a draft.');
  const errors = checkQuestion(input);
  if (input.hint.length > 1000) errors.hint = 'The hint must be 1,000 characters or fewer';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const kind = input.kind as QuestionKind;
  return deps.db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('consultation_question')
      .select((eb) => eb.fn.max<number>('position').as('position'))
      .where('consultation_id', '=', id)
      .executeTakeFirst();
    const inserted = await trx
      .insertInto('consultation_question')
      .values({
        consultation_id: id,
        position: (last?.position ?? 0) + 1,
        kind,
        text: kind === 'about_you' ? '' : input.text.trim(),
        hint: input.hint.trim() || null,
        required: kind === 'about_you' ? false : input.required,
        options: JSON.stringify(['single_choice', 'multiple_choice', 'ranking', 'allocation'].includes(kind) ? input.options : []),
        budget: kind === 'allocation' ? Number(input.budget) : null,
        about_you_key: kind === 'about_you' ? input.aboutYouKey : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return inserted.id;
  });
}

export async function removeQuestion(deps: ConsultationsDeps, actor: Actor, id: number, questionId: number): Promise<void> {
  const current = await row(deps.db, id);
  await assertMayManage(deps.db, actor, current, 'consultation.manage', { hidden: true });
  if (current.phase !== 'draft') throw new ConflictError('Questions can be changed only while the consultation is a draft.');
  await deps.db.deleteFrom('consultation_question').where('consultation_id', '=', id).where('id', '=', questionId).execute();
}

/** A question as read: its options may come back as JSON text. */
function questionOf(r: Omit<Question, 'options' | 'aboutYouKey'> & { options: string[] | string; about_you_key: string | null }): Question {
  const key = r.about_you_key as AboutYouKey | null;
  return {
    id: r.id,
    position: r.position,
    kind: r.kind,
    text: r.kind === 'about_you' && key ? aboutYouText(key) : r.text,
    hint: r.hint,
    required: r.required,
    options: typeof r.options === 'string' ? (JSON.parse(r.options) as string[]) : r.options,
    budget: r.budget,
    aboutYouKey: key,
  };
}

function aboutYouText(key: AboutYouKey): string {
  return aboutYouQuestions[key]?.text ?? key;
}

export async function questionsOf(db: Db, consultationId: number): Promise<Question[]> {
  const rows = await db.selectFrom('consultation_question').selectAll().where('consultation_id', '=', consultationId).orderBy('position').execute();
  return rows.map(questionOf);
}

/** A consultation as the actor may see it: drafts only for its staff (others get "not found"). */
export async function getConsultation(db: Db, actor: Actor, id: number, today = todayInEngland()): Promise<ConsultationDetail> {
  const c = await row(db, id);
  if (c.phase === 'draft' && !(await mayManage(db, actor, c, 'consultation.manage'))) throw new NotFoundError();
  const [organisation, partnerRows, places, questions, documents, count] = await Promise.all([
    getOrganisationSummary(db, c.organisation_id),
    db.selectFrom('consultation_partner').select('organisation_id').where('consultation_id', '=', id).execute(),
    db.selectFrom('consultation_place').select('place_id').where('consultation_id', '=', id).execute(),
    questionsOf(db, id),
    db
      .selectFrom('consultation_document')
      .select(['id', 'title', 'version', 'file_name', 'size_bytes'])
      .where('consultation_id', '=', id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('consultation_response')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('consultation_id', '=', id)
      .where('status', '=', 'submitted')
      .executeTakeFirstOrThrow(),
  ]);
  const partners = await organisationNames(
    db,
    partnerRows.map((p) => p.organisation_id),
  );
  return {
    id: c.id,
    organisation: { id: c.organisation_id, name: organisation?.name ?? 'Unknown organisation' },
    partners: partners.map((p) => ({ id: p.id, name: p.name })),
    title: c.title,
    summary: c.summary,
    proposal: c.proposal,
    audience: c.audience,
    opensOn: c.opens_on,
    closesOn: c.closes_on,
    phase: c.phase,
    requiresAccount: c.requires_account,
    placeIds: places.map((p) => p.place_id),
    questions,
    documents: documents.map((d) => ({ id: d.id, title: d.title, version: d.version, fileName: d.file_name, sizeBytes: d.size_bytes })),
    takingAnswers: takesAnswers(c, today),
    answers: Number(count.n),
  };
}

function takesAnswers(c: { phase: Phase; opens_on: string; closes_on: string }, today: string): boolean {
  return c.phase === 'open' && today >= c.opens_on && today <= c.closes_on;
}

export interface ConsultationListItem {
  id: number;
  title: string;
  summary: string;
  organisationId: number;
  organisationName: string;
  opensOn: string;
  closesOn: string;
  phase: Phase;
}

/** A page of consultations, with how many there are in all. */
export interface ConsultationPage {
  items: ConsultationListItem[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Consultations the public may see (not drafts), newest first, optionally of one organisation or
 * place or in some phases, a page at a time (pageSize at most 100) with the total, so no list
 * stops silently at a limit.
 */
export async function listConsultations(
  db: Db,
  filter: { organisationId?: number; placeId?: number; phases?: readonly Phase[]; page?: number; pageSize?: number } = {},
): Promise<ConsultationPage> {
  const pageSize = Math.min(Math.max(filter.pageSize ?? 20, 1), 100);
  const page = Math.max(filter.page ?? 1, 1);
  let query = db.selectFrom('consultation').where('phase', '!=', 'draft');
  if (filter.organisationId !== undefined) {
    const organisationId = filter.organisationId;
    query = query.where((eb) =>
      eb.or([
        eb('organisation_id', '=', organisationId),
        eb('id', 'in', eb.selectFrom('consultation_partner').select('consultation_id').where('organisation_id', '=', organisationId)),
      ]),
    );
  }
  if (filter.placeId !== undefined)
    query = query.where('id', 'in', db.selectFrom('consultation_place').select('consultation_id').where('place_id', '=', filter.placeId));
  if (filter.phases) query = query.where('phase', 'in', filter.phases.length ? [...filter.phases] : ['draft']);
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query
      .select(['id', 'title', 'summary', 'organisation_id', 'opens_on', 'closes_on', 'phase'])
      .orderBy('opens_on', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  const names = new Map((await organisationNames(db, [...new Set(rows.map((r) => r.organisation_id))])).map((o) => [o.id, o.name]));
  const items = rows.map((r) => ({
    id: r.id,
    title: r.title,
    summary: r.summary,
    organisationId: r.organisation_id,
    organisationName: names.get(r.organisation_id) ?? '',
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    phase: r.phase,
  }));
  return { items, total: Number(total), page, pageSize };
}

function newReference(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `C-${Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]).join('')}`;
}

export interface AnswerInput {
  form: Record<string, string | string[] | undefined>;
  /** Keep for later (signed in only): required questions are not asked for yet. */
  saveForLater?: boolean;
  /** To be told the outcome. */
  notifyEmail?: string;
  /** Staff entering a paper or phone answer for someone. */
  channel?: Channel;
}

export type AnswerOutcome = { status: 'submitted'; reference: string } | { status: 'saved' };

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Take one person's answers. A consultation that is not open refuses them with a clear message
 * (ConflictError: the page keeps what was typed). Staff entering answers for someone (paper,
 * phone, event) are recorded as having done so.
 */
export async function submitAnswers(deps: ConsultationsDeps, actor: Actor, id: number, input: AnswerInput, today = todayInEngland()): Promise<AnswerOutcome> {
  const c = await row(deps.db, id);
  if (c.phase === 'draft' && !(await mayManage(deps.db, actor, c, 'consultation.manage'))) throw new NotFoundError();
  const onBehalf = input.channel !== undefined && input.channel !== 'online';
  if (onBehalf) await assertMayManage(deps.db, actor, c, 'consultation.enterOnBehalf');
  assertCan(actor, 'consultation.answer');
  if (!takesAnswers(c, today)) {
    const when = today < c.opens_on ? `It opens on ${c.opens_on}.` : `It closed on ${c.closes_on}.`;
    throw new ConflictError(`This consultation is not taking answers. ${when} Your answers have not been sent; they are still on this page.`);
  }
  if (c.requires_account && !onBehalf && actor.accountId === null)
    throw new ConflictError('Sign in to answer this consultation: the organisation asks for an account.');
  if (input.saveForLater && actor.accountId === null) throw new ConflictError('Sign in to save your answers and come back to them.');
  const questions = await questionsOf(deps.db, id);
  const { values, errors } = readAnswers(questions, input.form, { requireRequired: !input.saveForLater });
  const notifyEmail = (input.notifyEmail ?? '').trim();
  if (notifyEmail && (notifyEmail.length > 254 || !emailPattern.test(notifyEmail)))
    errors.notifyEmail = 'Enter an email address in the correct format, like name@example.com';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const accountId = onBehalf ? null : actor.accountId;
  return deps.db.transaction().execute(async (trx) => {
    // A signed-in person's saved answers are one draft per consultation; sending turns it into the answer.
    const draft =
      accountId === null
        ? undefined
        : await trx
            .selectFrom('consultation_response')
            .select('id')
            .where('consultation_id', '=', id)
            .where('account_id', '=', accountId)
            .where('status', '=', 'draft')
            .forUpdate()
            .executeTakeFirst();
    const status = input.saveForLater ? 'draft' : 'submitted';
    let responseId: number;
    const reference = newReference();
    if (draft) {
      responseId = draft.id;
      await trx
        .updateTable('consultation_response')
        .set({ status, submitted_at: status === 'submitted' ? new Date() : null, notify_email: notifyEmail || null, reference })
        .where('id', '=', draft.id)
        .execute();
      await trx.deleteFrom('consultation_answer').where('response_id', '=', draft.id).execute();
    } else {
      const inserted = await trx
        .insertInto('consultation_response')
        .values({
          consultation_id: id,
          account_id: accountId,
          reference,
          channel: input.channel ?? 'online',
          entered_by_account_id: onBehalf ? actor.accountId : null,
          status,
          notify_email: notifyEmail || null,
          submitted_at: status === 'submitted' ? new Date() : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      responseId = inserted.id;
    }
    if (values.size) {
      await trx
        .insertInto('consultation_answer')
        .values([...values].map(([question_id, value]) => ({ response_id: responseId, question_id, value: JSON.stringify(value) })))
        .execute();
    }
    if (onBehalf)
      await recordAudit(trx, actor, {
        action: 'consultation.answer_on_behalf',
        subjectType: 'consultation',
        subjectId: id,
        detail: { channel: input.channel },
      });
    return status === 'draft' ? { status: 'saved' } : { status: 'submitted', reference };
  });
}

/** The signed-in person's saved answers, if any (question id → value). */
export async function savedAnswers(db: Db, actor: Actor, id: number): Promise<Map<number, AnswerValue>> {
  if (actor.accountId === null) return new Map();
  const rows = await db
    .selectFrom('consultation_answer')
    .innerJoin('consultation_response', 'consultation_response.id', 'consultation_answer.response_id')
    .select(['consultation_answer.question_id', 'consultation_answer.value'])
    .where('consultation_response.consultation_id', '=', id)
    .where('consultation_response.account_id', '=', actor.accountId)
    .where('consultation_response.status', '=', 'draft')
    .execute();
  return new Map(rows.map((r) => [r.question_id, parseValue(r.value)]));
}

function parseValue(value: AnswerValue | string): AnswerValue {
  return typeof value === 'string' ? (JSON.parse(value) as AnswerValue) : value;
}

export interface ConsultationFigures {
  answered: number;
  byChannel: Array<{ channel: Channel; count: number }>;
  questions: Array<{ question: Question; figures: QuestionFigures }>;
  /** Who answered against the places' population, per "about you" question asked. */
  representation: Array<{ question: Question; rows: Representation[] }>;
}

/** Answers to the consultation's questions, optionally only from people who gave one "about you" answer. */
async function submittedAnswers(db: Db, id: number, filter?: { questionId: number; choice: string }) {
  let query = db
    .selectFrom('consultation_answer')
    .innerJoin('consultation_response', 'consultation_response.id', 'consultation_answer.response_id')
    .select(['consultation_answer.response_id', 'consultation_answer.question_id', 'consultation_answer.value'])
    .where('consultation_response.consultation_id', '=', id)
    .where('consultation_response.status', '=', 'submitted');
  if (filter) {
    query = query.where(
      'consultation_answer.response_id',
      'in',
      db
        .selectFrom('consultation_answer')
        .select('response_id')
        .where('question_id', '=', filter.questionId)
        .where(sql<string>`value->>'choice'`, '=', filter.choice),
    );
  }
  return (await query.execute()).map((r) => ({ responseId: r.response_id, questionId: r.question_id, value: parseValue(r.value) }));
}

/**
 * The figures: staff who analyse see them at any time; the public once the outcome is published.
 * Every count and share comes through the suppression in analysis.ts.
 */
export async function consultationFigures(db: Db, actor: Actor, id: number, filter?: { questionId: number; choice: string }): Promise<ConsultationFigures> {
  const c = await row(db, id);
  if (c.phase !== 'outcome_published') await assertMayManage(db, actor, c, 'consultation.analyse', { hidden: c.phase === 'draft' });
  const questions = await questionsOf(db, id);
  const answers = await submittedAnswers(db, id, filter);
  const channels = await db
    .selectFrom('consultation_response')
    .select(['channel', (eb) => eb.fn.countAll<number>().as('n')])
    .where('consultation_id', '=', id)
    .where('status', '=', 'submitted')
    .groupBy('channel')
    .execute();
  const responders = new Set(answers.map((a) => a.responseId));
  const places = await db.selectFrom('consultation_place').select('place_id').where('consultation_id', '=', id).execute();
  const population = new Map<string, Map<string, number>>();
  for (const { place_id } of places) {
    const place = await getPlace(db, place_id, { organisationLimit: 0 });
    for (const [dimension, figures] of Object.entries(place?.population ?? {})) {
      const into = population.get(dimension) ?? new Map<string, number>();
      for (const f of figures) into.set(f.category, (into.get(f.category) ?? 0) + f.people);
      population.set(dimension, into);
    }
  }
  const perQuestion = questions.map((question) => ({
    question,
    figures: figuresOf(
      question,
      answers.filter((a) => a.questionId === question.id).map((a) => a.value),
    ),
  }));
  return {
    answered: filter ? responders.size : channels.reduce((n, ch) => n + Number(ch.n), 0),
    byChannel: channels.map((ch) => ({ channel: ch.channel, count: Number(ch.n) })),
    questions: perQuestion,
    representation: perQuestion
      .filter(({ question }) => question.kind === 'about_you' && question.aboutYouKey)
      .map(({ question, figures }) => {
        const dimension = populationDimensionOf[question.aboutYouKey as AboutYouKey];
        const cells = (figures.row?.cells ?? []).map((cell) => ({ label: cell.label, count: 0 }));
        for (const a of answers)
          if (a.questionId === question.id && 'choice' in a.value) {
            const cell = cells.find((x) => x.label === (a.value as { choice: string }).choice);
            if (cell) cell.count++;
          }
        return { question, rows: representation(cells, (dimension && population.get(dimension)) || new Map()) };
      }),
  };
}

/** How many free-text answers the coding page shows at a time. */
export const codingPageSize = 50;

/**
 * Free-text answers to one question, for staff coding them (newest first), with each coder's codes,
 * a page at a time with the total (a consultation may have thousands: every one must be reachable).
 */
export async function freeTextAnswers(db: Db, actor: Actor, id: number, questionId: number, page = 1) {
  const c = await row(db, id);
  await assertMayManage(db, actor, c, 'consultation.analyse', { hidden: true });
  const query = db
    .selectFrom('consultation_answer')
    .innerJoin('consultation_response', 'consultation_response.id', 'consultation_answer.response_id')
    .where('consultation_response.consultation_id', '=', id)
    .where('consultation_response.status', '=', 'submitted')
    .where('consultation_answer.question_id', '=', questionId);
  const [{ total }, answers] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query
      .select(['consultation_answer.response_id', 'consultation_answer.value', 'consultation_response.reference', 'consultation_response.channel'])
      .orderBy('consultation_answer.response_id', 'desc')
      .limit(codingPageSize)
      .offset((Math.max(page, 1) - 1) * codingPageSize)
      .execute(),
  ]);
  const codings = await db
    .selectFrom('consultation_coding')
    .select(['response_id', 'code_id', 'coder_account_id'])
    .where('question_id', '=', questionId)
    .where('response_id', 'in', answers.length ? answers.map((a) => a.response_id) : [0])
    .execute();
  const items = answers.map((a) => {
    const value = parseValue(a.value);
    return {
      responseId: a.response_id,
      reference: a.reference,
      channel: a.channel,
      text: 'text' in value ? value.text : '',
      myCodes: codings.filter((k) => k.response_id === a.response_id && k.coder_account_id === actor.accountId).map((k) => k.code_id),
      coders: new Set(codings.filter((k) => k.response_id === a.response_id).map((k) => k.coder_account_id)).size,
    };
  });
  return { items, total: Number(total), page: Math.max(page, 1), pageSize: codingPageSize };
}

export async function listCodes(db: Db, id: number) {
  return db.selectFrom('consultation_code').select(['id', 'label', 'description']).where('consultation_id', '=', id).orderBy('label').execute();
}

export async function addCode(deps: ConsultationsDeps, actor: Actor, id: number, input: { label: string; description: string }): Promise<number> {
  const c = await row(deps.db, id);
  await assertMayManage(deps.db, actor, c, 'consultation.analyse', { hidden: true });
  const label = input.label.trim();
  if (!label) throw new ValidationError({ label: 'Enter a name for the code' });
  if (label.length > 100) throw new ValidationError({ label: 'The code must be 100 characters or fewer' });
  if (input.description.length > 500) throw new ValidationError({ description: 'The description must be 500 characters or fewer' });
  const existing = await deps.db.selectFrom('consultation_code').select('id').where('consultation_id', '=', id).where('label', '=', label).executeTakeFirst();
  if (existing) throw new ValidationError({ label: `There is already a code called "${label}"` });
  const inserted = await deps.db
    .insertInto('consultation_code')
    .values({ consultation_id: id, label, description: input.description.trim() || null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** The actor's codes for one answer (replacing theirs; another coder's stay, for agreement). */
export async function codeAnswer(
  deps: ConsultationsDeps,
  actor: Actor,
  id: number,
  input: { responseId: number; questionId: number; codeIds: number[] },
): Promise<void> {
  const c = await row(deps.db, id);
  await assertMayManage(deps.db, actor, c, 'consultation.analyse', { hidden: true });
  const codes = new Set((await listCodes(deps.db, id)).map((k) => k.id));
  const chosen = [...new Set(input.codeIds)].filter((k) => codes.has(k));
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('consultation_coding')
      .where('response_id', '=', input.responseId)
      .where('question_id', '=', input.questionId)
      .where('coder_account_id', '=', actor.accountId as number)
      .execute();
    if (chosen.length) {
      await trx
        .insertInto('consultation_coding')
        .values(
          chosen.map((code_id) => ({ response_id: input.responseId, question_id: input.questionId, code_id, coder_account_id: actor.accountId as number })),
        )
        .execute();
    }
  });
}

/**
 * How far two coders agree on the answers both coded: for each answer and code, both applied it
 * or both did not. Returns the answers compared and the share of decisions agreed (null when none).
 */
export async function codingAgreement(db: Db, id: number, questionId: number): Promise<{ answersCompared: number; agreement: number | null }> {
  const rows = await db
    .selectFrom('consultation_coding')
    .select(['response_id', 'code_id', 'coder_account_id'])
    .where('question_id', '=', questionId)
    .execute();
  const codes = (await listCodes(db, id)).map((k) => k.id);
  const byAnswer = new Map<number, Map<number, Set<number>>>();
  for (const r of rows) {
    const coders = byAnswer.get(r.response_id) ?? new Map<number, Set<number>>();
    const set = coders.get(r.coder_account_id) ?? new Set<number>();
    set.add(r.code_id);
    coders.set(r.coder_account_id, set);
    byAnswer.set(r.response_id, coders);
  }
  let compared = 0;
  let agreed = 0;
  let decisions = 0;
  for (const coders of byAnswer.values()) {
    const [first, second] = [...coders.values()];
    if (!first || !second) continue;
    compared++;
    for (const code of codes) {
      decisions++;
      if (first.has(code) === second.has(code)) agreed++;
    }
  }
  return { answersCompared: compared, agreement: decisions ? agreed / decisions : null };
}

/** Choose a quote for the report: identifiers the finder sees are removed before it is kept. */
export async function addQuote(
  deps: ConsultationsDeps,
  actor: Actor,
  id: number,
  input: { text: string; responseId?: number; questionId?: number },
): Promise<{ id: number; text: string; removed: number }> {
  const c = await row(deps.db, id);
  await assertMayManage(deps.db, actor, c, 'consultation.analyse', { hidden: true });
  const text = input.text.trim();
  if (!text) throw new ValidationError({ quote: 'Enter the quote' });
  if (text.length > 2000) throw new ValidationError({ quote: 'A quote must be 2,000 characters or fewer' });
  const spans = findIdentifiers(text);
  const safe = redact(text, spans);
  const inserted = await deps.db
    .insertInto('consultation_quote')
    .values({
      consultation_id: id,
      response_id: input.responseId ?? null,
      question_id: input.questionId ?? null,
      text: safe,
      chosen_by_account_id: actor.accountId as number,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: inserted.id, text: safe, removed: spans.length };
}

export async function listQuotes(db: Db, id: number) {
  return db.selectFrom('consultation_quote').select(['id', 'text']).where('consultation_id', '=', id).orderBy('id').execute();
}

export interface OutcomeInput {
  weAsked: string;
  youSaid: string;
  weDid: string;
  decisionReasons: string;
}

export interface Outcome extends OutcomeInput {
  publishedAt: Date;
  quotes: string[];
}

/**
 * Publish "we asked, you said, we did": the consultation's last phase. Everyone who answered and
 * left an email address is told, by mail queued in the same transaction.
 */
export async function publishOutcome(deps: ConsultationsDeps, actor: Actor, id: number, input: OutcomeInput): Promise<{ told: number }> {
  const c = await row(deps.db, id);
  await assertMayManage(deps.db, actor, c, 'consultation.manage', { hidden: c.phase === 'draft' });
  if (c.phase !== 'analysing' && c.phase !== 'closed') throw new ConflictError('Publish the outcome once the consultation has closed.');
  const errors: Record<string, string> = {};
  const limits: Array<[keyof OutcomeInput, string, number, boolean]> = [
    ['weAsked', 'what you asked', 5000, true],
    ['youSaid', 'what people said', 10000, true],
    ['weDid', 'what you did', 10000, true],
    ['decisionReasons', 'the reasons', 10000, false],
  ];
  for (const [field, name, max, required] of limits) {
    const value = input[field].trim();
    if (required && !value) errors[field] = `Enter ${name}`;
    else if (value.length > max) errors[field] = `${name[0]?.toUpperCase()}${name.slice(1)} must be ${max.toLocaleString('en-GB')} characters or fewer`;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('consultation_outcome')
      .values({
        consultation_id: id,
        we_asked: input.weAsked.trim(),
        you_said: input.youSaid.trim(),
        we_did: input.weDid.trim(),
        decision_reasons: input.decisionReasons.trim(),
        published_by_account_id: actor.accountId as number,
      })
      .execute();
    await trx.updateTable('consultation').set({ phase: 'outcome_published', updated_at: new Date() }).where('id', '=', id).execute();
    const toTell = await trx
      .selectFrom('consultation_response')
      .select(['id', 'notify_email', 'account_id'])
      .where('consultation_id', '=', id)
      .where('status', '=', 'submitted')
      .where('notify_email', 'is not', null)
      .where('told_outcome_at', 'is', null)
      .execute();
    // Greeted by their account's name; an answer given without an account gave no name.
    const names = await accountNames(
      trx,
      toTell.flatMap((r) => (r.account_id === null ? [] : [r.account_id])),
    );
    const link = `${deps.config?.publicUrl ?? ''}/consultations/${id}/outcome`;
    for (const r of toTell) {
      await enqueueMail(trx, {
        to: r.notify_email as string,
        subject: `What happened after "${c.title}"`,
        text: `${greeting(r.account_id === null ? null : names.get(r.account_id))}\n\nThank you for answering the consultation "${c.title}".\n\nThe outcome is published: what we asked, what people said, and what we decided to do.\n\n${link}\n`,
      });
    }
    if (toTell.length)
      await trx
        .updateTable('consultation_response')
        .set({ told_outcome_at: new Date() })
        .where(
          'id',
          'in',
          toTell.map((r) => r.id),
        )
        .execute();
    await recordAudit(trx, actor, { action: 'consultation.publish_outcome', subjectType: 'consultation', subjectId: id, detail: { told: toTell.length } });
    return { told: toTell.length };
  });
}

export async function getOutcome(db: Db, id: number): Promise<Outcome | null> {
  const o = await db.selectFrom('consultation_outcome').selectAll().where('consultation_id', '=', id).executeTakeFirst();
  if (!o) return null;
  const quotes = await listQuotes(db, id);
  return {
    weAsked: o.we_asked,
    youSaid: o.you_said,
    weDid: o.we_did,
    decisionReasons: o.decision_reasons,
    publishedAt: o.published_at,
    quotes: quotes.map((q) => q.text),
  };
}

/** May the actor manage this consultation (its organisation's or a partner's admins)? For showing links. */
export async function canManageConsultation(db: Db, actor: Actor, id: number): Promise<boolean> {
  const c = await row(db, id);
  return mayManage(db, actor, c, 'consultation.manage');
}

/**
 * Every submitted answer for the staff CSV: one row per person, one column per question, with how
 * it was given. No names or account details: the reference identifies the answer.
 */
export async function staffAnswerRows(db: Db, actor: Actor, id: number): Promise<{ header: string[]; rows: string[][] }> {
  const c = await row(db, id);
  await assertMayManage(db, actor, c, 'consultation.analyse', { hidden: true });
  const questions = await questionsOf(db, id);
  const responses = await db
    .selectFrom('consultation_response')
    .select(['id', 'reference', 'channel', 'submitted_at'])
    .where('consultation_id', '=', id)
    .where('status', '=', 'submitted')
    .orderBy('id')
    .execute();
  const answers = await submittedAnswers(db, id);
  const byResponse = new Map<number, Map<number, AnswerValue>>();
  for (const a of answers) {
    const map = byResponse.get(a.responseId) ?? new Map<number, AnswerValue>();
    map.set(a.questionId, a.value);
    byResponse.set(a.responseId, map);
  }
  const show = (value: AnswerValue | undefined): string => {
    if (!value) return '';
    if ('text' in value) return value.text;
    if ('choice' in value) return value.choice;
    if ('choices' in value) return value.choices.join('; ');
    if ('order' in value) return value.order.join(' > ');
    return Object.entries(value.points)
      .map(([o, p]) => `${o}: ${p}`)
      .join('; ');
  };
  return {
    header: ['reference', 'given', 'submitted', ...questions.map((q) => `${q.position}. ${q.text}`)],
    rows: responses.map((r) => [
      r.reference,
      r.channel,
      r.submitted_at ? r.submitted_at.toISOString() : '',
      ...questions.map((q) => show(byResponse.get(r.id)?.get(q.id))),
    ]),
  };
}
