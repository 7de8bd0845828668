// Shared steps for the citizens' assemblies tests. Used only by *.test.ts files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runThroughPipe } from '@involve/decide/cli/throughPipe';
import type { Db } from '../../platform/database.js';
import { createVerifiedAccount } from '../accounts/service.js';
import { insertOrganisation } from '../accounts/testKit.js';
import { createPlace } from '../registry/service.js';
import type { Actor } from './policy.js';
import type { AssemblyKind, AssemblyPhase, MemberStatus } from './schema.js';
import {
  type AssemblyInput,
  assemblyDefaults,
  createAssembly,
  moveAssemblyPhase,
  type QuotaInput,
  type RegistrationInput,
  register,
  type SelectionRound,
  setQuotas,
} from './service.js';

// ——— The assembly's work (sessions, documents, recommendations, representativeness) ———

let seatedCount = 0;

export interface SeatedPerson {
  actor: Actor;
  volunteerId: number;
  /** null: in the pool, not drawn. */
  memberId: number | null;
  status: MemberStatus | null;
}

export interface SeatedAssembly {
  assemblyId: number;
  organisationId: number;
  admin: Actor;
  /** A signed-in person with no part in it. */
  stranger: Actor;
  /** Everyone who volunteered, in the order given. */
  members: SeatedPerson[];
}

export interface SeatedVolunteer {
  features?: Record<string, string>;
  /** The member's status (null: not drawn), 'confirmed' by default. */
  status?: MemberStatus | null;
  firstTime?: boolean;
  withdrawn?: boolean;
}

/** Quotas for a panel of 4: sex and two age bands (1 to 3 each). */
export const fourSeatQuotas: QuotaInput[] = [
  { feature: 'sex', featureLabel: 'Sex', value: 'Female', min: 1, max: 3, populationShare: 0.51 },
  { feature: 'sex', featureLabel: 'Sex', value: 'Male', min: 1, max: 3, populationShare: 0.49 },
  { feature: 'age_band', featureLabel: 'Age', value: '16-44', min: 1, max: 3, populationShare: 0.5 },
  { feature: 'age_band', featureLabel: 'Age', value: '45+', min: 1, max: 3, populationShare: 0.5 },
];

/**
 * An assembly written straight into its tables as a finished draw leaves it (the selection's own
 * steps are tested in their files): an organisation with an admin, the quotas given (sex and age by
 * default, set through the service), one done selection round, and the volunteers given, each with an account, seated with
 * their status. By default four: confirmed, confirmed, selected, declined.
 */
export async function seatedAssembly(
  db: Db,
  options: {
    members?: SeatedVolunteer[];
    phase?: AssemblyPhase;
    kind?: AssemblyKind;
    answerDays?: number;
    quotas?: Array<Omit<QuotaInput, 'featureLabel'> & { label: string }>;
  } = {},
): Promise<SeatedAssembly> {
  const n = ++seatedCount;
  const organisationId = await insertOrganisation(db, `Assembly Trust ${n}-${Date.now()}`);
  const { accountId: adminId } = await assemblyPerson(db, 'Convenor');
  const admin: Actor = { accountId: adminId, platformAdmin: false, organisationRoles: [{ organisationId, role: 'admin' }] };
  const stranger = (await assemblyPerson(db, 'Stranger')).actor;
  const { id: assemblyId } = await db
    .insertInto('assembly')
    .values({
      organisation_id: organisationId,
      title: `Urgent care in Leeds ${n}`,
      remit: 'How should urgent care work in Leeds?',
      kind: options.kind ?? 'jury',
      panel_size: 4,
      answer_days: options.answerDays ?? 30,
      created_by_account_id: adminId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setQuotas({ db }, admin, assemblyId, options.quotas?.map(({ label, ...q }) => ({ ...q, featureLabel: label })) ?? fourSeatQuotas);
  await db
    .updateTable('assembly')
    .set({ phase: options.phase ?? 'sitting' })
    .where('id', '=', assemblyId)
    .execute();
  const { id: selectionId } = await db
    .insertInto('assembly_selection')
    .values({
      assembly_id: assemblyId,
      round: 1,
      purpose: 'initial',
      algorithm: 'leximin',
      seed: '42',
      seats: 4,
      fixed_pool_ids: '[]',
      categories_csv: 'feature,value,min,max\n',
      respondents_csv: 'id\n',
      status: 'done',
      requested_by_account_id: adminId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const given = options.members ?? [{ status: 'confirmed' }, { status: 'confirmed', firstTime: true }, { status: 'selected' }, { status: 'declined' }];
  const members: SeatedPerson[] = [];
  for (const [i, v] of given.entries()) {
    const { accountId, actor } = await assemblyPerson(db, `Volunteer ${i}`);
    const { id: volunteerId } = await db
      .insertInto('assembly_volunteer')
      .values({
        assembly_id: assemblyId,
        pool_id: `P-${String(n).padStart(4, '0')}${String(i).padStart(4, '0')}`,
        route: 'open',
        account_id: accountId,
        name: `Volunteer ${i}`,
        email: `volunteer${i}@example.org`,
        features: JSON.stringify(v.features ?? { sex: i % 2 ? 'Male' : 'Female', age_band: i % 3 ? '45+' : '16-44' }),
        first_time: v.firstTime ?? false,
        status: v.withdrawn ? 'withdrawn' : 'registered',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const status = v.status === undefined ? 'confirmed' : v.status;
    const member = status
      ? await db
          .insertInto('assembly_member')
          .values({ assembly_id: assemblyId, volunteer_id: volunteerId, selection_id: selectionId, status })
          .returning('id')
          .executeTakeFirstOrThrow()
      : null;
    members.push({ actor, volunteerId, memberId: member?.id ?? null, status });
  }
  return { assemblyId, organisationId, admin, stranger, members };
}

/** The first volunteer seated with this status (an error when there is none). */
export function seatedWith(a: SeatedAssembly, status: MemberStatus): SeatedPerson & { memberId: number } {
  const person = a.members.find((m) => m.status === status);
  if (!person || person.memberId === null) throw new Error(`no member is ${status}`);
  return { ...person, memberId: person.memberId };
}

// ——— The assembly up to its panel (helper A1): set up through the service, with volunteers registered ———

let assemblies = 0;

/** A person with a verified account, and the actor they are when signed in. */
export async function assemblyPerson(db: Db, name = 'Volunteer'): Promise<{ accountId: number; actor: Actor; email: string }> {
  assemblies++;
  const email = `${name.toLowerCase().replace(/\W+/g, '')}${assemblies}-${Date.now()}@example.org`;
  const accountId = await createVerifiedAccount(db, { email, password: 'correct horse battery', name });
  return { accountId, email, actor: { accountId, platformAdmin: false, organisationRoles: [] } };
}

/** Quotas for a panel of 6: sex (2 to 4 each) and three age bands (1 to 3 each). */
export const sixSeatQuotas: QuotaInput[] = [
  { feature: 'sex', featureLabel: 'Sex', value: 'Female', min: 2, max: 4, populationShare: 0.51 },
  { feature: 'sex', featureLabel: 'Sex', value: 'Male', min: 2, max: 4, populationShare: 0.49 },
  { feature: 'age_band', featureLabel: 'Age', value: '16 to 34', min: 1, max: 3, populationShare: 0.3 },
  { feature: 'age_band', featureLabel: 'Age', value: '35 to 59', min: 1, max: 3, populationShare: 0.4 },
  { feature: 'age_band', featureLabel: 'Age', value: '60 and over', min: 1, max: 3, populationShare: 0.3 },
];

/** A registration as a volunteer fills it in, with these answers. */
export function registrationFor(features: Record<string, string>, overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    code: '',
    name: 'Sam Volunteer',
    email: 'sam@example.org',
    phone: '07700 900123',
    features,
    interpreter: '',
    easyRead: false,
    childcare: false,
    travel: false,
    carer: false,
    otherNeeds: '',
    firstTime: true,
    namePublic: false,
    ...overrides,
  };
}

export interface TestAssembly {
  assemblyId: number;
  organisationId: number;
  placeId: number;
  admin: { accountId: number; actor: Actor };
  /** The volunteers registered, in order: their actor, pool id and answers. */
  volunteers: Array<{ actor: Actor; accountId: number; poolId: string; features: Record<string, string> }>;
}

/**
 * An organisation with an admin and a place, and an assembly made through the service (open
 * registration, the quotas given: sixSeatQuotas by default), moved to recruiting, with `volunteers`
 * people registered through the service (answers dealt in turn from each feature's values), then
 * moved on to `phase` ('selecting' by default).
 */
export async function testAssembly(
  db: Db,
  options: {
    volunteers?: number;
    quotas?: QuotaInput[];
    settings?: Partial<AssemblyInput>;
    phase?: 'draft' | 'recruiting' | 'selecting';
    answers?: (i: number) => Record<string, string>;
  } = {},
): Promise<TestAssembly> {
  const n = ++assemblies;
  const organisationId = await insertOrganisation(db, `Assembly Board ${n}-${Date.now()}`);
  const admin = await assemblyPerson(db, 'Convenor');
  admin.actor = { ...admin.actor, organisationRoles: [{ organisationId, role: 'admin' }] };
  const placeId = await createPlace(
    { db },
    { accountId: null, platformAdmin: true, organisationRoles: [] },
    { name: `Assemblyton ${n}-${Date.now()}`, kind: 'neighbourhood' },
  );
  const quotas = options.quotas ?? sixSeatQuotas;
  const assemblyId = await createAssembly({ db }, admin.actor, {
    ...assemblyDefaults,
    organisationId,
    title: 'Urgent care in Leeds',
    remit: 'How should urgent care work in Leeds over the next five years?',
    panelSize: 6,
    openRegistration: true,
    involvement: 'Four Saturdays in March, 10am to 4pm.',
    payment: '£100 a day and your travel.',
    placeIds: [placeId],
    ...options.settings,
  });
  if ((options.phase ?? 'selecting') === 'draft') return { assemblyId, organisationId, placeId, admin, volunteers: [] };
  await setQuotas({ db }, admin.actor, assemblyId, quotas);
  await moveAssemblyPhase({ db }, admin.actor, assemblyId, 'recruiting');
  const values = new Map<string, string[]>();
  for (const q of quotas) values.set(q.feature, [...(values.get(q.feature) ?? []), q.value]);
  const answersOf =
    options.answers ??
    ((i: number) => Object.fromEntries([...values].map(([feature, list], f) => [feature, list[Math.floor(i / (f + 1)) % list.length] as string])));
  const volunteers: TestAssembly['volunteers'] = [];
  for (let i = 0; i < (options.volunteers ?? 30); i++) {
    const person = await assemblyPerson(db, `Volunteer ${i}`);
    const features = answersOf(i);
    const { poolId } = await register({ db }, person.actor, assemblyId, registrationFor(features, { name: `Volunteer ${i}`, email: person.email }));
    volunteers.push({ actor: person.actor, accountId: person.accountId, poolId, features });
  }
  if ((options.phase ?? 'selecting') === 'selecting') await moveAssemblyPhase({ db }, admin.actor, assemblyId, 'selecting');
  return { assemblyId, organisationId, placeId, admin, volunteers };
}

const decideCli = fileURLToPath(new URL('../../../../decide/src/cli.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

/**
 * The real decide command on a round's published files (written to a folder under `dir`), through a
 * pipe, as anyone would recount it: `decide sortition --categories … --respondents … --panel-size K
 * --algorithm A --seed S --json`. Its JSON, with the exit code and what it wrote to stderr.
 */
export async function recountWithDecide(
  dir: string,
  round: Pick<SelectionRound, 'round' | 'categoriesCsv' | 'respondentsCsv' | 'seats' | 'algorithm' | 'seed'>,
): Promise<{ code: number | null; stderr: string; panel: string[]; probabilities: Record<string, number> }> {
  const folder = mkdtempSync(path.join(dir, `round-${round.round}-`));
  writeFileSync(path.join(folder, 'categories.csv'), round.categoriesCsv);
  writeFileSync(path.join(folder, 'respondents.csv'), round.respondentsCsv);
  const run = await runThroughPipe(
    decideCli,
    [
      'sortition',
      '--categories',
      path.join(folder, 'categories.csv'),
      '--respondents',
      path.join(folder, 'respondents.csv'),
      '--panel-size',
      String(round.seats),
      '--algorithm',
      round.algorithm,
      '--seed',
      round.seed,
      '--json',
      '--quiet',
    ],
    { cwd: repoRoot, reader: 'cat' },
  );
  const json =
    run.code === 0 ? (JSON.parse(run.stdout.toString('utf8')) as { panel: string[]; probabilities: Record<string, number> }) : { panel: [], probabilities: {} };
  return { code: run.code, stderr: run.stderr, ...json };
}
