// The following module's part of a person's rights: what they follow, what they were told about and
// the weekly digests sent to them; all of it goes when they close their account.
import type { Db } from '../../platform/database.js';
import type { InvolveModule } from '../../platform/module.js';
import type { Person } from '../../platform/rights.js';

export const followingRights: Pick<InvolveModule, 'personalData' | 'closeAccount'> = {
  async personalData(db: Db, person: Person) {
    const [follow, delivery, digest] = await Promise.all([
      db.selectFrom('follow').selectAll().where('account_id', '=', person.accountId).orderBy('id').execute(),
      db.selectFrom('follow_delivery').selectAll().where('account_id', '=', person.accountId).orderBy('event_id').execute(),
      db.selectFrom('follow_digest').selectAll().where('account_id', '=', person.accountId).orderBy('id').execute(),
    ]);
    const eventIds = delivery.map((d) => d.event_id);
    // The events themselves are public news; listed so the deliveries can be read.
    const event = eventIds.length ? await db.selectFrom('follow_event').selectAll().where('id', 'in', eventIds).orderBy('id').execute() : [];
    return { follow, follow_delivery: delivery, follow_digest: digest, follow_event: event };
  },
  async closeAccount(db: Db, person: Person) {
    for (const table of ['follow_delivery', 'follow_digest', 'follow'] as const)
      await db.deleteFrom(table).where('account_id', '=', person.accountId).execute();
  },
};
