// Shared steps for the directory's tests: a taxonomy with a few categories, postcode coordinates,
// an organisation with an admin, and a service saved through the service. Used only by *.test.ts files.
import type { Db } from '../../platform/database.js';
import { createVerifiedAccount } from '../accounts/service.js';
import { insertOrganisation } from '../accounts/testKit.js';
import type { Actor } from './policy.js';
import { emptyServiceInput, type ServiceInput, saveService } from './service.js';

let counter = 0;

/** Postcodes of the tests, a few miles apart (Leeds): LS1 in the centre, LS6 ~2 miles north-west, LS25 ~10 miles east. */
export const testPostcodes = [
  { postcode: 'LS1 4AP', latitude: 53.7997, longitude: -1.5492 },
  { postcode: 'LS6 3HN', latitude: 53.8199, longitude: -1.5781 },
  { postcode: 'LS25 1AB', latitude: 53.7862, longitude: -1.3065 },
];

export interface TestCategories {
  taxonomyId: string;
  walking: string;
  money: string;
  food: string;
}

/** A taxonomy with three categories, and the test postcodes (once per database). */
export async function testCategories(db: Db): Promise<TestCategories> {
  counter++;
  const { id: taxonomyId } = await db
    .insertInto('directory_taxonomy')
    .values({ name: `Test categories ${counter}`, description: 'Categories for tests' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const term = async (name: string) =>
    (
      await db
        .insertInto('directory_taxonomy_term')
        .values({ name, description: `${name} groups`, taxonomy_id: taxonomyId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  await db
    .insertInto('directory_postcode')
    .values(testPostcodes)
    .onConflict((oc) => oc.column('postcode').doNothing())
    .execute();
  return { taxonomyId, walking: await term('Walking and exercise'), money: await term('Money advice'), food: await term('Food') };
}

/** An organisation and an admin of it (a verified account and its actor). */
export async function testGroup(db: Db, name = 'Directory Group'): Promise<{ organisationId: number; admin: Actor; accountId: number }> {
  counter++;
  const organisationId = await insertOrganisation(db, `${name} ${counter}`);
  const accountId = await createVerifiedAccount(db, {
    email: `directory${counter}-${Date.now()}@example.org`,
    password: 'correct horse battery',
    name: `Directory Admin ${counter}`,
  });
  return { organisationId, accountId, admin: { accountId, platformAdmin: false, organisationRoles: [{ organisationId, role: 'admin' }] } };
}

/** A form's values for a service of this organisation, with a place at a postcode. */
export function testServiceInput(organisationId: number, overrides: Partial<ServiceInput> = {}): ServiceInput {
  return {
    ...emptyServiceInput(organisationId),
    name: 'Headingley walking group',
    description: 'Gentle walks around the park every week, for anyone who wants company and fresh air.',
    locationName: 'Headingley Park gates',
    address1: '1 Park Road',
    city: 'Leeds',
    postcode: 'LS6 3HN',
    openingTimes: [{ days: ['TU', 'TH'], opensAt: '10:00', closesAt: '11:30', description: 'Meet at the gates' }],
    contactName: 'Sam Walker',
    contactPhone: '0113 496 0001',
    costs: [{ option: 'Everyone', amount: '0', amountDescription: 'Free' }],
    languages: 'English, Polish',
    accessibility: 'Flat paths, benches every 200 metres.',
    ...overrides,
  };
}

export async function testService(db: Db, admin: Actor, input: ServiceInput): Promise<string> {
  return saveService({ db }, admin, input);
}
