// The registry over HTTP on the demo health system: pages render, admin powers hold (an admin of
// one organisation cannot change another; signed-out visitors reach no admin page or API write),
// forms keep what was typed, the CSV upload reports rows, and the API pages, filters and answers
// problems as RFC 9457 with a complete OpenAPI document.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithTestApp, type TestClient } from '../../../test/testApp.js';
import { randomToken, sha256 } from '../../platform/auth.js';
import { createVerifiedAccount, grantRoleDirect } from '../accounts/service.js';
import { createSession } from '../accounts/testKit.js';
import { loadDemoHealthSystem } from '../index.js';
import type { OrganisationRole } from './policy.js';

let people = 0;

describeWithTestApp('registry over HTTP', (t) => {
  const ids = { icb: 0, acute: 0, ppiCommittee: 0, acuteBoard: 0, place: 0 };

  /** A signed-in person (a session row and its cookie) with the given powers, and an API token. */
  async function person(options: { platformAdmin?: boolean; roles?: Array<{ organisationId: number; role: OrganisationRole }> } = {}) {
    people++;
    const accountId = await createVerifiedAccount(t.db, {
      email: `registry-${people}@example.org`,
      password: 'a long enough password',
      name: `Person ${people}`,
    });
    if (options.platformAdmin) await grantRoleDirect(t.db, accountId, 'platform_admin', null);
    for (const r of options.roles ?? []) await grantRoleDirect(t.db, accountId, r.role, r.organisationId);
    const client = t.client();
    (client as unknown as { cookies: Map<string, string> }).cookies.set('involve_session', await createSession(t.db, accountId));
    await client.get('/');
    const token = randomToken();
    await t.db
      .insertInto('api_token')
      .values({ account_id: accountId, label: 'test', token_hash: sha256(token) })
      .execute();
    return { client, token, accountId };
  }

  const orgId = async (name: string): Promise<number> =>
    (await t.db.selectFrom('organisation').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const bodyId = async (name: string) => (await t.db.selectFrom('body').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const api = (method: 'POST' | 'PATCH' | 'DELETE', url: string, token: string | null, payload?: unknown) =>
    t.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeAll(async () => {
    await loadDemoHealthSystem(t.db);
    ids.icb = await orgId('Demo: Northvale and Eastmoor Integrated Care Board');
    ids.acute = await orgId('Demo: Northvale Hospitals NHS Foundation Trust');
    ids.ppiCommittee = await bodyId('Strategic Patient and Public Involvement Committee');
    ids.acuteBoard = await bodyId('Board of Directors');
    ids.place = (await t.db.selectFrom('place').select('id').where('code', '=', 'E02999901').executeTakeFirstOrThrow()).id;
  });

  describe('public pages', () => {
    it('search finds organisations with a count, filters and pages', async () => {
      const client = t.client();
      const all = await client.get('/organisations');
      expect(all.statusCode).toBe(200);
      expect(all.body).toMatch(/\d+ organisations found/);
      expect(all.body).toContain('nhsuk-pagination');
      const search = await client.get('/organisations?q=millbrook');
      expect(search.body).toContain('Demo: Millbrook Medical Centre');
      expect(search.body).toContain('ODS code DMP001');
      const practices = await client.get('/organisations?type=gp_practice&postcode=EM2');
      expect(practices.body).toContain('1 organisation found');
      expect(practices.body).toContain('Demo: Moorview Group Practice');
      const none = await client.get('/organisations?q=zzzzzz');
      expect(none.body).toContain('No organisations found');
    });

    it('shows an organisation with its details, bodies, relations and patient voices, labelled as demo', async () => {
      const response = await t.client().get(`/organisations/${ids.icb}`);
      expect(response.statusCode).toBe(200);
      for (const text of [
        'Demo: Northvale and Eastmoor Integrated Care Board',
        'Who sits for patients',
        'Patient representative',
        'Strategic Patient and Public Involvement Committee',
        'Commissions',
        'DMQ01',
      ]) {
        expect(response.body).toContain(text);
      }
      expect(response.body).toMatch(/nhsuk-tag--yellow">\s*Demo\s*</);
      const trust = await t.client().get(`/organisations/${ids.acute}`);
      expect(trust.body).toContain('Commissioned by');
      expect((await t.client().get('/organisations/abc')).statusCode).toBe(404);
      expect((await t.client().get('/organisations/99999999999')).statusCode).toBe(404);
    });

    it("shows the links other modules add to an organisation's and a place's page", async () => {
      const name = 'Demo: Northvale and Eastmoor Integrated Care Board';
      const organisation = (await t.client().get(`/organisations/${ids.icb}`)).body;
      for (const [href, text] of [
        [`/stories/new?organisation=${ids.icb}`, `Tell your story about ${name}`],
        [`/organisations/${ids.icb}/stories`, `Stories about ${name}`],
        [`/organisations/${ids.icb}/you-said-we-did`, 'You said, we did: changes made because of stories'],
        [`/organisations/${ids.icb}/feedback`, `How ${name} listens: response rates and times`],
        [`/organisations/${ids.icb}/fft`, `Friends and Family Test: rate ${name}`],
        [`/complaints/new?organisation=${ids.icb}`, `Make a complaint about ${name}`],
      ]) {
        expect(organisation).toContain(`<a href="${href}">${text}</a>`);
      }
      const place = (await t.client().get(`/places/${ids.place}`)).body;
      expect(place).toContain(`<a href="/places/${ids.place}/feedback">How organisations in Demo: Millbrook answer patients&#39; stories</a>`);
    });

    it('shows a body with its remit, reporting line, current and past members', async () => {
      const response = await t.client().get(`/bodies/${ids.ppiCommittee}`);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Makes sure patients and the public are involved');
      expect(response.body).toContain('Integrated Care Board</a>');
      expect(response.body).toContain('Members now');
      expect(response.body).toContain('Past members');
    });

    it('shows places with population figures as a table and a picture with a text alternative', async () => {
      const list = await t.client().get('/places');
      expect(list.body).toContain('Demo: Northvale and Eastmoor');
      const place = await t.client().get(`/places/${ids.place}`);
      expect(place.statusCode).toBe(200);
      expect(place.body).toContain('Demo: Millbrook Medical Centre');
      expect(place.body).toContain('<th scope="row" class="nhsuk-table__header">0 to 15</th>');
      expect(place.body).toMatch(/<svg[^>]+role="img"[^>]+aria-labelledby="chart-age_band-title"/);
    });

    it('shows the gaps, everywhere and by place', async () => {
      const gaps = await t.client().get('/gaps');
      expect(gaps.statusCode).toBe(200);
      expect(gaps.body).toContain('No patient representative on the board (1)');
      expect(gaps.body).toContain('Demo: Eastmoor Community and Mental Health NHS Trust');
      expect(gaps.body).toContain('No patient group (1)');
      expect(gaps.body).toContain('Demo: Moorview Group Practice');
      const inPlace = await t.client().get(`/gaps?place=${ids.place}`);
      expect(inPlace.body).toContain('No patient group (0)');
    });

    it('has readable API docs listing each operation and how to use a token', async () => {
      const docs = await t.client().get('/api/docs');
      expect(docs.statusCode).toBe(200);
      expect(docs.body).toContain('<code>GET /api/v1/organisations</code>');
      expect(docs.body).toContain('<code>POST /api/v1/bodies/:id/members</code>');
      expect(docs.body).toContain('Authorization: Bearer');
      expect(docs.body).toContain('Needs a token');
    });
  });

  describe('powers', () => {
    it('sends signed-out visitors to sign in from every admin page, and changes nothing', async () => {
      const client = t.client();
      for (const url of [
        '/admin',
        `/admin/organisations/${ids.icb}`,
        `/admin/organisations/${ids.icb}/edit`,
        '/admin/organisations/new',
        '/admin/import',
        '/admin/places',
        `/admin/bodies/${ids.acuteBoard}`,
      ]) {
        const response = await client.get(url);
        expect(response.statusCode, url).toBe(303);
        expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
      }
      await client.get('/');
      const before = await t.db
        .selectFrom('organisation')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const post = await client.post('/admin/organisations/new', { name: 'Sneaky', type: 'pharmacy' });
      expect(post.statusCode).toBe(303);
      expect(post.headers.location).toContain('/sign-in');
      const edit = await client.post(`/admin/organisations/${ids.icb}/edit`, { name: 'Sneaky', type: 'commissioner' });
      expect(edit.statusCode).toBe(303);
      const after = await t.db
        .selectFrom('organisation')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
      expect((await t.db.selectFrom('organisation').select('name').where('id', '=', ids.icb).executeTakeFirstOrThrow()).name).toContain(
        'Integrated Care Board',
      );
    });

    it('refuses API writes without a token, or with a bad one, and changes nothing', async () => {
      const create = await api('POST', '/api/v1/organisations', null, { name: 'No token', type: 'pharmacy' });
      expect(create.statusCode).toBe(403);
      expect(create.headers['content-type']).toContain('application/problem+json');
      expect((await api('DELETE', `/api/v1/organisations/${ids.icb}`, null)).statusCode).toBe(403);
      expect((await api('DELETE', `/api/v1/organisations/${ids.icb}`, 'not-a-real-token')).statusCode).toBe(401);
      expect((await api('PATCH', `/api/v1/organisations/${ids.icb}`, null, { name: 'X' })).statusCode).toBe(403);
      const memberId = (await t.db.selectFrom('body_member').select('id').where('body_id', '=', ids.acuteBoard).executeTakeFirstOrThrow()).id;
      expect((await api('DELETE', `/api/v1/members/${memberId}`, null)).statusCode).toBe(403);
      expect(await t.db.selectFrom('organisation').select('id').where('name', '=', 'No token').executeTakeFirst()).toBeUndefined();
      expect(await t.db.selectFrom('body_member').select('id').where('id', '=', memberId).executeTakeFirst()).toBeDefined();
    });

    it('lets an admin of one organisation change it, and not another (403, nothing changed)', async () => {
      const { client, token } = await person({ roles: [{ organisationId: ids.icb, role: 'admin' }] });
      const home = await client.get('/admin');
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain(`/admin/organisations/${ids.icb}`);
      expect(home.body).not.toContain('/admin/import');

      const own = await client.get(`/admin/organisations/${ids.icb}/edit`);
      expect(own.statusCode).toBe(200);
      const saved = await client.post(`/admin/organisations/${ids.icb}/edit`, {
        name: 'Demo: Northvale and Eastmoor Integrated Care Board',
        type: 'commissioner',
        odsCode: 'DMQ01',
        postcode: 'NV1 1AA',
        takesNhsMoney: 'yes',
        description: 'Changed by its admin',
      });
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toBe(`/admin/organisations/${ids.icb}?done=organisation-updated`);
      const banner = await client.get(saved.headers.location as string);
      expect(banner.body).toContain('Organisation details saved');

      for (const url of [
        `/admin/organisations/${ids.acute}`,
        `/admin/organisations/${ids.acute}/edit`,
        `/admin/bodies/${ids.acuteBoard}`,
        `/admin/bodies/${ids.acuteBoard}/members/new`,
        '/admin/import',
        '/admin/places',
      ]) {
        expect((await client.get(url)).statusCode, url).toBe(403);
      }
      const membersBefore = await t.db.selectFrom('body_member').select('id').where('body_id', '=', ids.acuteBoard).execute();
      const edit = await client.post(`/admin/organisations/${ids.acute}/edit`, { name: 'Taken over', type: 'nhs_trust', takesNhsMoney: 'yes' });
      expect(edit.statusCode).toBe(403);
      const add = await client.post(`/admin/bodies/${ids.acuteBoard}/members/new`, {
        personName: 'Intruder',
        role: 'chair',
        'termStart-day': '1',
        'termStart-month': '1',
        'termStart-year': '2025',
      });
      expect(add.statusCode).toBe(403);
      const patch = await api('PATCH', `/api/v1/organisations/${ids.acute}`, token, { name: 'Taken over' });
      expect(patch.statusCode).toBe(403);
      const apiMember = await api('POST', `/api/v1/bodies/${ids.acuteBoard}/members`, token, {
        personName: 'Intruder',
        role: 'chair',
        termStart: '2025-01-01',
      });
      expect(apiMember.statusCode).toBe(403);
      expect((await t.db.selectFrom('organisation').select('name').where('id', '=', ids.acute).executeTakeFirstOrThrow()).name).toBe(
        'Demo: Northvale Hospitals NHS Foundation Trust',
      );
      expect(await t.db.selectFrom('body_member').select('id').where('body_id', '=', ids.acuteBoard).execute()).toHaveLength(membersBefore.length);
    });
  });

  describe('admin forms', () => {
    let admin: { client: TestClient; token: string };
    beforeAll(async () => {
      admin = await person({ platformAdmin: true });
    });

    it('shows errors by the field and keeps what was typed, then creates with a success banner', async () => {
      const { client } = admin;
      await client.get('/admin/organisations/new');
      const bad = await client.post('/admin/organisations/new', {
        name: 'Clinic <One>',
        type: 'pharmacy',
        odsCode: 'DMQ01',
        postcode: 'nonsense',
        website: 'example',
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('There is a problem');
      expect(bad.body).toContain('href="#postcode"');
      expect(bad.body).toContain('Postcode &#39;nonsense&#39; is not a UK postcode');
      expect(bad.body).toContain('href="#website"');
      expect(bad.body).toContain('value="Clinic &lt;One&gt;"');
      const dup = await client.post('/admin/organisations/new', { name: 'Clinic One', type: 'pharmacy', odsCode: 'dmq01' });
      expect(dup.statusCode).toBe(422);
      expect(dup.body).toContain('href="#odsCode"');
      expect(dup.body).toContain('An organisation with ODS code DMQ01 already exists: Demo: Northvale and Eastmoor Integrated Care Board');
      expect(await t.db.selectFrom('organisation').select('id').where('name', 'like', 'Clinic%').executeTakeFirst()).toBeUndefined();

      const ok = await client.post('/admin/organisations/new', {
        name: 'Clinic One',
        type: 'pharmacy',
        odsCode: 'FX123',
        postcode: 'nv1 9zz',
        takesNhsMoney: 'yes',
        placeIds: String(ids.place),
      });
      expect(ok.statusCode).toBe(303);
      const page = await client.get(ok.headers.location as string);
      expect(page.body).toContain('Organisation created');
      expect(page.body).toContain('Manage Clinic One');
    });

    it('adds a body and a member with dates, ends the term and removes a member', async () => {
      const { client } = admin;
      const id = await orgId('Clinic One');
      await client.get(`/admin/organisations/${id}/bodies/new`);
      const body = await client.post(`/admin/organisations/${id}/bodies/new`, { name: 'Clinic Board', kind: 'board', remit: 'Runs it' });
      expect(body.statusCode).toBe(303);
      const boardId = await bodyId('Clinic Board');
      const badDate = await client.post(`/admin/bodies/${boardId}/members/new`, {
        personName: 'Pat Rep',
        role: 'patient_representative',
        'termStart-day': '31',
        'termStart-month': '2',
        'termStart-year': '2025',
      });
      expect(badDate.statusCode).toBe(422);
      expect(badDate.body).toContain('href="#termStart-day"');
      expect(badDate.body).toContain('value="Pat Rep"');
      const added = await client.post(`/admin/bodies/${boardId}/members/new`, {
        personName: 'Pat Rep',
        role: 'patient_representative',
        'termStart-day': '1',
        'termStart-month': '2',
        'termStart-year': '2024',
      });
      expect(added.statusCode).toBe(303);
      expect((await client.get(added.headers.location as string)).body).toContain('Member added');
      const member = await t.db.selectFrom('body_member').select('id').where('person_name', '=', 'Pat Rep').executeTakeFirstOrThrow();
      const ended = await client.post(`/admin/members/${member.id}/end`, { 'termEnd-day': '1', 'termEnd-month': '3', 'termEnd-year': '2024' });
      expect(ended.statusCode).toBe(303);
      expect((await t.db.selectFrom('body_member').select('term_end').where('id', '=', member.id).executeTakeFirstOrThrow()).term_end).toBe('2024-03-01');
      const removed = await client.post(`/admin/members/${member.id}/remove`, {});
      expect(removed.statusCode).toBe(303);
      expect(await t.db.selectFrom('body_member').select('id').where('id', '=', member.id).executeTakeFirst()).toBeUndefined();
    });

    it('adds and removes a relation', async () => {
      const { client } = admin;
      const id = await orgId('Clinic One');
      const find = await client.get(`/admin/organisations/${id}/relations/new?q=DMQ01`);
      expect(find.body).toContain('Demo: Northvale and Eastmoor Integrated Care Board');
      const missing = await client.post(`/admin/organisations/${id}/relations/new`, { q: 'DMQ01' });
      expect(missing.statusCode).toBe(422);
      expect(missing.body).toContain('href="#otherId"');
      const added = await client.post(`/admin/organisations/${id}/relations/new`, { q: 'DMQ01', otherId: String(ids.icb), relation: 'commissions:to' });
      expect(added.statusCode).toBe(303);
      const relation = await t.db.selectFrom('organisation_relation').selectAll().where('to_organisation_id', '=', id).executeTakeFirstOrThrow();
      expect(relation).toMatchObject({ from_organisation_id: ids.icb, kind: 'commissions' });
      const removed = await client.post(`/admin/relations/${relation.id}/remove`, { organisationId: String(id) });
      expect(removed.headers.location).toBe(`/admin/organisations/${id}?done=relation-removed`);
    });

    it('creates a place with population figures, refusing a badly written line', async () => {
      const { client } = admin;
      await client.get('/admin/places/new');
      const bad = await client.post('/admin/places/new', {
        name: 'New Town',
        kind: 'neighbourhood',
        parentId: '',
        population_age_band: '0 to 15, 100\nlots of people',
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('Age band, line 2');
      expect(bad.body).toContain('lots of people');
      const ok = await client.post('/admin/places/new', {
        name: 'New Town',
        kind: 'neighbourhood',
        population_age_band: '0 to 15, 1,200\n16 to 24, 800',
        population_sex: '',
        population_ethnicity: '',
      });
      expect(ok.statusCode).toBe(303);
      const page = await client.get(ok.headers.location as string);
      expect(page.body).toContain('Place created');
      expect(page.body).toContain('1,200');
    });

    it('imports an uploaded CSV and lists every bad row by line', async () => {
      const { client } = admin;
      await client.get('/admin/import');
      const csv = 'name,type,ods_code\nUploaded One,pharmacy,UP001\nUploaded Two,castle,UP002\n';
      const response = await client.postMultipart('/admin/import', {}, { field: 'file', filename: 'orgs.csv', content: csv });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Rows not imported');
      expect(response.body).toContain('Line 3: type &#39;castle&#39; is not a known organisation type');
      expect(await t.db.selectFrom('organisation').select('id').where('ods_code', '=', 'UP001').executeTakeFirst()).toBeDefined();
      const missingColumn = await client.postMultipart('/admin/import', {}, { field: 'file', filename: 'x.csv', content: 'name\nX\n' });
      expect(missingColumn.statusCode).toBe(422);
      expect(missingColumn.body).toContain('href="#file"');
      expect(missingColumn.body).toContain('no &#39;type&#39; column');
      const noFile = await client.postMultipart('/admin/import', {});
      expect(noFile.statusCode).toBe(422);
      expect(noFile.body).toContain('Select a CSV file to import');
    });

    it('answers API writes: 201 with Location, 409 for a duplicate ODS code, 422 naming fields', async () => {
      const { token } = admin;
      const created = await api('POST', '/api/v1/organisations', token, {
        name: 'API Clinic',
        type: 'pharmacy',
        odsCode: 'ap001',
        postcode: 'nv1 2ab',
        placeIds: [ids.place],
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      expect(created.headers.location).toBe(`/api/v1/organisations/${id}`);
      expect(created.json()).toMatchObject({ name: 'API Clinic', odsCode: 'AP001', postcode: 'NV1 2AB', places: [{ id: ids.place }] });

      const dup = await api('POST', '/api/v1/organisations', token, { name: 'Copy', type: 'pharmacy', odsCode: 'AP001' });
      expect(dup.statusCode).toBe(409);
      expect(dup.headers['content-type']).toContain('application/problem+json');
      expect(dup.json()).toMatchObject({ status: 409, errors: [{ field: 'odsCode' }] });
      expect(dup.json().detail).toBe('An organisation with ODS code AP001 already exists: API Clinic');

      const bad = await api('POST', '/api/v1/organisations', token, { name: '', type: 'castle', postcode: 'XX' });
      expect(bad.statusCode).toBe(422);
      expect(
        bad
          .json()
          .errors.map((e: { field: string }) => e.field)
          .sort(),
      ).toEqual(['name', 'postcode', 'type']);
      const shape = await api('POST', '/api/v1/organisations', token, { name: 'X', type: 'pharmacy', colour: 'blue' });
      expect(shape.statusCode).toBe(400);

      const patched = await api('PATCH', `/api/v1/organisations/${id}`, token, { description: 'Patched' });
      expect(patched.json()).toMatchObject({ description: 'Patched', odsCode: 'AP001' });

      const body = await api('POST', `/api/v1/organisations/${id}/bodies`, token, { name: 'API Board', kind: 'board' });
      expect(body.statusCode).toBe(201);
      expect(body.headers.location).toBe(`/api/v1/bodies/${body.json().id}`);
      const badMember = await api('POST', `/api/v1/bodies/${body.json().id}/members`, token, {
        personName: 'A',
        role: 'chair',
        termStart: '2025-01-01',
        termEnd: '2024-01-01',
      });
      expect(badMember.statusCode).toBe(422);
      expect(badMember.json().errors).toEqual([{ field: 'termEnd', detail: 'Term end must be the same as or after the term start' }]);
      const member = await api('POST', `/api/v1/bodies/${body.json().id}/members`, token, { personName: 'A Chair', role: 'chair', termStart: '2025-01-01' });
      expect(member.statusCode).toBe(201);
      expect(member.headers.location).toBe(`/api/v1/members/${member.json().id}`);
      expect((await t.app.inject(`/api/v1/bodies/${body.json().id}/members`)).json().items).toHaveLength(1);
      expect((await api('DELETE', `/api/v1/members/${member.json().id}`, token)).statusCode).toBe(204);
      expect((await api('DELETE', `/api/v1/organisations/${id}`, token)).statusCode).toBe(204);
      expect((await t.app.inject(`/api/v1/organisations/${id}`)).statusCode).toBe(404);
    });
  });

  describe('API reads', () => {
    it('pages and filters organisations with next and previous links', async () => {
      const first = await t.app.inject('/api/v1/organisations?type=gp_practice&pageSize=3');
      expect(first.statusCode).toBe(200);
      const page1 = first.json();
      expect(page1).toMatchObject({ total: 7, page: 1, pageSize: 3, links: { prev: null } });
      expect(page1.items).toHaveLength(3);
      expect(page1.links.next).toBe('/api/v1/organisations?type=gp_practice&page=2&pageSize=3');
      const last = (await t.app.inject('/api/v1/organisations?type=gp_practice&pageSize=3&page=3')).json();
      expect(last.items).toHaveLength(1);
      expect(last.links).toEqual({ next: null, prev: '/api/v1/organisations?type=gp_practice&page=2&pageSize=3' });
      const byPlace = (await t.app.inject(`/api/v1/organisations?place=${ids.place}`)).json();
      expect(byPlace.items.map((o: { name: string }) => o.name)).toContain('Demo: Millbrook Medical Centre');
      const byPostcode = (await t.app.inject('/api/v1/organisations?postcode=EM2')).json();
      expect(byPostcode.items.map((o: { name: string }) => o.name)).toEqual(['Demo: Moorview Group Practice']);
      const byQuery = (await t.app.inject('/api/v1/organisations?q=DMR01')).json();
      expect(byQuery.items[0].name).toBe('Demo: Northvale Hospitals NHS Foundation Trust');
      const tooBig = await t.app.inject('/api/v1/organisations?pageSize=1000');
      expect(tooBig.statusCode).toBe(400);
      expect(tooBig.json()).toMatchObject({ status: 400, errors: [{ field: 'pageSize' }] });
      expect((await t.app.inject('/api/v1/organisations?type=castle')).statusCode).toBe(400);
    });

    it('gives places, organisations, bodies, members and gaps', async () => {
      const places = (await t.app.inject('/api/v1/places')).json();
      expect(places.items.length).toBeGreaterThanOrEqual(7);
      const place = (await t.app.inject(`/api/v1/places/${ids.place}`)).json();
      expect(place.population.age_band.length).toBe(6);
      const org = (await t.app.inject(`/api/v1/organisations/${ids.icb}`)).json();
      expect(org.relationsFrom.length).toBeGreaterThan(5);
      expect(org.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      const bodies = (await t.app.inject(`/api/v1/organisations/${ids.icb}/bodies`)).json();
      expect(bodies.items.map((b: { name: string }) => b.name)).toContain('Strategic Patient and Public Involvement Committee');
      const body = (await t.app.inject(`/api/v1/bodies/${ids.ppiCommittee}`)).json();
      expect(body.reportsTo.name).toBe('Integrated Care Board');
      expect(body.pastMembers[0].current).toBe(false);
      const gaps = (await t.app.inject('/api/v1/gaps')).json();
      expect(gaps.noPatientGroup.map((g: { name: string }) => g.name)).toContain('Demo: Moorview Group Practice');
      const missing = await t.app.inject('/api/v1/bodies/999999');
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
    });

    it('publishes an OpenAPI 3.1 document with the registry paths, schemas and security', async () => {
      const doc = (await t.app.inject('/api/v1/openapi.json')).json();
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
      for (const path of [
        '/api/v1/places',
        '/api/v1/places/{id}',
        '/api/v1/organisations',
        '/api/v1/organisations/{id}',
        '/api/v1/organisations/{id}/bodies',
        '/api/v1/bodies/{id}',
        '/api/v1/bodies/{id}/members',
        '/api/v1/members/{id}',
        '/api/v1/gaps',
      ]) {
        expect(doc.paths[path], path).toBeDefined();
        expect(doc.paths[path].get.tags).toEqual(['registry']);
        expect(doc.paths[path].get.responses['200'].content['application/json'].schema).toBeDefined();
      }
      const create = doc.paths['/api/v1/organisations'].post;
      expect(create.security).toEqual([{ bearerAuth: [] }]);
      expect(create.requestBody.content['application/json'].schema.required).toEqual(['name', 'type']);
      expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409', '422']));
      expect(create.responses['422'].content['application/problem+json']).toBeDefined();
      expect(doc.paths['/api/v1/organisations'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
        'q',
        'type',
        'place',
        'postcode',
        'page',
        'pageSize',
      ]);
      expect(doc.paths['/api/v1/members/{id}'].delete.security).toEqual([{ bearerAuth: [] }]);
    });
  });
});
