// Shared steps for the budgets tests: people acting (an account and its actor), and a process set up
// through the service as far as its vote, with its shortlist. Used only by *.test.ts files.
import type { Db } from '../../platform/database.js';
import type { OrganisationRole } from '../../platform/permissions.js';
import { createVerifiedAccount } from '../accounts/service.js';
import { insertOrganisation } from '../accounts/testKit.js';
import { createPlace } from '../registry/service.js';
import type { Actor } from './policy.js';
import { addProject, type BudgetInput, budgetDefaults, createBudget, moveBudgetPhase } from './service.js';

let people = 0;

/** An account (verified) and the actor it is when signed in, holding these roles. */
export async function person(
  db: Db,
  roles: Array<{ organisationId: number; role: OrganisationRole }> = [],
): Promise<{ accountId: number; email: string; actor: Actor }> {
  people++;
  const email = `voter${people}-${Date.now()}@example.org`;
  const accountId = await createVerifiedAccount(db, { email, password: 'correct horse battery', name: `Budget Person ${people}` });
  return { accountId, email, actor: { accountId, platformAdmin: false, organisationRoles: roles } };
}

/** Settings for a process: approval, any number of projects, open to postcode districts LS6 and LS7 from age 16. */
export function budgetSettings(organisationId: number, placeIds: number[], overrides: Partial<BudgetInput> = {}): BudgetInput {
  return {
    ...budgetDefaults,
    organisationId,
    title: 'Healthy Headingley Fund',
    description: 'Share £100,000 for health in Headingley.',
    amount: 100_000,
    placeIds,
    ideasFrom: '2026-01-01',
    ideasUntil: '2026-02-01',
    voteFrom: '2026-03-01',
    voteUntil: '2026-03-31',
    minAge: 16,
    postcodeDistricts: 'LS6 LS7',
    ...overrides,
  };
}

export interface TestBudget {
  budgetId: number;
  organisationId: number;
  placeId: number;
  admin: { accountId: number; actor: Actor };
  /** The shortlist's pb ids, in the order given. */
  projects: string[];
}

/**
 * An organisation with an admin, a place, and a process made through the service with these
 * projects shortlisted (title, cost), moved to `phase` ('vote' by default).
 */
export async function testBudget(
  db: Db,
  options: { settings?: Partial<BudgetInput>; projects?: Array<[string, number]>; phase?: 'draft' | 'vote' } = {},
): Promise<TestBudget> {
  const organisationId = await insertOrganisation(db, `Budget Board ${++people}`);
  const admin = await person(db, [{ organisationId, role: 'admin' }]);
  const placeId = await createPlace(
    { db },
    { accountId: null, platformAdmin: true, organisationRoles: [] },
    { name: `Budgetville ${people}`, kind: 'neighbourhood' },
  );
  const budgetId = await createBudget({ db }, admin.actor, budgetSettings(organisationId, [placeId], options.settings));
  const projects: string[] = [];
  for (const [title, cost] of options.projects ?? [
    ['Benches in the park', 20_000],
    ['Community garden', 35_000],
    ['Walking group', 5_000],
    ['Youth counselling', 60_000],
  ]) {
    const id = await addProject({ db }, admin.actor, budgetId, { title, description: `${title}, for everyone.`, location: '', whoBenefits: '', cost });
    projects.push(String(id));
  }
  if ((options.phase ?? 'vote') === 'vote') await moveBudgetPhase({ db }, admin.actor, budgetId, 'vote');
  return { budgetId, organisationId, placeId, admin, projects };
}
