// Social prescribing's pages over HTTP on a real database, route by role. A GP practice's referrer
// refers a patient (a form missing the reason and the person's agreement is named, nothing made);
// the link workers see it waiting, one takes it on and works it (first contact with a wrong date
// named, a conversation, the plan, a connection to a directory service, a follow-up, ONS4 scores:
// a wrong score named), the person adds their own scores and sees the chart, and the referrer sees
// progress without the notes. Every record page and action, and the caseload, figures and
// referrals-received pages, are asked by each of ten roles: each gets the page, "not found", "not
// allowed" or sign-in as the spec's "who sees what" says, and a post by one who may not changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithTestApp, type TestClient } from '../../../../test/testApp.js';
import { datePartsOf, todayInEngland } from '../../../platform/web/index.js';
import { insertOrganisation, signedInPerson, summaryErrors } from '../../accounts/testKit.js';
import { testCategories, testGroup, testService, testServiceInput } from '../../directory/testKit.js';

type Role =
  | 'anonymous'
  | 'person'
  | 'otherPerson'
  | 'referrer'
  | 'otherReferrer'
  | 'linkWorker'
  | 'otherLinkWorker'
  | 'foreignLinkWorker'
  | 'serviceAdmin'
  | 'platformAdmin';
const roles: Role[] = [
  'anonymous',
  'person',
  'otherPerson',
  'referrer',
  'otherReferrer',
  'linkWorker',
  'otherLinkWorker',
  'foreignLinkWorker',
  'serviceAdmin',
  'platformAdmin',
];

/** What a role gets: the page, refused (403), not found (404), or sent to sign in. */
type Answer = 200 | 403 | 404 | 422 | 'sign-in';

const dayAfter = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describeWithTestApp('social prescribing pages', (t) => {
  const as = {} as Record<Role, TestClient>;
  let groupAdmin: TestClient;
  let serviceOrg = 0;
  let practice = 0;
  let groupOrg = 0;
  let personEmail = '';
  let serviceId = '';
  let referralId = 0;
  let followUpId = 0;
  let connectionId = 0;
  const today = todayInEngland();
  const record = (path = '') => `/social-prescribing/referrals/${referralId}${path}`;
  const scores = { lifeSatisfaction: '4', worthwhile: '5', happiness: '3', anxiety: '7' };

  /** Every row of the referral's record, to show that a refused post changed nothing. */
  const snapshot = async () =>
    JSON.stringify(
      await Promise.all([
        t.db.selectFrom('referral').selectAll().orderBy('id').execute(),
        t.db.selectFrom('referral_conversation').selectAll().orderBy('id').execute(),
        t.db.selectFrom('referral_connection').selectAll().orderBy('id').execute(),
        t.db.selectFrom('referral_follow_up').selectAll().orderBy('id').execute(),
        t.db.selectFrom('referral_wellbeing').selectAll().orderBy('id').execute(),
      ]),
    );

  const answerOf = (response: { statusCode: number; headers: Record<string, unknown> }): Answer =>
    response.statusCode === 303 && String(response.headers.location).startsWith('/sign-in') ? 'sign-in' : (response.statusCode as Answer);

  beforeAll(async () => {
    serviceOrg = await insertOrganisation(t.db, 'Northvale Community Voluntary Services');
    practice = await insertOrganisation(t.db, 'Millbrook Medical Centre');
    const otherService = await insertOrganisation(t.db, 'Southvale Social Prescribing');
    as.anonymous = t.client();
    const person = await signedInPerson(t, { name: 'Pat Person' });
    as.person = person.client;
    personEmail = person.email;
    ({ client: as.otherPerson } = await signedInPerson(t, { name: 'Olly Other' }));
    ({ client: as.referrer } = await signedInPerson(t, { name: 'Dr Rita Referrer', roles: [{ organisationId: practice, role: 'referrer' }] }));
    ({ client: as.otherReferrer } = await signedInPerson(t, { name: 'Dr Otto Referrer', roles: [{ organisationId: practice, role: 'referrer' }] }));
    ({ client: as.linkWorker } = await signedInPerson(t, { name: 'Lena Link', roles: [{ organisationId: serviceOrg, role: 'link_worker' }] }));
    ({ client: as.otherLinkWorker } = await signedInPerson(t, { name: 'Liam Link', roles: [{ organisationId: serviceOrg, role: 'link_worker' }] }));
    ({ client: as.foreignLinkWorker } = await signedInPerson(t, { name: 'Fay Faraway', roles: [{ organisationId: otherService, role: 'link_worker' }] }));
    ({ client: as.serviceAdmin } = await signedInPerson(t, { name: 'Ada Admin', roles: [{ organisationId: serviceOrg, role: 'admin' }] }));
    ({ client: as.platformAdmin } = await signedInPerson(t, { name: 'Pia Platform', platformAdmin: true }));
    const categories = await testCategories(t.db);
    const group = await testGroup(t.db, 'Headingley Walkers');
    groupOrg = group.organisationId;
    serviceId = await testService(t.db, group.admin, testServiceInput(groupOrg, { categoryIds: [categories.walking] }));
    ({ client: groupAdmin } = await signedInPerson(t, { name: 'Gil Group', roles: [{ organisationId: groupOrg, role: 'admin' }] }));
  });

  it('tells anyone what social prescribing is and who offers it, with the ways in for each role', async () => {
    const anonymous = await as.anonymous.get('/social-prescribing');
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).toContain('<h1>Social prescribing</h1>');
    expect(anonymous.body).toContain('Northvale Community Voluntary Services');
    expect(anonymous.body).toContain('Sign in to refer yourself');
    expect((await as.person.get('/social-prescribing')).body).toContain('Refer yourself');
    expect((await as.referrer.get('/social-prescribing')).body).toContain('Refer a patient');
    expect((await as.linkWorker.get('/social-prescribing')).body).toContain('Your caseload at Northvale Community Voluntary Services');
    const self = await as.person.get('/social-prescribing/refer?as=self');
    expect(self.body).toContain('What would you like help with?');
    expect(self.body).not.toContain('Who is making this referral?');
    expect(self.body).not.toContain('Full name');
    const linkWorkers = await as.linkWorker.get(`/social-prescribing/refer?as=lw:${serviceOrg}`);
    expect(linkWorkers.body).toContain('Why are they being referred?');
    expect(linkWorkers.body).toContain('The person agreed to be referred');
    expect(answerOf(await as.anonymous.get('/social-prescribing/refer'))).toBe('sign-in');
    expect(answerOf(await as.anonymous.get('/account/social-prescribing'))).toBe('sign-in');
  });

  it('names what is missing from a referral and makes nothing; a good one goes to the record', async () => {
    const form = await as.referrer.get('/social-prescribing/refer');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Who is making this referral?');
    expect(form.body).toContain('For Millbrook Medical Centre');
    const before = await snapshot();
    const referral = { as: `org:${practice}`, organisationId: String(serviceOrg), personName: 'Pat Person', personEmail };
    const wrong = await as.referrer.post('/social-prescribing/refer', { ...referral, personPhone: '', reason: '' });
    expect(wrong.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(wrong.body)).sort()).toEqual(['personAgreed', 'reason']);
    expect(wrong.body).toContain('value="Pat Person"');
    expect(await snapshot()).toBe(before);

    const sent = await as.referrer.post('/social-prescribing/refer', {
      ...referral,
      personPhone: '0113 496 0000',
      reason: 'Lonely since moving here; would like to walk with others.',
      personAgreed: 'yes',
      shareWithGroups: 'yes',
    });
    expect(sent.statusCode).toBe(303);
    const location = String(sent.headers.location);
    expect(location).toMatch(/^\/social-prescribing\/referrals\/\d+\?done=referral-sent$/);
    referralId = Number(/referrals\/(\d+)/.exec(location)?.[1]);
    const page = await as.referrer.get(location);
    expect(page.body).toContain('Referral for Pat Person');
    expect(page.body).toContain('The referral is sent. A link worker will be in touch.');
    expect((await as.person.get('/account/social-prescribing')).body).toContain(`href="/social-prescribing/referrals/${referralId}"`);
    expect((await as.referrer.get('/account/social-prescribing')).body).toContain('Referrals you made');
  });

  it('shows a waiting referral to every link worker of the service, and one takes it on', async () => {
    const caseload = `/organisations/${serviceOrg}/social-prescribing`;
    const waiting = await as.otherLinkWorker.get(caseload);
    expect(waiting.statusCode).toBe(200);
    expect(waiting.body).toContain('Social prescribing caseload');
    expect(waiting.body).toContain(`href="/social-prescribing/referrals/${referralId}"`);
    expect((await as.otherLinkWorker.get(record())).body).toContain('Take this referral on');
    expect(answerOf(await as.foreignLinkWorker.get(record()))).toBe(404);
    await as.linkWorker.get(record());
    const taken = await as.linkWorker.post(record('/take-on'), {});
    expect(taken.statusCode).toBe(303);
    expect((await as.linkWorker.get(String(taken.headers.location))).body).toContain('The referral is on your caseload.');
    const all = await as.otherLinkWorker.get(`${caseload}?show=all`);
    expect(all.body).toContain('Held by Lena Link');
    expect(all.body).not.toContain('Pat Person');
  });

  it('lets the link worker work the record, naming wrong dates and scores and saving nothing then', async () => {
    let before = await snapshot();
    await as.linkWorker.get(record('/first-contact'));
    const future = await as.linkWorker.post(record('/first-contact'), datePartsOf('contactedOn', dayAfter(today, 3)));
    expect(future.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(future.body))).toEqual(['contactedOn-day']);
    expect(await snapshot()).toBe(before);
    expect((await as.linkWorker.post(record('/first-contact'), datePartsOf('contactedOn', today))).statusCode).toBe(303);

    const conversation = await as.linkWorker.get(record('/conversation'));
    expect(conversation.body).toContain('Record a conversation');
    expect(
      (
        await as.linkWorker.post(record('/conversation'), {
          ...datePartsOf('heldOn', today),
          mode: 'in_person',
          whatMatters: 'Getting out of the house and meeting people.',
          notes: 'Private note about the family.',
          plan: 'Try the walking group on Tuesday.',
        })
      ).headers.location,
    ).toBe(`${record()}?done=referral-conversation`);

    const search = await as.linkWorker.get(record('/connections?q=walking'));
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('Connect to Headingley walking group');
    expect((await as.linkWorker.post(record('/connections'), { serviceId, note: 'Meet Sam at the gates' })).statusCode).toBe(303);
    connectionId = (await t.db.selectFrom('referral_connection').select('id').where('referral_id', '=', referralId).executeTakeFirstOrThrow()).id;
    await as.linkWorker.get(record('/connections'));
    expect((await as.linkWorker.post(record(`/connections/${connectionId}`), { status: 'attending' })).statusCode).toBe(303);

    await as.linkWorker.get(record('/follow-ups'));
    expect((await as.linkWorker.post(record('/follow-ups'), datePartsOf('dueOn', dayAfter(today, 14)))).statusCode).toBe(303);
    followUpId = (await t.db.selectFrom('referral_follow_up').select('id').where('referral_id', '=', referralId).executeTakeFirstOrThrow()).id;

    await as.linkWorker.get(record('/wellbeing'));
    before = await snapshot();
    const badScore = await as.linkWorker.post(record('/wellbeing'), { ...datePartsOf('takenOn', today), moment: 'start', ...scores, anxiety: '11' });
    expect(badScore.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(badScore.body))).toEqual(['anxiety']);
    expect(await snapshot()).toBe(before);
    expect((await as.linkWorker.post(record('/wellbeing'), { ...datePartsOf('takenOn', today), moment: 'start', ...scores })).statusCode).toBe(303);

    await as.linkWorker.get(record(`/follow-ups/${followUpId}`));
    const followUp = await as.linkWorker.post(record(`/follow-ups/${followUpId}`), { notes: 'Went twice; enjoying it.', ...scores, happiness: '6' });
    expect(followUp.headers.location).toBe(`${record()}?done=referral-follow-up-recorded`);

    const page = await as.linkWorker.get(record());
    expect(page.body).toContain('Private note about the family.');
    expect(page.body).toContain(`href="/directory/services/${serviceId}"`);
    expect(page.body).toContain('Try the walking group on Tuesday.');
  });

  it('lets the person see their record with the chart and add their own scores; the referrer sees progress without the notes', async () => {
    const own = await as.person.get(record());
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Your social prescribing record');
    expect(own.body).toContain('Private note about the family.');
    expect(own.body).toMatch(/<svg[^>]*role="img"/);
    expect(own.body).toContain('Add your wellbeing scores');
    const form = await as.person.get(record('/wellbeing'));
    expect(form.body).toContain('Add your wellbeing scores');
    expect(form.body).toContain('Overall, how satisfied are you with your life nowadays?');
    expect(form.body).not.toContain('takenOn-day');
    const added = await as.person.post(record('/wellbeing'), { ...scores, lifeSatisfaction: '7' });
    expect(added.headers.location).toBe(`${record()}?done=referral-wellbeing`);
    expect(await t.db.selectFrom('referral_wellbeing').select('id').where('referral_id', '=', referralId).execute()).toHaveLength(3);

    const referrer = await as.referrer.get(record());
    expect(referrer.statusCode).toBe(200);
    expect(referrer.body).toContain('Referral for Pat Person');
    expect(referrer.body).not.toContain('Private note about the family.');
    expect(referrer.body).not.toContain('Getting out of the house');
    expect(referrer.body).not.toContain('Went twice');
    expect(referrer.body).toContain('not shown here');
    expect(referrer.body).toContain('Headingley walking group');
  });

  describe('route × role', () => {
    const actionPaths = () => ['/first-contact', '/conversation', '/plan', '/connections', '/follow-ups', `/follow-ups/${followUpId}`, '/wellbeing', '/close'];
    /** Who may open a record's page or action: the person and the referrer read the record; only the assigned link worker works it. */
    const recordAnswer = (role: Role, path: string): Answer => {
      if (role === 'anonymous') return 'sign-in';
      if (role === 'linkWorker') return 200;
      if (role === 'person') return path === '' || path === '/wellbeing' ? 200 : 403;
      if (role === 'referrer') return path === '' ? 200 : 403;
      return 404;
    };

    it('answers each record page and action page as each role may see it', async () => {
      const seen: string[] = [];
      for (const path of ['', ...actionPaths()]) {
        for (const role of roles) {
          const answer = answerOf(await as[role].get(record(path)));
          seen.push(`${path || '/'} ${role} ${answer}`);
          expect(`${path || '/'} ${role} ${answer}`).toBe(`${path || '/'} ${role} ${recordAnswer(role, path)}`);
        }
      }
      expect(seen).toHaveLength(90);
    });

    it('refuses every action posted by a role that may not do it, changing nothing', async () => {
      const posts: Array<[string, Record<string, string>]> = [
        ['/take-on', {}],
        ['/first-contact', datePartsOf('contactedOn', today)],
        ['/conversation', { ...datePartsOf('heldOn', today), mode: 'phone', whatMatters: 'Intruder' }],
        ['/plan', { plan: 'Intruder plan' }],
        ['/connections', { serviceId, note: 'Intruder' }],
        [`/connections/${connectionId}`, { status: 'stopped' }],
        ['/follow-ups', datePartsOf('dueOn', dayAfter(today, 7))],
        [`/follow-ups/${followUpId}`, { notes: 'Intruder' }],
        ['/wellbeing', { ...datePartsOf('takenOn', today), moment: 'closing', ...scores }],
        ['/close', { reason: 'other', note: 'Intruder' }],
      ];
      const before = await snapshot();
      for (const [path, form] of posts) {
        for (const role of roles) {
          if (role === 'linkWorker' || (role === 'person' && path === '/wellbeing')) continue;
          await as[role].get('/social-prescribing');
          const answer = answerOf(await as[role].post(record(path), form));
          // The person and the referrer read the record but may not work it; taking on is the caseload's, where they are not found.
          const readsIt = (role === 'person' || role === 'referrer') && path !== '/take-on';
          // Another link worker of the service may take on waiting referrals: this one is told it is already held.
          const expected = role === 'anonymous' ? 'sign-in' : readsIt ? 403 : path === '/take-on' && role === 'otherLinkWorker' ? 422 : 404;
          expect(`${path} ${role} ${answer}`).toBe(`${path} ${role} ${expected}`);
        }
      }
      expect(await snapshot()).toBe(before);
    });

    it('answers the caseload, figures and referrals-received pages by role', async () => {
      const expected: Record<string, Partial<Record<Role, Answer>>> = {
        [`/organisations/${serviceOrg}/social-prescribing`]: { linkWorker: 200, otherLinkWorker: 200 },
        [`/organisations/${serviceOrg}/social-prescribing/figures`]: { linkWorker: 200, otherLinkWorker: 200, serviceAdmin: 200, platformAdmin: 200 },
        [`/organisations/${serviceOrg}/referrals-received`]: { serviceAdmin: 200, platformAdmin: 200 },
      };
      for (const [path, allowed] of Object.entries(expected)) {
        for (const role of roles) {
          const answer = answerOf(await as[role].get(path));
          expect(`${path} ${role} ${answer}`).toBe(`${path} ${role} ${role === 'anonymous' ? 'sign-in' : (allowed[role] ?? 403)}`);
        }
      }
    });
  });

  it('shows the figures with small numbers suppressed, and a group only that a referral was made to its service', async () => {
    const figures = await as.serviceAdmin.get(`/organisations/${serviceOrg}/social-prescribing/figures`);
    expect(figures.body).toContain('Social prescribing figures');
    expect(figures.body).toContain('fewer than 10');
    expect(figures.body).not.toContain('Pat Person');
    const received = await groupAdmin.get(`/organisations/${groupOrg}/referrals-received`);
    expect(received.statusCode).toBe(200);
    expect(received.body).toContain('Referrals to your services');
    expect(received.body).toContain('Headingley walking group');
    expect(received.body).toContain('Attending');
    expect(received.body).not.toContain('Pat Person');
    expect(received.body).not.toContain('Lonely');
  });

  it('closes the referral with a reason, naming a missing one first', async () => {
    await as.linkWorker.get(record('/close'));
    const before = await snapshot();
    const noReason = await as.linkWorker.post(record('/close'), { note: 'Settled in' });
    expect(noReason.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(noReason.body))).toEqual(['reason']);
    expect(await snapshot()).toBe(before);
    const closed = await as.linkWorker.post(record('/close'), { reason: 'goals_met', note: 'Settled in', ...scores, happiness: '8' });
    expect(closed.headers.location).toBe(`${record()}?done=referral-closed`);
    const page = await as.person.get(record());
    expect(page.body).toContain('<h2>Closed</h2>');
    expect(page.body).toContain('Goals met');
    expect(page.body).not.toContain('Add your wellbeing scores');
  });
});
