// The elections module's part of a person's rights: their entries on electoral rolls (found by their
// email address; the voting code's hash left out, and whether they voted is the day only) and their
// candidacies. Never a ballot: ballots have no link to anyone. On closing, a candidacy stays on the
// record without their account; the rolls are the organisers', kept as long as the result.
import type { Db } from '../../platform/database.js';
import type { InvolveModule } from '../../platform/module.js';
import { type Person, withoutOtherAccounts } from '../../platform/rights.js';

export const electionsRights: Pick<InvolveModule, 'personalData' | 'closeAccount'> = {
  async personalData(db: Db, person: Person) {
    const voter = await db
      .selectFrom('election_voter')
      .select(['id', 'election_id', 'constituency_id', 'member_number', 'name', 'email', 'postal_address', 'code_issued_at', 'code_used_on'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', person.email.toLowerCase()))
      .orderBy('id')
      .execute();
    const voterIds = voter.map((v) => v.id);
    const candidate = await db
      .selectFrom('election_candidate')
      .selectAll()
      .where((eb) =>
        voterIds.length ? eb.or([eb('account_id', '=', person.accountId), eb('voter_id', 'in', voterIds)]) : eb('account_id', '=', person.accountId),
      )
      .orderBy('id')
      .execute();
    return { election_voter: voter, election_candidate: withoutOtherAccounts(person, candidate) };
  },
  async closeAccount(db: Db, person: Person) {
    await db.updateTable('election_candidate').set({ account_id: null }).where('account_id', '=', person.accountId).execute();
  },
};
