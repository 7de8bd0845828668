// What a complaints manager does with a complaint: acknowledge it (with a letter), agree the response
// date and any extension, investigate, send the final response (with the Ombudsman paragraph), close
// it, record an Ombudsman referral, decide the 12-month time limit, and record its subjects. Each step
// checks the power (others get "not found"), fits the status (or is refused, changing nothing), and
// writes in one transaction with a timeline event and an audit entry.
import type { Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/database.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { enqueueMail, type Recipient } from '../../platform/mail.js';
import type { Database } from '../../platform/schema.js';
import { formatDate } from '../../platform/views.js';
import { getOrganisationSummary } from '../registry/service.js';
import { checkLetterText, composeLetter, fillPlaceholders, type LetterValues, leftoverGuidance } from './letters.js';
import { tooLongMessage } from './limits.js';
import { letterReadyMail } from './mailText.js';
import { communicationNeedsOf, contactOf } from './people.js';
import { type Actor, can } from './policy.js';
import {
  type ComplaintEventKind,
  type ComplaintOutcome,
  type ComplaintStatus,
  type ComplaintSubject,
  complaintOutcomes,
  complaintSubjects,
  type LetterKind,
} from './schema.js';
import { type ComplaintRow, type ComplaintsDeps, complaintResource, limits, loadComplaintRow, nowOf } from './service.js';
import { templateText } from './settings.js';
import { assertStep, type Step, statusAfter, ukDate } from './timeline.js';
import { parseIsoDate } from './workingDays.js';

type Trx = Transaction<Database>;

/** The complaint, if the actor manages complaints for its organisation; otherwise "not found". */
export async function managedComplaint(db: Db, actor: Actor, id: number): Promise<ComplaintRow> {
  const row = await loadComplaintRow(db, id);
  if (!row || !can(actor, 'complaint.manage', complaintResource(row))) throw new ForbiddenError('Not found', true);
  return row;
}

/** The complainant's email address, for a complaints manager who needs to talk to them. */
export async function complainantEmail(deps: ComplaintsDeps, actor: Actor, id: number): Promise<string> {
  const row = await managedComplaint(deps.db, actor, id);
  return (await contactOf(deps.db, row.complainant_account_id)).email;
}

/** What the complaint's managers see of the complainant's communication needs (Accessible Information Standard). */
export interface CommunicationNeedsOnComplaint {
  /** The needs of the person who made the complaint, as they shared them with staff ([] when none or not shared). */
  complainant: string[];
  /** When made for someone else: their name (Involve has no account of theirs, so no needs to show). */
  personName: string | null;
}

/** The communication needs to show a complaints manager on the complaint's page. */
export async function communicationNeedsOnComplaint(deps: ComplaintsDeps, actor: Actor, id: number): Promise<CommunicationNeedsOnComplaint> {
  const row = await managedComplaint(deps.db, actor, id);
  return { complainant: await communicationNeedsOf(deps.db, row.complainant_account_id), personName: row.on_behalf ? row.person_name : null };
}

/** A date field: messages name the field; `label` is how the field reads in a sentence. */
function checkDate(value: string, label: string, required = true): string | null {
  if (!value) return required ? `Enter ${label}` : null;
  if (!parseIsoDate(value)) return `${capitalised(label)} must be a real date, like 15 3 2025`;
  return null;
}

function capitalised(text: string): string {
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}

function checkNote(note: string, emptyMessage: string | null): string | null {
  if (!note.trim()) return emptyMessage;
  if (note.trim().length > limits.note) return tooLongMessage('The note', limits.note);
  return null;
}

/**
 * Run one step: lock the complaint, refuse it (changing nothing) if the status does not allow it,
 * then do the work, move the status on, and record the event and an audit entry.
 */
async function takeStep(
  deps: ComplaintsDeps,
  actor: Actor,
  row: ComplaintRow,
  step: Step,
  event: { kind: ComplaintEventKind; onDate?: string | null; note?: string | null; detail?: Record<string, unknown> },
  work: (trx: Trx, status: ComplaintStatus) => Promise<void> = async () => {},
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('complaint').select('status').where('id', '=', row.id).forUpdate().executeTakeFirstOrThrow();
    const next = statusAfter(step, current.status);
    await work(trx, current.status);
    await trx.updateTable('complaint').set({ status: next, updated_at: new Date() }).where('id', '=', row.id).execute();
    await trx
      .insertInto('complaint_event')
      .values({ complaint_id: row.id, kind: event.kind, account_id: actor.accountId, on_date: event.onDate ?? null, note: event.note ?? null })
      .execute();
    await recordAudit(trx, actor, { action: `complaint.${event.kind}`, subjectType: 'complaint', subjectId: row.id, detail: event.detail ?? {} });
  });
}

// ---- letters ----

export interface LetterDraft {
  kind: LetterKind;
  /** The text to start from: the organisation's template, placeholders not yet filled in. */
  text: string;
}

/** The text a new letter starts from, for the form. */
export async function startLetter(deps: ComplaintsDeps, actor: Actor, id: number, kind: LetterKind): Promise<LetterDraft> {
  const row = await managedComplaint(deps.db, actor, id);
  return { kind, text: (await templateText(deps.db, row.organisation_id, kind)).body };
}

/** The values of a letter's placeholders, signed by the actor (the demo writes its letters with them too). */
export async function letterValues(
  deps: Pick<ComplaintsDeps, 'db'>,
  actor: Actor,
  row: ComplaintRow,
  today: string,
  responseDue: string | null,
): Promise<LetterValues> {
  const [organisation, manager] = await Promise.all([getOrganisationSummary(deps.db, row.organisation_id), contactOf(deps.db, actor.accountId as number)]);
  const values: LetterValues = {
    complainant_name: row.complainant_name,
    on_behalf_of: row.person_name ?? '',
    reference: row.reference,
    organisation_name: organisation?.name ?? '',
    received_date: formatDate(row.received_on),
    acknowledgement_date: formatDate(row.acknowledged_on ?? today),
    today: formatDate(today),
    manager_name: manager.name,
  };
  if (responseDue) values.response_date = formatDate(responseDue);
  values.when_we_will_respond = whenWeWillRespond(responseDue);
  return values;
}

/**
 * The sentence for {{when_we_will_respond}}. The response date is optional at acknowledgement
 * (regulation 13: it is agreed if the complainant accepts the offer to discuss it), so the letter
 * reads right with or without one.
 */
export function whenWeWillRespond(responseDue: string | null): string {
  return responseDue
    ? `We aim to send you our full response by ${formatDate(responseDue)}. If we need more time, we will talk to you and agree a new date with you.`
    : 'We will agree with you when you can expect our full response. You will see the date in your Involve account once it is agreed.';
}

/** Fill in and check a letter; the field errors go under `letter`. */
export function finishLetter(kind: LetterKind, text: string, values: LetterValues, errors: Record<string, string>): string {
  const problem = checkLetterText(text) ?? leftoverGuidance(text);
  if (problem) {
    errors.letter = problem;
    return '';
  }
  const { text: filled, missing } = fillPlaceholders(text, values);
  if (missing.includes('response_date')) {
    errors.letter = `The letter uses {{response_date}}, but no response date has been agreed. ${kind === 'acknowledgement' ? 'Enter the response date' : 'Agree the response date first'}, or use {{when_we_will_respond}} instead, which reads right with or without a date`;
  } else if (missing.length) {
    errors.letter = `The letter uses ${missing.map((m) => `{{${m}}}`).join(', ')}, which has no value yet. Take it out of the letter`;
  }
  return composeLetter(kind, filled);
}

async function storeLetter(
  trx: Trx,
  deps: ComplaintsDeps,
  actor: Actor,
  row: ComplaintRow,
  kind: LetterKind,
  body: string,
  today: string,
  complainant: Recipient,
): Promise<number> {
  const letter = await trx
    .insertInto('complaint_letter')
    .values({ complaint_id: row.id, kind, body, sent_on: today, account_id: actor.accountId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueMail(trx, letterReadyMail(complainant, row.reference, `${deps.config.publicUrl}/account/complaints/${row.id}/letters/${letter.id}`));
  return letter.id;
}

// ---- the steps ----

export async function acknowledgeComplaint(deps: ComplaintsDeps, actor: Actor, id: number, input: { responseDate: string; letter: string }): Promise<void> {
  const row = await managedComplaint(deps.db, actor, id);
  assertStep('acknowledge', row.status);
  const today = ukDate(nowOf(deps));
  const errors: Record<string, string> = {};
  const dateProblem = checkDate(input.responseDate, 'the response date', false);
  if (dateProblem) errors.responseDate = dateProblem;
  else if (input.responseDate && input.responseDate < row.received_on) {
    errors.responseDate = `The response date must be on or after the day the complaint was received, ${formatDate(row.received_on)}`;
  }
  const responseDue = errors.responseDate ? row.response_due : input.responseDate || row.response_due;
  const values = await letterValues(deps, actor, { ...row, acknowledged_on: today }, today, responseDue);
  const body = finishLetter('acknowledgement', input.letter, values, errors);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const complainant = await contactOf(deps.db, row.complainant_account_id);
  await takeStep(deps, actor, row, 'acknowledge', { kind: 'acknowledged', onDate: today }, async (trx) => {
    await trx.updateTable('complaint').set({ acknowledged_on: today, response_due: responseDue }).where('id', '=', row.id).execute();
    if (input.responseDate) {
      await trx
        .insertInto('complaint_event')
        .values({ complaint_id: row.id, kind: 'response_date_agreed', account_id: actor.accountId, on_date: input.responseDate, note: null })
        .execute();
    }
    await storeLetter(trx, deps, actor, row, 'acknowledgement', body, today, complainant);
  });
}

export async function agreeResponseDate(deps: ComplaintsDeps, actor: Actor, id: number, input: { responseDate: string; note: string }): Promise<void> {
  const row = await managedComplaint(deps.db, actor, id);
  assertStep('agreeResponseDate', row.status);
  const errors: Record<string, string> = {};
  const dateProblem = checkDate(input.responseDate, 'the response date');
  if (dateProblem) errors.responseDate = dateProblem;
  else if (input.responseDate < row.received_on) {
    errors.responseDate = `The response date must be on or after the day the complaint was received, ${formatDate(row.received_on)}`;
  }
  const noteProblem = checkNote(input.note, null);
  if (noteProblem) errors.note = noteProblem;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await takeStep(
    deps,
    actor,
    row,
    'agreeResponseDate',
    { kind: 'response_date_agreed', onDate: input.responseDate, note: input.note.trim() || null },
    async (trx) => {
      await trx.updateTable('complaint').set({ response_due: input.responseDate }).where('id', '=', row.id).execute();
    },
  );
}

export async function agreeExtension(deps: ComplaintsDeps, actor: Actor, id: number, input: { responseDate: string; note: string }): Promise<void> {
  const row = await managedComplaint(deps.db, actor, id);
  assertStep('agreeExtension', row.status);
  if (!row.response_due) throw new ValidationError({ responseDate: 'Agree a response date first: there is no date to extend yet' });
  const errors: Record<string, string> = {};
  const dateProblem = checkDate(input.responseDate, 'the new response date');
  if (dateProblem) errors.responseDate = dateProblem;
  else if (input.responseDate <= row.response_due) {
    errors.responseDate = `The new response date must be after the date agreed now, ${formatDate(row.response_due)}`;
  }
  const noteProblem = checkNote(input.note, 'Enter what you agreed with the complainant, and when');
  if (noteProblem) errors.note = noteProblem;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await takeStep(deps, actor, row, 'agreeExtension', { kind: 'extension_agreed', onDate: input.responseDate, note: input.note.trim() }, async (trx) => {
    await trx.updateTable('complaint').set({ response_due: input.responseDate }).where('id', '=', row.id).execute();
  });
}

export async function startInvestigation(deps: ComplaintsDeps, actor: Actor, id: number): Promise<void> {
  const row = await managedComplaint(deps.db, actor, id);
  await takeStep(deps, actor, row, 'startInvestigation', { kind: 'investigation_started', onDate: ukDate(nowOf(deps)) });
}

/** The subjects recorded for a complaint (for a manager's form: check managedComplaint first). */
export async function subjectsOf(db: Db, complaintId: number): Promise<ComplaintSubject[]> {
  const rows = await db.selectFrom('complaint_subject').select('subject').where('complaint_id', '=', complaintId).execute();
  return rows.map((r) => r.subject);
}

function parseSubjects(values: readonly string[], errors: Record<string, string>): ComplaintSubject[] {
  const subjects = [...new Set(values)].filter((v): v is ComplaintSubject => (complaintSubjects as readonly string[]).includes(v));
  if (!subjects.length) errors.subjects = 'Select at least one subject';
  return subjects;
}

async function replaceSubjects(trx: Trx, complaintId: number, subjects: readonly ComplaintSubject[]): Promise<void> {
  await trx.deleteFrom('complaint_subject').where('complaint_id', '=', complaintId).execute();
  if (subjects.length)
    await trx
      .insertInto('complaint_subject')
      .values(subjects.map((subject) => ({ complaint_id: complaintId, subject })))
      .execute();
}

export async function sendFinalResponse(
  deps: ComplaintsDeps,
  actor: Actor,
  id: number,
  input: { outcome: string; subjects: readonly string[]; letter: string },
): Promise<void> {
  const row = await managedComplaint(deps.db, actor, id);
  assertStep('sendFinalResponse', row.status);
  const today = ukDate(nowOf(deps));
  const errors: Record<string, string> = {};
  const outcome = complaintOutcomes.find((o) => o === input.outcome);
  if (!outcome) errors.outcome = 'Select the outcome: upheld, partly upheld or not upheld';
  const subjects = parseSubjects(input.subjects, errors);
  const body = finishLetter('final_response', input.letter, await letterValues(deps, actor, row, today, row.response_due), errors);
  if (Object.keys(errors).length || !outcome) throw new ValidationError(errors);
  const complainant = await contactOf(deps.db, row.complainant_account_id);
  await takeStep(deps, actor, row, 'sendFinalResponse', { kind: 'response_sent', onDate: today, detail: { outcome } }, async (trx) => {
    await trx
      .updateTable('complaint')
      .set({ response_sent_on: today, outcome: outcome as ComplaintOutcome })
      .where('id', '=', row.id)
      .execute();
    await replaceSubjects(trx, row.id, subjects);
    await storeLetter(trx, deps, actor, row, 'final_response', body, today, complainant);
  });
}

export async function sendDelayLetter(deps: ComplaintsDeps, actor: Actor, id: number, input: { letter: string }): Promise<void> {
  const row = await managedComplaint(deps.db, actor, id);
  assertStep('sendDelayLetter', row.status);
  const today = ukDate(nowOf(deps));
  const errors: Record<string, string> = {};
  const body = finishLetter('delay', input.letter, await letterValues(deps, actor, row, today, row.response_due), errors);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const complainant = await contactOf(deps.db, row.complainant_account_id);
  await takeStep(deps, actor, row, 'sendDelayLetter', { kind: 'delay_letter_sent', onDate: today }, async (trx) => {
    await storeLetter(trx, deps, actor, row, 'delay', body, today, complainant);
  });
}

export async function closeComplaint(deps: ComplaintsDeps, actor: Actor, id: number): Promise<void> {
  const row = await managedComplaint(deps.db, actor, id);
  const today = ukDate(nowOf(deps));
  await takeStep(deps, actor, row, 'close', { kind: 'closed', onDate: today }, async (trx) => {
    await trx.updateTable('complaint').set({ closed_on: today }).where('id', '=', row.id).execute();
  });
}

export async function referToOmbudsman(deps: ComplaintsDeps, actor: Actor, id: number, input: { referredOn: string; note: string }): Promise<void> {
  const row = await managedComplaint(deps.db, actor, id);
  assertStep('referToOmbudsman', row.status);
  const today = ukDate(nowOf(deps));
  const errors: Record<string, string> = {};
  const dateProblem = checkDate(input.referredOn, 'the date it was referred');
  if (dateProblem) errors.referredOn = dateProblem;
  else if (input.referredOn > today) errors.referredOn = 'The date it was referred must be today or in the past';
  else if (row.response_sent_on && input.referredOn < row.response_sent_on) {
    errors.referredOn = `The date it was referred must be on or after the final response, ${formatDate(row.response_sent_on)}`;
  }
  const noteProblem = checkNote(input.note, null);
  if (noteProblem) errors.note = noteProblem;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await takeStep(
    deps,
    actor,
    row,
    'referToOmbudsman',
    { kind: 'referred_to_ombudsman', onDate: input.referredOn, note: input.note.trim() || null },
    async (trx) => {
      await trx.updateTable('complaint').set({ ombudsman_referred_on: input.referredOn }).where('id', '=', row.id).execute();
    },
  );
}

export async function decideTimeLimit(deps: ComplaintsDeps, actor: Actor, id: number, input: { waived: string; reason: string }): Promise<void> {
  const row = await managedComplaint(deps.db, actor, id);
  assertStep('decideTimeLimit', row.status);
  const errors: Record<string, string> = {};
  if (!row.late) errors.waived = 'This complaint was made within 12 months, so there is no time limit to decide';
  else if (input.waived !== 'yes' && input.waived !== 'no') errors.waived = 'Select whether the time limit is waived';
  const reasonProblem = checkNote(input.reason, 'Enter why, for example the reason the complaint could not be made sooner');
  if (reasonProblem) errors.reason = reasonProblem.replace('The note', 'The reason');
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const waived = input.waived === 'yes';
  await takeStep(
    deps,
    actor,
    row,
    'decideTimeLimit',
    { kind: 'time_limit_decided', note: `${waived ? 'Time limit waived' : 'Time limit not waived'}: ${input.reason.trim()}`, detail: { waived } },
    async (trx) => {
      await trx.updateTable('complaint').set({ time_limit_waived: waived, time_limit_reason: input.reason.trim() }).where('id', '=', row.id).execute();
    },
  );
}

export async function recordSubjects(deps: ComplaintsDeps, actor: Actor, id: number, input: { subjects: readonly string[] }): Promise<void> {
  const row = await managedComplaint(deps.db, actor, id);
  assertStep('recordSubjects', row.status);
  const errors: Record<string, string> = {};
  const subjects = parseSubjects(input.subjects, errors);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await takeStep(deps, actor, row, 'recordSubjects', { kind: 'subjects_recorded', detail: { subjects } }, async (trx) => {
    await replaceSubjects(trx, row.id, subjects);
  });
}
