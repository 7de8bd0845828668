// The community directory's pages over HTTP on a real database: a person searches by words, by
// category and by distance from a postcode (nearest first, with how far), opens a service's page
// with everything on it and how far it is from their postcode; an organisation's admin edits a
// service (a bad field named, nothing changed), saves it and marks it checked; another
// organisation's admin and the signed-out are refused; odd input never gets a server error.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp, type TestClient } from '../../../../test/testApp.js';
import type { Actor } from '../../../platform/permissions.js';
import { insertOrganisation, signedInPerson, summaryErrors } from '../../accounts/testKit.js';
import { emptyServiceInput, type ServiceInput, saveService } from '../service.js';
import { compassPoint, directionsText } from './directions.js';

const postcodes = [
  // Home, and a hall half a mile north of it; a village about twenty miles north-east.
  { postcode: 'NV1 1AA', latitude: 53.8, longitude: -1.55 },
  { postcode: 'NV1 2BB', latitude: 53.80724, longitude: -1.55 },
  { postcode: 'NV9 9ZZ', latitude: 54.0, longitude: -1.2 },
];

describeWithTestApp('community directory pages', (t) => {
  let northvale: number;
  let eastmoor: number;
  let admin: TestClient;
  let otherAdmin: TestClient;
  let adminActor: Actor;
  let walkingId: string;
  let coffeeId: string;
  const category: Record<string, string> = {};

  const serviceRow = (id: string) => t.db.selectFrom('directory_service').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    northvale = await insertOrganisation(t.db, 'Northvale Community Action');
    eastmoor = await insertOrganisation(t.db, 'Eastmoor Carers Together');
    let accountId: number;
    ({ client: admin, accountId } = await signedInPerson(t, { name: 'Nia Admin', roles: [{ organisationId: northvale, role: 'admin' }] }));
    adminActor = { accountId, platformAdmin: false, organisationRoles: [{ organisationId: northvale, role: 'admin' }] };
    const other = await signedInPerson(t, { name: 'Eli Admin', roles: [{ organisationId: eastmoor, role: 'admin' }] });
    otherAdmin = other.client;
    const otherActor: Actor = { accountId: other.accountId, platformAdmin: false, organisationRoles: [{ organisationId: eastmoor, role: 'admin' }] };
    await t.db.insertInto('directory_postcode').values(postcodes).execute();
    for (const name of ['Physical activity', 'Carers']) {
      const row = await t.db
        .insertInto('directory_taxonomy_term')
        .values({ name, description: `${name} groups`, taxonomy: 'Involve community categories' })
        .returning('id')
        .executeTakeFirstOrThrow();
      category[name] = row.id;
    }
    const service = (organisationId: number, fields: Partial<ServiceInput>): ServiceInput => ({ ...emptyServiceInput(organisationId), ...fields });
    walkingId = await saveService(
      { db: t.db },
      adminActor,
      service(northvale, {
        name: 'Thursday walking group',
        description: 'Gentle walks of about an hour round the park, then tea.',
        categoryIds: [category['Physical activity'] as string],
        languages: 'English, Polish',
        locationName: 'St Mary’s church hall',
        address1: '1 Church Lane',
        city: 'Northvale',
        postcode: 'NV1 2BB',
        accessibility: 'Step-free entrance and a hearing loop',
        eligibilityDescription: 'Anyone who can walk for an hour',
        minimumAge: 16,
        openingTimes: [{ days: ['TH'], opensAt: '10:00', closesAt: '12:00' }],
        contactName: 'Jo Walker',
        contactPhone: '01632 960001',
        contactEmail: 'walks@example.org',
        costs: [{ option: 'Each walk', amount: '2.50', amountDescription: 'for the tea' }],
      }),
    );
    coffeeId = await saveService(
      { db: t.db },
      otherActor,
      service(eastmoor, {
        name: 'Carers’ coffee morning',
        description: 'A cup of coffee and a chat for people who look after someone.',
        categoryIds: [category.Carers as string],
        address1: '5 Market Street',
        city: 'Eastmoor',
        postcode: 'NV9 9ZZ',
        openingTimes: [{ days: ['MO'], opensAt: '09:30', closesAt: '11:30' }],
      }),
    );
  });

  it('finds services by words, and says when none match', async () => {
    const found = await t.app.inject('/directory?words=walking');
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('Thursday walking group');
    expect(found.body).not.toContain('Carers’ coffee morning');
    expect(found.body).toContain('Northvale Community Action');
    expect(found.body).toMatch(/Last checked on \d{1,2} \w+ \d{4}/);
    const none = await t.app.inject('/directory?words=astronomy');
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('No services match your search');
  });

  it('finds services by category, chosen from the list', async () => {
    const page = await t.app.inject('/directory');
    expect(page.body).toContain(`<option value="${category.Carers}">Carers</option>`);
    const carers = await t.app.inject(`/directory?category=${category.Carers}`);
    expect(carers.statusCode).toBe(200);
    expect(carers.body).toContain('Carers’ coffee morning');
    expect(carers.body).not.toContain('Thursday walking group');
    const notOne = await t.app.inject('/directory?category=knitting');
    expect(notOne.statusCode).toBe(422);
    expect(summaryErrors(notOne.body)).toEqual({ category: 'Choose a category from the list' });
  });

  it('finds services near a postcode, nearest first with how far, within the distance chosen', async () => {
    const near = await t.app.inject('/directory?postcode=nv11aa&miles=5');
    expect(near.statusCode).toBe(200);
    expect(near.body).toContain('within 5 miles of NV1 1AA, nearest first');
    expect(near.body).toContain('0.5 miles away');
    expect(near.body).toContain('Thursday walking group');
    expect(near.body).not.toContain('Carers’ coffee morning');
    // Its link carries the postcode, so the service's page can say how far it is.
    expect(near.body).toContain(`href="/directory/services/${walkingId}?from=NV1+1AA"`);

    const further = await t.app.inject('/directory?postcode=NV1+1AA&miles=25');
    expect(further.body.indexOf('Thursday walking group')).toBeGreaterThan(0);
    expect(further.body.indexOf('Carers’ coffee morning')).toBeGreaterThan(further.body.indexOf('Thursday walking group'));

    const unknown = await t.app.inject('/directory?postcode=ZZ9+9ZZ');
    expect(unknown.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(unknown.body))).toEqual(['postcode']);
    const notAPostcode = await t.app.inject('/directory?postcode=hello');
    expect(notAPostcode.statusCode).toBe(422);
    expect(summaryErrors(notAPostcode.body).postcode).toContain('postcode');
    const badDistance = await t.app.inject('/directory?postcode=NV1+1AA&miles=7000');
    expect(badDistance.statusCode).toBe(422);
    expect(summaryErrors(badDistance.body)).toEqual({ miles: 'Choose how far from the postcode to look' });
  });

  it('is linked from a place’s page and an organisation’s, showing only their services', async () => {
    const placeId = (
      await t.db.insertInto('place').values({ name: 'Northvale Town', kind: 'neighbourhood', code: null }).returning('id').executeTakeFirstOrThrow()
    ).id;
    await t.db.insertInto('organisation_place').values({ organisation_id: northvale, place_id: placeId }).execute();
    const place = await t.app.inject(`/places/${placeId}`);
    expect(place.body).toContain(`href="/directory?place=${placeId}"`);
    expect(place.body).toContain('Community services near Northvale Town');
    const near = await t.app.inject(`/directory?place=${placeId}`);
    expect(near.statusCode).toBe(200);
    expect(near.body).toContain('<h1>Community services near Northvale Town</h1>');
    expect(near.body).toContain('Thursday walking group');
    expect(near.body).not.toContain('Carers’ coffee morning');

    const organisation = await admin.get(`/organisations/${eastmoor}`);
    expect(organisation.body).toContain(`href="/directory?organisation=${eastmoor}"`);
    // Only its own admins are offered the way to keep its entries.
    expect(organisation.body).not.toContain(`href="/organisations/${eastmoor}/directory"`);
    expect((await admin.get(`/organisations/${northvale}`)).body).toContain(`href="/organisations/${northvale}/directory"`);
    const theirs = await t.app.inject(`/directory?organisation=${eastmoor}`);
    expect(theirs.body).toContain('<h1>Community services by Eastmoor Carers Together</h1>');
    expect(theirs.body).toContain('Carers’ coffee morning');
    expect(theirs.body).not.toContain('Thursday walking group');
  });

  it('shows a service’s page: organisation, where with directions in words, when, who for, cost, languages, access, contact, categories, last checked', async () => {
    const page = await t.app.inject(`/directory/services/${walkingId}?from=NV1%201AA`);
    expect(page.statusCode).toBe(200);
    for (const shown of [
      '<h1>Thursday walking group</h1>',
      'Northvale Community Action',
      'St Mary’s church hall',
      '1 Church Lane',
      'NV1 2BB',
      'About 0.5 miles north of NV1 1AA, in a straight line',
      'Thursday, 10:00 to 12:00',
      'Aged 16 and over',
      'Anyone who can walk for an hour',
      'Each walk: £2.50 for the tea',
      'English, Polish',
      'Step-free entrance and a hearing loop',
      'Jo Walker',
      'href="tel:01632960001"',
      'href="mailto:walks@example.org"',
      `href="/directory?category=${category['Physical activity']}"`,
    ]) {
      expect(page.body, shown).toContain(shown);
    }
    expect(page.body).toMatch(/Last checked on \d{1,2} \w+ \d{4} by Northvale Community Action/);
    expect(page.body).not.toContain('more than 6 months ago');
    // Not its admin: no way to edit.
    expect(page.body).not.toContain('Edit this service');

    await t.db.updateTable('directory_service').set({ last_checked: '2020-01-15' }).where('id', '=', coffeeId).execute();
    const old = await t.app.inject(`/directory/services/${coffeeId}`);
    expect(old.body).toContain('Last checked on 15 January 2020');
    expect(old.body).toContain('last checked more than 6 months ago');
  });

  it('lets the organisation’s admin edit a service: a bad field is named and nothing changes; then saved and marked checked', async () => {
    const before = await serviceRow(walkingId);
    const list = await admin.get(`/organisations/${northvale}/directory`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Thursday walking group');
    const editPath = `/directory/services/${walkingId}/edit`;
    const form = await admin.get(editPath);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Thursday walking group"');
    expect(form.body).toContain('value="NV1 2BB"');
    expect(form.body).toContain('name="openingTimes-0-opensAt"');

    const fields = {
      name: 'Thursday walking group',
      description: 'Gentle walks round the park.',
      status: 'active',
      categoryIds: [category['Physical activity'] as string],
      languages: 'English',
      address1: '1 Church Lane',
      city: 'Northvale',
      postcode: 'NV1 2BB',
      'openingTimes-0-days': ['TH', 'SA'],
      'openingTimes-0-opensAt': '10:00',
      'openingTimes-0-closesAt': '12:00',
    };
    const badAge = await admin.post(editPath, { ...fields, minimumAge: 'sixteen' });
    expect(badAge.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(badAge.body))).toEqual(['minimumAge']);
    expect(badAge.body).toContain('value="sixteen"');
    expect(badAge.body).toContain('Gentle walks round the park.');
    const badTime = await admin.post(editPath, { ...fields, 'openingTimes-0-opensAt': '25:99' });
    expect(badTime.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(badTime.body))).toEqual(['openingTimes-0']);
    expect(badTime.body).toContain('id="openingTimes-0"');
    expect(await serviceRow(walkingId)).toEqual(before);

    await t.db.updateTable('directory_service').set({ last_checked: '2020-01-15' }).where('id', '=', walkingId).execute();
    const saved = await admin.post(editPath, { ...fields, minimumAge: '18' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/directory/services/${walkingId}?done=directory-service-saved`);
    const after = await serviceRow(walkingId);
    expect(after).toMatchObject({ description: 'Gentle walks round the park.', minimum_age: 18 });
    expect(after.last_checked).not.toBe('2020-01-15');
    const shown = await admin.get(String(saved.headers.location));
    expect(shown.body).toContain('Thursday, Saturday, 10:00 to 12:00');
    expect(shown.body).toContain('Edit this service');

    await t.db.updateTable('directory_service').set({ last_checked: '2020-01-15' }).where('id', '=', walkingId).execute();
    expect((await admin.get(`/organisations/${northvale}/directory`)).body).toContain('Check due');
    const checked = await admin.post(`/directory/services/${walkingId}/checked`, {});
    expect(checked.statusCode).toBe(303);
    expect(checked.headers.location).toBe(`/organisations/${northvale}/directory?done=directory-service-checked`);
    expect((await serviceRow(walkingId)).last_checked).not.toBe('2020-01-15');
    expect((await admin.get(String(checked.headers.location))).body).not.toContain('Check due');
  });

  it('lets an admin add a service, naming what is missing first', async () => {
    const newPath = `/organisations/${northvale}/directory/new`;
    expect((await admin.get(newPath)).statusCode).toBe(200);
    const empty = await admin.post(newPath, { name: '', status: 'active' });
    expect(empty.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(empty.body))).toContain('name');
    const made = await admin.post(newPath, {
      name: 'Knit and natter',
      description: 'Bring your knitting.',
      status: 'active',
      languages: 'English',
      'costs-0-option': 'Each session',
      'costs-0-amount': '',
    });
    expect(made.statusCode).toBe(303);
    const id = /^\/directory\/services\/([0-9a-f-]{36})\?done=directory-service-saved$/.exec(String(made.headers.location))?.[1];
    expect(id).toBeDefined();
    const page = await t.app.inject(`/directory/services/${id}`);
    expect(page.body).toContain('Knit and natter');
    expect(page.body).toContain('Each session: free');
  });

  it('refuses another organisation’s admin and sends the signed-out to sign in, changing nothing', async () => {
    const before = await serviceRow(walkingId);
    const editPath = `/directory/services/${walkingId}/edit`;
    expect((await otherAdmin.get(editPath)).statusCode).toBe(403);
    expect((await otherAdmin.get(`/organisations/${northvale}/directory`)).statusCode).toBe(403);
    expect((await otherAdmin.get(`/organisations/${northvale}/directory/new`)).statusCode).toBe(403);
    expect((await otherAdmin.post(editPath, { name: 'Taken over', status: 'active' })).statusCode).toBe(403);
    expect((await otherAdmin.post(`/directory/services/${walkingId}/checked`, {})).statusCode).toBe(403);
    expect((await otherAdmin.post(`/organisations/${northvale}/directory/new`, { name: 'Planted', status: 'active' })).statusCode).toBe(403);
    // Their own organisation's list is theirs.
    expect((await otherAdmin.get(`/organisations/${eastmoor}/directory`)).body).toContain('Carers’ coffee morning');
    const signedOut = await t.client().get(editPath);
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe(`/sign-in?next=${encodeURIComponent(editPath)}`);
    expect(await serviceRow(walkingId)).toEqual(before);
    expect(await t.db.selectFrom('directory_service').select('id').where('name', '=', 'Planted').execute()).toEqual([]);
  });

  it('never answers odd input with a server error', async () => {
    const paths = [
      '/directory?words=%00%0B&category=%E2%80%AE&postcode=%ZZ&miles=1e9&page=-1',
      `/directory?words=${'x'.repeat(3000)}`,
      '/directory?postcode=NV1+1AA&miles=&page=99999999999999999999',
      '/directory?organisation=abc&place=99999999999',
      '/directory?category[]=1&words[]=a&words[]=b',
      '/directory/services/not-a-uuid',
      '/directory/services/00000000-0000-0000-0000-000000000000',
      `/directory/services/${walkingId}?from=%00`,
      `/directory/services/${walkingId}?from=ZZ9+9ZZ`,
      '/organisations/99999999999/directory',
    ];
    for (const path of paths) {
      const answer = await admin.get(path);
      expect(answer.statusCode, path).toBeLessThan(500);
    }
    expect((await t.app.inject('/directory/services/not-a-uuid')).statusCode).toBe(404);
    expect((await t.app.inject('/directory/services/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
    const odd = await admin.post(`/directory/services/${walkingId}/edit`, {
      name: ['a', 'b'],
      status: 'sleeping',
      minimumAge: '99999999999999999999',
      'openingTimes-99-days': 'XX',
      'costs-0-amount': 'lots',
      categoryIds: 'not-a-category',
    });
    expect(odd.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(odd.body)).length).toBeGreaterThan(0);
  });
});

it('says how far and which way in words', () => {
  const home = { postcode: 'NV1 1AA', latitude: 53.8, longitude: -1.55 };
  expect(directionsText(home, { latitude: 53.80724, longitude: -1.55 })).toBe('About 0.5 miles north of NV1 1AA, in a straight line');
  expect(compassPoint(home, { latitude: 54.0, longitude: -1.2 })).toBe('north-east');
  expect(compassPoint(home, { latitude: 53.8, longitude: -1.7 })).toBe('west');
  expect(directionsText(home, { latitude: 53.8001, longitude: -1.55 })).toBe('Less than 0.1 miles from NV1 1AA');
});
