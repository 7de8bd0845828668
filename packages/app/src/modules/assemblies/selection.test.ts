// The draw of a panel on a real database: the feasibility report (an infeasible quota with decide's
// fix), a round asked for and computed by the job in a forked worker, its panel meeting every quota
// and matching what the real decide command computes from the published files; declines replaced by
// a round with the seated members kept and the quotas less their answers; claims that never let two
// instances compute one round; a standing assembly's rotation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rejection } from '../../../test/fixtures.js';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import type { Db } from '../../platform/database.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import { anonymous } from '../../platform/permissions.js';
import { claimSelection, inProcessRunner, runSelection } from './selectionJob.js';
import {
  feasibilityReport,
  getSelection,
  listMembers,
  listSelections,
  openSeats,
  recordMemberResponse,
  requestSelection,
  respondToSelection,
  rotate,
  runQueuedSelections,
  type SelectionRound,
  selectionRecord,
  setQuotas,
} from './service.js';
import { recountWithDecide, sixSeatQuotas, type TestAssembly, testAssembly } from './testKit.js';

/** Members holding a seat, with their answers. */
async function seated(db: Db, a: TestAssembly) {
  return (await listMembers(db, a.admin.actor, a.assemblyId)).filter((m) => m.status === 'selected' || m.status === 'confirmed');
}

describeWithTestDatabase('citizens’ assemblies: the draw', (database, kind) => {
  const deps = () => ({ db: database.db });
  const dir = mkdtempSync(path.join(tmpdir(), 'involve-assemblies-'));
  let a: TestAssembly;

  beforeAll(async () => {
    a = await testAssembly(database.db, { volunteers: 30 });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a quota this pool cannot meet, with decide’s smallest fix, and a draw asked for anyway fails with those words', {
    timeout: 120_000,
  }, async () => {
    // Every woman in this pool is 16 to 34, and at most 2 of those may sit: 3 women cannot.
    const b = await testAssembly(database.db, {
      volunteers: 16,
      answers: (i) => (i < 8 ? { sex: 'Female', age_band: '16 to 34' } : { sex: 'Male', age_band: i % 2 ? '35 to 59' : '60 and over' }),
    });
    await setQuotas(
      deps(),
      b.admin.actor,
      b.assemblyId,
      sixSeatQuotas.map((q) => (q.value === 'Female' ? { ...q, min: 3 } : q.value === '16 to 34' ? { ...q, max: 2 } : q)),
    );
    const report = await feasibilityReport(database.db, b.admin.actor, b.assemblyId);
    expect(report.feasible).toBe(false);
    expect(report.lines[0]).toBe('No panel can meet all the quotas.');
    expect(report.lines).toContain('The smallest change that makes a panel possible:');
    expect(report.relaxations.length).toBeGreaterThan(0);
    expect(report.relaxations.every((r) => ['sex', 'age_band'].includes(r.quota.category))).toBe(true);
    expect(await rejection(feasibilityReport(database.db, a.volunteers[0]?.actor ?? anonymous, b.assemblyId))).toBeInstanceOf(ForbiddenError);

    await requestSelection(deps(), b.admin.actor, b.assemblyId, { seed: 'infeasible' });
    expect(await runQueuedSelections(database.db, { runner: inProcessRunner })).toBe(1);
    const failed = (await getSelection(database.db, b.admin.actor, b.assemblyId, 1)) as SelectionRound;
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('No panel can meet all the quotas.');
    expect(await getSelection(database.db, anonymous, b.assemblyId, 1)).toBeNull();
    expect(await listMembers(database.db, b.admin.actor, b.assemblyId)).toEqual([]);
  });

  it('refuses a draw without a seed, by anyone but the organisers, or while one is being drawn', async () => {
    expect(((await rejection(requestSelection(deps(), a.admin.actor, a.assemblyId, { seed: ' ' }))) as ValidationError).fieldErrors).toEqual({
      seed: 'Enter the seed announced for the draw',
    });
    expect(await rejection(requestSelection(deps(), a.volunteers[0]?.actor ?? anonymous, a.assemblyId, { seed: '1' }))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(requestSelection(deps(), a.admin.actor, a.assemblyId, { seed: '1', purpose: 'rotation' }))).toBeInstanceOf(ValidationError);
    const report = await feasibilityReport(database.db, a.admin.actor, a.assemblyId);
    expect(report).toEqual({ feasible: true, lines: ['A panel meets every quota.'], relaxations: [] });
  });

  it('draws the panel in a forked worker: published files, every quota met, the volunteers drawn made members', { timeout: 180_000 }, async () => {
    expect(await requestSelection(deps(), a.admin.actor, a.assemblyId, { seed: 'Leeds 2027-03-01' })).toEqual({ round: 1 });
    const queued = (await getSelection(database.db, a.admin.actor, a.assemblyId, 1)) as SelectionRound;
    expect(queued).toMatchObject({ status: 'queued', purpose: 'initial', seats: 6, fixed: [], algorithm: 'leximin' });
    expect(await rejection(requestSelection(deps(), a.admin.actor, a.assemblyId, { seed: 'again' }))).toBeInstanceOf(ConflictError);
    expect(await getSelection(database.db, anonymous, a.assemblyId, 1)).toBeNull();
    // The published pool: pool ids and answers only, in pool id order.
    const pool = [...a.volunteers].sort((x, y) => (x.poolId < y.poolId ? -1 : 1));
    expect(queued.respondentsCsv).toBe(`id,sex,age_band\r\n${pool.map((v) => `${v.poolId},${v.features.sex},${v.features.age_band}\r\n`).join('')}`);
    expect(queued.categoriesCsv).toBe(
      'feature,value,min,max\r\nsex,Female,2,4\r\nsex,Male,2,4\r\nage_band,16 to 34,1,3\r\nage_band,35 to 59,1,3\r\nage_band,60 and over,1,3\r\n',
    );

    // The solver runs in a child process: this one's event loop keeps turning all the while.
    let last = performance.now();
    let longestPause = 0;
    const ticks = setInterval(() => {
      const now = performance.now();
      longestPause = Math.max(longestPause, now - last);
      last = now;
    }, 10);
    try {
      expect(await runQueuedSelections(database.db)).toBe(1);
    } finally {
      clearInterval(ticks);
    }
    expect(longestPause).toBeLessThan(1000);
    const done = (await getSelection(database.db, anonymous, a.assemblyId, 1)) as SelectionRound;
    expect(done.status).toBe('done');
    expect(done.progressDone).toBe(done.progressTotal);
    const result = done.result as NonNullable<SelectionRound['result']>;
    expect(result.panel).toHaveLength(6);
    expect(Object.keys(result.probabilities)).toHaveLength(30);
    expect(Object.values(result.probabilities).reduce((s, p) => s + p, 0)).toBeCloseTo(6, 6);
    expect(result.minProbability).toBeGreaterThan(0);
    for (const q of result.quotas) {
      expect(q.selected).toBeGreaterThanOrEqual(q.min);
      expect(q.selected).toBeLessThanOrEqual(q.max);
    }
    const members = await seated(database.db, a);
    expect(members.map((m) => m.poolId).sort()).toEqual([...result.panel].sort());
    expect(members.every((m) => m.status === 'selected')).toBe(true);
    // Each person in the pool sees their own chance.
    expect(await listSelections(database.db, anonymous, a.assemblyId)).toHaveLength(1);
  });

  it('publishes files that the real decide command recounts to exactly the same panel and probabilities', { timeout: 180_000 }, async () => {
    const round = (await getSelection(database.db, anonymous, a.assemblyId, 1)) as SelectionRound;
    const decided = await recountWithDecide(dir, round);
    expect(decided.stderr).toBe('');
    expect(decided.code).toBe(0);
    expect(decided.panel).toEqual(round.result?.panel);
    expect(decided.probabilities).toEqual(round.result?.probabilities);
    const record = await selectionRecord(database.db, anonymous, a.assemblyId, 1);
    expect(record).toMatchObject({
      assembly: { id: a.assemblyId, title: 'Urgent care in Leeds' },
      round: 1,
      purpose: 'initial',
      seed: 'Leeds 2027-03-01',
      panelSize: 6,
      algorithm: 'leximin',
      fixed: [],
      panel: decided.panel,
      probabilities: decided.probabilities,
      categoriesCsv: `/assemblies/${a.assemblyId}/selection/categories.csv`,
      respondentsCsv: `/assemblies/${a.assemblyId}/selection/respondents.csv`,
      recount: "decide sortition --categories categories.csv --respondents respondents.csv --panel-size 6 --algorithm leximin --seed 'Leeds 2027-03-01'",
    });
    expect(record.quotas[0]).toEqual({ feature: 'sex', value: 'Female', min: 2, max: 4 });
  });

  it('replaces declines by a round for the open seats, the seated kept and the quotas less their answers, published the same way', {
    timeout: 180_000,
  }, async () => {
    const drawn = await seated(database.db, a);
    const first = a.volunteers.find((v) => v.poolId === drawn[0]?.poolId);
    await respondToSelection(deps(), first?.actor ?? anonymous, a.assemblyId, 'decline');
    expect(await rejection(respondToSelection(deps(), first?.actor ?? anonymous, a.assemblyId, 'confirm'))).toBeInstanceOf(ConflictError);
    expect(await rejection(recordMemberResponse(deps(), first?.actor ?? anonymous, drawn[2]?.id as number, 'confirm'))).toBeInstanceOf(ForbiddenError);
    await recordMemberResponse(deps(), a.admin.actor, drawn[1]?.id as number, 'decline');
    for (const m of drawn.slice(2)) await recordMemberResponse(deps(), a.admin.actor, m.id, 'confirm');
    expect(await openSeats(database.db, a.assemblyId)).toBe(2);
    const kept = (await seated(database.db, a)).map((m) => ({ poolId: m.poolId as string, features: m.features as Record<string, string> }));
    expect(kept).toHaveLength(4);

    expect(await requestSelection(deps(), a.admin.actor, a.assemblyId, { seed: 'replacement 1' })).toEqual({ round: 2 });
    const queued = (await getSelection(database.db, a.admin.actor, a.assemblyId, 2)) as SelectionRound;
    expect(queued).toMatchObject({ purpose: 'replacement', seats: 2 });
    expect([...queued.fixed].sort()).toEqual(kept.map((k) => k.poolId).sort());
    const less = (feature: string, value: string, n: number) => Math.max(0, n - kept.filter((k) => k.features[feature] === value).length);
    expect(queued.categoriesCsv).toBe(
      `feature,value,min,max\r\n${sixSeatQuotas.map((q) => `${q.feature},${q.value},${less(q.feature, q.value, q.min)},${less(q.feature, q.value, q.max)}\r\n`).join('')}`,
    );
    // The pool: everyone never drawn (neither the seated nor those who declined).
    const pool = queued.respondentsCsv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    expect(pool).toHaveLength(24);
    expect(pool.some((id) => drawn.some((m) => m.poolId === id))).toBe(false);

    expect(await runQueuedSelections(database.db, { runner: inProcessRunner })).toBe(1);
    const done = (await getSelection(database.db, anonymous, a.assemblyId, 2)) as SelectionRound;
    expect(done.status).toBe('done');
    const decided = await recountWithDecide(dir, done);
    expect(decided.code).toBe(0);
    expect(decided.panel).toEqual(done.result?.panel);
    expect(decided.probabilities).toEqual(done.result?.probabilities);
    // The whole panel now meets every quota of the assembly.
    const now = await seated(database.db, a);
    expect(now).toHaveLength(6);
    for (const q of sixSeatQuotas) {
      const count = now.filter((m) => m.features?.[q.feature] === q.value).length;
      expect(count).toBeGreaterThanOrEqual(q.min);
      expect(count).toBeLessThanOrEqual(q.max);
    }
    for (const q of done.result?.quotas ?? []) expect(q.selected).toBe(now.filter((m) => m.features?.[q.feature] === q.value).length);
    expect(await openSeats(database.db, a.assemblyId)).toBe(0);
    expect(await rejection(requestSelection(deps(), a.admin.actor, a.assemblyId, { seed: 'nothing open' }))).toBeInstanceOf(ConflictError);
    // The public sees only confirmed members, and no pool id or contact detail.
    const pub = await listMembers(database.db, anonymous, a.assemblyId);
    expect(pub).toHaveLength(4);
    expect(pub.every((m) => m.poolId === undefined && m.email === undefined && m.publicName === null)).toBe(true);
  });

  it(`lets only one of six claims racing for a round have it (${kind}), and takes over a claim that has lapsed`, { timeout: 180_000 }, async () => {
    const c = await testAssembly(database.db, { volunteers: 12 });
    await requestSelection(deps(), c.admin.actor, c.assemblyId, { seed: 'race' });
    const claims = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((name) => claimSelection(database.db, `instance-${name}`)));
    expect(claims.filter((x) => x !== null)).toHaveLength(1);
    const row = claims.find((x) => x !== null);
    expect(row?.status).toBe('running');
    expect(await claimSelection(database.db, 'instance-g')).toBeNull();
    // The instance holding it dies: after five minutes without a word, another takes it over.
    await database.db
      .updateTable('assembly_selection')
      .set({ claimed_at: sql<Date>`now() - interval '6 minutes'` })
      .where('id', '=', row?.id as number)
      .execute();
    const taken = await claimSelection(database.db, 'instance-h');
    expect(taken?.id).toBe(row?.id);
    // The first instance, back to life, cannot store its result over the new claim's.
    expect(await runSelection(database.db, row as NonNullable<typeof row>, row?.claimed_by as string, inProcessRunner)).toBe('lost');
    expect(await runSelection(database.db, taken as NonNullable<typeof taken>, 'instance-h', inProcessRunner)).toBe('done');
    expect(await seated(database.db, c)).toHaveLength(6);
  });

  it('writes a round’s progress to it as decide reports, at most every 500 ms', { timeout: 60_000 }, async () => {
    const d = await testAssembly(database.db, { volunteers: 12 });
    await requestSelection(deps(), d.admin.actor, d.assemblyId, { seed: 'progress' });
    const row = (await claimSelection(database.db, 'progress-test')) as NonNullable<Awaited<ReturnType<typeof claimSelection>>>;
    const stored = async () =>
      await database.db
        .selectFrom('assembly_selection')
        .select(['progress_done', 'progress_total', 'progress_detail'])
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
    const seen: Array<Awaited<ReturnType<typeof stored>>> = [];
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const outcome = await runSelection(database.db, row, 'progress-test', async (task, onProgress) => {
      onProgress(100, 1000, 'stage 1');
      await pause(50);
      seen.push(await stored());
      onProgress(200, 1000, 'stage 2'); // under 500 ms since the last write: not written
      await pause(50);
      seen.push(await stored());
      await pause(500);
      onProgress(300, 1000, 'stage 3');
      await pause(50);
      seen.push(await stored());
      return inProcessRunner(task, () => {});
    });
    expect(outcome).toBe('done');
    expect(seen).toEqual([
      { progress_done: 100, progress_total: 1000, progress_detail: 'stage 1' },
      { progress_done: 100, progress_total: 1000, progress_detail: 'stage 1' },
      { progress_done: 300, progress_total: 1000, progress_detail: 'stage 3' },
    ]);
    expect(await stored()).toEqual({ progress_done: 1000, progress_total: 1000, progress_detail: 'done' });
  });

  it('rotates a standing assembly: members whose term ended stand down and a rotation round draws their seats', { timeout: 180_000 }, async () => {
    const s = await testAssembly(database.db, { volunteers: 24, settings: { kind: 'standing', termMonths: 12 } });
    expect(await rejection(rotate(deps(), a.admin.actor, a.assemblyId, { seed: 'x' }))).toBeInstanceOf(ConflictError);
    await requestSelection(deps(), s.admin.actor, s.assemblyId, { seed: 'first' });
    await runQueuedSelections(database.db, { runner: inProcessRunner });
    const members = await seated(database.db, s);
    expect(members.every((m) => m.termEnds !== null && m.termEnds > '2026-01-01')).toBe(true);
    for (const m of members) await recordMemberResponse(deps(), s.admin.actor, m.id, 'confirm');
    await database.db
      .updateTable('assembly_member')
      .set({ term_ends: '2020-01-01' })
      .where(
        'id',
        'in',
        members.slice(0, 2).map((m) => m.id),
      )
      .execute();
    await database.db.updateTable('assembly').set({ phase: 'sitting' }).where('id', '=', s.assemblyId).execute();
    expect(await rejection(rotate(deps(), s.admin.actor, s.assemblyId, { seed: '' }))).toBeInstanceOf(ValidationError);
    expect(await seated(database.db, s)).toHaveLength(6);
    expect(await rotate(deps(), s.admin.actor, s.assemblyId, { seed: 'rotation 2028' })).toEqual({ round: 2, stoodDown: 2 });
    const queued = (await getSelection(database.db, s.admin.actor, s.assemblyId, 2)) as SelectionRound;
    expect(queued).toMatchObject({ purpose: 'rotation', seats: 2 });
    expect(queued.fixed).toHaveLength(4);
    await runQueuedSelections(database.db, { runner: inProcessRunner });
    const after = await listMembers(database.db, s.admin.actor, s.assemblyId);
    expect(after.filter((m) => m.status === 'stood_down')).toHaveLength(2);
    expect(after.filter((m) => m.status === 'selected' && m.round === 2)).toHaveLength(2);
  });
});
