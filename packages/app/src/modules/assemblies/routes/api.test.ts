// The citizens' assemblies API on a real database, each answer checked against the OpenAPI
// document: assemblies listed (paged, drafts left out) and read with their remit, size and phase, the
// names of members who agreed to be named and nothing else about anyone (even for the organiser's own
// token), the published recommendations with their support and answers, and where the published
// selection record is.
import { beforeAll, expect, it } from 'vitest';
import { type AnswerCheck, openApiValidator } from '../../../../test/openApi.js';
import { describeWithTestApp } from '../../../../test/testApp.js';
import { apiTokenOf } from '../../accounts/testKit.js';
import { answerRecommendation, draftRecommendation, openVoting, publishRecommendations, voteOnRecommendation } from '../service.js';
import { type SeatedAssembly, seatedAssembly } from '../testKit.js';
import { clientOf, drawRoundOne, seat } from './testKit.js';

describeWithTestApp('the citizens’ assemblies API', (t) => {
  let check: AnswerCheck;
  let a: SeatedAssembly;
  let draft: SeatedAssembly;
  let organiserToken: string;
  const get = async (url: string, token?: string) => {
    const answer = await t.app.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: answer.statusCode, body: answer.body, json: answer.json() as Record<string, unknown> };
  };

  beforeAll(async () => {
    check = await openApiValidator(t.app);
    const deps = { db: t.db };
    a = await seatedAssembly(t.db);
    await drawRoundOne(t.db, a.assemblyId);
    draft = await seatedAssembly(t.db, { phase: 'draft', members: [] });
    await t.db.updateTable('assembly_volunteer').set({ name: 'Ada Named', name_public: true }).where('id', '=', seat(a, 0).volunteerId).execute();
    await t.db.updateTable('assembly_volunteer').set({ name: 'Bob Unnamed', phone: '0113 496 0000' }).where('id', '=', seat(a, 1).volunteerId).execute();
    const answered = await draftRecommendation(deps, a.admin, a.assemblyId, { title: 'A walk-in centre in the east', text: 'Open one.' });
    const waiting = await draftRecommendation(deps, a.admin, a.assemblyId, { title: 'Weekly waits', text: 'Publish them.' });
    for (const rec of [answered, waiting]) {
      await openVoting(deps, a.admin, rec);
      await voteOnRecommendation(deps, seat(a, 0).actor, rec, 'support');
    }
    await publishRecommendations(deps, a.admin, a.assemblyId);
    await answerRecommendation(deps, a.admin, answered, { answer: 'accept_in_part', reasons: 'Part of it fits.', actions: 'Find a site' });
    await t.db.updateTable('assembly_recommendation').set({ answer_due: '2020-01-31' }).where('id', '=', waiting).execute();
    await draftRecommendation(deps, a.admin, a.assemblyId, { title: 'Still a draft', text: 'Members only.' });
    organiserToken = await apiTokenOf(await clientOf(t, a.admin), 'Assembly organiser');
  });

  it('lists assemblies a page at a time, without drafts, as the document says', async () => {
    const list = await get('/api/v1/assemblies');
    expect(list.status).toBe(200);
    expect(check('/api/v1/assemblies', list.json)).toEqual([]);
    expect(list.json).toMatchObject({ page: 1, links: { prev: null } });
    const ids = (list.json.items as Array<{ id: number }>).map((x) => x.id);
    expect(ids).toContain(a.assemblyId);
    expect(ids).not.toContain(draft.assemblyId);
    const mine = await get(`/api/v1/assemblies?organisation=${a.organisationId}`);
    expect(mine.json.items).toEqual([expect.objectContaining({ id: a.assemblyId, phase: 'reported', kind: 'jury', panelSize: 4 })]);
    expect((await get('/api/v1/assemblies?place=nothing')).status).toBe(400);
  });

  it('reads one with its remit, size, public names only, the published recommendations and answers, and the record’s files', async () => {
    for (const token of [undefined, organiserToken]) {
      const one = await get(`/api/v1/assemblies/${a.assemblyId}`, token);
      expect(one.status).toBe(200);
      expect(check('/api/v1/assemblies/{id}', one.json)).toEqual([]);
      expect(one.json).toMatchObject({
        id: a.assemblyId,
        remit: 'How should urgent care work in Leeds?',
        panelSize: 4,
        phase: 'reported',
        membersCount: 2,
        memberNames: ['Ada Named'],
      });
      expect(one.body).not.toContain('Bob Unnamed');
      expect(one.body).not.toContain('0113 496 0000');
      expect(one.body).not.toMatch(/volunteer\d@example\.org/);
      expect(one.body).not.toContain('Still a draft');
      const recs = one.json.recommendations as Array<Record<string, unknown>>;
      expect(recs).toEqual([
        expect.objectContaining({
          number: 1,
          title: 'A walk-in centre in the east',
          answer: 'accept_in_part',
          answerReasons: 'Part of it fits.',
          overdue: false,
        }),
        expect.objectContaining({ number: 2, title: 'Weekly waits', answer: null, answerDue: '2020-01-31', overdue: true }),
      ]);
      expect(recs[0]?.support).toMatchObject({ support: 1, voted: 1 });
      expect(one.json.selection).toEqual([
        {
          round: 1,
          record: `/assemblies/${a.assemblyId}/selection.json`,
          categoriesCsv: `/assemblies/${a.assemblyId}/selection/categories.csv`,
          respondentsCsv: `/assemblies/${a.assemblyId}/selection/respondents.csv`,
        },
      ]);
    }
    const missing = await get(`/api/v1/assemblies/${draft.assemblyId}`);
    expect(missing.status).toBe(404);
    expect(check('/api/v1/assemblies/{id}', missing.json, { status: 404 })).toEqual([]);
    expect((await get('/api/v1/assemblies/0')).status).toBe(400);
  });
});
