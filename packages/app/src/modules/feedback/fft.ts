// The Friends and Family Test: "Overall, how was your experience of our service?", answered on a
// public form or uploaded by staff as CSV (from paper cards or text messages). Published as the
// share positive and negative per month; like NHS England, "don't know" is left out of the shares.
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/database.js';
import { TooManyAttemptsError, ValidationError } from '../../platform/errors.js';
import { takeFromLimit, waitText } from '../../platform/limits.js';
import { organisationSummaryOrNotFound } from '../registry/service.js';
import { fieldLimits, tooLongMessage } from './fieldLimits.js';
import { type Actor, assertCan } from './policy.js';
import { type FftAnswer, fftAnswers } from './schema.js';

export const fftQuestion = 'Overall, how was your experience of our service?';

/** Answers the public form takes from one address in an hour (a ward's shared tablet fits well inside). */
export const fftAnswersPerHour = 20;

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const ukToday = (now: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);

export async function submitFftAnswer(
  deps: { db: Db; now?: () => Date },
  actor: Actor,
  organisationId: number,
  input: { answer: unknown; service?: unknown; freeText?: unknown; address: string },
): Promise<void> {
  assertCan(actor, 'fft.submit');
  const organisation = await organisationSummaryOrNotFound(deps.db, organisationId, 'There is no organisation with that number');
  const answer = text(input.answer);
  const errors: Record<string, string> = {};
  if (!(fftAnswers as readonly string[]).includes(answer)) errors.answer = 'Select how your experience was';
  const service = text(input.service);
  if (service.length > fieldLimits.service) errors.service = tooLongMessage('The service', fieldLimits.service, service.length);
  const freeText = text(input.freeText);
  if (freeText.length > fieldLimits.fftComment) errors.freeText = tooLongMessage('Your comments', fieldLimits.fftComment, freeText.length);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  // Taken in one atomic statement: answers sent at the same moment, to any instance, get at most the limit.
  const taken = await takeFromLimit(deps.db, { key: `fft:address:${input.address}`, limit: fftAnswersPerHour, windowSeconds: 3600 });
  if (!taken.allowed) {
    throw new TooManyAttemptsError(
      `You have sent ${fftAnswersPerHour} answers in the last hour, which is the most we take from one network. Your answer has not been sent: try again in ${waitText(taken.retryAt, deps.now?.())}.`,
    );
  }
  await deps.db
    .insertInto('fft_answer')
    .values({
      organisation_id: organisation.id,
      service: service || null,
      answer: answer as FftAnswer,
      free_text: freeText || null,
      answered_on: ukToday(deps.now?.() ?? new Date()),
      source: 'form',
    })
    .execute();
}

const answerWords: Record<string, FftAnswer> = {
  very_good: 'very_good',
  'very good': 'very_good',
  good: 'good',
  neither: 'neither',
  'neither good nor poor': 'neither',
  poor: 'poor',
  very_poor: 'very_poor',
  'very poor': 'very_poor',
  dont_know: 'dont_know',
  "don't know": 'dont_know',
  'dont know': 'dont_know',
};

/**
 * Upload answers as CSV with columns date (YYYY-MM-DD), answer, and optionally service and comment.
 * Every line is checked first; if any is wrong nothing is saved, and each problem names its line.
 */
export async function uploadFftAnswers(
  deps: { db: Db; now?: () => Date },
  actor: Actor,
  organisationId: number,
  file: { name: string; content: string },
): Promise<{ rows: number }> {
  assertCan(actor, 'fft.upload', { organisationId });
  const organisation = await organisationSummaryOrNotFound(deps.db, organisationId, 'There is no organisation with that number');
  let records: string[][];
  try {
    records = parse(file.content, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw new ValidationError({ file: `The file is not readable CSV: ${error instanceof Error ? error.message : String(error)}` });
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const column = (name: string) => header.indexOf(name);
  if (column('date') < 0 || column('answer') < 0) throw new ValidationError({ file: 'The first line must name the columns, including "date" and "answer"' });
  const today = ukToday(deps.now?.() ?? new Date());
  const problems: string[] = [];
  const rows = records.slice(1).map((record, i) => {
    const line = i + 2;
    const date = record[column('date')] ?? '';
    const answer = answerWords[(record[column('answer')] ?? '').toLowerCase()];
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
      Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
      new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
    ) {
      problems.push(`Line ${line}: the date "${date}" is not a date like 2026-03-31`);
    } else if (date > today) problems.push(`Line ${line}: the date ${date} is in the future`);
    if (!answer)
      problems.push(
        `Line ${line}: the answer "${record[column('answer')] ?? ''}" is not one of very good, good, neither good nor poor, poor, very poor, don't know`,
      );
    const service = column('service') >= 0 ? (record[column('service')] ?? '') : '';
    const comment = column('comment') >= 0 ? (record[column('comment')] ?? '') : '';
    if (service.length > 200) problems.push(`Line ${line}: the service is longer than 200 characters`);
    if (comment.length > 5000) problems.push(`Line ${line}: the comment is longer than 5,000 characters`);
    return { date, answer: answer as FftAnswer, service: service || null, comment: comment || null };
  });
  if (!rows.length) problems.push('The file has no answers under its first line');
  if (problems.length)
    throw new ValidationError({ file: problems.slice(0, 20).join('. ') + (problems.length > 20 ? `. And ${problems.length - 20} more problems` : '') });
  await deps.db.transaction().execute(async (trx) => {
    const upload = await trx
      .insertInto('fft_upload')
      .values({ organisation_id: organisation.id, account_id: actor.accountId as number, file_name: file.name.slice(0, 200), rows: rows.length })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let start = 0; start < rows.length; start += 500) {
      await trx
        .insertInto('fft_answer')
        .values(
          rows.slice(start, start + 500).map((r) => ({
            organisation_id: organisation.id,
            service: r.service,
            answer: r.answer,
            free_text: r.comment,
            answered_on: r.date,
            source: 'upload' as const,
            upload_id: upload.id,
          })),
        )
        .execute();
    }
    await recordAudit(trx, actor, { action: 'fft.upload', subjectType: 'organisation', subjectId: organisation.id, detail: { rows: rows.length } });
  });
  return { rows: rows.length };
}

export interface FftMonth {
  month: string;
  answers: number;
  positive: number | null;
  negative: number | null;
}

/** How many answers of each kind. */
export interface FftCounts {
  answers: number;
  positive: number;
  negative: number;
  dontKnow: number;
}

/** Shares positive and negative, with answers other than "don't know" as the denominator (null with none). */
export function fftShares(month: string, counts: FftCounts): FftMonth {
  const rated = counts.answers - counts.dontKnow;
  return {
    month,
    answers: counts.answers,
    positive: rated ? counts.positive / rated : null,
    negative: rated ? counts.negative / rated : null,
  };
}

/** Share positive and negative per month, newest first, from answers in hand (in one pass). */
export function fftByMonth(answers: ReadonlyArray<{ answeredOn: string; answer: FftAnswer }>): FftMonth[] {
  const months = new Map<string, FftCounts>();
  for (const a of answers) {
    const key = a.answeredOn.slice(0, 7);
    const counts = months.get(key) ?? { answers: 0, positive: 0, negative: 0, dontKnow: 0 };
    months.set(key, counts);
    counts.answers++;
    if (a.answer === 'very_good' || a.answer === 'good') counts.positive++;
    else if (a.answer === 'poor' || a.answer === 'very_poor') counts.negative++;
    else if (a.answer === 'dont_know') counts.dontKnow++;
  }
  return [...months.entries()].sort(([a], [b]) => b.localeCompare(a)).map(([month, counts]) => fftShares(month, counts));
}

/**
 * Every month of an organisation's answers, newest first, counted by the database from the counts
 * per month and answer that triggers keep beside the answers (a few rows a month, however many answers).
 */
export async function fftMonthsOf(db: Db, organisationId: number): Promise<FftMonth[]> {
  const rows = await db
    .selectFrom('fft_month_count')
    .select((eb) => [
      sql<string>`to_char(month, 'YYYY-MM')`.as('month'),
      eb.fn.sum<number>('answers').as('answers'),
      sql<number>`coalesce(sum(answers) filter (where answer in ('very_good', 'good')), 0)`.as('positive'),
      sql<number>`coalesce(sum(answers) filter (where answer in ('poor', 'very_poor')), 0)`.as('negative'),
      sql<number>`coalesce(sum(answers) filter (where answer = 'dont_know'), 0)`.as('dontKnow'),
    ])
    .where('organisation_id', '=', organisationId)
    .groupBy('month')
    .having((eb) => eb.fn.sum('answers'), '>', 0)
    .orderBy('month', 'desc')
    .execute();
  return rows.map((r) =>
    fftShares(r.month, { answers: Number(r.answers), positive: Number(r.positive), negative: Number(r.negative), dontKnow: Number(r.dontKnow) }),
  );
}

export interface FftComment {
  answeredOn: string;
  answer: FftAnswer;
  service: string | null;
  comment: string;
}

/** The latest comments people left with their answers: for the organisation's staff only. */
export async function fftComments(deps: { db: Db }, actor: Actor, organisationId: number, limit = 50): Promise<FftComment[]> {
  assertCan(actor, 'story.staffRead', { organisationId });
  const rows = await deps.db
    .selectFrom('fft_answer')
    .select(['answered_on as answeredOn', 'answer', 'service', 'free_text as comment'])
    .where('organisation_id', '=', organisationId)
    .where('free_text', 'is not', null)
    .orderBy('answered_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, comment: r.comment ?? '' }));
}
