// Shared steps for the citizens' assemblies tests. Used only by *.test.ts files.
import type { Db } from '../../platform/database.js';
import { createVerifiedAccount } from '../accounts/service.js';
import { insertOrganisation } from '../accounts/testKit.js';
import type { Actor } from './policy.js';
import type { AssemblyKind, AssemblyPhase, MemberStatus } from './schema.js';

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

/**
 * An assembly written straight into its tables as a finished draw leaves it (the selection's own
 * steps are tested in their files): an organisation with an admin, the quotas given (sex and age by
 * default), one done selection round, and the volunteers given, each with an account, seated with
 * their status. By default four: confirmed, confirmed, selected, declined.
 */
export async function seatedAssembly(
  db: Db,
  options: {
    members?: SeatedVolunteer[];
    phase?: AssemblyPhase;
    kind?: AssemblyKind;
    answerDays?: number;
    quotas?: Array<{ feature: string; label: string; value: string; min: number; max: number; populationShare: number | null }>;
  } = {},
): Promise<SeatedAssembly> {
  const n = ++seatedCount;
  const organisationId = await insertOrganisation(db, `Assembly Trust ${n}-${Date.now()}`);
  const account = (name: string) => createVerifiedAccount(db, { email: `${name}-${n}-${Date.now()}@example.org`, password: 'correct horse battery', name });
  const adminId = await account('convenor');
  const admin: Actor = { accountId: adminId, platformAdmin: false, organisationRoles: [{ organisationId, role: 'admin' }] };
  const strangerId = await account('stranger');
  const { id: assemblyId } = await db
    .insertInto('assembly')
    .values({
      organisation_id: organisationId,
      title: `Urgent care in Leeds ${n}`,
      remit: 'How should urgent care work in Leeds?',
      kind: options.kind ?? 'jury',
      panel_size: 4,
      phase: options.phase ?? 'sitting',
      answer_days: options.answerDays ?? 30,
      created_by_account_id: adminId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const quotas = options.quotas ?? [
    { feature: 'sex', label: 'Sex', value: 'Female', min: 1, max: 3, populationShare: 0.51 },
    { feature: 'sex', label: 'Sex', value: 'Male', min: 1, max: 3, populationShare: 0.49 },
    { feature: 'age_band', label: 'Age', value: '16-44', min: 1, max: 3, populationShare: 0.5 },
    { feature: 'age_band', label: 'Age', value: '45+', min: 1, max: 3, populationShare: 0.5 },
  ];
  await db
    .insertInto('assembly_quota')
    .values(
      quotas.map((q, position) => ({
        assembly_id: assemblyId,
        feature: q.feature,
        feature_label: q.label,
        value: q.value,
        min: q.min,
        max: q.max,
        population_share: q.populationShare,
        position,
      })),
    )
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
    const accountId = await account(`volunteer${i}`);
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
    members.push({ actor: { accountId, platformAdmin: false, organisationRoles: [] }, volunteerId, memberId: member?.id ?? null, status });
  }
  return { assemblyId, organisationId, admin, stranger: { accountId: strangerId, platformAdmin: false, organisationRoles: [] }, members };
}

/** The first volunteer seated with this status (an error when there is none). */
export function seatedWith(a: SeatedAssembly, status: MemberStatus): SeatedPerson & { memberId: number } {
  const person = a.members.find((m) => m.status === status);
  if (!person || person.memberId === null) throw new Error(`no member is ${status}`);
  return { ...person, memberId: person.memberId };
}
