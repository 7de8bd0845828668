// The demo's time bank: 30 members (people and groups), 200 exchanges, offers and requests; every
// balance the sum of its entries and none past the overdraft; the demo member has an exchange to
// confirm, and the demo organisation admin coordinates it.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import type { Actor } from '../../platform/permissions.js';
import { anonymous } from '../../platform/permissions.js';
import { accountIdByEmail } from '../accounts/service.js';
import { loadDemoHealthSystem } from '../index.js';
import { getTimebank, listListings, listMembers, listTimebanks, pendingExchanges, type TimebankSummary } from './service.js';
import { balancesAndSums } from './testKit.js';

describeWithTestDatabase('the demo’s time bank', (database) => {
  const deps = () => ({ db: database.db });
  let bank: TimebankSummary;
  beforeAll(async () => {
    await loadDemoHealthSystem(database.db);
    [bank] = (await listTimebanks(deps(), anonymous)) as [TimebankSummary];
  }, 120_000);

  it('has 30 members, 200 exchanges and two dozen offers and requests, its ledger whole', async () => {
    expect(bank).toMatchObject({ name: 'Demo: Northvale and Eastmoor Time Bank', members: 30, overdraftMinutes: 600 });
    const kinds = await database.db.selectFrom('timebank_member').select('kind').where('timebank_id', '=', bank.id).execute();
    expect(kinds.filter((k) => k.kind === 'group').length).toBeGreaterThanOrEqual(10);
    const exchanges = await database.db.selectFrom('timebank_exchange').select('status').where('timebank_id', '=', bank.id).execute();
    expect(exchanges).toHaveLength(200);
    expect(new Set(exchanges.map((e) => e.status))).toEqual(new Set(['confirmed', 'proposed', 'declined', 'reversed']));
    expect(await listListings(deps(), anonymous, bank.id)).toHaveLength(24);
    const rows = await balancesAndSums(database.db, bank.id);
    for (const row of rows) {
      expect(row.balance_minutes).toBe(Number(row.sum));
      expect(row.balance_minutes).toBeGreaterThanOrEqual(-600);
    }
    expect(rows.reduce((total, r) => total + r.balance_minutes, 0)).toBe(0);
    expect(rows.some((r) => r.balance_minutes !== 0)).toBe(true);
  });

  it('gives the demo member an exchange to confirm, and the demo organisation admin the coordinator’s pages', async () => {
    const memberAccount = (await accountIdByEmail(database.db, 'member@demo.involve.test')) as number;
    const member: Actor = { accountId: memberAccount, platformAdmin: false, organisationRoles: [] };
    const detail = await getTimebank(deps(), member, bank.id);
    expect(detail.myMembers).toHaveLength(1);
    const pending = await pendingExchanges(deps(), member, bank.id, (detail.myMembers[0] as { id: number }).id);
    expect(pending.toAnswer.length).toBeGreaterThanOrEqual(1);
    const admin = await database.db.selectFrom('timebank').select('organisation_id').where('id', '=', bank.id).executeTakeFirstOrThrow();
    const adminAccount = (await accountIdByEmail(database.db, 'icb-admin@demo.involve.test')) as number;
    const coordinator: Actor = { accountId: adminAccount, platformAdmin: false, organisationRoles: [{ organisationId: admin.organisation_id, role: 'admin' }] };
    expect(await listMembers(deps(), coordinator, bank.id)).toHaveLength(30);
  });
});
