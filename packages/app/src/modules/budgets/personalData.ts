// The budgets module's part of a person's rights: projects they proposed, their supports and
// comments, where they are on a roll of who may vote, and the roll of who has voted (never how:
// ballots have no link to anyone, so none is here; a receipt reaches the voter only by email, in
// the platform's part). On closing, supports go; projects and comments stay without their account;
// the rolls stay as long as the result (the privacy notice).
import type { Db } from '../../platform/database.js';
import type { InvolveModule } from '../../platform/module.js';
import { type Person, withoutOtherAccounts } from '../../platform/rights.js';

export const budgetsRights: Pick<InvolveModule, 'personalData' | 'closeAccount'> = {
  async personalData(db: Db, person: Person) {
    const [project, support, comment, eligible, voter] = await Promise.all([
      db.selectFrom('budget_project').selectAll().where('proposed_by_account_id', '=', person.accountId).orderBy('id').execute(),
      db.selectFrom('budget_project_support').selectAll().where('account_id', '=', person.accountId).execute(),
      db.selectFrom('budget_project_comment').selectAll().where('account_id', '=', person.accountId).orderBy('id').execute(),
      db
        .selectFrom('budget_eligible_person')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['email']), '=', person.email.toLowerCase()))
        .execute(),
      db.selectFrom('budget_voter').selectAll().where('voter_key', '=', `account:${person.accountId}`).execute(),
    ]);
    return {
      budget_project: withoutOtherAccounts(person, project),
      budget_project_support: support,
      budget_project_comment: withoutOtherAccounts(person, comment),
      budget_eligible_person: eligible,
      budget_voter: voter,
    };
  },
  async closeAccount(db: Db, person: Person) {
    await db.deleteFrom('budget_project_support').where('account_id', '=', person.accountId).execute();
    await db.updateTable('budget_project').set({ proposed_by_account_id: null }).where('proposed_by_account_id', '=', person.accountId).execute();
    await db.updateTable('budget_project_comment').set({ account_id: null }).where('account_id', '=', person.accountId).execute();
  },
};
