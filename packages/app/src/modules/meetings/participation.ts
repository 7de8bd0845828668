// The public's part in a meeting: questions sent before the deadline (moderated by staff, the
// accepted ones answered in public without the asker's email), and registrations to attend in
// person or online with access needs, the room's places claimed by one conditional update so two
// instances never over-book it. Names and emails are personal data: only the organisation's staff
// see them, and each look is audited.
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { inTransaction } from '../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { enqueueMail, greeting } from '../../platform/mail.js';
import { isRecordId } from '../../platform/web/ids.js';
import { checkEmail, normaliseEmail } from '../accounts/service.js';
import { type MeetingsDeps, meetingRow, nowOf } from './meetings.js';
import { type Actor, assertCan } from './policy.js';
import { formatLondon, questionsRefusal, registrationRefusal } from './rules.js';
import { type AttendanceMode, attendanceModes, type QuestionStatus } from './schema.js';

function checkPerson(input: { name: string; email: string }, errors: Record<string, string>): void {
  if (!input.name.trim()) errors.name = 'Enter your name';
  else if (input.name.trim().length > 200) errors.name = 'Your name must be 200 characters or fewer';
  const emailError = checkEmail(input.email);
  if (emailError) errors.email = emailError;
}

export interface QuestionInput {
  name: string;
  email: string;
  question: string;
}

/**
 * Send a question to a meeting. Refused (409, with what was typed kept by the form) once questions
 * have closed; the asker is emailed a receipt.
 */
export async function askQuestion(deps: MeetingsDeps, actor: Actor, meetingId: number, input: QuestionInput): Promise<number> {
  assertCan(actor, 'meeting.ask');
  const meeting = await meetingRow(deps.db, meetingId);
  const refusal = questionsRefusal({ status: meeting.status, startsAt: meeting.starts_at, questionDeadline: meeting.question_deadline }, nowOf(deps));
  if (refusal) throw new ConflictError(refusal, 'question');
  const errors: Record<string, string> = {};
  checkPerson(input, errors);
  const question = input.question.trim();
  if (!question) errors.question = 'Enter your question';
  else if (question.length > 3000) errors.question = `Your question must be 3,000 characters or fewer (it is ${question.length.toLocaleString('en-GB')})`;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const link = `${deps.config?.publicUrl ?? ''}/meetings/${meetingId}`;
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('meeting_question')
      .values({ meeting_id: meetingId, name: input.name.trim(), email: normaliseEmail(input.email), account_id: actor.accountId, question })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueMail(trx, {
      to: normaliseEmail(input.email),
      subject: `Your question for "${meeting.title}"`,
      text: `${greeting(input.name.trim())}\n\nThank you for your question for the meeting "${meeting.title}" on ${formatLondon(meeting.starts_at)}.\n\nYour question:\n${question}\n\nStaff read every question. If it is accepted, it is answered at or after the meeting and the answer is published with your name (never your email address) on the meeting's page:\n${link}\n`,
    });
    await recordAudit(trx, actor, { action: 'meeting.ask', subjectType: 'meeting_question', subjectId: row.id, detail: { meetingId } });
    return row.id;
  });
}

export interface ModerationInput {
  /** accept, decline (with a reason), or answer (accepting it, if not already, and publishing the answer). */
  action: string;
  reason: string;
  answer: string;
}

/** Moderate a question; the asker is emailed the outcome (the reason, or where the answer is). */
export async function moderateQuestion(
  deps: MeetingsDeps,
  actor: Actor,
  meetingId: number,
  questionId: number,
  input: ModerationInput,
): Promise<QuestionStatus> {
  const meeting = await meetingRow(deps.db, meetingId);
  assertCan(actor, 'meeting.moderateQuestions', { organisationId: meeting.organisation_id }, { hidden: true });
  if (!isRecordId(questionId)) throw new NotFoundError();
  const question = await deps.db.selectFrom('meeting_question').selectAll().where('meeting_id', '=', meetingId).where('id', '=', questionId).executeTakeFirst();
  if (!question) throw new NotFoundError();
  const errors: Record<string, string> = {};
  const reason = input.reason.trim();
  const answer = input.answer.trim();
  const field = (name: string) => `${name}-${questionId}`;
  if (input.action === 'decline') {
    if (!reason) errors[field('reason')] = 'Enter why the question is declined: the person who asked is told';
    else if (reason.length > 1000) errors[field('reason')] = 'The reason must be 1,000 characters or fewer';
  } else if (input.action === 'answer') {
    if (!answer) errors[field('answer')] = 'Enter the answer';
    else if (answer.length > 10_000) errors[field('answer')] = 'The answer must be 10,000 characters or fewer';
  } else if (input.action !== 'accept') errors[field('action')] = 'Choose to accept, decline or answer the question';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  if (question.status === 'declined' && input.action !== 'accept') throw new ConflictError('This question was declined: accept it first to answer it.');
  const status: QuestionStatus = input.action === 'decline' ? 'declined' : 'accepted';
  const link = `${deps.config?.publicUrl ?? ''}/meetings/${meetingId}#questions`;
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('meeting_question')
      .set({
        status,
        decline_reason: status === 'declined' ? reason : null,
        ...(input.action === 'answer' ? { answer, answered_at: nowOf(deps) } : {}),
        moderated_by_account_id: actor.accountId,
      })
      .where('id', '=', questionId)
      .execute();
    if (input.action === 'decline') {
      await enqueueMail(trx, {
        to: question.email,
        subject: `Your question for "${meeting.title}"`,
        text: `${greeting(question.name)}\n\nYour question for the meeting "${meeting.title}" will not be taken at the meeting.\n\nThe reason: ${reason}\n\nYour question was:\n${question.question}\n`,
      });
    } else if (input.action === 'answer') {
      await enqueueMail(trx, {
        to: question.email,
        subject: `Your question for "${meeting.title}" is answered`,
        text: `${greeting(question.name)}\n\nYour question for the meeting "${meeting.title}" is answered:\n\n${answer}\n\nThe question and answer are on the meeting's page, with your name (never your email address):\n${link}\n`,
      });
    }
    await recordAudit(trx, actor, {
      action: `meeting.question_${input.action}`,
      subjectType: 'meeting_question',
      subjectId: questionId,
      detail: { meetingId },
    });
  });
  return status;
}

export interface QuestionForStaff {
  id: number;
  name: string;
  email: string;
  question: string;
  status: QuestionStatus;
  declineReason: string | null;
  answer: string | null;
  createdAt: Date;
}

/** Every question sent to a meeting, with who asked, for its moderators (oldest first). */
export async function questionsForModeration(deps: MeetingsDeps, actor: Actor, meetingId: number): Promise<QuestionForStaff[]> {
  const meeting = await meetingRow(deps.db, meetingId);
  assertCan(actor, 'meeting.moderateQuestions', { organisationId: meeting.organisation_id }, { hidden: true });
  const rows = await deps.db.selectFrom('meeting_question').selectAll().where('meeting_id', '=', meetingId).orderBy('id').execute();
  return rows.map((q) => ({
    id: q.id,
    name: q.name,
    email: q.email,
    question: q.question,
    status: q.status,
    declineReason: q.decline_reason,
    answer: q.answer,
    createdAt: q.created_at,
  }));
}

export interface RegistrationInput {
  name: string;
  email: string;
  attendance: string;
  accessNeeds: string;
}

/**
 * Register to attend. A place in the room is claimed by one conditional update of the meeting's
 * count, in the same transaction as the registration: when two people (or two instances) take the
 * last place at once, the database lets one through and the other is told the room is full.
 */
export async function registerToAttend(deps: MeetingsDeps, actor: Actor, meetingId: number, input: RegistrationInput): Promise<number> {
  assertCan(actor, 'meeting.register');
  const meeting = await meetingRow(deps.db, meetingId);
  const refusal = registrationRefusal({ status: meeting.status, startsAt: meeting.starts_at }, nowOf(deps));
  if (refusal) throw new ConflictError(refusal);
  const errors: Record<string, string> = {};
  checkPerson(input, errors);
  const attendance = input.attendance as AttendanceMode;
  const modes = attendanceModes.filter((m) => (m === 'in_person' ? meeting.venue !== null : meeting.online_url !== null));
  if (!modes.includes(attendance))
    errors.attendance = modes.length > 1 ? 'Choose whether you will come in person or join online' : 'Choose how you will attend';
  if (input.accessNeeds.trim().length > 2000) errors.accessNeeds = 'Your access needs must be 2,000 characters or fewer';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const email = normaliseEmail(input.email);
  const id = await inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('meeting_registration')
      .values({ meeting_id: meetingId, name: input.name.trim(), email, account_id: actor.accountId, attendance, access_needs: input.accessNeeds.trim() })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new ConflictError(`${email} is already registered for this meeting. To change how you attend, email the organisation.`, 'email');
    if (attendance === 'in_person') {
      const claimed = await sql<{ id: number }>`
        update meeting set places_taken = places_taken + 1
        where id = ${meetingId} and status = 'scheduled' and (capacity is null or places_taken < capacity)
        returning id`.execute(trx);
      if (!claimed.rows.length)
        throw new ConflictError(
          meeting.online_url ? 'Every place in the room is taken. You can still join online.' : 'Every place in the room is taken.',
          'attendance',
        );
    }
    await enqueueMail(trx, {
      to: email,
      subject: `You are registered for "${meeting.title}"`,
      text: `${greeting(input.name.trim())}\n\nYou are registered to attend "${meeting.title}" ${attendance === 'in_person' ? 'in person' : 'online'} on ${formatLondon(meeting.starts_at)}.\n\n${attendance === 'in_person' ? `Where: ${meeting.venue}` : `Join online: ${meeting.online_url}`}\n${meeting.access_arrangements ? `\nAccess: ${meeting.access_arrangements}\n` : ''}\nThe agenda and papers: ${deps.config?.publicUrl ?? ''}/meetings/${meetingId}\n`,
    });
    await recordAudit(trx, actor, { action: 'meeting.register', subjectType: 'meeting_registration', subjectId: row.id, detail: { meetingId, attendance } });
    return row.id;
  });
  return id;
}

export interface RegistrationForStaff {
  name: string;
  email: string;
  attendance: AttendanceMode;
  accessNeeds: string;
  registeredAt: Date;
}

/** Who registered to attend, for the organisation's staff (each look is audited). */
export async function registrationsOf(deps: MeetingsDeps, actor: Actor, meetingId: number): Promise<RegistrationForStaff[]> {
  const meeting = await meetingRow(deps.db, meetingId);
  assertCan(actor, 'meeting.readRegistrations', { organisationId: meeting.organisation_id }, { hidden: true });
  const rows = await deps.db.selectFrom('meeting_registration').selectAll().where('meeting_id', '=', meetingId).orderBy('id').execute();
  await recordAudit(deps.db, actor, { action: 'meeting.read_registrations', subjectType: 'meeting', subjectId: meetingId, detail: { rows: rows.length } });
  return rows.map((r) => ({ name: r.name, email: r.email, attendance: r.attendance, accessNeeds: r.access_needs, registeredAt: r.created_at }));
}
