// The decisions module's part of a person's rights: the decisions they follow (gone when they close
// their account). Notes on actions are staff's work on the organisation's record, not about them.
import type { Db } from '../../platform/database.js';
import type { InvolveModule } from '../../platform/module.js';
import type { Person } from '../../platform/rights.js';

export const decisionsRights: Pick<InvolveModule, 'personalData' | 'closeAccount'> = {
  async personalData(db: Db, person: Person) {
    return { decision_follower: await db.selectFrom('decision_follower').selectAll().where('account_id', '=', person.accountId).execute() };
  },
  async closeAccount(db: Db, person: Person) {
    await db.deleteFrom('decision_follower').where('account_id', '=', person.accountId).execute();
  },
};
