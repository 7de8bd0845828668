// Each organisation's complaints settings: its letter templates (edited by its complaints managers,
// defaults otherwise) and its extra holidays (days it is closed beyond the bank holidays, which the
// deadlines skip), kept by its complaints managers or platform admins.
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { checkLetterText, defaultTemplates } from './letters.js';
import { limits, tooLongMessage } from './limits.js';
import { type Actor, assertCan } from './policy.js';
import { type LetterKind, letterKinds } from './schema.js';
import { nonWorkingReason, parseIsoDate } from './workingDays.js';

export function isLetterKind(value: string): value is LetterKind {
  return (letterKinds as readonly string[]).includes(value);
}

// ---- extra holidays ----

/** The organisation's extra holidays as a set of dates, for the working-day calendar. No permission needed: dates only. */
export async function extraHolidaysOf(db: Db, organisationId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('complaint_extra_holiday').select('holiday').where('organisation_id', '=', organisationId).execute();
  return new Set(rows.map((r) => r.holiday));
}

/** Extra holidays of many organisations at once (one query). */
export async function extraHolidaysByOrganisation(db: Db, organisationIds: readonly number[]): Promise<Map<number, Set<string>>> {
  const byOrganisation = new Map<number, Set<string>>();
  if (!organisationIds.length) return byOrganisation;
  const rows = await db
    .selectFrom('complaint_extra_holiday')
    .select(['organisation_id', 'holiday'])
    .where('organisation_id', 'in', [...organisationIds])
    .execute();
  for (const r of rows) {
    const set = byOrganisation.get(r.organisation_id) ?? new Set<string>();
    set.add(r.holiday);
    byOrganisation.set(r.organisation_id, set);
  }
  return byOrganisation;
}

export async function listExtraHolidays(deps: { db: Db }, actor: Actor, organisationId: number): Promise<Array<{ date: string; name: string }>> {
  assertCan(actor, 'complaintHoliday.manage', { organisationId });
  const rows = await deps.db
    .selectFrom('complaint_extra_holiday')
    .select(['holiday', 'name'])
    .where('organisation_id', '=', organisationId)
    .orderBy('holiday')
    .execute();
  return rows.map((r) => ({ date: r.holiday, name: r.name }));
}

export async function addExtraHoliday(deps: { db: Db }, actor: Actor, organisationId: number, input: { date: string; name: string }): Promise<void> {
  assertCan(actor, 'complaintHoliday.manage', { organisationId });
  const errors: Record<string, string> = {};
  const name = input.name.trim();
  if (!input.date) errors.date = 'Enter the date of the holiday';
  else if (!parseIsoDate(input.date)) errors.date = 'The date of the holiday must be a real date, like 24 12 2025';
  else {
    const reason = nonWorkingReason(input.date);
    if (reason) errors.date = `That day is already not a working day (${reason})`;
  }
  if (!name) errors.name = 'Enter a name for the holiday, like Staff training day';
  else if (name.length > limits.holidayName) errors.name = tooLongMessage('The name of the holiday', limits.holidayName);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await deps.db.transaction().execute(async (trx) => {
    const added = await trx
      .insertInto('complaint_extra_holiday')
      .values({ organisation_id: organisationId, holiday: input.date, name, account_id: actor.accountId })
      .onConflict((oc) => oc.doNothing())
      .returning('holiday')
      .executeTakeFirst();
    if (!added) throw new ValidationError({ date: 'That date is already one of your holidays' });
    await recordAudit(trx, actor, { action: 'complaint_holiday.add', subjectType: 'organisation', subjectId: organisationId, detail: { date: input.date } });
  });
}

export async function removeExtraHoliday(deps: { db: Db }, actor: Actor, organisationId: number, date: string): Promise<void> {
  assertCan(actor, 'complaintHoliday.manage', { organisationId });
  if (!parseIsoDate(date)) throw new NotFoundError('That holiday is not on the list');
  await deps.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('complaint_extra_holiday')
      .where('organisation_id', '=', organisationId)
      .where('holiday', '=', date)
      .returning('holiday')
      .executeTakeFirst();
    if (!removed) throw new NotFoundError('That holiday is not on the list');
    await recordAudit(trx, actor, { action: 'complaint_holiday.remove', subjectType: 'organisation', subjectId: organisationId, detail: { date } });
  });
}

// ---- letter templates ----

/** The template text the organisation uses for a kind of letter (its own, or the default). No permission: used to start a letter. */
export async function templateText(db: Db, organisationId: number, kind: LetterKind): Promise<{ body: string; isDefault: boolean }> {
  const row = await db
    .selectFrom('complaint_letter_template')
    .select('body')
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row ? { body: row.body, isDefault: false } : { body: defaultTemplates[kind], isDefault: true };
}

export async function getLetterTemplates(
  deps: { db: Db },
  actor: Actor,
  organisationId: number,
): Promise<Array<{ kind: LetterKind; body: string; isDefault: boolean }>> {
  assertCan(actor, 'complaintTemplate.manage', { organisationId });
  return Promise.all(letterKinds.map(async (kind) => ({ kind, ...(await templateText(deps.db, organisationId, kind)) })));
}

export async function getLetterTemplate(deps: { db: Db }, actor: Actor, organisationId: number, kind: LetterKind) {
  assertCan(actor, 'complaintTemplate.manage', { organisationId });
  return templateText(deps.db, organisationId, kind);
}

export async function saveLetterTemplate(deps: { db: Db }, actor: Actor, organisationId: number, kind: LetterKind, body: string): Promise<void> {
  assertCan(actor, 'complaintTemplate.manage', { organisationId });
  const problem = checkLetterText(body, 'The template');
  if (problem) throw new ValidationError({ body: problem });
  const text = body.replace(/\r\n/g, '\n').trimEnd();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('complaint_letter_template')
      .values({ organisation_id: organisationId, kind, body: text, account_id: actor.accountId })
      .onConflict((oc) => oc.columns(['organisation_id', 'kind']).doUpdateSet({ body: text, account_id: actor.accountId, updated_at: new Date() }))
      .execute();
    await recordAudit(trx, actor, { action: 'complaint_template.save', subjectType: 'organisation', subjectId: organisationId, detail: { kind } });
  });
}

/** Go back to Involve's default template. */
export async function resetLetterTemplate(deps: { db: Db }, actor: Actor, organisationId: number, kind: LetterKind): Promise<void> {
  assertCan(actor, 'complaintTemplate.manage', { organisationId });
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('complaint_letter_template').where('organisation_id', '=', organisationId).where('kind', '=', kind).execute();
    await recordAudit(trx, actor, { action: 'complaint_template.reset', subjectType: 'organisation', subjectId: organisationId, detail: { kind } });
  });
}
