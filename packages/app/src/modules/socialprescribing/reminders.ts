// Reminders of follow-ups that are due: each due follow-up of an open referral is claimed once (one
// statement, `for update skip locked`, so two runs at once never claim the same one) and its link
// worker is emailed a link to the record, in the same transaction. The email names no one: the
// person's details stay on the record, behind the sign-in.
import { sql } from 'kysely';
import { inTransaction } from '../../platform/database.js';
import type { ModuleJob } from '../../platform/module.js';
import { todayInEngland } from '../../platform/web/forms.js';
import { accountContact } from '../accounts/service.js';
import { type Actor, assertCan } from './policy.js';
import { baseUrlOf, mailToLinkWorker, type SocialPrescribingDeps } from './records.js';

/** Claim the due follow-ups and queue a reminder for each; returns how many were sent. */
export async function sendFollowUpReminders(deps: SocialPrescribingDeps, actor: Actor): Promise<number> {
  assertCan(actor, 'referral.remind');
  const today = todayInEngland(deps.now?.() ?? new Date());
  const base = baseUrlOf(deps);
  return inTransaction(deps.db, async (trx) => {
    const claimed = await trx
      .updateTable('referral_follow_up')
      .set({ reminder_sent_at: sql<Date>`now()` })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('referral_follow_up as f')
          .innerJoin('referral as r', 'r.id', 'f.referral_id')
          .select('f.id')
          .where('f.due_on', '<=', today)
          .where('f.done_at', 'is', null)
          .where('f.reminder_sent_at', 'is', null)
          .where('r.state', '<>', 'closed')
          .where('r.link_worker_account_id', 'is not', null)
          .orderBy('f.id')
          .limit(500)
          .forUpdate('f')
          .skipLocked(),
      )
      .where('reminder_sent_at', 'is', null)
      .returning(['id', 'referral_id', 'due_on'])
      .execute();
    if (!claimed.length) return 0;
    const referrals = await trx
      .selectFrom('referral')
      .select(['id', 'link_worker_account_id'])
      .where(
        'id',
        'in',
        claimed.map((c) => c.referral_id),
      )
      .execute();
    const workerOf = new Map(referrals.map((r) => [r.id, r.link_worker_account_id]));
    for (const followUp of [...claimed].sort((a, b) => a.id - b.id)) {
      const workerId = workerOf.get(followUp.referral_id);
      if (workerId === null || workerId === undefined) continue;
      await mailToLinkWorker(trx, await accountContact(trx, workerId), {
        subject: 'A social prescribing follow-up is due',
        line: `A follow-up on your caseload is due (${followUp.due_on}): ${base}/social-prescribing/referrals/${followUp.referral_id}`,
        because: 'You get this because you are the link worker for this referral.',
      });
    }
    return claimed.length;
  });
}

export const followUpReminderJob: ModuleJob = {
  name: 'socialprescribing.followUpReminders',
  everyMs: 600_000,
  run: ({ db, config, actor, now }) => sendFollowUpReminders({ db, config, now: () => now }, actor),
};
