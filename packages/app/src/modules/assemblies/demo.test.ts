// The demo's citizens' assemblies: a jury drawn by LEXIMIN from at least 200 made-up volunteers over
// four features (age band, sex, ethnic group, place), whose published files the real decide command
// recounts to exactly the published panel and probabilities, every quota met, a decline replaced and
// the members confirmed; and a standing assembly mid-rotation. The solver's time is kept to seconds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { anonymous } from '../../platform/permissions.js';
import { loadDemoHealthSystem } from '../index.js';
import {
  type AssemblySummary,
  computeSelection,
  getAssembly,
  getSelection,
  listAssemblies,
  listMembers,
  listSelections,
  type SelectionRound,
} from './service.js';
import { recountWithDecide } from './testKit.js';

describeWithTestDatabase('the demo’s citizens’ assemblies', (database) => {
  const deps = () => ({ db: database.db });
  const dir = mkdtempSync(path.join(tmpdir(), 'involve-assemblies-demo-'));
  let assemblies: AssemblySummary[];
  beforeAll(async () => {
    await loadDemoHealthSystem(database.db);
    assemblies = (await listAssemblies(database.db, anonymous, {})).items;
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const jury = () => assemblies.find((a) => a.kind === 'jury') as AssemblySummary;
  const round = async (id: number, n: number) => (await getSelection(database.db, anonymous, id, n)) as SelectionRound;

  it('has a jury drawn by LEXIMIN from at least 200 volunteers over age band, sex, ethnic group and place, every quota met', async () => {
    const a = await getAssembly(deps(), anonymous, jury().id);
    expect(a.poolSize).toBeGreaterThanOrEqual(200);
    expect(a.poolSize).toBeLessThan(250);
    expect(a.features.map((f) => f.key)).toEqual(['age_band', 'sex', 'ethnicity', 'place']);
    // Its recommendations are published (demoWork.ts), so the jury has reported.
    expect(a.phase).toBe('reported');
    const first = await round(a.id, 1);
    expect(first).toMatchObject({ status: 'done', purpose: 'initial', algorithm: 'leximin', seats: 24 });
    expect(first.result?.panel).toHaveLength(24);
    expect(Object.keys(first.result?.probabilities ?? {}).length).toBeGreaterThanOrEqual(200);
    for (const q of first.result?.quotas ?? []) {
      expect(q.selected).toBeGreaterThanOrEqual(q.min);
      expect(q.selected).toBeLessThanOrEqual(q.max);
    }
    // A decline replaced, everyone seated confirmed, some by name.
    const second = await round(a.id, 2);
    expect(second).toMatchObject({ status: 'done', purpose: 'replacement', seats: 1 });
    expect(second.fixed).toHaveLength(23);
    const members = await listMembers(database.db, anonymous, a.id);
    expect(members).toHaveLength(24);
    expect(members.some((m) => m.publicName !== null)).toBe(true);
    expect(members.some((m) => m.publicName === null)).toBe(true);
    // The whole panel against the assembly's quotas.
    const features = (
      await database.db
        .selectFrom('assembly_member as m')
        .innerJoin('assembly_volunteer as v', 'v.id', 'm.volunteer_id')
        .select('v.features')
        .where('m.assembly_id', '=', a.id)
        .where('m.status', '=', 'confirmed')
        .execute()
    ).map((r) => r.features);
    for (const feature of a.features)
      for (const v of feature.values) {
        const count = features.filter((f) => f[feature.key] === v.value).length;
        expect(count, `${feature.key} = ${v.value}`).toBeGreaterThanOrEqual(v.min);
        expect(count, `${feature.key} = ${v.value}`).toBeLessThanOrEqual(v.max);
      }
  });

  it('publishes files that the real decide command recounts to exactly the published panel and probabilities, in every round', {
    timeout: 180_000,
  }, async () => {
    for (const n of [1, 2]) {
      const published = await round(jury().id, n);
      const decided = await recountWithDecide(dir, published);
      expect(decided.stderr).toBe('');
      expect(decided.code).toBe(0);
      expect(decided.panel).toEqual(published.result?.panel);
      expect(decided.probabilities).toEqual(published.result?.probabilities);
    }
  });

  it('keeps the solver’s time to a few seconds of one core in all, and computes the same again from the published files', { timeout: 180_000 }, async () => {
    const before = process.cpuUsage();
    for (const a of assemblies)
      for (const r of await listSelections(database.db, anonymous, a.id)) {
        const published = await round(a.id, r.round);
        const again = await computeSelection(published.categoriesCsv, published.respondentsCsv, published.seats, published.algorithm, published.seed);
        expect(again.panel).toEqual(published.result?.panel);
        expect(again.probabilities).toEqual(published.result?.probabilities);
      }
    const used = process.cpuUsage(before);
    expect((used.user + used.system) / 1e6).toBeLessThan(8);
  });

  it('has a standing assembly mid-rotation: a third stood down, a rotation round drawn, new members still to answer', async () => {
    const standing = assemblies.find((a) => a.kind === 'standing') as AssemblySummary;
    expect(standing.phase).toBe('sitting');
    const rounds = await listSelections(database.db, anonymous, standing.id);
    expect(rounds.map((r) => [r.purpose, r.status])).toEqual([
      ['initial', 'done'],
      ['rotation', 'done'],
    ]);
    expect(rounds[1]?.seats).toBe(5);
    const organiser = { accountId: null, platformAdmin: true, organisationRoles: [] };
    const members = await listMembers(database.db, organiser, standing.id);
    expect(members.filter((m) => m.status === 'stood_down')).toHaveLength(5);
    expect(members.filter((m) => m.status === 'confirmed')).toHaveLength(13);
    expect(members.filter((m) => m.status === 'selected')).toHaveLength(2);
    expect(members.filter((m) => m.status === 'confirmed' || m.status === 'selected').every((m) => m.termEnds !== null)).toBe(true);
  });
});
