// The social prescribing API through the real server, with personal API tokens: the pages'
// permissions (a record is the person's, its link worker's and its referrer's; 404 for anyone else,
// as on the page), RFC 9457 problems naming the fields at fault, and answers as the OpenAPI
// document says, which lists every route.
import { beforeAll, expect, it } from 'vitest';
import { type AnswerCheck, openApiDocument, openApiValidator } from '../../../test/openApi.js';
import { describeWithTestApp, type TestClient } from '../../../test/testApp.js';
import { apiTokenOf, insertOrganisation, signedInPerson } from '../accounts/testKit.js';
import { takeOn } from './service.js';
import { testDeps } from './testKit.js';

describeWithTestApp('social prescribing API', (t) => {
  let check: AnswerCheck;
  let serviceId: number;
  let practiceId: number;
  const people: Record<string, { client: TestClient; accountId: number; email: string; token: string }> = {};
  const as = (who: string | null) => (who ? { authorization: `Bearer ${people[who]?.token}` } : {});
  const api = (method: 'GET' | 'POST', url: string, who: string | null, payload?: object) =>
    t.app.inject({ method, url, headers: as(who), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    check = await openApiValidator(t.app);
    serviceId = await insertOrganisation(t.db, 'API Community Voluntary Services');
    practiceId = await insertOrganisation(t.db, 'API Surgery');
    const roles = {
      linkWorker: [{ organisationId: serviceId, role: 'link_worker' as const }],
      otherLinkWorker: [{ organisationId: serviceId, role: 'link_worker' as const }],
      referrer: [{ organisationId: practiceId, role: 'referrer' as const }],
      admin: [{ organisationId: serviceId, role: 'admin' as const }],
      person: [],
      stranger: [],
    };
    for (const [who, r] of Object.entries(roles)) {
      const signedIn = await signedInPerson(t, { name: `API ${who}`, roles: r });
      people[who] = { ...signedIn, token: await apiTokenOf(signedIn.client, who) };
    }
  });

  const referral = () => ({
    organisationId: serviceId,
    as: 'organisation',
    referrerOrganisationId: practiceId,
    personName: 'API person',
    personEmail: people.person?.email,
    reason: 'Would like company on walks.',
    shareWithGroups: true,
    personAgreed: true,
  });

  it('makes a referral (201), and names each field at fault as RFC 9457 problem details', async () => {
    const made = await api('POST', '/api/v1/referrals', 'referrer', referral());
    expect(made.statusCode).toBe(201);
    expect(check('/api/v1/referrals', made.json(), { method: 'post', status: 201 })).toEqual([]);

    const bad = await api('POST', '/api/v1/referrals', 'referrer', { ...referral(), personName: '', personEmail: 'nope', personAgreed: false });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(check('/api/v1/referrals', bad.json(), { method: 'post', status: 422 })).toEqual([]);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['personAgreed', 'personEmail', 'personName']);

    const malformed = await api('POST', '/api/v1/referrals', 'referrer', { ...referral(), organisationId: 'first' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect((await api('POST', '/api/v1/referrals', 'stranger', referral())).statusCode).toBe(403);
    expect((await api('POST', '/api/v1/referrals', null, referral())).statusCode).toBe(403);
  });

  it('answers a record to the person, link workers of a waiting one and the referrer (no notes), and 404 to anyone else, as the page does', async () => {
    const { id } = (await api('POST', '/api/v1/referrals', 'referrer', referral())).json();
    const status: Record<string, number | string> = {};
    for (const who of ['person', 'referrer', 'linkWorker', 'otherLinkWorker', 'admin', 'stranger']) {
      const answer = await api('GET', `/api/v1/referrals/${id}`, who);
      status[who] = answer.statusCode === 200 ? answer.json().viewer : answer.statusCode;
      expect(check('/api/v1/referrals/{id}', answer.json(), { status: answer.statusCode }), who).toEqual([]);
    }
    expect(status).toEqual({ person: 'person', referrer: 'referrer', linkWorker: 'link_worker', otherLinkWorker: 'link_worker', admin: 404, stranger: 404 });
    expect((await api('GET', `/api/v1/referrals/${id}`, null)).statusCode).toBe(403);

    // Once taken on, the other link worker no longer sees it, here or on the page.
    const linkWorker = people.linkWorker as { accountId: number };
    await takeOn(
      testDeps(t.db),
      { accountId: linkWorker.accountId, platformAdmin: false, organisationRoles: [{ organisationId: serviceId, role: 'link_worker' }] },
      id,
    );
    expect((await api('GET', `/api/v1/referrals/${id}`, 'otherLinkWorker')).statusCode).toBe(404);
    expect((await api('GET', `/api/v1/referrals/${id}`, 'linkWorker')).json().viewer).toBe('link_worker');
    for (const [who, expected] of [
      ['otherLinkWorker', 404],
      ['stranger', 404],
      ['person', 200],
    ] as const) {
      expect((await people[who]?.client.get(`/social-prescribing/referrals/${id}`))?.statusCode, who).toBe(expected);
    }
    expect((await api('GET', '/api/v1/referrals/999999999', 'person')).statusCode).toBe(404);
  });

  it('lists referrals as the person, the referrer and a link worker', async () => {
    const { id } = (await api('POST', '/api/v1/referrals', 'referrer', referral())).json();
    const ids = async (who: string, query: string) => {
      const answer = await api('GET', `/api/v1/referrals${query}`, who);
      expect(answer.statusCode).toBe(200);
      expect(check('/api/v1/referrals', answer.json()), `${who}${query}`).toEqual([]);
      return answer.json().items.map((i: { id: number }) => i.id);
    };
    expect(await ids('person', '')).toContain(id);
    expect(await ids('referrer', '?as=referrer')).toContain(id);
    expect(await ids('otherLinkWorker', '?as=link_worker')).toContain(id);
    expect(await ids('stranger', '')).toEqual([]);
    expect(await ids('stranger', '?as=link_worker')).toEqual([]);
    expect((await api('GET', '/api/v1/referrals?as=someone', 'person')).statusCode).toBe(400);
  });

  it('adds the person’s own wellbeing scores, naming bad ones; 404 for those who may not see the record', async () => {
    const { id } = (await api('POST', '/api/v1/referrals', 'referrer', referral())).json();
    const scores = { lifeSatisfaction: 4, worthwhile: 5, happiness: 6, anxiety: 7 };
    const added = await api('POST', `/api/v1/referrals/${id}/wellbeing`, 'person', scores);
    expect(added.statusCode).toBe(201);
    expect(check('/api/v1/referrals/{id}/wellbeing', added.json(), { method: 'post', status: 201 })).toEqual([]);
    const bad = await api('POST', `/api/v1/referrals/${id}/wellbeing`, 'person', { ...scores, happiness: 11, anxiety: 'calm' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([
      { field: 'happiness', detail: 'Enter how happy you felt yesterday as a whole number from 0 to 10' },
      { field: 'anxiety', detail: 'Enter how anxious you felt yesterday as a whole number from 0 to 10' },
    ]);
    expect((await api('POST', `/api/v1/referrals/${id}/wellbeing`, 'stranger', scores)).statusCode).toBe(404);
    const record = (await api('GET', `/api/v1/referrals/${id}`, 'person')).json();
    expect(record.wellbeing).toEqual([expect.objectContaining({ moment: 'start', ...scores })]);
  });

  it('answers the figures to the organisation’s link workers and admins only', async () => {
    const url = `/api/v1/organisations/${serviceId}/referral-figures`;
    for (const who of ['linkWorker', 'admin']) {
      const answer = await api('GET', url, who);
      expect(answer.statusCode, who).toBe(200);
      expect(check('/api/v1/organisations/{id}/referral-figures', answer.json())).toEqual([]);
      expect(answer.json().bySource.find((s: { source: string }) => s.source === 'gp_practice').count).toBeNull();
    }
    expect((await api('GET', url, 'stranger')).statusCode).toBe(403);
    expect((await api('GET', url, 'referrer')).statusCode).toBe(403);
    expect((await api('GET', '/api/v1/organisations/999999999/referral-figures', 'linkWorker')).statusCode).toBe(404);
  });

  it('lists its routes in the OpenAPI document', async () => {
    const doc = await openApiDocument(t.app);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/referrals',
        '/api/v1/referrals/{id}',
        '/api/v1/referrals/{id}/wellbeing',
        '/api/v1/organisations/{id}/referral-figures',
      ]),
    );
    expect(Object.keys(doc.paths['/api/v1/referrals'] ?? {})).toEqual(expect.arrayContaining(['get', 'post']));
  });
});
