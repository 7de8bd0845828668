// What every part of the assemblies service reads first: an assembly by id (not found when missing,
// or when it is a draft the actor may not manage), whether the actor runs it, its selection
// features (the quotas grouped by feature), and who sits on it.
import type { Selectable } from 'kysely';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/database.js';
import { NotFoundError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import { type Actor, assertCan, can } from './policy.js';
import type { AssemblyMemberTable, AssemblyQuotaTable, AssemblySelectionTable, AssemblyTable, AssemblyVolunteerTable, MemberStatus } from './schema.js';

export interface AssembliesDeps {
  db: Db;
  config?: Pick<Config, 'publicUrl'>;
}

export type AssemblyRow = Selectable<AssemblyTable>;
export type QuotaRow = Selectable<AssemblyQuotaTable>;
export type VolunteerRow = Selectable<AssemblyVolunteerTable>;
export type SelectionRow = Selectable<AssemblySelectionTable>;
export type MemberRow = Selectable<AssemblyMemberTable>;

/** Member statuses that hold a seat: drawn and not yet answered, or confirmed. */
export const seatedStatuses: readonly MemberStatus[] = ['selected', 'confirmed'];
/** Member statuses whose seat is open for a replacement draw. */
export const leftStatuses: readonly MemberStatus[] = ['declined', 'withdrawn'];

export const mayManage = (actor: Actor, assembly: { organisation_id: number }) => can(actor, 'assembly.manage', { organisationId: assembly.organisation_id });

/** An assembly by id: not found when there is none, or when it is a draft and the actor may not manage it. */
export async function assemblyRow(db: Db, actor: Actor, id: number): Promise<AssemblyRow> {
  if (!isRecordId(id)) throw new NotFoundError();
  const row = await db.selectFrom('assembly').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || (row.phase === 'draft' && !mayManage(actor, row))) throw new NotFoundError();
  return row;
}

/** An assembly its organisation's admins run: not found as assemblyRow, forbidden for anyone else. */
export async function managedAssembly(db: Db, actor: Actor, id: number): Promise<AssemblyRow> {
  const row = await assemblyRow(db, actor, id);
  assertCan(actor, 'assembly.manage', { organisationId: row.organisation_id });
  return row;
}

/** A selection feature: the question asked at registration and the answers offered, each with its quota. */
export interface Feature {
  key: string;
  label: string;
  values: Array<{ value: string; min: number; max: number; populationShare: number | null }>;
}

export async function quotaRows(db: Db, assemblyId: number): Promise<QuotaRow[]> {
  return db.selectFrom('assembly_quota').selectAll().where('assembly_id', '=', assemblyId).orderBy('position').orderBy('id').execute();
}

/** The quotas grouped by feature, features in the order of their first quota. */
export function featuresOf(quotas: readonly QuotaRow[]): Feature[] {
  const features = new Map<string, Feature>();
  for (const q of quotas) {
    let feature = features.get(q.feature);
    if (!feature) {
      feature = { key: q.feature, label: q.feature_label, values: [] };
      features.set(q.feature, feature);
    }
    feature.values.push({ value: q.value, min: q.min, max: q.max, populationShare: q.population_share });
  }
  return [...features.values()];
}

/** Members holding a seat (selected or confirmed), with their pool ids and answers. */
export async function seatedMembers(
  db: Db,
  assemblyId: number,
): Promise<Array<{ memberId: number; volunteerId: number; poolId: string; status: MemberStatus; features: Record<string, string> }>> {
  const rows = await db
    .selectFrom('assembly_member as m')
    .innerJoin('assembly_volunteer as v', 'v.id', 'm.volunteer_id')
    .select(['m.id as memberId', 'v.id as volunteerId', 'v.pool_id as poolId', 'm.status', 'v.features'])
    .where('m.assembly_id', '=', assemblyId)
    .where('m.status', 'in', seatedStatuses)
    .orderBy('v.pool_id')
    .execute();
  return rows;
}

/** Seats open for a replacement draw: members who declined or withdrew and whose seat has not been drawn again. */
export async function openSeatCount(db: Db, assemblyId: number): Promise<number> {
  const [assembly, seated] = await Promise.all([
    db.selectFrom('assembly').select(['panel_size']).where('id', '=', assemblyId).executeTakeFirst(),
    db
      .selectFrom('assembly_member')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('assembly_id', '=', assemblyId)
      .where('status', 'in', seatedStatuses)
      .executeTakeFirstOrThrow(),
  ]);
  const drawn = await db
    .selectFrom('assembly_selection')
    .select('id')
    .where('assembly_id', '=', assemblyId)
    .where('status', '=', 'done')
    .limit(1)
    .executeTakeFirst();
  if (!assembly || !drawn) return 0;
  return Math.max(0, assembly.panel_size - Number(seated.count));
}
