// The demo health system loads quickly into an empty database, is labelled as a demo, and shows
// something on every registry page (including gaps), with one sign-in per role.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../test/testDatabase.js';
import { demoPassword, listDemoSignIns } from './accounts/service.js';
import { isDatabaseEmpty, loadDemoHealthSystem } from './index.js';
import { findGaps, listPlaces, searchOrganisations } from './registry/service.js';

describeWithTestDatabase('demo health system', (database) => {
  let took = 0;
  beforeAll(async () => {
    expect(await isDatabaseEmpty(database.db)).toBe(true);
    expect(await listDemoSignIns(database.db)).toEqual([]);
    const started = Date.now();
    await loadDemoHealthSystem(database.db);
    took = Date.now() - started;
  });

  it('loads in seconds, not minutes, and is no longer empty', async () => {
    // A few seconds on a quiet machine (printed); the bound is far above a busy CI machine's noise.
    console.info(`demo health system loaded in ${took} ms`);
    expect(took).toBeLessThan(60_000);
    expect(await isDatabaseEmpty(database.db)).toBe(false);
  });

  it('has the organisations the issue asks for, all labelled as demo', async () => {
    const all = await searchOrganisations({ db: database.db }, { pageSize: 100 });
    expect(all.items.every((o) => o.isDemo && o.name.startsWith('Demo: '))).toBe(true);
    const count = (type: string) => all.items.filter((o) => o.type === type).length;
    expect(count('commissioner')).toBe(1);
    expect(count('local_authority')).toBe(1);
    expect(count('nhs_trust')).toBe(2);
    expect(count('gp_practice')).toBeGreaterThanOrEqual(6);
    expect(count('healthwatch')).toBe(1);
    expect(count('voluntary_group')).toBeGreaterThanOrEqual(12);
    const tree = await listPlaces(database.db);
    expect(tree).toHaveLength(1);
    expect(tree[0]?.children).toHaveLength(2);
    expect(tree[0]?.children.flatMap((c) => c.children).length).toBeGreaterThanOrEqual(4);
  });

  it('leaves some gaps on purpose', async () => {
    const gaps = await findGaps(database.db);
    expect(gaps.noBoardRepresentative.map((g) => g.name)).toEqual(['Demo: Eastmoor Community and Mental Health NHS Trust']);
    expect(gaps.noPatientGroup.map((g) => g.name)).toEqual(['Demo: Moorview Group Practice']);
  });

  it('lists one sign-in per role with the shared password', async () => {
    const signIns = await listDemoSignIns(database.db);
    expect(signIns).toHaveLength(8);
    expect(signIns.every((s) => s.password === demoPassword && s.email.endsWith('@demo.involve.test'))).toBe(true);
  });
});
