// The directory's services through the service functions on a real database: saved by their
// organisation's admins (each wrong field named, nothing saved), read in full, searched by words,
// category and distance from a postcode, marked checked, and refused to everyone else.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { rejection } from '../../../test/fixtures.js';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { anonymous } from '../../platform/permissions.js';
import { orukServices } from './oruk.js';
import type { Actor } from './policy.js';
import { getService, listCategories, markChecked, saveService, searchServices, serviceInputOf, servicesOf } from './service.js';
import { type TestCategories, testCategories, testGroup, testServiceInput } from './testKit.js';

const fieldErrors = async (promise: Promise<unknown>) => {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
};

/** The value with every `id` field left out (saving replaces opening times, costs and languages). */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'id')
        .map(([k, v]) => [k, withoutIds(v)]),
    );
  return value;
}

describeWithTestDatabase('directory: services', (database) => {
  const deps = () => ({ db: database.db });
  let categories: TestCategories;
  let group: { organisationId: number; admin: Actor };
  let other: { organisationId: number; admin: Actor };
  let walkId: string;
  let adviceId: string;
  let farId: string;

  beforeAll(async () => {
    categories = await testCategories(database.db);
    group = await testGroup(database.db, 'Headingley Walkers');
    other = await testGroup(database.db, 'Other Group');
    walkId = await saveService(deps(), group.admin, testServiceInput(group.organisationId, { categoryIds: [categories.walking] }));
    adviceId = await saveService(
      deps(),
      group.admin,
      testServiceInput(group.organisationId, {
        name: 'Money advice drop-in',
        description: 'Help with debts, benefits and bills.',
        postcode: 'LS1 4AP',
        categoryIds: [categories.money],
      }),
    );
    farId = await saveService(
      deps(),
      other.admin,
      testServiceInput(other.organisationId, { name: 'Garforth walking club', postcode: 'LS25 1AB', categoryIds: [categories.walking, categories.food] }),
    );
  });

  it('reads a saved service in full', async () => {
    const s = await getService(database.db, anonymous, walkId);
    expect(s).toMatchObject({
      name: 'Headingley walking group',
      status: 'active',
      organisation: { id: group.organisationId },
      categories: [{ id: categories.walking, name: 'Walking and exercise' }],
      languages: [
        { name: 'English', code: 'en' },
        { name: 'Polish', code: 'pl' },
      ],
      costOptions: [{ option: 'Everyone', amount: 0, amountDescription: 'Free' }],
      contacts: [{ name: 'Sam Walker', phones: [{ number: '0113 496 0001' }] }],
      schedules: [{ days: ['TU', 'TH'], dayNames: 'Tuesday, Thursday', opensAt: '10:00', closesAt: '11:30', description: 'Meet at the gates' }],
      checkOverdue: false,
      mayEdit: false,
    });
    expect(s.organisation.orukId).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.locations[0]).toMatchObject({ name: 'Headingley Park gates', latitude: 53.8199, longitude: -1.5781 });
    expect(s.locations[0]?.addresses[0]).toMatchObject({ address1: '1 Park Road', city: 'Leeds', postcode: 'LS6 3HN' });
    expect(s.locations[0]?.accessibility[0]?.description).toBe('Flat paths, benches every 200 metres.');
    expect((await getService(database.db, group.admin, walkId)).mayEdit).toBe(true);
    // The edit form gets back what was saved, and saving it again changes nothing.
    const input = serviceInputOf(s);
    expect(input).toMatchObject({ name: s.name, postcode: 'LS6 3HN', languages: 'English, Polish', categoryIds: [categories.walking] });
    await saveService(deps(), group.admin, input, walkId);
    const again = await getService(database.db, anonymous, walkId);
    expect(withoutIds({ ...again, lastModified: '' })).toEqual(withoutIds({ ...s, lastModified: '' }));
  });

  it('names each wrong field and saves nothing', async () => {
    const before = await servicesOf(database.db, anonymous, group.organisationId);
    const errors = await fieldErrors(
      saveService(
        deps(),
        group.admin,
        testServiceInput(group.organisationId, {
          name: '',
          url: 'not a website',
          email: 'nope',
          minimumAge: '200',
          postcode: 'XX',
          categoryIds: ['not-a-uuid'],
          openingTimes: [{ days: ['MO'], opensAt: '17:00', closesAt: '09:00' }],
          costs: [{ option: 'Adults', amount: 'lots' }],
        }),
      ),
    );
    expect(Object.keys(errors).sort()).toEqual(['categoryIds', 'costs.0', 'email', 'minimumAge', 'name', 'openingTimes.0', 'postcode', 'url']);
    expect(errors['openingTimes.0']).toContain('row 1');
    expect(await servicesOf(database.db, anonymous, group.organisationId)).toEqual(before);
  });

  it('lets only the organisation’s admins change or check its entries', async () => {
    expect(await rejection(saveService(deps(), other.admin, testServiceInput(group.organisationId)))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(saveService(deps(), other.admin, testServiceInput(other.organisationId), walkId))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(markChecked(deps(), anonymous, walkId))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(markChecked(deps(), group.admin, 'nonsense'))).toBeInstanceOf(NotFoundError);
    expect(await rejection(getService(database.db, anonymous, '00000000-0000-4000-8000-000000000000'))).toBeInstanceOf(NotFoundError);
    await database.db.updateTable('directory_service').set({ last_checked: '2020-01-01' }).where('id', '=', walkId).execute();
    expect((await getService(database.db, anonymous, walkId)).checkOverdue).toBe(true);
    await markChecked({ db: database.db, now: new Date('2026-12-04T12:00:00Z') }, group.admin, walkId);
    expect((await getService(database.db, anonymous, walkId)).lastChecked).toBe('2026-12-04');
  });

  it('finds services by words, by category and by distance from a postcode', async () => {
    const words = await searchServices(database.db, anonymous, { text: 'walks' });
    expect(words.items.map((i) => i.id)).toContain(walkId);
    expect(words.items.map((i) => i.id)).not.toContain(adviceId);
    const debts = await searchServices(database.db, anonymous, { text: 'debt' });
    expect(debts.items.map((i) => i.id)).toEqual([adviceId]);

    const walking = await searchServices(database.db, anonymous, { category: categories.walking });
    expect(walking.items.map((i) => i.name)).toEqual(['Garforth walking club', 'Headingley walking group']);
    expect(walking.total).toBe(2);

    const near = await searchServices(database.db, anonymous, { postcode: 'ls1 4ap', withinMiles: 5 });
    expect(near.postcode).toBe('LS1 4AP');
    expect(near.items.map((i) => i.id)).toEqual([adviceId, walkId]);
    expect(near.items[0]?.distanceMiles).toBe(0);
    expect(near.items[1]?.distanceMiles).toBeGreaterThan(1);
    expect(near.items[1]?.distanceMiles).toBeLessThan(2);
    const wider = await searchServices(database.db, anonymous, { postcode: 'LS1 4AP', withinMiles: 25, category: categories.walking });
    expect(wider.items.map((i) => i.id)).toEqual([walkId, farId]);
    expect(wider.items[1]?.distanceMiles).toBeGreaterThan(9);

    const paged = await searchServices(database.db, anonymous, { pageSize: 1, page: 2 });
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect(paged.items).toHaveLength(1);
    const past = await searchServices(database.db, anonymous, { pageSize: 10, page: 5 });
    expect(past).toMatchObject({ total: 3, items: [] });

    expect(await fieldErrors(searchServices(database.db, anonymous, { postcode: 'nowhere' }))).toHaveProperty('postcode');
    expect((await fieldErrors(searchServices(database.db, anonymous, { postcode: 'ZZ9 9ZZ' }))).postcode).toContain('ZZ9 9ZZ');
    expect(await fieldErrors(searchServices(database.db, anonymous, { category: 'x' }))).toHaveProperty('category');

    const list = await listCategories(database.db);
    expect(list.find((c) => c.id === categories.walking)?.services).toBe(2);
  });
});

describeWithTestDatabase('directory: a common word among many services', (database) => {
  it('counts up to 1,000 and then lists by name, while a postcode search and the Open Referral list count exactly', async () => {
    const group = await testGroup(database.db, 'Bulk Group');
    await sql`
      insert into directory_service (organisation_id, name, description)
      select ${group.organisationId}::int, 'Bulk club ' || lpad(n::text, 4, '0'), 'A club for knitting' || repeat(' and knitting', n % 3)
      from generate_series(1, 1005) n`.execute(database.db);
    const many = await searchServices(database.db, anonymous, { text: 'knitting', pageSize: 5 });
    expect(many).toMatchObject({ total: 1000, totalCapped: true });
    expect(many.items.map((i) => i.name)).toEqual(['Bulk club 0001', 'Bulk club 0002', 'Bulk club 0003', 'Bulk club 0004', 'Bulk club 0005']);
    const few = await searchServices(database.db, anonymous, { text: 'club 0007' });
    expect(few).toMatchObject({ total: 1, totalCapped: false });
    const list = await orukServices(database.db, anonymous, { text: 'knitting', per_page: '10' });
    expect(list).toMatchObject({ total_items: 1005, total_pages: 101, size: 10 });
  });
});
