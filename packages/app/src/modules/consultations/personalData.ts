// The consultations module's part of a person's rights: their answers (with each answer to a
// question). On closing, drafts go; sent answers stay as the consultation's record without their
// account or the address they gave to hear the outcome (the privacy notice).
import type { Db } from '../../platform/database.js';
import type { InvolveModule } from '../../platform/module.js';
import { type Person, withoutOtherAccounts } from '../../platform/rights.js';

export const consultationsRights: Pick<InvolveModule, 'personalData' | 'closeAccount'> = {
  async personalData(db: Db, person: Person) {
    // Answers given signed in, and those given without an account by someone who left their address to hear the outcome.
    const response = await db
      .selectFrom('consultation_response')
      .selectAll()
      .where((eb) => eb.or([eb('account_id', '=', person.accountId), eb(eb.fn('lower', ['notify_email']), '=', person.email.toLowerCase())]))
      .orderBy('id')
      .execute();
    const ids = response.map((r) => r.id);
    const answer = ids.length ? await db.selectFrom('consultation_answer').selectAll().where('response_id', 'in', ids).execute() : [];
    return { consultation_response: withoutOtherAccounts(person, response), consultation_answer: answer };
  },
  async closeAccount(db: Db, person: Person) {
    await db.deleteFrom('consultation_response').where('account_id', '=', person.accountId).where('status', '=', 'draft').execute();
    await db.updateTable('consultation_response').set({ account_id: null, notify_email: null }).where('account_id', '=', person.accountId).execute();
  },
};
