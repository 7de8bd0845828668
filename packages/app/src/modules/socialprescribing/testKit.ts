// Shared steps for the social prescribing tests: an organisation offering social prescribing with
// two link workers, a GP practice with a referrer, and a person with an account; a referral made
// for that person by the practice. Used only by *.test.ts files.
import type { Db } from '../../platform/database.js';
import { ValidationError } from '../../platform/errors.js';
import type { OrganisationRole } from '../../platform/permissions.js';
import { createVerifiedAccount, grantRoleDirect } from '../accounts/service.js';
import { insertOrganisation } from '../accounts/testKit.js';
import type { Actor } from './policy.js';
import { createReferral, type ReferralInput, type SocialPrescribingDeps } from './service.js';

let counter = 0;

export interface TestPerson {
  accountId: number;
  email: string;
  name: string;
  actor: Actor;
}

/** A verified account holding these organisation roles, and its actor. */
export async function testPerson(db: Db, name: string, roles: Array<{ organisationId: number; role: OrganisationRole }> = []): Promise<TestPerson> {
  counter++;
  const email = `sp${counter}-${Date.now()}@example.org`;
  const accountId = await createVerifiedAccount(db, { email, password: 'correct horse battery', name });
  for (const r of roles) await grantRoleDirect(db, accountId, r.role, r.organisationId);
  return { accountId, email, name, actor: { accountId, platformAdmin: false, organisationRoles: roles } };
}

export interface SocialPrescribingTest {
  deps: SocialPrescribingDeps;
  /** The organisation offering social prescribing. */
  serviceId: number;
  linkWorker: TestPerson;
  otherLinkWorker: TestPerson;
  /** The GP practice and its referrer. */
  practiceId: number;
  referrer: TestPerson;
  person: TestPerson;
}

export const testDeps = (db: Db, now?: () => Date): SocialPrescribingDeps => ({
  db,
  config: { publicUrl: 'https://involve.example.org' },
  ...(now ? { now } : {}),
});

/** A service with two link workers, a practice with a referrer, and a person with an account. */
export async function testSocialPrescribing(db: Db): Promise<SocialPrescribingTest> {
  counter++;
  const serviceId = await insertOrganisation(db, `Community Voluntary Services ${counter}-${Date.now()}`);
  const practiceId = await insertOrganisation(db, `Meadow Surgery ${counter}-${Date.now()}`);
  return {
    deps: testDeps(db),
    serviceId,
    linkWorker: await testPerson(db, 'Lena Link', [{ organisationId: serviceId, role: 'link_worker' }]),
    otherLinkWorker: await testPerson(db, 'Omar Other', [{ organisationId: serviceId, role: 'link_worker' }]),
    practiceId,
    referrer: await testPerson(db, 'Dr Rhea Referrer', [{ organisationId: practiceId, role: 'referrer' }]),
    person: await testPerson(db, 'Pat Person'),
  };
}

/** The practice's referral of the person, by their email. */
export function practiceReferral(t: SocialPrescribingTest, overrides: Partial<ReferralInput> = {}): ReferralInput {
  return {
    organisationId: t.serviceId,
    as: 'organisation',
    referrerOrganisationId: t.practiceId,
    personName: t.person.name,
    personEmail: t.person.email,
    personPhone: '01632 960001',
    reason: 'Lonely since moving here; would like to meet people and get out walking.',
    shareWithGroups: true,
    personAgreed: true,
    ...overrides,
  };
}

/** The practice refers the person; returns the referral's id. */
export function referByPractice(t: SocialPrescribingTest, overrides: Partial<ReferralInput> = {}): Promise<number> {
  return createReferral(t.deps, t.referrer.actor, practiceReferral(t, overrides));
}

/** The field errors a call is refused with (fails when it is not refused with a ValidationError). */
export async function fieldErrorsOf(call: Promise<unknown>): Promise<Record<string, string>> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  return error.fieldErrors;
}
