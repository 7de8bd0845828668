// The elections API on a real database, each answer checked against the OpenAPI document: elections
// listed a page at a time and read with their seats, method, constituencies and candidates in ballot
// order; once counted, who was elected (named exactly as in the published BLT file, and the same as
// decide's own count of that file) with the turnout, and the count sheet stage by stage.
import { countStv, parseBlt } from '@involve/decide';
import { beforeAll, expect, it } from 'vitest';
import { type AnswerCheck, openApiValidator } from '../../../../test/openApi.js';
import { describeWithTestApp } from '../../../../test/testApp.js';
import { sixBallots, type TestElection, testElection } from '../testKit.js';

describeWithTestApp('the elections API', (t) => {
  let check: AnswerCheck;
  let voting: TestElection;
  let counted: TestElection;
  const get = async (url: string) => {
    const answer = await t.app.inject({ url });
    return { status: answer.statusCode, json: answer.json() as Record<string, unknown> };
  };

  beforeAll(async () => {
    check = await openApiValidator(t.app);
    voting = await testElection(t.db, { settings: { title: 'Governors by API', method: 'meek' } });
    counted = await testElection(t.db, {
      phase: 'counted',
      ballots: sixBallots,
    });
  });

  it('lists elections a page at a time and reads one with its seats, method, constituencies and candidates, as the document says', async () => {
    const list = await get('/api/v1/elections');
    expect(list.status).toBe(200);
    expect(check('/api/v1/elections', list.json)).toEqual([]);
    expect(list.json).toMatchObject({ page: 1, pageSize: 20, links: { prev: null, next: null } });
    expect(list.json.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: voting.electionId, phase: 'voting', method: 'meek', seats: 2, title: 'Governors by API' })]),
    );
    const ofOrganisation = await get(`/api/v1/elections?organisation=${voting.organisationId}`);
    expect((ofOrganisation.json.items as Array<{ id: number }>).map((e) => e.id)).toEqual([voting.electionId]);
    expect((await get('/api/v1/elections?organisation=nothing')).status).toBe(400);

    const one = await get(`/api/v1/elections/${voting.electionId}`);
    expect(one.status).toBe(200);
    expect(check('/api/v1/elections/{id}', one.json)).toEqual([]);
    expect(one.json).toMatchObject({
      phase: 'voting',
      method: 'meek',
      seats: 2,
      constituencies: [{ id: voting.constituencyId, name: 'Public', seats: 2 }],
      elected: null,
      turnout: null,
      seed: null,
    });
    expect((one.json.candidates as Array<{ name: string; ballotPosition: number }>).map((c) => [c.ballotPosition, c.name])).toEqual([
      [1, 'Charles Babbage'],
      [2, 'Grace Hopper'],
      [3, 'Ada Lovelace'],
      [4, 'Mary Somerville'],
      [5, 'Alan Turing'],
    ]);
    const count = await get(`/api/v1/elections/${voting.electionId}/count`);
    expect(check('/api/v1/elections/{id}/count', count.json)).toEqual([]);
    expect(count.json).toMatchObject({ counted: false, constituencies: [] });

    for (const path of ['/api/v1/elections/999999999', '/api/v1/elections/999999999/count']) {
      const missing = await get(path);
      expect(missing.status).toBe(404);
      expect(check(path.endsWith('count') ? '/api/v1/elections/{id}/count' : '/api/v1/elections/{id}', missing.json, { status: 404 })).toEqual([]);
    }
  });

  it('once counted, names those elected exactly as in the published BLT file (as decide counts it), with the turnout and every stage of the count', async () => {
    const one = await get(`/api/v1/elections/${counted.electionId}`);
    expect(check('/api/v1/elections/{id}', one.json)).toEqual([]);
    const blt = await t.client().get(`/elections/${counted.electionId}/ballots.blt`);
    const election = parseBlt(blt.body);
    const seed = one.json.seed as number;
    expect(seed).toEqual(expect.any(Number));
    const recounted = countStv(election, { rule: 'scottish', lot: { method: 'seeded', seed } });
    const elected = one.json.elected as Array<{ constituencyId: number; names: string[] }>;
    expect(elected).toEqual([{ constituencyId: counted.constituencyId, constituency: 'Public', names: recounted.elected }]);
    for (const name of recounted.elected) expect(election.candidates).toContain(name);
    expect(one.json.turnout).toEqual({ electorate: 6, voted: 6, ballots: 6 });

    const count = await get(`/api/v1/elections/${counted.electionId}/count`);
    expect(count.status).toBe(200);
    expect(check('/api/v1/elections/{id}/count', count.json)).toEqual([]);
    const [sheet] = count.json.constituencies as [
      { quota: string; elected: string[]; validBallots: number; stages: Array<{ candidates: Array<{ name: string; votes: string }> }> },
    ];
    expect(sheet).toMatchObject({ quota: recounted.quota, elected: recounted.elected, validBallots: 6 });
    expect(sheet.stages).toEqual(
      recounted.stages.map((s) =>
        expect.objectContaining({
          stage: s.stage,
          action: s.action,
          quota: s.quota,
          candidates: s.rows.map((r) => ({ name: r.name, change: r.change, votes: r.votes, state: r.state })),
        }),
      ),
    );
  });
});
