// The time bank's pages and API over HTTP on a real database, route by role: a coordinator (the
// organisation's admin) starts a time bank (a wrong overdraft named, nothing made); people join as
// themselves and a group's admin for the group; a member lists an offer, the coordinator hides it;
// one member proposes two hours (a wrong number of hours named, nothing recorded), the other
// confirms, and both balances change. A member sees only their own statement (page and CSV);
// coordinators see everyone's, record and reverse exchanges; others get 403 or 404, and the
// signed-out are sent to sign in. The API answers as the document says, with the same permissions.
import { beforeAll, expect, it } from 'vitest';
import { type AnswerCheck, openApiValidator } from '../../../../test/openApi.js';
import { describeWithTestApp, type TestClient } from '../../../../test/testApp.js';
import { apiTokenOf, insertOrganisation, signedInPerson, summaryErrors } from '../../accounts/testKit.js';

describeWithTestApp('time bank pages and API', (t) => {
  let organisationId: number;
  let groupId: number;
  let coordinator: TestClient;
  let ann: TestClient;
  let bob: TestClient;
  let gina: TestClient;
  let stranger: TestClient;
  let timebankId = 0;
  const members: Record<'ann' | 'bob' | 'group', number> = { ann: 0, bob: 0, group: 0 };
  const bank = (path = '') => `/timebanks/${timebankId}${path}`;
  const balance = async (memberId: number) =>
    (await t.db.selectFrom('timebank_member').select('balance_minutes').where('id', '=', memberId).executeTakeFirstOrThrow()).balance_minutes;
  const exchangeCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('timebank_exchange')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    organisationId = await insertOrganisation(t.db, 'Riverside Neighbours Trust');
    groupId = await insertOrganisation(t.db, 'Riverside Allotment Group');
    ({ client: coordinator } = await signedInPerson(t, { name: 'Cora Coordinator', roles: [{ organisationId, role: 'admin' }] }));
    ({ client: ann } = await signedInPerson(t, { name: 'Ann Giver' }));
    ({ client: bob } = await signedInPerson(t, { name: 'Bob Receiver' }));
    ({ client: gina } = await signedInPerson(t, { name: 'Gina Group', roles: [{ organisationId: groupId, role: 'admin' }] }));
    ({ client: stranger } = await signedInPerson(t, { name: 'Stan Stranger' }));
  });

  it('lets the organisation’s admin start a time bank, naming a wrong overdraft and making nothing', async () => {
    const newPath = `/organisations/${organisationId}/timebanks/new`;
    expect((await coordinator.get(newPath)).statusCode).toBe(200);
    expect((await stranger.get(newPath)).statusCode).toBe(403);
    const signedOut = await t.client().get(newPath);
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe(`/sign-in?next=${encodeURIComponent(newPath)}`);
    const wrong = await coordinator.post(newPath, { name: 'Riverside Time Bank', description: '', overdraftHours: 'lots' });
    expect(wrong.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(wrong.body))).toEqual(['overdraftHours']);
    expect(wrong.body).toContain('value="Riverside Time Bank"');
    expect(await t.db.selectFrom('timebank').select('id').execute()).toEqual([]);
    const made = await coordinator.post(newPath, { name: 'Riverside Time Bank', description: 'Swapping time.', overdraftHours: '3' });
    expect(made.statusCode).toBe(303);
    timebankId = Number(/\/timebanks\/(\d+)/.exec(made.headers.location as string)?.[1]);
    expect((await t.client().get(bank())).body).toContain('Riverside Time Bank');
    expect((await t.client().get('/timebanks')).body).toContain(`href="/timebanks/${timebankId}"`);
  });

  it('lets people join as themselves and a group’s admin for the group; joining twice is refused', async () => {
    const page = await ann.get(bank());
    expect(page.body).toContain('Join as myself');
    expect((await ann.post(bank('/join'), { group: 'me' })).statusCode).toBe(303);
    expect((await bob.post(bank('/join'), { group: 'me' })).statusCode).toBe(303);
    expect((await gina.get(bank())).body).toContain('Riverside Allotment Group (a group you are an admin of)');
    expect((await gina.post(bank('/join'), { group: String(groupId) })).statusCode).toBe(303);
    expect((await stranger.post(bank('/join'), { group: String(groupId) })).statusCode).toBe(422);
    expect((await ann.post(bank('/join'), { group: 'me' })).statusCode).toBe(409);
    const signedOut = await t.client().post(bank('/join'), { group: 'me' });
    expect(signedOut.statusCode).toBe(303);
    const rows = await t.db.selectFrom('timebank_member').select(['id', 'name', 'kind']).where('timebank_id', '=', timebankId).orderBy('id').execute();
    expect(rows.map((r) => [r.name, r.kind])).toEqual([
      ['Ann Giver', 'person'],
      ['Bob Receiver', 'person'],
      ['Riverside Allotment Group', 'group'],
    ]);
    [members.ann, members.bob, members.group] = rows.map((r) => r.id) as [number, number, number];
  });

  it('lists a member’s offer on the time bank’s page until a coordinator hides it', async () => {
    await ann.get(bank('/mine'));
    expect((await ann.post(bank('/mine/listings'), { member: String(members.ann), kind: 'offer', title: '', listingDescription: '' })).statusCode).toBe(422);
    expect(
      (await ann.post(bank('/mine/listings'), { member: String(members.ann), kind: 'offer', title: 'Gardening', listingDescription: 'Weeding' })).statusCode,
    ).toBe(303);
    expect((await t.client().get(bank())).body).toContain('Gardening');
    const listing = await t.db.selectFrom('timebank_listing').select('id').executeTakeFirstOrThrow();
    expect((await ann.post(bank(`/listings/${listing.id}/hide`), {})).statusCode).toBe(403);
    await coordinator.get(bank());
    expect((await coordinator.post(bank(`/listings/${listing.id}/hide`), {})).statusCode).toBe(303);
    expect((await t.client().get(bank())).body).not.toContain('Gardening');
  });

  it('records two hours proposed by one member and confirmed by the other: both balances change', async () => {
    const before = await exchangeCount();
    await ann.get(bank('/mine'));
    const form = { member: String(members.ann), direction: 'gave', otherMemberId: String(members.bob), hours: '2.1', description: 'Gardening' };
    const wrong = await ann.post(bank('/mine/exchanges'), form);
    expect(wrong.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(wrong.body))).toEqual(['hours']);
    expect(await exchangeCount()).toBe(before);
    expect((await ann.post(bank('/mine/exchanges'), { ...form, hours: '2' })).statusCode).toBe(303);
    const exchange = await t.db.selectFrom('timebank_exchange').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(await balance(members.bob)).toBe(0);
    // Ann cannot confirm her own proposal, nor can a stranger; Bob can.
    expect((await ann.post(bank(`/exchanges/${exchange.id}/answer`), { answer: 'confirm' })).statusCode).toBe(404);
    expect((await stranger.post(bank(`/exchanges/${exchange.id}/answer`), { answer: 'confirm' })).statusCode).toBe(404);
    const bobsPage = await bob.get(bank('/mine'));
    expect(bobsPage.body).toContain('Ann Giver gave 2 hours to Bob Receiver');
    const confirmed = await bob.post(bank(`/exchanges/${exchange.id}/answer`), { answer: 'confirm', member: String(members.bob) });
    expect(confirmed.statusCode).toBe(303);
    expect([await balance(members.ann), await balance(members.bob)]).toEqual([120, -120]);
    expect((await ann.get(bank('/mine'))).body).toContain('<strong id="balance">2 hours</strong>');
    expect((await bob.get(bank('/mine'))).body).toContain('<strong id="balance">−2 hours</strong>');
  });

  it('shows a member only their own statement; coordinators see every one', async () => {
    const own = await ann.get(bank(`/members/${members.ann}/statement`));
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Bob Receiver');
    const csv = await ann.get(bank(`/members/${members.ann}/statement.csv`));
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[1]).toMatch(/,Gardening,Bob Receiver,2,2,$/);
    for (const path of [`/members/${members.bob}/statement`, `/members/${members.bob}/statement.csv`]) {
      expect((await ann.get(bank(path))).statusCode).toBe(404);
      expect((await stranger.get(bank(path))).statusCode).toBe(404);
      expect((await coordinator.get(bank(path))).statusCode).toBe(200);
      expect((await t.client().get(bank(path))).statusCode).toBe(303);
    }
    // The group's statement is its admin's.
    expect((await gina.get(bank(`/members/${members.group}/statement`))).statusCode).toBe(200);
    expect((await ann.get(bank(`/members/${members.group}/statement`))).statusCode).toBe(404);
  });

  it('gives the coordinator pages to coordinators only, where they record and reverse an exchange with a reason', async () => {
    for (const path of ['/manage', '/manage/exchanges']) {
      expect((await coordinator.get(bank(path))).statusCode).toBe(200);
      expect((await ann.get(bank(path))).statusCode).toBe(403);
      expect((await t.client().get(bank(path))).statusCode).toBe(303);
    }
    const members_ = await coordinator.get(bank('/manage'));
    expect(members_.body).toContain('−2 hours');
    const recorded = await coordinator.post(bank('/manage/exchanges'), {
      giverMemberId: String(members.group),
      receiverMemberId: String(members.ann),
      hours: '1.5',
      description: 'Vegetables',
    });
    expect(recorded.statusCode).toBe(303);
    expect(await balance(members.group)).toBe(90);
    const exchange = await t.db.selectFrom('timebank_exchange').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const reversePath = bank(`/manage/exchanges/${exchange.id}/reverse`);
    expect((await ann.get(reversePath)).statusCode).toBe(403);
    expect((await coordinator.get(reversePath)).statusCode).toBe(200);
    const noReason = await coordinator.post(reversePath, { reason: '' });
    expect(noReason.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(noReason.body))).toEqual(['reason']);
    expect((await coordinator.post(reversePath, { reason: 'Wrong member' })).statusCode).toBe(303);
    expect([await balance(members.group), await balance(members.ann)]).toEqual([0, 120]);
    expect((await coordinator.get(bank(`/members/${members.ann}/statement`))).body).toContain('reversed: Wrong member');
  });

  it('answers the API as its document says, with the pages’ permissions', async () => {
    const check: AnswerCheck = await openApiValidator(t.app);
    const annToken = await apiTokenOf(ann, 'Ann’s phone');
    const bobToken = await apiTokenOf(bob, 'Bob’s phone');
    const as = (token: string | null) => (token ? { authorization: `Bearer ${token}` } : {});
    const listings = await t.app.inject({ url: `/api/v1/timebanks/${timebankId}/listings` });
    expect(listings.statusCode).toBe(200);
    expect(check('/api/v1/timebanks/{id}/listings', listings.json())).toEqual([]);

    const mine = await t.app.inject({ url: `/api/v1/timebanks/${timebankId}/balance`, headers: as(annToken) });
    expect(check('/api/v1/timebanks/{id}/balance', mine.json())).toEqual([]);
    expect(mine.json().members).toEqual([{ id: members.ann, kind: 'person', name: 'Ann Giver', balanceHours: 2 }]);
    expect((await t.app.inject({ url: `/api/v1/timebanks/${timebankId}/balance` })).statusCode).toBe(403);

    const statement = await t.app.inject({ url: `/api/v1/timebanks/${timebankId}/statement`, headers: as(annToken) });
    expect(statement.statusCode).toBe(200);
    expect(check('/api/v1/timebanks/{id}/statement', statement.json())).toEqual([]);
    expect(statement.json().statements.map((s: { member: { id: number } }) => s.member.id)).toEqual([members.ann]);
    expect(statement.json().statements[0].entries.map((e: { hours: number }) => e.hours)).toEqual([2, -1.5, 1.5]);
    const url = (member: number) => `/api/v1/timebanks/${timebankId}/statement?member=${member}`;
    expect((await t.app.inject({ url: url(members.bob), headers: as(annToken) })).statusCode).toBe(404);
    expect((await t.app.inject({ url: url(members.bob), headers: as(bobToken) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: url(members.bob) })).statusCode).toBe(403);
    const coordinatorToken = await apiTokenOf(coordinator, 'Coordinator’s laptop');
    expect((await t.app.inject({ url: url(members.bob), headers: as(coordinatorToken) })).statusCode).toBe(200);
    const list = await t.app.inject({ url: '/api/v1/timebanks' });
    expect(check('/api/v1/timebanks', list.json())).toEqual([]);
    expect(list.json().items).toEqual([expect.objectContaining({ id: timebankId, name: 'Riverside Time Bank', overdraftHours: 3, members: 3 })]);

    const body = { memberId: members.bob, otherMemberId: members.ann, direction: 'gave', hours: 0.75, description: 'Shopping' };
    const wrong = await t.app.inject({
      method: 'POST',
      url: `/api/v1/timebanks/${timebankId}/exchanges`,
      headers: as(bobToken),
      payload: { ...body, memberId: members.ann },
    });
    expect(wrong.statusCode).toBe(422);
    expect(JSON.stringify(wrong.json())).toContain('memberId');
    const proposed = await t.app.inject({ method: 'POST', url: `/api/v1/timebanks/${timebankId}/exchanges`, headers: as(bobToken), payload: body });
    expect(proposed.statusCode).toBe(201);
    expect(check('/api/v1/timebanks/{id}/exchanges', proposed.json(), { method: 'post', status: 201 })).toEqual([]);
    const confirmUrl = `/api/v1/timebanks/${timebankId}/exchanges/${proposed.json().id}/confirm`;
    expect((await t.app.inject({ method: 'POST', url: confirmUrl, headers: as(bobToken) })).statusCode).toBe(404);
    const confirmed = await t.app.inject({ method: 'POST', url: confirmUrl, headers: as(annToken) });
    expect(confirmed.statusCode).toBe(200);
    expect(check('/api/v1/timebanks/{id}/exchanges/{exchangeId}/confirm', confirmed.json(), { method: 'post' })).toEqual([]);
    expect([await balance(members.ann), await balance(members.bob)]).toEqual([75, -75]);
    expect((await t.app.inject({ method: 'POST', url: confirmUrl, headers: as(annToken) })).statusCode).toBe(409);
  });
});
