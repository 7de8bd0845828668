// The demo's social prescribing: the demo link worker holds 20 referrals in every state, with ONS4
// scores enough for the figures to show the change (while small sources stay suppressed); the demo
// member's own record is following up; the demo GP sees the referrals they made.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import type { Actor } from '../../platform/permissions.js';
import { accountIdByEmail } from '../accounts/service.js';
import { loadDemoHealthSystem } from '../index.js';
import { caseload, getReferral, myReferrals, referralFigures, referralsMadeBy, socialPrescribingServices } from './service.js';
import { testDeps } from './testKit.js';

describeWithTestDatabase('the demo’s social prescribing', (database) => {
  const deps = () => testDeps(database.db);
  let cvs: number;
  let linkWorker: Actor;
  const person = async (email: string, roles: Actor['organisationRoles'] = []): Promise<Actor> => ({
    accountId: (await accountIdByEmail(database.db, email)) as number,
    platformAdmin: false,
    organisationRoles: roles,
  });
  beforeAll(async () => {
    await loadDemoHealthSystem(database.db);
    const services = await socialPrescribingServices(database.db);
    expect(services.map((s) => s.name)).toEqual(['Demo: Northvale Community Voluntary Services']);
    cvs = (services[0] as { organisationId: number }).organisationId;
    linkWorker = await person('link-worker@demo.involve.test', [{ organisationId: cvs, role: 'link_worker' }]);
  }, 180_000);

  it('gives the link worker 20 referrals in every state, closed for six different reasons', async () => {
    const rows = await database.db
      .selectFrom('referral')
      .select(['state', 'source', 'close_reason', 'link_worker_account_id'])
      .where('organisation_id', '=', cvs)
      .execute();
    expect(rows).toHaveLength(20);
    const count = (key: 'state' | 'source') =>
      Object.fromEntries([...new Set(rows.map((r) => r[key]))].map((v) => [v, rows.filter((r) => r[key] === v).length]));
    expect(count('state')).toEqual({ received: 3, contacted: 3, active: 4, following_up: 4, closed: 6 });
    expect(count('source')).toEqual({ gp_practice: 12, self: 4, link_worker: 2, health_service: 2 });
    expect(new Set(rows.filter((r) => r.state === 'closed').map((r) => r.close_reason)).size).toBe(6);
    expect(rows.filter((r) => r.state === 'received').every((r) => r.link_worker_account_id === null)).toBe(true);
    const list = await caseload(deps(), linkWorker, cvs, 'mine');
    expect(list.counts).toEqual({ waiting: 3, mine: 11, all: 14, closed: 6 });
    expect(list.items.some((i) => i.overdue)).toBe(true);
  });

  it('shows the change in ONS4 scores in the figures, with small sources suppressed', async () => {
    const figures = await referralFigures(deps(), linkWorker, cvs);
    expect(figures.total).toBe(20);
    expect(figures.bySource.map((s) => [s.source, s.count])).toEqual([
      ['gp_practice', 12],
      ['health_service', null],
      ['community_group', null],
      ['link_worker', null],
      ['self', null],
    ]);
    expect(figures.firstContact.n).toBe(17);
    expect(figures.firstContact.medianDays).toBeGreaterThan(0);
    expect(figures.wellbeing.n).toBeGreaterThanOrEqual(10);
    for (const m of figures.wellbeing.measures) expect(m.change, m.key).not.toBeNull();
    const life = figures.wellbeing.measures.find((m) => m.key === 'lifeSatisfaction');
    expect(life?.change).toBeGreaterThan(0);
    expect(figures.wellbeing.measures.find((m) => m.key === 'anxiety')?.change).toBeLessThan(0);
  });

  it('gives the demo member their own record, following up with conversations, two connections and scores', async () => {
    const member = await person('member@demo.involve.test');
    const mine = await myReferrals(deps(), member);
    expect(mine.map((r) => r.state)).toEqual(['following_up']);
    const record = await getReferral(deps(), member, (mine[0] as { id: number }).id);
    expect(record.viewer).toBe('person');
    expect(record.conversations.length).toBeGreaterThanOrEqual(1);
    expect(record.connections).toHaveLength(2);
    expect(record.wellbeing.map((w) => w.moment)).toEqual(['start', 'follow_up']);
    expect(record.followUps.some((f) => f.doneAt === null && !f.overdue)).toBe(true);
  });

  it('shows the demo GP the referrals made at Millbrook, without the notes', async () => {
    const millbrook = await database.db.selectFrom('organisation').select('id').where('name', '=', 'Demo: Millbrook Medical Centre').executeTakeFirstOrThrow();
    const gp = await person('gp@demo.involve.test', [{ organisationId: millbrook.id, role: 'referrer' }]);
    const made = await referralsMadeBy(deps(), gp);
    expect(made).toHaveLength(5);
    const record = await getReferral(deps(), gp, (made.find((r) => r.state === 'following_up') as { id: number }).id);
    expect(record).toMatchObject({ viewer: 'referrer', conversations: [] });
  });
});
