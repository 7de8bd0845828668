// The complaints module's part of a person's rights: the complaints they made, each with its steps
// and the letters sent. Complaints are kept for 10 years after closing (the NHS Records Management
// Code of Practice, the privacy notice), so closing an account leaves them: the complaint keeps the
// complainant's name as the record needs it, and the account's contact details go with the account.
// The phone number and postal address given on a complaint go too once it is closed; on one still
// open they stay, so the organisation can send the response the regulations require.
import type { Db } from '../../platform/database.js';
import type { InvolveModule } from '../../platform/module.js';
import { type Person, withoutOtherAccounts } from '../../platform/rights.js';
import { openStatuses } from './timeline.js';

export const complaintsRights: Pick<InvolveModule, 'personalData' | 'closeAccount'> = {
  async personalData(db: Db, person: Person) {
    const complaint = await db.selectFrom('complaint').selectAll().where('complainant_account_id', '=', person.accountId).orderBy('id').execute();
    const ids = complaint.map((c) => c.id);
    const [event, letter] = await Promise.all([
      ids.length ? db.selectFrom('complaint_event').selectAll().where('complaint_id', 'in', ids).orderBy('id').execute() : [],
      ids.length ? db.selectFrom('complaint_letter').selectAll().where('complaint_id', 'in', ids).orderBy('id').execute() : [],
    ]);
    return {
      complaint: withoutOtherAccounts(person, complaint),
      complaint_event: withoutOtherAccounts(person, event),
      complaint_letter: withoutOtherAccounts(person, letter),
    };
  },
  async closeAccount(db: Db, person: Person) {
    await db
      .updateTable('complaint')
      .set({ contact_phone: null, postal_address: null, contact_preference: null })
      .where('complainant_account_id', '=', person.accountId)
      .where('status', 'not in', openStatuses)
      .execute();
  },
};
