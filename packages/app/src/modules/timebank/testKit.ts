// Shared steps for the time bank tests: a time bank made through the service by its organisation's
// admin (the coordinator), and people who join it. Used only by *.test.ts files.
import { sql } from 'kysely';
import type { Db } from '../../platform/database.js';
import { createVerifiedAccount } from '../accounts/service.js';
import { insertOrganisation } from '../accounts/testKit.js';
import type { Actor } from './policy.js';
import { createTimebank, joinTimebank } from './service.js';

let people = 0;

export interface TestMember {
  accountId: number;
  email: string;
  actor: Actor;
  memberId: number;
}

export interface TestTimebank {
  timebankId: number;
  organisationId: number;
  coordinator: { accountId: number; actor: Actor };
}

/** An organisation, its admin (the coordinator) and a time bank with this overdraft in hours ("5" by default). */
export async function testTimebank(db: Db, options: { overdraftHours?: string; name?: string } = {}): Promise<TestTimebank> {
  const organisationId = await insertOrganisation(db, `Time Bank Trust ${++people}-${Date.now()}`);
  const email = `coordinator${people}-${Date.now()}@example.org`;
  const accountId = await createVerifiedAccount(db, { email, password: 'correct horse battery', name: `Coordinator ${people}` });
  const actor: Actor = { accountId, platformAdmin: false, organisationRoles: [{ organisationId, role: 'admin' }] };
  const timebankId = await createTimebank({ db }, actor, {
    organisationId,
    name: options.name ?? 'Riverside Time Bank',
    description: 'Neighbours swapping time.',
    overdraftHours: options.overdraftHours ?? '5',
  });
  return { timebankId, organisationId, coordinator: { accountId, actor } };
}

/** A person with an account who has joined the time bank. */
export async function joinedPerson(db: Db, timebankId: number, name = `Member ${people + 1}`): Promise<TestMember> {
  people++;
  const email = `member${people}-${Date.now()}@example.org`;
  const accountId = await createVerifiedAccount(db, { email, password: 'correct horse battery', name });
  const actor: Actor = { accountId, platformAdmin: false, organisationRoles: [] };
  const memberId = await joinTimebank({ db }, actor, timebankId);
  return { accountId, email, actor, memberId };
}

/** Every member's balance row beside the sum of their entries (which must agree), for the ledger's tests. */
export function balancesAndSums(db: Db, timebankId: number) {
  return db
    .selectFrom('timebank_member as m')
    .select([
      'm.id',
      'm.balance_minutes',
      (eb) =>
        eb.selectFrom('timebank_entry as e').whereRef('e.member_id', '=', 'm.id').select(sql<number>`coalesce(sum(e.minutes), 0)::integer`.as('s')).as('sum'),
    ])
    .where('m.timebank_id', '=', timebankId)
    .execute();
}
