// Shared steps for the tests of the assemblies' public pages, API and privacy, and their browser
// test: a browser signed in as a test kit's actor, an assembly recruiting with letters' codes, a
// pool big enough to show figures, and a round drawn for real. Used only by tests.
import type { TestApp, TestClient } from '../../../../test/testApp.js';
import type { Db } from '../../../platform/database.js';
import { createVerifiedAccount, grantRoleDirect } from '../../accounts/service.js';
import { goodPassword, insertOrganisation } from '../../accounts/testKit.js';
import { createPlace } from '../../registry/service.js';
import type { Actor } from '../policy.js';
import type { SelectionResult } from '../schema.js';
import {
  assemblyDefaults,
  categoriesCsvOf,
  computeSelection,
  createAssembly,
  drawInvitations,
  importAddresses,
  invitationLetters,
  moveAssemblyPhase,
  respondentsCsvOf,
  setQuotas,
} from '../service.js';
import type { SeatedAssembly, SeatedPerson } from '../testKit.js';

/** A browser signed in, through the sign-in form, as this actor's account. */
export async function clientOf(t: TestApp, actor: Actor): Promise<TestClient> {
  const { email } = await t.db
    .selectFrom('account')
    .select('email')
    .where('id', '=', actor.accountId as number)
    .executeTakeFirstOrThrow();
  // The test kits give actors their roles without writing them down: the sign-in reads them from the database.
  for (const r of actor.organisationRoles) await grantRoleDirect(t.db, actor.accountId as number, r.role, r.organisationId);
  const client = t.client();
  await client.get('/sign-in');
  const response = await client.post('/sign-in', { email, password: goodPassword });
  if (response.statusCode !== 303) throw new Error(`sign-in failed: ${response.statusCode}`);
  return client;
}

/** 27 volunteers: 12 women aged 16-44, 12 men 45 and over, 3 of another sex (a group too small to show); 4 seated. */
export function poolOfTwentySeven() {
  const quotas = [
    { feature: 'sex', label: 'Sex', value: 'Female', min: 1, max: 3, populationShare: 0.5 },
    { feature: 'sex', label: 'Sex', value: 'Male', min: 1, max: 3, populationShare: 0.48 },
    { feature: 'sex', label: 'Sex', value: 'Another way', min: 0, max: 1, populationShare: 0.02 },
    { feature: 'age_band', label: 'Age', value: '16-44', min: 1, max: 3, populationShare: 0.55 },
    { feature: 'age_band', label: 'Age', value: '45+', min: 1, max: 3, populationShare: 0.45 },
  ];
  const members = [
    { features: { sex: 'Female', age_band: '16-44' }, status: 'confirmed' as const, firstTime: true },
    { features: { sex: 'Male', age_band: '45+' }, status: 'confirmed' as const },
    { features: { sex: 'Female', age_band: '16-44' }, status: 'selected' as const },
    { features: { sex: 'Male', age_band: '45+' }, status: 'declined' as const },
    ...Array.from({ length: 10 }, () => ({ features: { sex: 'Female', age_band: '16-44' }, status: null })),
    ...Array.from({ length: 10 }, () => ({ features: { sex: 'Male', age_band: '45+' }, status: null })),
    ...Array.from({ length: 3 }, () => ({ features: { sex: 'Another way', age_band: '45+' }, status: null })),
  ];
  return { quotas, members };
}

export interface RecruitingAssembly {
  assemblyId: number;
  organisationId: number;
  admin: Actor;
  /** Single-use codes from the letters of one draw. */
  codes: string[];
  drawId: number;
  /** The addresses invited, as on the letters (organisers only). */
  letters: Array<{ address: string; postcode: string; code: string }>;
}

let recruiting = 0;

/**
 * An assembly set up through the service as organisers do: two selection questions (Sex, Age),
 * recruiting, with six addresses imported and `codes` of them invited by a draw.
 */
export async function recruitingAssembly(db: Db, options: { openRegistration?: boolean; codes?: number } = {}): Promise<RecruitingAssembly> {
  const n = ++recruiting;
  const organisationId = await insertOrganisation(db, `Recruiting Trust ${n}-${Date.now()}`);
  const adminId = await createVerifiedAccount(db, { email: `organiser${n}-${Date.now()}@example.org`, password: goodPassword, name: `Organiser ${n}` });
  const admin: Actor = { accountId: adminId, platformAdmin: false, organisationRoles: [{ organisationId, role: 'admin' }] };
  const deps = { db };
  const placeId = await createPlace({ db }, { accountId: null, platformAdmin: true, organisationRoles: [] }, { name: `Harehills ${n}`, kind: 'neighbourhood' });
  const assemblyId = await createAssembly(deps, admin, {
    ...assemblyDefaults,
    organisationId,
    title: `Mental health in Harehills ${n}`,
    remit: 'What would make mental health care work for people in Harehills?',
    panelSize: 2,
    involvement: 'Three evenings in May at the Compton Centre.',
    payment: '£150 for the three evenings, and travel paid.',
    openRegistration: options.openRegistration ?? false,
    seedSource: 'Typed in at the public meeting on 1 May',
    placeIds: [placeId],
  });
  await setQuotas(deps, admin, assemblyId, [
    { feature: 'sex', featureLabel: 'Sex', value: 'Female', min: 1, max: 1, populationShare: 0.5 },
    { feature: 'sex', featureLabel: 'Sex', value: 'Male', min: 1, max: 1, populationShare: 0.5 },
    { feature: 'age_band', featureLabel: 'Age', value: '16-44', min: 0, max: 2, populationShare: 0.55 },
    { feature: 'age_band', featureLabel: 'Age', value: '45+', min: 0, max: 2, populationShare: 0.45 },
  ]);
  await moveAssemblyPhase(deps, admin, assemblyId, 'recruiting');
  const addresses = [
    'address_line_1,town,postcode',
    '1 Ashton Road,Leeds,LS8 5AA',
    '2 Ashton Road,Leeds,LS8 5AB',
    '3 Ashton Road,Leeds,LS8 5AD',
    '4 Ashton Road,Leeds,LS8 5AE',
    '5 Ashton Road,Leeds,LS8 5AF',
    '6 Ashton Road,Leeds,LS8 5AG',
  ].join('\n');
  await importAddresses(deps, admin, assemblyId, addresses);
  const { drawId } = await drawInvitations(deps, admin, assemblyId, { count: options.codes ?? 4, seed: `seed ${n}` });
  const letters = await invitationLetters(db, admin, assemblyId, drawId);
  return { assemblyId, organisationId, admin, codes: letters.map((l) => l.code), drawId, letters };
}

/**
 * Round 1 of a test kit's seated assembly drawn for real: its published files written from the
 * volunteers' pool ids and answers and the quotas, and decide's result on them (LEXIMIN, seed 42).
 */
export async function drawRoundOne(db: Db, assemblyId: number): Promise<SelectionResult> {
  const [quotas, volunteers, assembly] = await Promise.all([
    db.selectFrom('assembly_quota').selectAll().where('assembly_id', '=', assemblyId).orderBy('position').execute(),
    db
      .selectFrom('assembly_volunteer')
      .select(['pool_id', 'features'])
      .where('assembly_id', '=', assemblyId)
      .where('status', '=', 'registered')
      .orderBy('pool_id')
      .execute(),
    db.selectFrom('assembly').select('panel_size').where('id', '=', assemblyId).executeTakeFirstOrThrow(),
  ]);
  const features = [...new Set(quotas.map((q) => q.feature))];
  const categoriesCsv = categoriesCsvOf(quotas);
  const respondentsCsv = respondentsCsvOf(
    features,
    volunteers.map((v) => ({ poolId: v.pool_id, features: v.features })),
  );
  const result = await computeSelection(categoriesCsv, respondentsCsv, assembly.panel_size, 'leximin', '42');
  await db
    .updateTable('assembly_selection')
    .set({ categories_csv: categoriesCsv, respondents_csv: respondentsCsv, seats: assembly.panel_size, result: JSON.stringify(result) })
    .where('assembly_id', '=', assemblyId)
    .where('round', '=', 1)
    .execute();
  return result;
}

/** The test kit's seated person at this position (the test fails at once when there is none). */
export function seat(assembly: SeatedAssembly, index: number): SeatedPerson {
  const person = assembly.members[index];
  if (!person) throw new Error(`no seated person ${index}`);
  return person;
}
