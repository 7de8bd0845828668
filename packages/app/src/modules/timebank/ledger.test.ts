// The time bank's ledger on a real database: the database itself refuses what would break it, so a
// test writes straight through SQL. A transaction whose entries do not sum to zero fails at commit
// (in one statement or over several); an entry cannot be updated or deleted, nor a balance changed
// by hand; an entry past the overdraft fails; through the service, exchanges proposed and confirmed,
// recorded and reversed move both balances, and every balance stays the sum of its entries.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { rejection } from '../../../test/fixtures.js';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import type { Db } from '../../platform/database.js';
import { ConflictError, NotFoundError, type ValidationError } from '../../platform/errors.js';
import { answerExchange, getStatement, proposeExchange, recordExchange, reverseExchange, statementCsv } from './service.js';
import { balancesAndSums, joinedPerson, type TestMember, type TestTimebank, testTimebank } from './testKit.js';

const failed = async (promise: Promise<unknown>) => (await rejection(promise)) as Error & { fieldErrors?: Record<string, string> };

describeWithTestDatabase('the time bank ledger', (database) => {
  let db: Db;
  let bank: TestTimebank;
  let ann: TestMember;
  let bob: TestMember;
  let cat: TestMember;
  const balance = async (memberId: number) =>
    (await db.selectFrom('timebank_member').select('balance_minutes').where('id', '=', memberId).executeTakeFirstOrThrow()).balance_minutes;

  beforeAll(async () => {
    db = database.db;
    bank = await testTimebank(db, { overdraftHours: '2' });
    ann = await joinedPerson(db, bank.timebankId, 'Ann');
    bob = await joinedPerson(db, bank.timebankId, 'Bob');
    cat = await joinedPerson(db, bank.timebankId, 'Cat');
  });

  it('refuses, straight through SQL, a transaction whose entries do not sum to zero, and keeps nothing of it', async () => {
    const before = await balance(ann.memberId);
    const oneSided = db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto('timebank_transaction').values({ timebank_id: bank.timebankId }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('timebank_entry').values({ transaction_id: id, member_id: ann.memberId, minutes: 60 }).execute();
    });
    expect((await failed(oneSided)).message).toMatch(/does not balance/);
    const lopsided = db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto('timebank_transaction').values({ timebank_id: bank.timebankId }).returning('id').executeTakeFirstOrThrow();
      await trx
        .insertInto('timebank_entry')
        .values([
          { transaction_id: id, member_id: ann.memberId, minutes: 120 },
          { transaction_id: id, member_id: bob.memberId, minutes: -60 },
        ])
        .execute();
    });
    expect((await failed(lopsided)).message).toMatch(/does not balance/);
    // A transaction with no entries at all is refused too.
    expect((await failed(db.insertInto('timebank_transaction').values({ timebank_id: bank.timebankId }).execute())).message).toMatch(
      /does not balance \(it has fewer than two entries/,
    );
    // Balancing entries written in two statements of one transaction are fine: the check waits for commit.
    await db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto('timebank_transaction').values({ timebank_id: bank.timebankId }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('timebank_entry').values({ transaction_id: id, member_id: ann.memberId, minutes: 60 }).execute();
      await trx.insertInto('timebank_entry').values({ transaction_id: id, member_id: bob.memberId, minutes: -60 }).execute();
    });
    expect(await balance(ann.memberId)).toBe(before + 60);
    for (const row of await balancesAndSums(db, bank.timebankId)) expect(row.balance_minutes).toBe(Number(row.sum));
  });

  it('refuses to update or delete an entry or a transaction, or to change a balance by hand', async () => {
    const entry = await db.selectFrom('timebank_entry').select(['id', 'transaction_id']).where('member_id', '=', ann.memberId).executeTakeFirstOrThrow();
    expect((await failed(db.updateTable('timebank_entry').set({ minutes: 600 }).where('id', '=', entry.id).execute())).message).toMatch(/not allowed/);
    expect((await failed(db.deleteFrom('timebank_entry').where('id', '=', entry.id).execute())).message).toMatch(/not allowed/);
    expect((await failed(sql`truncate timebank_entry`.execute(db))).message).toMatch(/not allowed/);
    expect((await failed(db.deleteFrom('timebank_transaction').where('id', '=', entry.transaction_id).execute())).message).toMatch(/not allowed/);
    expect((await failed(sql`update timebank_member set balance_minutes = 6000 where id = ${ann.memberId}`.execute(db))).message).toMatch(
      /only through ledger entries/,
    );
    expect(await db.selectFrom('timebank_entry').select('minutes').where('id', '=', entry.id).executeTakeFirstOrThrow()).toEqual({ minutes: 60 });
  });

  it('refuses, in the database, an entry that takes a member past the overdraft', async () => {
    const attempt = db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto('timebank_transaction').values({ timebank_id: bank.timebankId }).returning('id').executeTakeFirstOrThrow();
      await trx
        .insertInto('timebank_entry')
        .values([
          { transaction_id: id, member_id: ann.memberId, minutes: 600 },
          { transaction_id: id, member_id: cat.memberId, minutes: -600 },
        ])
        .execute();
    });
    expect((await failed(attempt)).message).toMatch(/past the overdraft/);
    expect(await balance(cat.memberId)).toBe(0);
  });

  it('moves both balances when an exchange is proposed and confirmed, and not before; the other member only may confirm', async () => {
    const [annBefore, catBefore] = [await balance(ann.memberId), await balance(cat.memberId)];
    const exchangeId = await proposeExchange({ db }, cat.actor, bank.timebankId, {
      memberId: cat.memberId,
      otherMemberId: ann.memberId,
      direction: 'gave',
      minutes: 120,
      description: 'Gardening',
    });
    expect(await balance(cat.memberId)).toBe(catBefore);
    // The proposer cannot confirm their own proposal; a stranger cannot see it.
    expect(await failed(answerExchange({ db }, cat.actor, bank.timebankId, exchangeId, true))).toBeInstanceOf(NotFoundError);
    expect(await failed(answerExchange({ db }, bob.actor, bank.timebankId, exchangeId, true))).toBeInstanceOf(NotFoundError);
    await answerExchange({ db }, ann.actor, bank.timebankId, exchangeId, true);
    expect(await balance(cat.memberId)).toBe(catBefore + 120);
    expect(await balance(ann.memberId)).toBe(annBefore - 120);
    expect(await failed(answerExchange({ db }, ann.actor, bank.timebankId, exchangeId, true))).toBeInstanceOf(ConflictError);

    const statement = await getStatement({ db }, cat.actor, bank.timebankId, cat.memberId);
    expect(statement.lines.at(-1)).toMatchObject({ minutes: 120, with: 'Ann', description: 'Gardening', balanceMinutes: catBefore + 120 });
    expect(statementCsv(statement)).toContain('Gardening,Ann,2,');
    // Ann's statement is Ann's and the coordinator's; not Bob's.
    expect(await failed(getStatement({ db }, bob.actor, bank.timebankId, ann.memberId))).toBeInstanceOf(NotFoundError);
    expect((await getStatement({ db }, bank.coordinator.actor, bank.timebankId, ann.memberId)).member.id).toBe(ann.memberId);
  });

  it('names the field for a wrong exchange and records nothing; past the overdraft it is refused with a message', async () => {
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('timebank_exchange')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const propose = (input: Partial<Parameters<typeof proposeExchange>[3]>) =>
      failed(
        proposeExchange({ db }, bob.actor, bank.timebankId, {
          memberId: bob.memberId,
          otherMemberId: ann.memberId,
          direction: 'gave',
          minutes: 60,
          description: 'Shopping',
          ...input,
        }),
      );
    expect(((await propose({ minutes: 50 })) as ValidationError).fieldErrors).toHaveProperty('hours');
    expect(((await propose({ otherMemberId: bob.memberId })) as ValidationError).fieldErrors).toHaveProperty('otherMemberId');
    expect(((await propose({ direction: 'sideways' })) as ValidationError).fieldErrors).toHaveProperty('direction');
    expect(((await propose({ description: ' ' })) as ValidationError).fieldErrors).toHaveProperty('description');
    expect(((await propose({ memberId: ann.memberId })) as ValidationError).fieldErrors).toHaveProperty('memberId');
    expect(await count()).toBe(before);

    const tooMuch = await failed(
      recordExchange({ db }, bank.coordinator.actor, bank.timebankId, {
        giverMemberId: bob.memberId,
        receiverMemberId: cat.memberId,
        minutes: 6000,
        description: 'Everything',
      }),
    );
    expect(tooMuch).toBeInstanceOf(ConflictError);
    expect(tooMuch.message).toMatch(/below the time bank’s overdraft/);
    expect(await count()).toBe(before);
  });

  it('reverses a recorded exchange with new opposite entries, once, leaving the first ones as they were', async () => {
    const [bobBefore, catBefore] = [await balance(bob.memberId), await balance(cat.memberId)];
    const exchangeId = await recordExchange({ db }, bank.coordinator.actor, bank.timebankId, {
      giverMemberId: bob.memberId,
      receiverMemberId: cat.memberId,
      minutes: 45,
      description: 'Computer help',
    });
    expect(await balance(bob.memberId)).toBe(bobBefore + 45);
    expect(await failed(reverseExchange({ db }, bob.actor, bank.timebankId, exchangeId, 'Oops'))).toHaveProperty(
      'message',
      'You do not have permission to do that.',
    );
    expect(((await failed(reverseExchange({ db }, bank.coordinator.actor, bank.timebankId, exchangeId, ''))) as ValidationError).fieldErrors).toHaveProperty(
      'reason',
    );
    await reverseExchange({ db }, bank.coordinator.actor, bank.timebankId, exchangeId, 'Recorded for the wrong member');
    expect([await balance(bob.memberId), await balance(cat.memberId)]).toEqual([bobBefore, catBefore]);
    expect(await failed(reverseExchange({ db }, bank.coordinator.actor, bank.timebankId, exchangeId, 'Again'))).toBeInstanceOf(ConflictError);
    const entries = await db
      .selectFrom('timebank_entry as e')
      .innerJoin('timebank_transaction as t', 't.id', 'e.transaction_id')
      .select(['e.member_id', 'e.minutes', 't.reverses_transaction_id'])
      .where('t.exchange_id', '=', exchangeId)
      .orderBy('e.id')
      .execute();
    expect(entries.map((e) => [e.member_id, e.minutes, e.reverses_transaction_id !== null])).toEqual([
      [bob.memberId, 45, false],
      [cat.memberId, -45, false],
      [bob.memberId, -45, true],
      [cat.memberId, 45, true],
    ]);
    const lines = (await getStatement({ db }, bob.actor, bank.timebankId, bob.memberId)).lines;
    expect(lines.at(-1)).toMatchObject({ minutes: -45, reversal: 'Recorded for the wrong member' });
    for (const row of await balancesAndSums(db, bank.timebankId)) expect(row.balance_minutes).toBe(Number(row.sum));
  });
});
