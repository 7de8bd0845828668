// The time bank's ledger under load on PostgreSQL: 50 exchanges between a few members at the same
// moment, through the service on two app instances' connection pools (half proposed and confirmed,
// half recorded by the coordinator), some of which would take a member past the overdraft. Every
// balance must equal the sum of its entries, none below the overdraft, every ledger transaction
// must balance, and every exchange either confirmed with its two entries or refused with a message.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerExchange, proposeExchange, recordExchange } from '../../src/modules/timebank/service.js';
import { balancesAndSums, joinedPerson, type TestMember, testTimebank } from '../../src/modules/timebank/testKit.js';
import { type DatabaseHandle, openDatabase } from '../../src/platform/database.js';
import { ConflictError } from '../../src/platform/errors.js';
import { sharedPostgresDatabase } from './sharedDatabase.js';

const exchanges = 50;

describe.runIf(process.env.TEST_DATABASE_URL)('50 time bank exchanges at once on PostgreSQL', () => {
  const pools: DatabaseHandle[] = [];
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const shared = await sharedPostgresDatabase('timebank50');
    drop = shared.drop;
    for (let i = 0; i < 2; i++) pools.push(await openDatabase({ databaseUrl: shared.url }));
  });
  afterAll(async () => {
    for (const pool of pools) await pool.close();
    await drop?.();
  });

  it('leaves every balance the sum of its entries and none below the overdraft', async () => {
    const [one, two] = pools.map((p) => p.db) as [DatabaseHandle['db'], DatabaseHandle['db']];
    const bank = await testTimebank(one, { overdraftHours: '3' });
    const members: TestMember[] = [];
    for (let i = 0; i < 6; i++) members.push(await joinedPerson(one, bank.timebankId, `Neighbour ${i + 1}`));
    // Half are proposals made beforehand, confirmed all at once; half recorded by the coordinator at once.
    const pair = (i: number) => [members[i % 6] as TestMember, members[(i + 1 + (i % 5)) % 6] as TestMember] as const;
    const minutes = (i: number) => 15 * (1 + ((i * 7) % 12));
    const proposals: Array<{ id: number; receiver: TestMember }> = [];
    for (let i = 0; i < exchanges / 2; i++) {
      const [giver, receiver] = pair(i);
      const id = await proposeExchange({ db: one }, giver.actor, bank.timebankId, {
        memberId: giver.memberId,
        otherMemberId: receiver.memberId,
        direction: 'gave',
        minutes: minutes(i),
        description: `Help ${i}`,
      });
      proposals.push({ id, receiver });
    }
    const outcomes = await Promise.allSettled([
      ...proposals.map((p, i) => answerExchange({ db: i % 2 ? one : two }, p.receiver.actor, bank.timebankId, p.id, true)),
      ...Array.from({ length: exchanges / 2 }, (_, k) => {
        const i = k + exchanges / 2;
        const [giver, receiver] = pair(i);
        return recordExchange({ db: k % 2 ? one : two }, bank.coordinator.actor, bank.timebankId, {
          giverMemberId: giver.memberId,
          receiverMemberId: receiver.memberId,
          minutes: minutes(i),
          description: `Help ${i}`,
        });
      }),
    ]);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(outcomes.length - refused.length).toBeGreaterThan(exchanges / 2);

    const balances = await balancesAndSums(one, bank.timebankId);
    for (const m of balances) {
      expect(m.balance_minutes).toBe(Number(m.sum));
      expect(m.balance_minutes).toBeGreaterThanOrEqual(-180);
    }
    expect(balances.reduce((total, m) => total + m.balance_minutes, 0)).toBe(0);
    const unbalanced = await sql<{ n: number }>`
      select count(*)::integer as n from (select transaction_id from timebank_entry group by transaction_id having sum(minutes) <> 0 or count(*) <> 2) t`.execute(
      one,
    );
    expect(unbalanced.rows[0]?.n).toBe(0);
    const confirmed = await one
      .selectFrom('timebank_exchange as x')
      .select([
        'x.status',
        (eb) =>
          eb
            .selectFrom('timebank_transaction as t')
            .whereRef('t.exchange_id', '=', 'x.id')
            .select((e) => e.fn.countAll<number>().as('n'))
            .as('transactions'),
      ])
      .where('x.timebank_id', '=', bank.timebankId)
      .execute();
    expect(confirmed.filter((x) => x.status === 'confirmed')).toHaveLength(outcomes.length - refused.length);
    for (const x of confirmed) expect(Number(x.transactions)).toBe(x.status === 'confirmed' ? 1 : 0);
  });
});
