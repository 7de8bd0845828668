// Social prescribing's part of a person's rights: their own record (the referral, conversations,
// connections, follow-ups and wellbeing scores), by account or by the email address given when
// they were referred; who wrote each part on the link worker's side is left out. On closing, the
// record stays for the link worker, without the account (8 years after closing, the privacy notice).
import type { Db } from '../../platform/database.js';
import type { InvolveModule } from '../../platform/module.js';
import { type Person, rowsHangingOff, withoutOtherAccounts } from '../../platform/rights.js';

export const socialPrescribingRights: Pick<InvolveModule, 'personalData' | 'closeAccount'> = {
  async personalData(db: Db, person: Person) {
    const referral = await db
      .selectFrom('referral')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('person_account_id', '=', person.accountId),
          eb.and([eb('person_account_id', 'is', null), eb(eb.fn('lower', ['person_email']), '=', person.email.toLowerCase())]),
        ]),
      )
      .orderBy('id')
      .execute();
    const ids = referral.map((r) => r.id);
    const ofReferrals = (table: string) => rowsHangingOff(db, table, 'referral_id', ids);
    const [conversation, connection, followUp, wellbeing] = await Promise.all([
      ofReferrals('referral_conversation'),
      ofReferrals('referral_connection'),
      ofReferrals('referral_follow_up'),
      ofReferrals('referral_wellbeing'),
    ]);
    return {
      referral: withoutOtherAccounts(person, referral),
      referral_conversation: withoutOtherAccounts(person, conversation),
      referral_connection: withoutOtherAccounts(person, connection),
      referral_follow_up: withoutOtherAccounts(person, followUp),
      referral_wellbeing: withoutOtherAccounts(person, wellbeing),
    };
  },
  async closeAccount(db: Db, person: Person) {
    await db.updateTable('referral').set({ person_account_id: null }).where('person_account_id', '=', person.accountId).execute();
  },
};
