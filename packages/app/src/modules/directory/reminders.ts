// Reminders to keep entries right: when a service was last checked more than 6 months ago, its
// organisation's admins get an email (through the outbox) asking them to check it, once per service
// per 6 months. Each reminder is claimed by one conditional update, so two instances running the job
// at once never send it twice.
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/database.js';
import { enqueueMail, greeting } from '../../platform/mail.js';
import { organisationContacts } from '../accounts/service.js';
import { type Actor, assertCan } from './policy.js';
import { checkDueBefore, checkIntervalMonths } from './records.js';

export interface RemindersDeps {
  db: Db;
  config: Pick<Config, 'publicUrl'>;
}

/** Queue a reminder for every service due one; returns how many services' owners were reminded. */
export async function sendCheckReminders(deps: RemindersDeps, actor: Actor, now: Date = new Date()): Promise<number> {
  assertCan(actor, 'directory.remind');
  const { db } = deps;
  const dueBefore = checkDueBefore(now);
  const remindedBefore = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - checkIntervalMonths, now.getUTCDate(), now.getUTCHours(), now.getUTCMinutes()),
  );
  const due = await db
    .selectFrom('directory_service')
    .select(['id', 'name', 'organisation_id', 'last_checked'])
    .where('last_checked', '<', dueBefore)
    .where('status', '<>', 'defunct')
    .where((eb) => eb.or([eb('check_reminded_at', 'is', null), eb('check_reminded_at', '<', remindedBefore)]))
    .orderBy('last_checked')
    .limit(500)
    .execute();
  const base = deps.config.publicUrl.replace(/\/$/, '');
  let count = 0;
  for (const service of due) {
    const admins = await organisationContacts(db, service.organisation_id, ['admin']);
    // Nobody to tell: leave it, so an admin appointed later still hears of it.
    if (!admins.length) continue;
    const sent = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('directory_service')
        .set({ check_reminded_at: now })
        .where('id', '=', service.id)
        .where((eb) => eb.or([eb('check_reminded_at', 'is', null), eb('check_reminded_at', '<', remindedBefore)]))
        .where('last_checked', '<', dueBefore)
        .returning('id')
        .executeTakeFirst();
      if (!claimed) return false;
      for (const admin of admins) {
        await enqueueMail(trx, {
          to: admin.email,
          subject: `Is this directory entry still right? ${service.name}`,
          text: [
            greeting(admin.name),
            '',
            `“${service.name}” in the community directory was last checked on ${service.last_checked}, more than ${checkIntervalMonths} months ago.`,
            'People find groups and services through it, and social prescribers refer to them, so please check its times, place, contacts and costs.',
            '',
            `If it is still right, open it and choose “Mark as checked”: ${base}/directory/services/${service.id}`,
            `To change it: ${base}/directory/services/${service.id}/edit`,
            '',
            'You get this because you are an admin of the organisation that runs it.',
          ].join('\n'),
        });
      }
      return true;
    });
    if (sent) count++;
  }
  return count;
}
