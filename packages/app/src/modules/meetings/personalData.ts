// The meetings module's part of a person's rights: the questions they sent to meetings and their
// registrations to attend (theirs by account, or by the email address they gave). On closing, both
// stay with the meeting's record, as the privacy notice says, without their account.
import type { Db } from '../../platform/database.js';
import type { InvolveModule } from '../../platform/module.js';
import { type Person, withoutOtherAccounts } from '../../platform/rights.js';

export const meetingsRights: Pick<InvolveModule, 'personalData' | 'closeAccount'> = {
  async personalData(db: Db, person: Person) {
    // Both tables say whose a row is the same way (typed as one of them: the rows are passed on as they are).
    const theirs = (table: 'meeting_question' | 'meeting_registration'): Promise<object[]> =>
      db
        .selectFrom(table as 'meeting_registration')
        .selectAll()
        .where((eb) => eb.or([eb('account_id', '=', person.accountId), eb(eb.fn('lower', ['email']), '=', person.email.toLowerCase())]))
        .orderBy('id')
        .execute();
    const [question, registration] = await Promise.all([theirs('meeting_question'), theirs('meeting_registration')]);
    return { meeting_question: withoutOtherAccounts(person, question), meeting_registration: withoutOtherAccounts(person, registration) };
  },
  async closeAccount(db: Db, person: Person) {
    for (const table of ['meeting_question', 'meeting_registration'] as const) {
      await db.updateTable(table).set({ account_id: null }).where('account_id', '=', person.accountId).execute();
    }
  },
};
