// The time bank's part of a person's rights: their memberships, offers and requests, the exchanges
// they gave or received in, and their statement (the ledger's entries and the transactions behind
// them). On closing, offers and requests go and the membership shows no name; the ledger is never
// altered, so every balance stays right (the privacy notice).
import type { Db } from '../../platform/database.js';
import type { InvolveModule } from '../../platform/module.js';
import { type Person, type PersonalRows, withoutOtherAccounts } from '../../platform/rights.js';

export const timebankRights: Pick<InvolveModule, 'personalData' | 'closeAccount'> = {
  async personalData(db: Db, person: Person): Promise<PersonalRows> {
    const member = await db.selectFrom('timebank_member').selectAll().where('account_id', '=', person.accountId).orderBy('id').execute();
    const ids = member.map((m) => m.id);
    if (!ids.length) return { timebank_member: member };
    const [listing, exchange, entry] = await Promise.all([
      db.selectFrom('timebank_listing').selectAll().where('member_id', 'in', ids).orderBy('id').execute(),
      db
        .selectFrom('timebank_exchange')
        .selectAll()
        .where((eb) => eb.or([eb('giver_member_id', 'in', ids), eb('receiver_member_id', 'in', ids)]))
        .orderBy('id')
        .execute(),
      db.selectFrom('timebank_entry').selectAll().where('member_id', 'in', ids).orderBy('id').execute(),
    ]);
    const transactionIds = [...new Set(entry.map((e) => e.transaction_id))];
    const transaction = transactionIds.length
      ? await db.selectFrom('timebank_transaction').selectAll().where('id', 'in', transactionIds).orderBy('id').execute()
      : [];
    return {
      timebank_member: member,
      timebank_listing: withoutOtherAccounts(person, listing),
      timebank_exchange: withoutOtherAccounts(person, exchange),
      timebank_transaction: withoutOtherAccounts(person, transaction),
      timebank_entry: entry,
    };
  },
  async closeAccount(db: Db, person: Person) {
    const ids = (await db.selectFrom('timebank_member').select('id').where('account_id', '=', person.accountId).execute()).map((m) => m.id);
    if (!ids.length) return;
    await db.deleteFrom('timebank_listing').where('member_id', 'in', ids).execute();
    await db.updateTable('timebank_member').set({ name: 'Former member' }).where('id', 'in', ids).execute();
  },
};
