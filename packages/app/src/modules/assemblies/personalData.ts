// The assemblies module's part of a person's rights: their registrations as a volunteer (by account,
// or by the email address they gave with an invitation code), the address their invitation went to,
// their places as members and how they voted on recommendations as members. On closing, all of it
// stays with the assembly's record, as the privacy notice says, without their account; withdrawing
// from an assembly is how a volunteer takes their consent back.
import type { Db } from '../../platform/database.js';
import type { InvolveModule } from '../../platform/module.js';
import type { Person } from '../../platform/rights.js';

export const assembliesRights: Pick<InvolveModule, 'personalData' | 'closeAccount'> = {
  async personalData(db: Db, person: Person) {
    const volunteer = await db
      .selectFrom('assembly_volunteer')
      .selectAll()
      .where((eb) => eb.or([eb('account_id', '=', person.accountId), eb(eb.fn('lower', ['email']), '=', person.email.toLowerCase())]))
      .orderBy('id')
      .execute();
    const volunteerIds = volunteer.map((v) => v.id);
    const addressIds = volunteer.flatMap((v) => (v.address_id === null ? [] : [v.address_id]));
    const [address, member] = await Promise.all([
      addressIds.length ? db.selectFrom('assembly_address').selectAll().where('id', 'in', addressIds).execute() : [],
      volunteerIds.length ? db.selectFrom('assembly_member').selectAll().where('volunteer_id', 'in', volunteerIds).orderBy('id').execute() : [],
    ]);
    const memberIds = member.map((m) => m.id);
    const vote = memberIds.length ? await db.selectFrom('assembly_recommendation_vote').selectAll().where('member_id', 'in', memberIds).execute() : [];
    return { assembly_volunteer: volunteer, assembly_address: address, assembly_member: member, assembly_recommendation_vote: vote };
  },
  async closeAccount(db: Db, person: Person) {
    await db.updateTable('assembly_volunteer').set({ account_id: null }).where('account_id', '=', person.accountId).execute();
  },
};
