// The demo's assembly work, loaded onto a seated jury of 24 confirmed members and a standing
// assembly of 15: the jury's sessions and evidence, a members-only document, four recommendations
// voted on with support from strong to split, published, three answered (accept, accept in part,
// not accept) as decisions on the trail and one awaiting its answer; the standing assembly's two
// recommendations, one answered and one overdue.
import { beforeAll, expect, it } from 'vitest';
import { rejection } from '../../../test/fixtures.js';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { ForbiddenError } from '../../platform/errors.js';
import { anonymous } from '../../platform/permissions.js';
import { todayInEngland } from '../../platform/web/forms.js';
import { getDecision } from '../decisions/service.js';
import { assemblyWorkDemo } from './demoWork.js';
import { daysAfter, listDocuments, listRecommendations, listSessions, type RecommendationItem } from './service.js';
import { type SeatedAssembly, seatedAssembly } from './testKit.js';

describeWithTestDatabase('the demo’s assembly work', (database) => {
  let a: SeatedAssembly;
  let standing: SeatedAssembly;
  let recs: RecommendationItem[];

  beforeAll(async () => {
    a = await seatedAssembly(database.db, { answerDays: 60, members: Array.from({ length: 24 }, () => ({ status: 'confirmed' as const })) });
    standing = await seatedAssembly(database.db, {
      kind: 'standing',
      answerDays: 90,
      members: Array.from({ length: 15 }, () => ({ status: 'confirmed' as const })),
    });
    const ids = new Map([
      ['assembly:jury', a.assemblyId],
      ['assembly:standing', standing.assemblyId],
      ['account:orgAdmin', a.admin.accountId as number],
    ]);
    await database.db.transaction().execute((trx) =>
      assemblyWorkDemo.load({
        db: trx,
        ids,
        id: (key) => {
          const value = ids.get(key);
          if (value === undefined) throw new Error(key);
          return value;
        },
      }),
    );
    recs = await listRecommendations(database.db, anonymous, a.assemblyId);
  }, 60_000);

  it('has sessions with evidence papers and speakers, and a document only members read', async () => {
    expect(await listSessions(database.db, a.assemblyId)).toHaveLength(4);
    const evidence = await listDocuments(database.db, anonymous, a.assemblyId, 'evidence');
    expect(evidence.length).toBeGreaterThanOrEqual(4);
    expect(evidence.every((d) => d.speaker && d.sessionTitle)).toBe(true);
    expect(await listDocuments(database.db, a.admin, a.assemblyId, 'private')).toHaveLength(1);
    expect(await rejection(listDocuments(database.db, anonymous, a.assemblyId, 'private'))).toBeInstanceOf(ForbiddenError);
  });

  it('publishes four recommendations every member voted on, with support from strong to split', async () => {
    expect(recs.map((r) => [r.number, r.status, r.support.voted, r.support.members])).toEqual([
      [1, 'published', 24, 24],
      [2, 'published', 24, 24],
      [3, 'published', 24, 24],
      [4, 'published', 24, 24],
    ]);
    expect(recs.map((r) => [r.support.support, r.support.oppose, r.support.abstain])).toEqual([
      [22, 1, 1],
      [17, 4, 3],
      [12, 9, 3],
      [19, 2, 3],
    ]);
  });

  it('has three of the jury’s answered, each a decision with its actions on the trail, and one awaiting its answer', async () => {
    expect(recs.map((r) => [r.answer, r.overdue])).toEqual([
      ['accept', false],
      ['accept_in_part', false],
      ['not_accept', false],
      [null, false],
    ]);
    expect(recs[3]?.answerDue).toBe(daysAfter(todayInEngland(), 52));
    const actions: number[] = [];
    for (const r of recs.slice(0, 3)) {
      const decision = await getDecision(database.db, anonymous, r.decisionId as number);
      expect(decision.links.map((l) => l.url)).toEqual([`/assemblies/${a.assemblyId}/recommendations/${r.id}`]);
      actions.push(decision.actions.length);
    }
    expect(actions).toEqual([2, 2, 0]);
  });

  it('has the standing assembly’s recommendations from last year, one answered and one overdue', async () => {
    const seen = await listRecommendations(database.db, anonymous, standing.assemblyId);
    expect(seen.map((r) => [r.answer, r.overdue, r.answerDue, r.support.voted])).toEqual([
      ['accept', false, daysAfter(todayInEngland(), -35), 15],
      [null, true, daysAfter(todayInEngland(), -35), 15],
    ]);
    expect(await listSessions(database.db, standing.assemblyId)).toHaveLength(1);
  });
});
