// The registry's part of a person's rights: the places on bodies their account is linked to. On
// closing the link goes; the membership stays on the public record under the name it was listed with.
import type { Db } from '../../platform/database.js';
import type { InvolveModule } from '../../platform/module.js';
import type { Person } from '../../platform/rights.js';

export const registryRights: Pick<InvolveModule, 'personalData' | 'closeAccount'> = {
  async personalData(db: Db, person: Person) {
    return { body_member: await db.selectFrom('body_member').selectAll().where('account_id', '=', person.accountId).orderBy('id').execute() };
  },
  async closeAccount(db: Db, person: Person) {
    await db.updateTable('body_member').set({ account_id: null }).where('account_id', '=', person.accountId).execute();
  },
};
