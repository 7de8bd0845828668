// The staff pages of participatory budgeting over HTTP on a real database: an organisation's admin
// starts a budget (a wrong form is named field by field and changes nothing), moves it through its
// phases from the dashboard, moderates and reviews ideas, imports an eligible list, makes voting
// codes (shown once, only their hashes kept), two members enter paper ballots twice, and the count
// and delivery follow. Every page answers 403 to someone without the role and sends the signed-out
// to sign in.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithTestApp, type TestClient } from '../../../../test/testApp.js';
import type { Actor } from '../../../platform/permissions.js';
import { insertOrganisation, signedInPerson, summaryErrors } from '../../accounts/testKit.js';
import { commentOnIdea, proposeIdea } from '../service.js';
import { testBudget } from '../testKit.js';

describeWithTestApp('budget staff pages', (t) => {
  let organisationId: number;
  let placeId: number;
  let admin: TestClient;
  let memberA: TestClient;
  let memberB: TestClient;
  let stranger: TestClient;
  let proposer: Actor;
  let budgetId: number;
  const projectIds: Record<string, number> = {};

  const settings = {
    title: 'Healthier neighbourhoods',
    description: 'Projects for the town.',
    amount: '100000',
    eligibility: 'codes',
    minAge: '16',
    ballotType: 'approval',
    maxChoices: '',
    limitToBudget: 'yes',
    points: '',
    rule: 'mes-cost-add1',
    receipts: 'yes',
  };
  const budgetRow = () => t.db.selectFrom('budget').selectAll().where('id', '=', budgetId).executeTakeFirstOrThrow();
  const projectRow = (id: number) => t.db.selectFrom('budget_project').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const manage = (path = '') => `/budgets/${budgetId}/manage${path}`;

  /** A form posted from its page, as a browser would (the page first, for its CSRF token). */
  async function postFrom(client: TestClient, pagePath: string, action: string, form: Record<string, string | string[]>) {
    expect((await client.get(pagePath)).statusCode).toBe(200);
    return client.post(action, form);
  }

  async function moveTo(to: string) {
    const moved = await postFrom(admin, manage(), manage('/phase'), { to });
    expect(moved.statusCode, JSON.stringify(summaryErrors(moved.body))).toBe(to === 'counted' ? 200 : 303);
    expect((await budgetRow()).phase).toBe(to);
    return moved;
  }

  beforeAll(async () => {
    organisationId = await insertOrganisation(t.db, 'Budgeting Borough Council');
    placeId = (await t.db.insertInto('place').values({ name: 'Eastbrook', kind: 'neighbourhood', code: null }).returning('id').executeTakeFirstOrThrow()).id;
    ({ client: admin } = await signedInPerson(t, { name: 'Ada Admin', roles: [{ organisationId, role: 'admin' }] }));
    ({ client: memberA } = await signedInPerson(t, { name: 'Mo Member', roles: [{ organisationId, role: 'member' }] }));
    ({ client: memberB } = await signedInPerson(t, { name: 'Bea Member', roles: [{ organisationId, role: 'member' }] }));
    ({ client: stranger } = await signedInPerson(t));
    const { accountId } = await signedInPerson(t);
    proposer = { accountId, platformAdmin: false, organisationRoles: [] };
  });

  it('starts a budget from the settings form, naming each wrong field, keeping what was typed and making nothing', async () => {
    const newPath = `/organisations/${organisationId}/budgets/new`;
    const form = await admin.get(newPath);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Start a participatory budget');
    expect(form.body).toContain('Method of Equal Shares (recommended)');
    expect(form.body).toContain('Eastbrook');
    expect((await stranger.get(newPath)).statusCode).toBe(403);
    const signedOut = await t.client().get(newPath);
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe(`/sign-in?next=${encodeURIComponent(newPath)}`);

    const notANumber = await admin.post(newPath, { ...settings, title: 'Kept title', amount: 'lots', placeIds: String(placeId) });
    expect(notANumber.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(notANumber.body))).toEqual(['amount']);
    expect(notANumber.body).toContain('value="Kept title"');
    expect(notANumber.body).toContain('value="lots"');
    const wrong = await admin.post(newPath, { ...settings, title: '', 'voteUntil-day': '31', 'voteUntil-month': '2', 'voteUntil-year': '2027' });
    expect(wrong.statusCode).toBe(422);
    const errors = summaryErrors(wrong.body);
    expect(errors.title).toBe('Enter a title');
    expect(Object.keys(errors)).toContain('voteUntil-day');
    expect(await t.db.selectFrom('budget').select('id').where('organisation_id', '=', organisationId).execute()).toEqual([]);

    const made = await admin.post(newPath, { ...settings, placeIds: String(placeId) });
    expect(made.statusCode).toBe(303);
    const match = /^\/budgets\/(\d+)\/manage\?done=budget-created$/.exec(String(made.headers.location));
    expect(match).not.toBeNull();
    budgetId = Number(match?.[1]);
    expect(await budgetRow()).toMatchObject({ phase: 'draft', amount: 100000, eligibility: 'codes', min_age: 16, rule: 'mes-cost-add1', receipts: true });
    const dashboard = await admin.get(manage());
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('Healthier neighbourhoods');
    expect(dashboard.body).toContain('Open it for ideas');
  });

  it('opens it for ideas from the dashboard, saying what moving does', async () => {
    await moveTo('ideas');
    const dashboard = await admin.get(manage());
    expect(dashboard.body).toContain('Close ideas and start the review');
    expect(dashboard.body).toContain('No more ideas are taken');
  });

  describe('who sees the staff pages', () => {
    const pages = ['', '/settings', '/projects', '/moderation', '/eligible', '/codes', '/paper', '/delivery'];
    it('shows each to the organisation’s admin, refuses someone without the role and sends the signed-out to sign in', async () => {
      for (const path of pages) {
        const shown = await admin.get(manage(path));
        expect(shown.statusCode, path).toBe(200);
        expect(shown.body, path).toContain('Healthier neighbourhoods');
        expect((await stranger.get(manage(path))).statusCode, path).toBe(403);
        const signedOut = await t.client().get(manage(path));
        expect(signedOut.statusCode, path).toBe(303);
        expect(signedOut.headers.location, path).toBe(`/sign-in?next=${encodeURIComponent(manage(path))}`);
      }
      // A member enters paper ballots but does not manage the budget.
      expect((await memberA.get(manage('/paper'))).statusCode).toBe(200);
      expect((await memberA.get(manage())).statusCode).toBe(403);
      // Forms are refused alike.
      await stranger.get('/');
      expect((await stranger.post(manage('/phase'), { to: 'review' })).statusCode).toBe(403);
      expect((await budgetRow()).phase).toBe('ideas');
    });
  });

  it('moderates ideas and comments, showing what could identify someone', async () => {
    const deps = { db: t.db };
    const idea = (title: string, description: string) =>
      proposeIdea(deps, proposer, budgetId, { title, description, location: 'Eastbrook', whoBenefits: 'Everyone', roughCost: 20000 });
    projectIds.benches = await idea('Benches in the park', 'Somewhere to rest on the walk to the surgery.');
    projectIds.garden = await idea('Community garden', 'Call Jane on 07700 900123 to help.');
    projectIds.spam = await idea('Buy my car', 'Not a project.');
    projectIds.bus = await idea('A minibus', 'To the health centre.');
    projectIds.benches2 = await idea('More benches', 'Benches, again.');

    const queue = await admin.get(manage('/moderation'));
    expect(queue.statusCode).toBe(200);
    for (const title of ['Benches in the park', 'Community garden', 'Buy my car']) expect(queue.body).toContain(title);

    const moderate = (id: number, form: Record<string, string>) => postFrom(admin, manage('/moderation'), manage(`/moderation/ideas/${id}`), form);
    // Rejecting needs a reason, named on that idea's own field.
    const noReason = await moderate(projectIds.spam as number, { decision: 'reject', [`reason-${projectIds.spam}`]: '' });
    expect(noReason.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(noReason.body))).toEqual([`reason-${projectIds.spam}`]);
    expect((await projectRow(projectIds.spam as number)).status).toBe('pending');
    expect((await moderate(projectIds.spam as number, { decision: 'reject', [`reason-${projectIds.spam}`]: 'Not a community project' })).headers.location).toBe(
      manage('/moderation?done=idea-moderated'),
    );
    expect((await projectRow(projectIds.spam as number)).status).toBe('rejected');
    // Published with the phone number taken out.
    const garden = projectIds.garden as number;
    const published = await moderate(garden, { decision: 'publish', [`title-${garden}`]: 'Community garden', [`description-${garden}`]: 'Volunteers wanted.' });
    expect(published.statusCode).toBe(303);
    expect(await projectRow(garden)).toMatchObject({ status: 'idea', description: 'Volunteers wanted.' });
    for (const key of ['benches', 'bus', 'benches2'] as const) {
      const id = projectIds[key] as number;
      const row = await projectRow(id);
      expect((await moderate(id, { decision: 'publish', [`title-${id}`]: row.title, [`description-${id}`]: row.description })).statusCode).toBe(303);
    }

    await commentOnIdea(deps, proposer, garden, 'Ring me on 07700 900456, I can dig.');
    const comments = await admin.get(manage('/moderation'));
    expect(comments.body).toContain('Ring me on 07700 900456, I can dig.');
    expect(comments.body).toContain('Possible identifiers');
    expect(comments.body).toContain('07700 900456</li>');
    const commentId = (await t.db.selectFrom('budget_project_comment').select('id').where('project_id', '=', garden).executeTakeFirstOrThrow()).id;
    const rejected = await postFrom(admin, manage('/moderation'), manage(`/moderation/comments/${commentId}`), { decision: 'reject' });
    expect(rejected.headers.location).toBe(manage('/moderation?done=comment-moderated'));
    expect((await t.db.selectFrom('budget_project_comment').select('status').where('id', '=', commentId).executeTakeFirstOrThrow()).status).toBe('rejected');
    expect((await admin.get(manage('/moderation'))).body).toContain('No comments are waiting.');
  });

  it('reviews and costs ideas: shortlist with a cost, not feasible with a reason, merge, and a project added directly', async () => {
    await moveTo('review');
    const review = (id: number, form: Record<string, string>) => postFrom(admin, manage('/projects'), manage(`/projects/${id}`), form);
    const benches = projectIds.benches as number;
    const badCost = await review(benches, { [`outcome-${benches}`]: 'shortlist', [`cost-${benches}`]: 'a lot' });
    expect(badCost.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(badCost.body))).toEqual([`cost-${benches}`]);
    expect(badCost.body).toContain('value="a lot"');
    expect((await projectRow(benches)).status).toBe('idea');

    expect((await review(benches, { [`outcome-${benches}`]: 'shortlist', [`cost-${benches}`]: '30,000' })).headers.location).toBe(
      manage(`/projects?done=project-reviewed#project-${benches}`),
    );
    expect(await projectRow(benches)).toMatchObject({ status: 'shortlisted', cost: 30000 });
    const garden = projectIds.garden as number;
    expect((await review(garden, { [`outcome-${garden}`]: 'shortlist', [`cost-${garden}`]: '50000' })).statusCode).toBe(303);
    const bus = projectIds.bus as number;
    expect((await review(bus, { [`outcome-${bus}`]: 'not_feasible', [`reason-${bus}`]: 'The council already runs one' })).statusCode).toBe(303);
    expect(await projectRow(bus)).toMatchObject({ status: 'not_feasible', review_reason: 'The council already runs one' });
    const benches2 = projectIds.benches2 as number;
    const merged = await review(benches2, {
      [`outcome-${benches2}`]: 'merge',
      [`mergeIntoId-${benches2}`]: String(benches),
      [`reason-${benches2}`]: 'The same idea',
    });
    expect(merged.statusCode).toBe(303);
    expect(await projectRow(benches2)).toMatchObject({ status: 'merged', merged_into_id: benches });

    const badAdd = await postFrom(admin, manage('/projects'), manage('/projects'), { title: '', description: 'Lights', cost: '20000' });
    expect(badAdd.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(badAdd.body))).toContain('title');
    expect(badAdd.body).toContain('Lights');
    const added = await postFrom(admin, manage('/projects'), manage('/projects'), { title: 'Park lights', description: 'Lights on the path', cost: '15000' });
    expect(added.headers.location).toBe(manage('/projects?done=project-added'));
    const lights = await t.db
      .selectFrom('budget_project')
      .selectAll()
      .where('budget_id', '=', budgetId)
      .where('title', '=', 'Park lights')
      .executeTakeFirstOrThrow();
    expect(lights).toMatchObject({ status: 'shortlisted', cost: 15000, proposed_by_account_id: null });
    projectIds.lights = lights.id;

    const page = await admin.get(manage('/projects'));
    expect(page.body).toContain('The council already runs one');
    expect(page.body).toContain('Merged into');
  });

  it('imports the eligible list, listing the problems by line', async () => {
    await admin.get(manage('/eligible'));
    const noFile = await admin.postMultipart(manage('/eligible'), {});
    expect(noFile.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(noFile.body))).toEqual(['file']);
    const mixed = await admin.postMultipart(
      manage('/eligible'),
      {},
      { field: 'file', filename: 'people.csv', content: 'email\r\nann@example.org\r\nnot an email\r\nBEN@example.org\r\n' },
    );
    expect(mixed.statusCode).toBe(422);
    expect(mixed.body).toMatch(/<td class="nhsuk-table__cell">3<\/td>/);
    const good = await admin.postMultipart(manage('/eligible'), {}, { field: 'file', filename: 'more.csv', content: 'email\ncat@example.org\n' });
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe(manage('/eligible?done=eligible-imported'));
    const emails = await t.db.selectFrom('budget_eligible_person').select('email').where('budget_id', '=', budgetId).orderBy('email').execute();
    expect(emails.map((e) => e.email)).toEqual(['ann@example.org', 'ben@example.org', 'cat@example.org']);
  });

  it('shows voting codes once, on the answer page and its download, and keeps only their hashes', async () => {
    const bad = await postFrom(admin, manage('/codes'), manage('/codes'), { count: 'three', batch: 'Library' });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(bad.body))).toEqual(['count']);
    expect(await t.db.selectFrom('budget_voting_code').select('id').where('budget_id', '=', budgetId).execute()).toEqual([]);

    const made = await admin.post(manage('/codes'), { count: '3', batch: 'Library drop-in' });
    expect(made.statusCode).toBe(200);
    expect(made.headers['cache-control']).toBe('no-store');
    const codes = [...made.body.matchAll(/<code class="involve-token">([^<]+)<\/code>/g)].map((m) => m[1] as string);
    expect(codes).toHaveLength(3);
    const rows = await t.db.selectFrom('budget_voting_code').selectAll().where('budget_id', '=', budgetId).execute();
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.batch).toBe('Library drop-in');
      for (const code of codes) expect(JSON.stringify(row)).not.toContain(code);
    }
    const again = await admin.get(manage('/codes'));
    for (const code of codes) expect(again.body).not.toContain(code);
    expect(again.body).toMatch(/<strong>0<\/strong> of <strong>3<\/strong> codes used/);

    const csv = await admin.post(manage('/codes.csv'), { codes: codes.join(' '), batch: 'Library drop-in' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.body).toBe(`code,batch\r\n${codes.map((c) => `${c},Library drop-in\r\n`).join('')}`);
    await stranger.get('/');
    expect((await stranger.post(manage('/codes.csv'), { codes: codes.join(' '), batch: 'x' })).statusCode).toBe(403);
  });

  it('opens the vote and fixes the ballot settings, while the title can still change', async () => {
    await moveTo('vote');
    const form = await admin.get(manage('/settings'));
    expect(form.body).toContain('Fixed once the vote opened');
    expect(form.body).not.toContain('name="amount"');
    const saved = await admin.post(manage('/settings'), {
      ...settings,
      amount: '999',
      rule: 'greedy-cost',
      title: 'Healthier neighbourhoods 2027',
      placeIds: String(placeId),
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(manage('?done=budget-saved'));
    expect(await budgetRow()).toMatchObject({ title: 'Healthier neighbourhoods 2027', amount: 100000, rule: 'mes-cost-add1' });
  });

  it('takes paper ballots entered twice by different people: a match adds the ballot, a mismatch is listed, the same person twice is refused', async () => {
    const pb = (key: string) => String(projectIds[key]);
    const enter = (client: TestClient, form: Record<string, string | string[]>) => postFrom(client, manage('/paper'), manage('/paper'), form);
    const form = await memberA.get(manage('/paper'));
    expect(form.body).toContain('Benches in the park');
    expect(form.body).toContain('name="projects"');

    const nothing = await enter(memberA, { paperRef: '101' });
    expect(nothing.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(nothing.body))).toEqual(['projects']);
    expect(nothing.body).toContain('value="101"');

    const first = await enter(memberA, { paperRef: '101', projects: [pb('benches'), pb('lights')] });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(manage('/paper?done=paper-entered#paper-awaiting_second'));
    const twice = await enter(memberA, { paperRef: '101', projects: [pb('benches'), pb('lights')] });
    expect([409, 422]).toContain(twice.statusCode);
    expect(await t.db.selectFrom('budget_paper_entry').select('id').where('budget_id', '=', budgetId).execute()).toHaveLength(1);
    const second = await enter(memberB, { paperRef: '101', projects: [pb('lights'), pb('benches')] });
    expect(second.headers.location).toBe(manage('/paper?done=paper-entered#paper-accepted'));
    const ballots = await t.db.selectFrom('budget_ballot').selectAll().where('budget_id', '=', budgetId).execute();
    expect(ballots).toHaveLength(1);
    expect(ballots[0]).toMatchObject({ source: 'paper', receipt: 'paper-101' });

    expect((await enter(memberA, { paperRef: '102', projects: [pb('garden')] })).statusCode).toBe(303);
    expect((await enter(memberB, { paperRef: '102', projects: [pb('benches')] })).headers.location).toBe(manage('/paper?done=paper-entered#paper-mismatch'));
    const list = await memberA.get(manage('/paper'));
    expect(list.body).toContain('The entries differ');
    const mismatch = list.body.slice(list.body.indexOf('id="paper-102"'));
    expect(mismatch).toContain('Entry 1, by Mo Member');
    expect(mismatch).toContain('Entry 2, by Bea Member');
    expect(mismatch.indexOf('Community garden')).toBeLessThan(mismatch.indexOf('Entry 2'));
    expect(mismatch.indexOf('Benches in the park')).toBeGreaterThan(mismatch.indexOf('Entry 2'));

    // The wrong entry removed and typed again: the paper is accepted.
    const wrongEntry = await t.db
      .selectFrom('budget_paper_entry as e')
      .select('e.id')
      .where('e.budget_id', '=', budgetId)
      .where('e.paper_ref', '=', '102')
      .orderBy('e.id', 'desc')
      .executeTakeFirstOrThrow();
    const removed = await postFrom(memberB, manage('/paper'), manage(`/paper/entries/${wrongEntry.id}/delete`), {});
    expect(removed.headers.location).toBe(manage('/paper?done=entry-removed'));
    expect((await enter(memberB, { paperRef: '102', projects: [pb('garden')] })).headers.location).toBe(manage('/paper?done=paper-entered#paper-accepted'));
    expect(await t.db.selectFrom('budget_ballot').select('id').where('budget_id', '=', budgetId).execute()).toHaveLength(2);
  });

  it('counts from the dashboard, showing what the count did and linking to the result, then records the funded projects as decisions', async () => {
    const counted = await moveTo('counted');
    expect(counted.body).toContain('The votes are counted');
    expect(counted.body).toContain(`href="/budgets/${budgetId}/result"`);
    const b = await budgetRow();
    expect(b.result?.selected.length).toBeGreaterThan(0);
    expect(b.ballot_secret).toBeNull();

    const before = await admin.get(manage('/delivery'));
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('Not recorded yet');
    await moveTo('delivery');
    const delivery = await admin.get(manage('/delivery'));
    const funded = await t.db
      .selectFrom('budget_project')
      .select(['title', 'decision_id'])
      .where('budget_id', '=', budgetId)
      .where('decision_id', 'is not', null)
      .execute();
    expect(funded.length).toBe(b.result?.selected.length);
    for (const p of funded) {
      expect(delivery.body).toContain(p.title);
      expect(delivery.body).toContain(`href="/decisions/${p.decision_id}"`);
    }
    const dashboard = await admin.get(manage());
    expect(dashboard.body).toContain('The budget is in delivery');
    expect(dashboard.body).toContain(`href="/budgets/${budgetId}/manage/delivery"`);
  });
  it('takes a paper ballot of points: the fields of the ballot, too many points named, the same points from two people accepted', async () => {
    const points = await testBudget(t.db, { settings: { ballotType: 'cumulative', points: 10, eligibility: 'codes' } });
    const { client: first } = await signedInPerson(t, { roles: [{ organisationId: points.organisationId, role: 'member' }] });
    const { client: second } = await signedInPerson(t, { roles: [{ organisationId: points.organisationId, role: 'admin' }] });
    const paper = `/budgets/${points.budgetId}/manage/paper`;
    const [garden, benches] = [points.projects[1] as string, points.projects[0] as string];
    const form = await first.get(paper);
    expect(form.body).toContain(`name="points_${garden}"`);
    const tooMany = await first.post(paper, { paperRef: 'P-1', [`points_${garden}`]: '8', [`points_${benches}`]: '5' });
    expect(tooMany.statusCode).toBe(422);
    expect(Object.values(summaryErrors(tooMany.body)).join()).toContain('10 points');
    expect(tooMany.body).toContain(`name="points_${garden}" type="text" value="8"`);
    expect((await first.post(paper, { paperRef: 'P-1', [`points_${garden}`]: '7', [`points_${benches}`]: '3' })).statusCode).toBe(303);
    await second.get(paper);
    expect((await second.post(paper, { paperRef: 'P-1', [`points_${benches}`]: '3', [`points_${garden}`]: '7' })).headers.location).toBe(
      `${paper}?done=paper-entered#paper-accepted`,
    );
    const list = await second.get(paper);
    expect(list.body).toContain('Community garden: 7 points');
  });
});
