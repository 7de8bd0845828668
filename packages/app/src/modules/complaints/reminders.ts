// Reminders to complaints managers: 1 working day before the acknowledgement and the agreed
// response date, again when either is missed, and at six months without a final response. Each is
// sent once: complaint_reminder records what went (a new agreed date gets its own reminders). Run
// by a repeating job; safe to run at any time and as often as wanted.
import type { Db } from '../../platform/database.js';
import { enqueueMail } from '../../platform/mail.js';
import { reminderMail } from './mailText.js';
import { type Contact, communicationNeedsOf, complaintsManagersOf } from './people.js';
import { type Actor, assertCan } from './policy.js';
import type { ComplaintStatus, ReminderKind } from './schema.js';
import type { ComplaintsDeps } from './service.js';
import { extraHolidaysByOrganisation } from './settings.js';
import { acknowledgementDue, openStatuses, sixMonthsAfter, ukDate } from './timeline.js';
import { addWorkingDays } from './workingDays.js';

export interface DueReminder {
  kind: ReminderKind;
  dueOn: string;
}

/** The reminders an open complaint calls for on `today` (before any already sent are left out). Pure. */
export function remindersDue(
  c: { status: ComplaintStatus; receivedOn: string; responseDue: string | null },
  today: string,
  extraHolidays?: ReadonlySet<string>,
): DueReminder[] {
  if (!openStatuses.includes(c.status)) return [];
  const due: DueReminder[] = [];
  const deadline = (dueOn: string, soon: ReminderKind, missed: ReminderKind) => {
    if (today > dueOn) due.push({ kind: missed, dueOn });
    else if (today >= addWorkingDays(dueOn, -1, extraHolidays)) due.push({ kind: soon, dueOn });
  };
  if (c.status === 'received') deadline(acknowledgementDue(c.receivedOn, extraHolidays), 'acknowledgement_due', 'acknowledgement_missed');
  if (c.responseDue) deadline(c.responseDue, 'response_due', 'response_missed');
  const sixMonths = sixMonthsAfter(c.receivedOn);
  if (today >= sixMonths) due.push({ kind: 'six_months', dueOn: sixMonths });
  return due;
}

/**
 * Queue every reminder due at `now` that has not been sent, to every complaints manager of the
 * complaint's organisation. Returns how many reminders were sent (each to all its managers).
 */
export async function sendComplaintReminders(deps: ComplaintsDeps, actor: Actor, now: Date): Promise<number> {
  assertCan(actor, 'complaint.sendReminders');
  const { db } = deps;
  const today = ukDate(now);
  const open = await db
    .selectFrom('complaint')
    .select(['id', 'reference', 'organisation_id', 'complainant_account_id', 'status', 'received_on', 'response_due'])
    .where('status', 'in', [...openStatuses])
    .execute();
  if (!open.length) return 0;
  const holidays = await extraHolidaysByOrganisation(db, [...new Set(open.map((c) => c.organisation_id))]);
  const sent = await db
    .selectFrom('complaint_reminder')
    .select(['complaint_id', 'kind', 'due_on'])
    .where(
      'complaint_id',
      'in',
      open.map((c) => c.id),
    )
    .execute();
  const already = new Set(sent.map((r) => `${r.complaint_id}|${r.kind}|${r.due_on}`));
  const managers = new Map<number, Contact[]>();
  let count = 0;
  for (const c of open) {
    const due = remindersDue({ status: c.status, receivedOn: c.received_on, responseDue: c.response_due }, today, holidays.get(c.organisation_id)).filter(
      (r) => !already.has(`${c.id}|${r.kind}|${r.dueOn}`),
    );
    if (!due.length) continue;
    if (!managers.has(c.organisation_id)) managers.set(c.organisation_id, await complaintsManagersOf(db, c.organisation_id));
    const to = managers.get(c.organisation_id) ?? [];
    // Nobody to tell: leave it unsent, so a complaints manager appointed later still hears of it.
    if (!to.length) continue;
    // The complainant's communication needs go with every reminder, so whoever contacts them meets them.
    const needs = await communicationNeedsOf(db, c.complainant_account_id);
    for (const reminder of due) {
      if (await sendOnce(db, deps.config.publicUrl, c, reminder, to, needs)) count++;
    }
  }
  return count;
}

/** Record the reminder and queue its emails together; nothing if another run got there first. */
async function sendOnce(
  db: Db,
  publicUrl: string,
  c: { id: number; reference: string },
  reminder: DueReminder,
  to: readonly Contact[],
  needs: readonly string[],
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const recorded = await trx
      .insertInto('complaint_reminder')
      .values({ complaint_id: c.id, kind: reminder.kind, due_on: reminder.dueOn })
      .onConflict((oc) => oc.doNothing())
      .returning('complaint_id')
      .executeTakeFirst();
    if (!recorded) return false;
    for (const manager of to) {
      await enqueueMail(trx, reminderMail(manager, reminder.kind, c.reference, reminder.dueOn, `${publicUrl}/complaints/${c.id}`, needs));
    }
    return true;
  });
}
