// Who can reach a complaint. Only the complainant, their representative (who made it for someone
// else) and the organisation's complaints managers; everyone else (other staff of the organisation,
// complaints managers elsewhere, platform admins, other people, visitors) is told "not found" on
// every page, letter, form, CSV and API route, existing complaint or guessed id alike. Every allowed
// view lands in the list the complainant sees; no refused one does. Complaints appear in no public
// page, search, registry API or admin page.
import { expect, it } from 'vitest';
import { describeWithTestApp, type TestClient } from '../../../test/testApp.js';
import { can } from '../../platform/permissions.js';
import { apiTokenOf, insertOrganisation, signedInPerson } from '../accounts/testKit.js';
import { dateParts, daysFromToday, makeComplaintThroughForm, organisationWithManager, whatHappened } from './testKit.js';

type Person = Awaited<ReturnType<typeof signedInPerson>>;

describeWithTestApp('who can reach a complaint', (t) => {
  it('lets only the complainant, the representative and the complaints managers in, and records every view', async () => {
    const { organisationId, manager } = await organisationWithManager(t, 'Powers Surgery');
    const otherOrganisationId = await insertOrganisation(t.db, 'Elsewhere Surgery');
    const complainant = await signedInPerson(t, { name: 'Cara Complainant' });
    const representative = await signedInPerson(t, { name: 'Rita Representative' });
    const secondManager = await signedInPerson(t, { name: 'Second Manager', roles: [{ organisationId, role: 'complaints_manager' }] });

    const own = await makeComplaintThroughForm(complainant.client, organisationId);
    const forSomeone = await makeComplaintThroughForm(representative.client, organisationId, {
      complainantName: 'Rita Representative',
      forWhom: 'someone_else',
      personName: 'Pat Person',
      consent: 'lacks_capacity',
    });
    // A letter on each, so there are letter pages to try.
    for (const id of [own, forSomeone]) {
      await manager.client.get(`/complaints/${id}/acknowledge`);
      const ack = await manager.client.post(`/complaints/${id}/acknowledge`, { letter: 'Dear {{complainant_name}}, we have your complaint {{reference}}.' });
      expect(ack.statusCode).toBe(303);
    }
    const letterOf = async (id: number) => (await t.db.selectFrom('complaint_letter').select('id').where('complaint_id', '=', id).executeTakeFirstOrThrow()).id;
    const ownLetter = await letterOf(own);
    const forSomeoneLetter = await letterOf(forSomeone);

    const outsiders: Record<string, Person> = {
      'organisation admin': await signedInPerson(t, { roles: [{ organisationId, role: 'admin' }] }),
      responder: await signedInPerson(t, { roles: [{ organisationId, role: 'responder' }] }),
      moderator: await signedInPerson(t, { roles: [{ organisationId, role: 'moderator' }] }),
      member: await signedInPerson(t, { roles: [{ organisationId, role: 'member' }] }),
      'complaints manager elsewhere': await signedInPerson(t, { roles: [{ organisationId: otherOrganisationId, role: 'complaints_manager' }] }),
      'platform admin': await signedInPerson(t, { platformAdmin: true }),
      'another person': await signedInPerson(t),
    };

    const managerPages = (id: number) => [
      `/complaints/${id}`,
      `/complaints/${id}/acknowledge`,
      `/complaints/${id}/final-response`,
      `/complaints/${id}/delay-letter`,
      `/complaints/${id}/response-date`,
      `/complaints/${id}/extension`,
      `/complaints/${id}/ombudsman`,
      `/complaints/${id}/time-limit`,
      `/complaints/${id}/subjects`,
    ];
    const pagesOf = (id: number, letterId: number) => [
      `/account/complaints/${id}`,
      `/account/complaints/${id}/letters/${letterId}`,
      `/complaints/${id}/letters/${letterId}`,
      ...managerPages(id),
    ];
    const organisationPages = [
      `/complaints/organisations/${organisationId}/dashboard`,
      `/complaints/organisations/${organisationId}/ko41a.csv?quarter=2025-q1`,
    ];
    const guessed = [999_999, own + forSomeone + 100];
    const everything = [
      ...pagesOf(own, ownLetter),
      ...pagesOf(forSomeone, forSomeoneLetter),
      ...guessed.flatMap((id) => pagesOf(id, 1)),
      `/account/complaints/${own}/letters/${forSomeoneLetter}`,
      ...organisationPages,
    ];
    const posts = (id: number) =>
      [
        [`/complaints/${id}/acknowledge`, { letter: 'x' }],
        [`/complaints/${id}/final-response`, { outcome: 'upheld', subjects: 'communication', letter: 'Dear {{complainant_name}}' }],
        [`/complaints/${id}/delay-letter`, { letter: 'x' }],
        [`/complaints/${id}/response-date`, dateParts('responseDate', daysFromToday(10))],
        [`/complaints/${id}/extension`, { ...dateParts('responseDate', daysFromToday(90)), note: 'x' }],
        [`/complaints/${id}/ombudsman`, dateParts('referredOn', daysFromToday(0))],
        [`/complaints/${id}/time-limit`, { waived: 'yes', reason: 'x' }],
        [`/complaints/${id}/subjects`, { subjects: 'communication' }],
        [`/complaints/${id}/investigate`, {}],
        [`/complaints/${id}/close`, {}],
      ] as Array<[string, Record<string, string>]>;

    const viewCount = async () =>
      Number(
        (
          await t.db
            .selectFrom('complaint_view')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const snapshot = async () => JSON.stringify(await t.db.selectFrom('complaint').selectAll().orderBy('id').execute());

    // ---- everyone else: not found, on every page, form, letter, CSV and API route, and nothing recorded or changed ----
    const viewsBefore = await viewCount();
    const before = await snapshot();
    const notFoundPage = (await outsiders['another person']?.client.get('/complaints/999999'))?.body.match(/<h1>[^<]*<\/h1>/)?.[0];
    expect(notFoundPage).toBe('<h1>Page not found</h1>');
    for (const [who, person] of Object.entries(outsiders)) {
      for (const url of everything) {
        const response = await person.client.get(url);
        expect(response.statusCode, `${who}: GET ${url}`).toBe(404);
        expect(response.body, `${who}: GET ${url}`).toContain('<h1>Page not found</h1>');
        expect(response.body).not.toContain('QX-41');
      }
      for (const id of [own, forSomeone, 999_999]) {
        for (const [url, form] of posts(id)) {
          // A page with a form, for this session's form token (pages without forms carry none).
          await person.client.get('/account/password');
          const response = await person.client.post(url, form);
          expect(response.statusCode, `${who}: POST ${url}`).toBe(404);
        }
      }
      const token = await apiTokenOf(person.client, 'complaints check');
      for (const id of [own, forSomeone, 999_999]) {
        const api = await t.app.inject({ url: `/api/v1/complaints/${id}`, headers: { authorization: `Bearer ${token}` } });
        expect(api.statusCode, `${who}: API ${id}`).toBe(404);
        expect(api.json()).toMatchObject({ status: 404, detail: 'Not found' });
      }
    }
    // Signed out: the same "not found" for a real complaint and a guessed one, with a way to sign in.
    const visitor = t.client();
    for (const url of everything) {
      const response = await visitor.get(url);
      expect(response.statusCode, `visitor: GET ${url}`).toBe(404);
      expect(response.body).toContain('<h1>Page not found</h1>');
    }
    for (const id of [own, 999_999]) {
      const api = await t.app.inject({ url: `/api/v1/complaints/${id}` });
      expect(api.statusCode).toBe(404);
      await visitor.get('/sign-in');
      expect((await visitor.post(`/complaints/${id}/close`, {})).statusCode).toBe(404);
    }
    expect(await viewCount()).toBe(viewsBefore);
    expect(await snapshot()).toBe(before);

    // The rule itself: a platform admin is not given complaints.
    const adminActor = { accountId: outsiders['platform admin']?.accountId ?? 0, platformAdmin: true, organisationRoles: [] };
    for (const action of ['complaint.read', 'complaint.manage', 'complaint.report'] as const) {
      expect(can(adminActor, action, { organisationId, accountId: complainant.accountId })).toBe(false);
    }

    // ---- the people allowed: each view lands in the list, once, naming them ----
    async function expectRecorded(person: Person, url: string, complaintId: number, what: string, status = 200) {
      const count = await viewCount();
      const response = await person.client.get(url);
      expect(response.statusCode, url).toBe(status);
      expect(await viewCount(), `views after ${url}`).toBe(count + (status === 200 ? 1 : 0));
      if (status !== 200) return response;
      const last = await t.db.selectFrom('complaint_view').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(last).toMatchObject({ complaint_id: complaintId, account_id: person.accountId, what });
      return response;
    }
    const ownPage = await expectRecorded(complainant, `/account/complaints/${own}`, own, 'complaint_page');
    expect(ownPage.body).toContain('QX-41');
    await expectRecorded(complainant, `/account/complaints/${own}/letters/${ownLetter}`, own, 'letter');
    // The complainant on the manager's address is sent to their own page (nothing shown, nothing recorded).
    const redirected = await expectRecorded(complainant, `/complaints/${own}`, own, '', 303);
    expect(redirected.headers.location).toBe(`/account/complaints/${own}`);
    // Not the other complaint, nor its letter.
    expect((await complainant.client.get(`/account/complaints/${forSomeone}`)).statusCode).toBe(404);
    expect((await complainant.client.get(`/account/complaints/${own}/letters/${forSomeoneLetter}`)).statusCode).toBe(404);

    const repPage = await expectRecorded(representative, `/account/complaints/${forSomeone}`, forSomeone, 'complaint_page');
    expect(repPage.body).toContain('Pat Person');
    expect(repPage.body).toContain('They cannot agree because they lack capacity');
    await expectRecorded(representative, `/account/complaints/${forSomeone}/letters/${forSomeoneLetter}`, forSomeone, 'letter');
    expect((await representative.client.get(`/account/complaints/${own}`)).statusCode).toBe(404);

    for (const m of [manager, secondManager]) {
      const page = await expectRecorded(m, `/complaints/${own}`, own, 'complaint_page');
      expect(page.body).toContain('QX-41');
      await expectRecorded(m, `/complaints/${forSomeone}/letters/${forSomeoneLetter}`, forSomeone, 'letter');
      for (const url of managerPages(own).slice(1)) expect((await m.client.get(url)).statusCode, url).toBeLessThan(500);
      for (const url of organisationPages) expect((await m.client.get(url)).statusCode, url).toBe(200);
      const onAccountPath = await m.client.get(`/account/complaints/${own}`);
      expect(onAccountPath.headers.location).toBe(`/complaints/${own}`);
    }

    // Through the API, with a personal token: recorded as an API view.
    for (const [person, id] of [
      [complainant, own],
      [representative, forSomeone],
      [manager, own],
    ] as Array<[Person, number]>) {
      const token = await apiTokenOf(person.client, 'complaints check');
      const count = await viewCount();
      const api = await t.app.inject({ url: `/api/v1/complaints/${id}`, headers: { authorization: `Bearer ${token}` } });
      expect(api.statusCode).toBe(200);
      expect(api.json()).toMatchObject({ id, status: 'acknowledged', organisation: { id: organisationId, name: 'Powers Surgery' } });
      expect(await viewCount()).toBe(count + 1);
      const last = await t.db.selectFrom('complaint_view').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(last).toMatchObject({ complaint_id: id, account_id: person.accountId, what: 'api' });
    }

    // The complainant sees every view of their complaint: their own, the managers', the API's.
    const list = await complainant.client.get(`/account/complaints/${own}`);
    for (const text of ['Mo Manager (complaints manager)', 'Second Manager (complaints manager)', 'Cara Complainant (the person who made the complaint)']) {
      expect(list.body).toContain(text);
    }
    expect(list.body).toContain('The complaint, through the API');
    expect(list.body).toContain('The letter: acknowledgement');
    const recorded = await t.db.selectFrom('complaint_view').select(['account_id']).where('complaint_id', '=', own).execute();
    const viewers = new Set(recorded.map((r) => r.account_id));
    expect(viewers).toEqual(new Set([complainant.accountId, manager.accountId, secondManager.accountId]));

    // ---- complaints are in no public page, search, registry API, export or admin page ----
    const admin = outsiders['platform admin'] as Person;
    const reference = (await t.db.selectFrom('complaint').select('reference').where('id', '=', own).executeTakeFirstOrThrow()).reference;
    const outbox = await t.db.selectFrom('mail_outbox').select('id').execute();
    const everywhere: Array<[TestClient, string]> = [
      [t.client(), '/'],
      [t.client(), `/organisations/${organisationId}`],
      [t.client(), '/organisations?q=Powers'],
      [t.client(), `/organisations?q=${encodeURIComponent(reference)}`],
      [t.client(), '/api/v1/organisations?q=Powers'],
      [t.client(), `/api/v1/organisations/${organisationId}`],
      [t.client(), '/api/v1/openapi.json'],
      [t.client(), '/api/docs'],
      [admin.client, '/admin'],
      [admin.client, `/admin/organisations/${organisationId}`],
      [admin.client, `/admin/organisations/${organisationId}/roles`],
      [admin.client, '/admin/outbox'],
      ...outbox.map((m): [TestClient, string] => [admin.client, `/admin/outbox/${m.id}`]),
    ];
    for (const [client, url] of everywhere) {
      const body = (await client.get(url)).body;
      for (const secret of ['QX-41', whatHappened, 'Pat Person', 'Ward 7', 'Cara Complainant']) {
        expect(body.includes(secret), `"${secret}" shown at ${url}`).toBe(false);
      }
    }
    const audit = JSON.stringify(await t.db.selectFrom('audit_log').select('detail').execute());
    expect(audit).not.toContain('QX-41');
    expect(audit).not.toContain('Pat Person');
  });
});
