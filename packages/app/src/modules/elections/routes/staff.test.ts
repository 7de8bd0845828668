// The staff pages of elections over HTTP on a real database: an organisation's admin sets up an
// election (a wrong form is named field by field and changes nothing), imports the electorate (a bad
// file refused with each line named, nothing imported), checks nominations and adds candidates,
// issues voting codes (the letters shown once, only hashes kept), two members enter paper ballots
// twice, the dashboard moves it through its phases to the count, and a recount fills a casual
// vacancy. Every page answers 403 to someone without the role and sends the signed-out to sign in.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithTestApp, type TestClient } from '../../../../test/testApp.js';
import type { Actor } from '../../../platform/permissions.js';
import { insertOrganisation, queuedMail, signedInPerson, summaryErrors } from '../../accounts/testKit.js';
import { createBody, getBody } from '../../registry/service.js';
import { castElectionBallot, nominate } from '../service.js';

describeWithTestApp('election staff pages', (t) => {
  let organisationId: number;
  let bodyId: number;
  let admin: TestClient;
  let adminActor: Actor;
  let memberA: TestClient;
  let memberB: TestClient;
  let stranger: TestClient;
  let nominee: { actor: Actor; email: string };
  let electionId: number;
  const candidateIds: Record<string, number> = {};
  const letterCodes: string[] = [];

  const settings = {
    title: 'Public governors 2027',
    description: 'Governors for the public constituencies.',
    role: 'patient_representative',
    method: 'scottish',
    constituencies: 'Public: 2\nStaff: 1',
    wordLimit: '250',
    declarations: 'I am a member of the trust\nI am not a director of the trust',
    ballotOrder: 'alphabetical',
    receipts: 'yes',
  };
  const electionRow = () => t.db.selectFrom('election').selectAll().where('id', '=', electionId).executeTakeFirstOrThrow();
  const constituency = async (name: string) =>
    (await t.db.selectFrom('election_constituency').select('id').where('election_id', '=', electionId).where('name', '=', name).executeTakeFirstOrThrow()).id;
  const voters = () => t.db.selectFrom('election_voter').selectAll().where('election_id', '=', electionId).orderBy('member_number').execute();
  const manage = (path = '') => `/elections/${electionId}/manage${path}`;

  /** A form on a page, sent as a browser sends it: the page fetched first (for its CSRF token), then the form posted to `action` (the page's own address by default). */
  async function send(client: TestClient, pagePath: string, form: Record<string, string>, action = pagePath) {
    const shown = await client.get(pagePath);
    expect(shown.statusCode, pagePath).toBe(200);
    return client.post(action, form);
  }

  /** Move the election on from its dashboard: the count answers with its own page, other moves go back to the dashboard. */
  async function moveTo(to: string) {
    const moved = await send(admin, manage(), { to }, manage('/phase'));
    const expected = to === 'counted' ? [200, undefined] : [303, manage('?done=election-phase-changed')];
    expect([moved.statusCode, moved.headers.location], JSON.stringify(summaryErrors(moved.body))).toEqual(expected);
    expect((await electionRow()).phase).toBe(to);
    return moved;
  }

  beforeAll(async () => {
    organisationId = await insertOrganisation(t.db, 'Eastmoor Foundation Trust');
    const signedInAdmin = await signedInPerson(t, { name: 'Ada Admin', roles: [{ organisationId, role: 'admin' }] });
    admin = signedInAdmin.client;
    adminActor = { accountId: signedInAdmin.accountId, platformAdmin: false, organisationRoles: [{ organisationId, role: 'admin' }] };
    bodyId = await createBody({ db: t.db }, adminActor, organisationId, { name: 'Council of Governors', kind: 'board' });
    ({ client: memberA } = await signedInPerson(t, { name: 'Mo Member', roles: [{ organisationId, role: 'member' }] }));
    ({ client: memberB } = await signedInPerson(t, { name: 'Bea Member', roles: [{ organisationId, role: 'member' }] }));
    ({ client: stranger } = await signedInPerson(t));
    const person = await signedInPerson(t, { name: 'Nia Nominee' });
    nominee = { email: person.email, actor: { accountId: person.accountId, platformAdmin: false, organisationRoles: [] } };
  });

  it('sets up an election from the settings form, naming each wrong field, keeping what was typed and making nothing', async () => {
    const newPath = `/organisations/${organisationId}/elections/new`;
    const form = await admin.get(newPath);
    expect(form.statusCode).toBe(200);
    for (const words of ['Set up an election', 'Council of Governors', 'Patient representative', 'With one seat this is the alternative vote', 'Public: 4'])
      expect(form.body).toContain(words);
    expect((await stranger.get(newPath)).statusCode).toBe(403);
    const signedOut = await t.client().get(newPath);
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe(`/sign-in?next=${encodeURIComponent(newPath)}`);

    const unread = await admin.post(newPath, { ...settings, bodyId: String(bodyId), title: 'Kept title', constituencies: 'Public four', wordLimit: 'lots' });
    expect(unread.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(unread.body)).sort()).toEqual(['constituencies', 'wordLimit']);
    expect(unread.body).toContain('value="Kept title"');
    expect(unread.body).toContain('value="lots"');
    expect(unread.body).toContain('Public four');
    const wrong = await admin.post(newPath, {
      ...settings,
      title: '',
      role: 'king',
      'votingCloseOn-day': '31',
      'votingCloseOn-month': '2',
      'votingCloseOn-year': '2027',
    });
    expect(wrong.statusCode).toBe(422);
    const errors = summaryErrors(wrong.body);
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(['title', 'bodyId', 'role', 'votingCloseOn-day']));
    expect(await t.db.selectFrom('election').select('id').where('organisation_id', '=', organisationId).execute()).toEqual([]);

    const made = await admin.post(newPath, { ...settings, bodyId: String(bodyId) });
    expect(made.statusCode, JSON.stringify(summaryErrors(made.body))).toBe(303);
    const match = /^\/elections\/(\d+)\/manage\?done=election-created$/.exec(String(made.headers.location));
    expect(match).not.toBeNull();
    electionId = Number(match?.[1]);
    expect(await electionRow()).toMatchObject({ phase: 'draft', body_id: bodyId, role: 'patient_representative', method: 'scottish', word_limit: 250 });
    const seats = await t.db.selectFrom('election_constituency').select(['name', 'seats']).where('election_id', '=', electionId).orderBy('name').execute();
    expect(seats).toEqual([
      { name: 'Public', seats: 2 },
      { name: 'Staff', seats: 1 },
    ]);
    const dashboard = await admin.get(manage());
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('Public governors 2027');
    expect(dashboard.body).toContain('Open nominations');
    // A draft is not found by anyone who may not run it.
    expect((await stranger.get(manage())).statusCode).toBe(404);

    const edit = await admin.get(manage('/settings'));
    expect(edit.body).toContain('Public: 2\nStaff: 1');
    const saved = await admin.post(manage('/settings'), {
      ...settings,
      bodyId: String(bodyId),
      title: 'Public governors 2027–2030',
      'termEndOn-day': '31',
      'termEndOn-month': '3',
      'termEndOn-year': '2030',
    });
    expect(saved.headers.location).toBe(manage('?done=election-saved'));
    expect(await electionRow()).toMatchObject({ title: 'Public governors 2027–2030', term_end_on: '2030-03-31' });
  });

  it('imports the electorate only when every line is right, naming each bad line', async () => {
    await admin.get(manage('/electorate'));
    const noFile = await admin.postMultipart(manage('/electorate'), {});
    expect(noFile.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(noFile.body))).toEqual(['file']);

    const header = 'member_number,name,email,postal_address,constituency';
    const bad = [
      header,
      'M1,Ann Able,ann@example.org,,Public',
      'M1,Ann Again,again@example.org,,Public',
      'M3,Cy Nowhere,cy@example.org,,Nowhere',
      'M4,Di Wrong,not-an-email,,Public',
      'M5,Ed Neither,,,Staff',
    ].join('\n');
    const refused = await admin.postMultipart(manage('/electorate'), {}, { field: 'file', filename: 'electorate.csv', content: bad });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Nothing was imported');
    const lines = [...refused.body.matchAll(/<tr class="nhsuk-table__row"><td class="nhsuk-table__cell">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(lines).toEqual([3, 4, 5, 6]);
    expect(await voters()).toEqual([]);

    const good = [
      header,
      `M1,Nia Nominee,${nominee.email},,Public`,
      'M2,Ben Bold,ben@example.org,,Public',
      'M3,Cat Cole,,"1 High Street, Eastmoor, EM1 1AA",Public',
      'M4,Dan Dale,,"2 Low Road, Eastmoor, EM2 2BB",Staff',
      'M5,Eve Evans,eve@example.org,,Staff',
    ].join('\n');
    const imported = await admin.postMultipart(manage('/electorate'), {}, { field: 'file', filename: 'electorate.csv', content: good });
    expect(imported.statusCode, JSON.stringify(summaryErrors(imported.body))).toBe(303);
    expect(imported.headers.location).toBe(manage('/electorate?done=electorate-imported'));
    expect((await voters()).map((v) => v.member_number)).toEqual(['M1', 'M2', 'M3', 'M4', 'M5']);
    const page = await admin.get(manage('/electorate'));
    expect(page.body).toMatch(/<th scope="row" class="nhsuk-table__header">Public<\/th>\s*<td class="nhsuk-table__cell nhsuk-table__cell--numeric">3<\/td>/);
  });

  it('opens nominations from the dashboard, checks a nomination and adds candidates directly', async () => {
    await moveTo('nominations');
    // The constituencies are fixed once nominations open: the settings form says so and refuses a change.
    const fixed = await send(admin, manage('/settings'), { ...settings, bodyId: String(bodyId), constituencies: 'Public: 2\nStaff: 1\nNorth: 1' });
    expect(fixed.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(fixed.body))).toEqual(['constituencies']);
    expect(fixed.body).toContain('Some settings are fixed as the election goes on');
    expect(await t.db.selectFrom('election_constituency').select('name').where('election_id', '=', electionId).execute()).toHaveLength(2);
    const publicId = await constituency('Public');
    const staffId = await constituency('Staff');
    candidateIds.nia = await nominate({ db: t.db }, nominee.actor, electionId, {
      name: 'Nia Nominee',
      statement: 'I will listen to patients.',
      declarations: ['I am a member of the trust', 'I am not a director of the trust'],
    });
    const list = await admin.get(manage('/nominations'));
    expect(list.body).toContain('Nia Nominee');
    expect(list.body).toContain('I will listen to patients.');
    expect(list.body).toContain('I am not a director of the trust');
    expect(list.body).toContain('Waiting to be checked');

    const nia = candidateIds.nia as number;
    expect(list.body).toContain(`href="/elections/${electionId}/manage/nominations/${nia}"`);
    const check = (form: Record<string, string>) => send(admin, manage(`/nominations/${nia}`), form);
    const noReason = await check({ valid: 'no', reason: '' });
    expect(noReason.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(noReason.body))).toEqual(['reason']);
    expect(noReason.body).toContain('I will listen to patients.');
    const unanswered = await check({});
    expect(unanswered.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(unanswered.body))).toEqual(['valid']);
    expect((await t.db.selectFrom('election_candidate').select('status').where('id', '=', nia).executeTakeFirstOrThrow()).status).toBe('nominated');
    const valid = await check({ valid: 'yes', reason: '' });
    expect(valid.headers.location).toBe(manage(`/nominations?done=nomination-checked#candidate-${nia}`));
    expect((await t.db.selectFrom('election_candidate').select('status').where('id', '=', nia).executeTakeFirstOrThrow()).status).toBe('valid');

    const add = (form: Record<string, string>) => send(admin, manage('/nominations'), form);
    const noName = await add({ constituencyId: String(publicId), name: '', statement: 'Kept statement' });
    expect(noName.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(noName.body))).toEqual(['name']);
    expect(noName.body).toContain('Kept statement');
    for (const [key, name, where] of [
      ['alice', 'Alice Adams', publicId],
      ['bob', 'Bob Brown', publicId],
      ['dave', 'Dave Davis', staffId],
      ['erin', 'Erin Ellis', staffId],
    ] as const) {
      const added = await add({ constituencyId: String(where), name, statement: `${name} will speak up for patients.` });
      expect(added.headers.location).toBe(manage('/nominations?done=candidate-added'));
      candidateIds[key] = (
        await t.db.selectFrom('election_candidate').select('id').where('election_id', '=', electionId).where('name', '=', name).executeTakeFirstOrThrow()
      ).id;
    }
    expect(
      await t.db.selectFrom('election_candidate').select('status').where('election_id', '=', electionId).where('status', '=', 'valid').execute(),
    ).toHaveLength(5);
  });

  describe('who sees the staff pages', () => {
    it('shows each to the organisation’s admin, refuses someone without the role and sends the signed-out to sign in', async () => {
      const pages = ['', '/settings', '/electorate', '/codes', '/nominations', `/nominations/${candidateIds.nia}`, '/paper', '/recount'];
      const answers: Record<string, unknown> = {};
      for (const path of pages) {
        const [shown, refused, signedOut] = [await admin.get(manage(path)), await stranger.get(manage(path)), await t.client().get(manage(path))];
        answers[path] = [shown.statusCode, shown.body.includes('Public governors 2027'), refused.statusCode, signedOut.statusCode, signedOut.headers.location];
      }
      expect(answers).toEqual(Object.fromEntries(pages.map((path) => [path, [200, true, 403, 303, `/sign-in?next=${encodeURIComponent(manage(path))}`]])));
      // A member enters paper ballots but does not run the election.
      expect([(await memberA.get(manage('/paper'))).statusCode, (await memberA.get(manage())).statusCode]).toEqual([200, 403]);
      // Forms are refused alike.
      await stranger.get('/');
      for (const [path, form] of [
        ['/phase', { to: 'checking' }],
        ['/codes', {}],
        [`/nominations/${candidateIds.nia}`, { valid: 'no', reason: 'x' }],
      ] as const)
        expect((await stranger.post(manage(path), form)).statusCode, path).toBe(403);
      expect((await electionRow()).phase).toBe('nominations');
    });
  });

  it('issues voting codes: emails queued, a letter for each postal voter shown once, only hashes kept', async () => {
    await moveTo('checking');
    await moveTo('statements');
    const page = await admin.get(manage('/codes'));
    expect(page.body).toContain('Issue the codes');
    const issued = await admin.post(manage('/codes'), {});
    expect(issued.statusCode).toBe(200);
    expect(issued.headers['cache-control']).toBe('no-store');
    expect(issued.body).toContain('3 emails are queued');
    const letters = [...issued.body.matchAll(/<article class="involve-letter"[\s\S]*?<\/article>/g)].map((m) => m[0]);
    expect(letters).toHaveLength(2);
    expect(letters[0]).toContain('Cat Cole');
    expect(letters[0]).toContain('1 High Street');
    expect(letters[0]).toContain('M3');
    expect(letters[0]).toContain(`/elections/${electionId}/vote`);
    expect(letters[1]).toContain('Dan Dale');
    for (const letter of letters) {
      const code = /<code class="involve-token">([^<]+)<\/code>/.exec(letter)?.[1];
      expect(code).toMatch(/^[A-Z0-9-]{12,}$/);
      letterCodes.push(code as string);
    }
    expect(await queuedMail(t.db, 'ben@example.org')).toHaveLength(1);

    const rows = await voters();
    expect(rows.every((v) => v.code_hash && v.code_issued_at)).toBe(true);
    const stored = JSON.stringify(rows);
    for (const code of letterCodes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace(/-/g, ''));
    }
    const css = await admin.get('/static/involve.css');
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toMatch(/@media print \{[\s\S]*\.involve-letter \{[^}]*page-break-after: always/);
    const again = await admin.get(manage('/codes'));
    for (const code of letterCodes) expect(again.body).not.toContain(code);
  });

  it('takes paper ballots entered twice by different people through the page: a match adds the ballot, a mismatch is shown side by side', async () => {
    // A voter added after the codes were issued is given one as voting opens: their letter is the answer, this once.
    const late = ['member_number,name,email,postal_address,constituency', 'M6,Fay Post,,"6 Mill Lane, Eastmoor",Public'].join('\n');
    await admin.get(manage('/electorate'));
    expect((await admin.postMultipart(manage('/electorate'), {}, { field: 'file', filename: 'late.csv', content: late })).statusCode).toBe(303);
    const opened = await send(admin, manage(), { to: 'voting' }, manage('/phase'));
    expect([opened.statusCode, opened.headers['cache-control']]).toEqual([200, 'no-store']);
    expect(opened.body).toContain('0 emails are queued');
    expect([...opened.body.matchAll(/<article class="involve-letter"/g)]).toHaveLength(1);
    expect(opened.body).toContain('6 Mill Lane');
    expect((await electionRow()).phase).toBe('voting');
    const publicId = await constituency('Public');
    const [alice, bob, nia] = [candidateIds.alice, candidateIds.bob, candidateIds.nia] as [number, number, number];
    const paperPage = manage(`/paper?constituency=${publicId}`);
    const enter = (client: TestClient, form: Record<string, string>) =>
      send(client, paperPage, { constituencyId: String(publicId), ...form }, manage('/paper'));
    const form = await memberA.get(paperPage);
    expect(form.body).toContain('Alice Adams');
    expect(form.body).toContain(`name="rank_${bob}"`);
    expect(form.body).not.toContain('Dave Davis');

    const repeated = await enter(memberA, { paperRef: '101', [`rank_${alice}`]: '1', [`rank_${bob}`]: '1' });
    expect(repeated.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(repeated.body))).toEqual([`rank_${bob}`]);
    expect(repeated.body).toContain('value="101"');

    const first = await enter(memberA, { paperRef: '101', [`rank_${alice}`]: '1', [`rank_${bob}`]: '2' });
    expect(first.statusCode, JSON.stringify(summaryErrors(first.body))).toBe(303);
    expect(first.headers.location).toBe(manage(`/paper?constituency=${publicId}&done=election-paper-entered#paper-awaiting_second`));
    const second = await enter(memberB, { paperRef: '101', [`rank_${alice}`]: '1', [`rank_${bob}`]: '2' });
    expect(second.headers.location).toBe(manage(`/paper?constituency=${publicId}&done=election-paper-entered#paper-accepted`));
    const ballots = await t.db.selectFrom('election_ballot').selectAll().where('election_id', '=', electionId).execute();
    expect(ballots).toHaveLength(1);
    expect(ballots[0]).toMatchObject({ source: 'paper', receipt: 'paper-101', preferences: [alice, bob] });

    expect((await enter(memberA, { paperRef: '102', [`rank_${nia}`]: '1' })).statusCode).toBe(303);
    expect((await enter(memberB, { paperRef: '102', [`rank_${bob}`]: '1' })).headers.location).toContain('#paper-mismatch');
    // The two entries side by side, each with its own remove button; the wrong one removed and typed again.
    const card = (await memberA.get(paperPage)).body.split('id="paper-102"')[1] ?? '';
    expect(card).toContain('The entries differ');
    const typings = [...card.matchAll(/<h4>([^<]+)<\/h4>\s*<ol[^>]*>([\s\S]*?)<\/ol>[\s\S]*?\/paper\/entries\/(\d+)\/delete/g)].map((m) => ({
      who: m[1],
      names: [...(m[2] as string).matchAll(/<li>([^<]+)<\/li>/g)].map((li) => li[1]),
      entryId: m[3],
    }));
    expect(typings.map(({ who, names }) => [who, names])).toEqual([
      ['Entry 1, by Mo Member', ['Nia Nominee']],
      ['Entry 2, by Bea Member', ['Bob Brown']],
    ]);
    const removed = await memberB.post(manage(`/paper/entries/${typings[1]?.entryId}/delete`), { constituencyId: String(publicId) });
    expect(removed.headers.location).toBe(manage(`/paper?constituency=${publicId}&done=election-entry-removed`));
    expect((await enter(memberB, { paperRef: '102', [`rank_${nia}`]: '1' })).headers.location).toContain('#paper-accepted');
    expect(await t.db.selectFrom('election_ballot').select('id').where('election_id', '=', electionId).execute()).toHaveLength(2);
  });

  it('shows the turnout to staff during voting, counts from the dashboard, and makes those elected members of the body', async () => {
    const [alice, nia, dave] = [candidateIds.alice, candidateIds.nia, candidateIds.dave] as [number, number, number];
    await castElectionBallot({ db: t.db }, { accountId: null, platformAdmin: false, organisationRoles: [] }, electionId, {
      code: letterCodes[0] as string,
      ranks: { [alice]: 1, [nia]: 2 },
    });
    await castElectionBallot({ db: t.db }, { accountId: null, platformAdmin: false, organisationRoles: [] }, electionId, {
      code: letterCodes[1] as string,
      ranks: { [dave]: 1 },
    });
    const during = await admin.get(manage());
    expect(during.body).toMatch(/Voting codes used \(turnout\)[\s\S]*?2 of 6 \(33.3%\)/);

    const counted = await moveTo('counted');
    expect(counted.body).toContain('The votes are counted');
    expect(counted.body).toContain('Counting Public');
    expect(counted.body).toContain(`href="/elections/${electionId}/result"`);
    const dashboard = await admin.get(manage());
    expect(dashboard.body).toContain(`href="/elections/${electionId}/result"`);
    expect(dashboard.body).toContain(`href="/bodies/${bodyId}"`);
    expect(dashboard.body).toContain(`href="/elections/${electionId}/manage/recount"`);
    const body = await getBody(t.db, bodyId);
    const members = (body?.currentMembers ?? []).map((m) => m.personName).sort();
    expect(members.length).toBe(3);
    for (const name of members) expect(dashboard.body).toContain(`<li>${name}</li>`);
  });

  it('recounts without a departing member and shows who fills the seat', async () => {
    const before = await admin.get(manage('/recount'));
    expect(before.body).toContain('No recounts yet');
    const elected = await t.db
      .selectFrom('election_candidate')
      .select(['id', 'name'])
      .where('election_id', '=', electionId)
      .where('member_id', 'is not', null)
      .where('constituency_id', '=', await constituency('Public'))
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const noReason = await send(admin, manage('/recount'), { candidateId: String(elected.id), reason: '' });
    expect(noReason.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(noReason.body))).toEqual(['reason']);
    const recounted = await send(admin, manage('/recount'), { candidateId: String(elected.id), reason: 'Resigned on 3 May 2028' });
    expect(recounted.headers.location).toBe(manage('/recount?done=recount-made'));
    const page = await admin.get(manage('/recount'));
    expect(page.body).toContain(`without ${elected.name}`);
    expect(page.body).toContain('Resigned on 3 May 2028');
    expect(page.body).toContain('Fills the seat');
    // Who has left is no longer offered.
    expect(before.body).toContain(`<option value="${elected.id}"`);
    expect(page.body).not.toContain(`<option value="${elected.id}"`);
  });
});
