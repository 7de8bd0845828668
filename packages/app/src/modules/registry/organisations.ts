// Organisations: read one with everything about it, create, update, delete, and their relations.
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import type { Database } from '../../platform/schema.js';
import { todayInEngland } from '../../platform/web/forms.js';
import { type Actor, assertCan, can } from './policy.js';
import type { BodyKind, MemberRole, OrganisationType, PlaceKind, RelationKind } from './schema.js';
import { relationKinds } from './schema.js';
import { checkOrganisation, type OrganisationFields, type OrganisationInput } from './validation.js';

export interface RegistryDeps {
  db: Db;
}

/** Roles that speak for patients and the public on a body. */
export const patientVoiceRoles: readonly MemberRole[] = ['patient_representative', 'lay_member', 'non_executive_ppi_lead', 'healthwatch_representative'];

export interface OrganisationDetail extends OrganisationFields {
  id: number;
  isDemo: boolean;
  createdAt: Date;
  updatedAt: Date;
  places: Array<{ id: number; name: string; kind: PlaceKind }>;
  /** Relations where this organisation is the subject: "<this> commissions <other>". */
  relationsFrom: Array<{ id: number; kind: RelationKind; organisation: { id: number; name: string; type: OrganisationType } }>;
  /** Relations where this organisation is the object: "<other> commissions <this>". */
  relationsTo: Array<{ id: number; kind: RelationKind; organisation: { id: number; name: string; type: OrganisationType } }>;
  bodies: Array<{ id: number; name: string; kind: BodyKind; currentMembers: number; patientVoices: number }>;
  /** Current members in patient-voice roles, across the organisation's bodies. */
  patientVoices: Array<{ memberId: number; personName: string; role: MemberRole; bodyId: number; bodyName: string; termStart: string; termEnd: string | null }>;
}

/** The organisation's relations one way: 'from' it to others, or 'to' it from others (o is the other end). */
function relationsOf(db: Db, id: number, way: 'from' | 'to') {
  const [ours, theirs] =
    way === 'from' ? (['r.from_organisation_id', 'r.to_organisation_id'] as const) : (['r.to_organisation_id', 'r.from_organisation_id'] as const);
  return db
    .selectFrom('organisation_relation as r')
    .innerJoin('organisation as o', 'o.id', theirs)
    .select(['r.id', 'r.kind', 'o.id as orgId', 'o.name', 'o.type'])
    .where(ours, '=', id)
    .orderBy('r.kind')
    .orderBy('o.name')
    .execute();
}

export async function getOrganisation(db: Db, id: number): Promise<OrganisationDetail | null> {
  if (!validId(id)) return null;
  const row = await db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const today = todayInEngland();
  const places = await db
    .selectFrom('organisation_place as op')
    .innerJoin('place as p', 'p.id', 'op.place_id')
    .select(['p.id', 'p.name', 'p.kind'])
    .where('op.organisation_id', '=', id)
    .orderBy('p.name')
    .execute();
  const relationsFrom = await relationsOf(db, id, 'from');
  const relationsTo = await relationsOf(db, id, 'to');
  const bodies = await bodiesWithCurrentMembers(db, today)
    .select((eb) => [
      'b.id',
      'b.name',
      'b.kind',
      eb.fn.count<number>('m.id').as('currentMembers'),
      eb.fn.count<number>('m.id').filterWhere('m.role', 'in', patientVoiceRoles).as('patientVoices'),
    ])
    .where('b.organisation_id', '=', id)
    .groupBy(['b.id', 'b.name', 'b.kind'])
    .orderBy('b.name')
    .execute();
  const voices = await db
    .selectFrom('body_member as m')
    .innerJoin('body as b', 'b.id', 'm.body_id')
    .select(['m.id as memberId', 'm.person_name', 'm.role', 'b.id as bodyId', 'b.name as bodyName', 'm.term_start', 'm.term_end'])
    .where('b.organisation_id', '=', id)
    .where('m.role', 'in', patientVoiceRoles)
    .where('m.term_start', '<=', today)
    .where((eb) => eb.or([eb('m.term_end', 'is', null), eb('m.term_end', '>=', today)]))
    .orderBy('b.name')
    .orderBy('m.person_name')
    .execute();
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    odsCode: row.ods_code,
    address: row.address,
    postcode: row.postcode,
    website: row.website,
    takesNhsMoney: row.takes_nhs_money,
    description: row.description,
    isDemo: row.is_demo,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    places,
    relationsFrom: relationsFrom.map((r) => ({ id: r.id, kind: r.kind, organisation: { id: r.orgId, name: r.name, type: r.type } })),
    relationsTo: relationsTo.map((r) => ({ id: r.id, kind: r.kind, organisation: { id: r.orgId, name: r.name, type: r.type } })),
    bodies: bodies.map((b) => ({ ...b, currentMembers: Number(b.currentMembers), patientVoices: Number(b.patientVoices) })),
    patientVoices: voices.map((v) => ({
      memberId: v.memberId,
      personName: v.person_name,
      role: v.role,
      bodyId: v.bodyId,
      bodyName: v.bodyName,
      termStart: v.term_start,
      termEnd: v.term_end,
    })),
  };
}

/** Bodies with their members whose term covers `today` joined (count m.id for how many sit now). */
export function bodiesWithCurrentMembers(db: Db, today: string) {
  return db.selectFrom('body as b').leftJoin('body_member as m', (join) =>
    join
      .onRef('m.body_id', '=', 'b.id')
      .on('m.term_start', '<=', today)
      .on((eb) => eb.or([eb('m.term_end', 'is', null), eb('m.term_end', '>=', today)])),
  );
}

export function validId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 && id <= 2147483647;
}

/** The organisation's details plus the places it serves (ids). */
export interface OrganisationWrite extends OrganisationInput {
  placeIds?: unknown;
}

function placeIdsFrom(value: unknown): number[] | null {
  if (value === undefined || value === null || value === '') return [];
  const list = Array.isArray(value) ? value : [value];
  const ids = list.map((v) => Number(v));
  return ids.every(validId) ? [...new Set(ids)] : null;
}

async function checkWrite(db: Kysely<Database>, input: OrganisationWrite, exceptId?: number): Promise<{ fields: OrganisationFields; placeIds: number[] }> {
  const checked = checkOrganisation(input);
  const errors: Record<string, string> = { ...(checked.errors ?? {}) };
  const placeIds = placeIdsFrom(input.placeIds);
  if (placeIds === null) errors.placeIds = 'Choose places from the list';
  else if (placeIds.length) {
    const found = await db.selectFrom('place').select('id').where('id', 'in', placeIds).execute();
    if (found.length !== placeIds.length) errors.placeIds = 'Choose places from the list';
  }
  if (Object.keys(errors).length || !checked.value || !placeIds) throw new ValidationError(errors);
  if (checked.value.odsCode) await assertOdsCodeFree(db, checked.value.odsCode, exceptId);
  return { fields: checked.value, placeIds };
}

async function assertOdsCodeFree(db: Kysely<Database>, odsCode: string, exceptId?: number): Promise<void> {
  let query = db.selectFrom('organisation').select(['id', 'name']).where('ods_code', '=', odsCode);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  const clash = await query.executeTakeFirst();
  if (clash) throw new ConflictError(`An organisation with ODS code ${odsCode} already exists: ${clash.name}`, 'odsCode');
}

/** An organisation's columns from its checked fields (the forms, the API and the CSV import). */
export function columnsOf(fields: OrganisationFields) {
  return {
    name: fields.name,
    type: fields.type,
    ods_code: fields.odsCode,
    address: fields.address,
    postcode: fields.postcode,
    website: fields.website,
    takes_nhs_money: fields.takesNhsMoney,
    description: fields.description,
  };
}

/** A unique-violation from the database (a race between two writers for one ODS code). */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === '23505';
}

export async function createOrganisation(deps: RegistryDeps, actor: Actor, input: OrganisationWrite): Promise<number> {
  assertCan(actor, 'organisation.create');
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const { fields, placeIds } = await checkWrite(trx, input);
      const { id } = await trx.insertInto('organisation').values(columnsOf(fields)).returning('id').executeTakeFirstOrThrow();
      if (placeIds.length)
        await trx
          .insertInto('organisation_place')
          .values(placeIds.map((placeId) => ({ organisation_id: id, place_id: placeId })))
          .execute();
      await recordAudit(trx, actor, { action: 'organisation.create', subjectType: 'organisation', subjectId: id, detail: { places: placeIds.length } });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('An organisation with that ODS code already exists', 'odsCode');
    throw error;
  }
}

/** Update every field given (a missing field keeps its value: a PATCH). */
export async function updateOrganisation(deps: RegistryDeps, actor: Actor, id: number, input: OrganisationWrite): Promise<void> {
  assertCan(actor, 'organisation.update', { organisationId: id });
  const existing = validId(id) ? await deps.db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!existing) throw new NotFoundError('There is no organisation with that number');
  try {
    await deps.db.transaction().execute(async (trx) => {
      const currentPlaces = await trx.selectFrom('organisation_place').select('place_id').where('organisation_id', '=', id).execute();
      const merged: OrganisationWrite = {
        name: input.name !== undefined ? input.name : existing.name,
        type: input.type !== undefined ? input.type : existing.type,
        odsCode: input.odsCode !== undefined ? input.odsCode : existing.ods_code,
        address: input.address !== undefined ? input.address : existing.address,
        postcode: input.postcode !== undefined ? input.postcode : existing.postcode,
        website: input.website !== undefined ? input.website : existing.website,
        takesNhsMoney: input.takesNhsMoney !== undefined ? input.takesNhsMoney : existing.takes_nhs_money,
        description: input.description !== undefined ? input.description : existing.description,
        placeIds: input.placeIds !== undefined ? input.placeIds : currentPlaces.map((p) => p.place_id),
      };
      const { fields, placeIds } = await checkWrite(trx, merged, id);
      await trx
        .updateTable('organisation')
        .set({ ...columnsOf(fields), updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('organisation_place').where('organisation_id', '=', id).execute();
      if (placeIds.length)
        await trx
          .insertInto('organisation_place')
          .values(placeIds.map((placeId) => ({ organisation_id: id, place_id: placeId })))
          .execute();
      const changed = Object.keys(input).filter((k) => k !== 'placeIds' || input.placeIds !== undefined);
      await recordAudit(trx, actor, { action: 'organisation.update', subjectType: 'organisation', subjectId: id, detail: { fields: changed } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('An organisation with that ODS code already exists', 'odsCode');
    throw error;
  }
}

/** Delete an organisation with its bodies, members and relations. */
export async function deleteOrganisation(deps: RegistryDeps, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'organisation.delete', { organisationId: id });
  try {
    await deps.db.transaction().execute(async (trx) => {
      const gone = validId(id) ? await trx.deleteFrom('organisation').where('id', '=', id).returning(['id', 'name']).executeTakeFirst() : undefined;
      if (!gone) throw new NotFoundError('There is no organisation with that number');
      await recordAudit(trx, actor, { action: 'organisation.delete', subjectType: 'organisation', subjectId: id, detail: {} });
    });
  } catch (error) {
    // Complaints (and other records that must be kept) refer to the organisation without cascade.
    if ((error as { code?: string }).code === '23503') {
      throw new ConflictError('This organisation has complaints or other records on file that must be kept, so it cannot be deleted.');
    }
    throw error;
  }
}

// ---- relations ----

export interface RelationInput {
  fromOrganisationId: unknown;
  kind: unknown;
  toOrganisationId: unknown;
}

/** An admin of either organisation may record or remove a relation between them. */
function assertCanManageRelation(actor: Actor, fromId: number, toId: number): void {
  if (can(actor, 'relation.manage', { organisationId: toId })) return;
  assertCan(actor, 'relation.manage', { organisationId: fromId });
}

export async function addRelation(deps: RegistryDeps, actor: Actor, input: RelationInput): Promise<number> {
  const fromId = Number(input.fromOrganisationId);
  const toId = Number(input.toOrganisationId);
  assertCanManageRelation(actor, fromId, toId);
  return deps.db.transaction().execute(async (trx) => {
    const errors: Record<string, string> = {};
    if (typeof input.kind !== 'string' || !(relationKinds as readonly string[]).includes(input.kind)) errors.kind = 'Select how the organisations are related';
    const found = validId(fromId) && validId(toId) ? await trx.selectFrom('organisation').select('id').where('id', 'in', [fromId, toId]).execute() : [];
    if (!found.some((o) => o.id === fromId)) errors.fromOrganisationId = 'Choose an organisation from the list';
    if (!found.some((o) => o.id === toId)) errors.toOrganisationId = 'Choose the other organisation from the list';
    else if (fromId === toId) errors.toOrganisationId = 'Choose a different organisation: an organisation cannot be related to itself';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const kind = input.kind as RelationKind;
    const existing = await trx
      .selectFrom('organisation_relation')
      .select('id')
      .where('from_organisation_id', '=', fromId)
      .where('kind', '=', kind)
      .where('to_organisation_id', '=', toId)
      .executeTakeFirst();
    if (existing) throw new ConflictError('That relation is already recorded', 'toOrganisationId');
    const { id } = await trx
      .insertInto('organisation_relation')
      .values({ from_organisation_id: fromId, kind, to_organisation_id: toId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'relation.add', subjectType: 'organisation_relation', subjectId: id, detail: { fromId, kind, toId } });
    return id;
  });
}

export async function getRelation(db: Db, id: number) {
  if (!validId(id)) return null;
  return (
    (await db
      .selectFrom('organisation_relation as r')
      .innerJoin('organisation as f', 'f.id', 'r.from_organisation_id')
      .innerJoin('organisation as t', 't.id', 'r.to_organisation_id')
      .select(['r.id', 'r.kind', 'f.id as fromId', 'f.name as fromName', 't.id as toId', 't.name as toName'])
      .where('r.id', '=', id)
      .executeTakeFirst()) ?? null
  );
}

export async function removeRelation(deps: RegistryDeps, actor: Actor, id: number): Promise<void> {
  const relation = await getRelation(deps.db, id);
  if (!relation) throw new NotFoundError('That relation is not recorded');
  assertCanManageRelation(actor, relation.fromId, relation.toId);
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('organisation_relation').where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      action: 'relation.remove',
      subjectType: 'organisation_relation',
      subjectId: id,
      detail: { fromId: relation.fromId, toId: relation.toId },
    });
  });
}

/** Names of organisations by id (for lists of what an admin manages). One query. */
export async function organisationNames(db: Db, ids: readonly number[]): Promise<Array<{ id: number; name: string; type: OrganisationType }>> {
  if (!ids.length) return [];
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'type'])
    .where('id', 'in', [...ids])
    .orderBy('name')
    .execute();
}

/** Name, description and website of these organisations, by id (the directory's Open Referral answers). */
export async function organisationProfiles(
  db: Db,
  ids: readonly number[],
): Promise<Array<{ id: number; name: string; description: string | null; website: string | null }>> {
  if (!ids.length) return [];
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'description', 'website'])
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
}

/**
 * Create (no id) or update the name, description and website of an organisation from an exchanged
 * file (the directory's Open Referral import), in the caller's transaction, as 'organisation.import'
 * allows. A new one is a voluntary group. Returns its id; ValidationError as checkOrganisation says.
 */
export async function importOrganisation(
  db: Db,
  actor: Actor,
  input: { name: string; description: string | null; website: string | null },
  id?: number,
): Promise<number> {
  assertCan(actor, 'organisation.import');
  const checked = checkOrganisation({
    name: input.name,
    type: 'voluntary_group',
    description: input.description,
    website: input.website,
    takesNhsMoney: false,
  });
  if (checked.errors) throw new ValidationError(checked.errors);
  const { name, description, website } = checked.value;
  if (id !== undefined) {
    const row = await db
      .updateTable('organisation')
      .set({ name, description, website, updated_at: new Date() })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new NotFoundError('There is no organisation with that number');
    return row.id;
  }
  const { id: made } = await db.insertInto('organisation').values(columnsOf(checked.value)).returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'organisation.import', subjectType: 'organisation', subjectId: made, detail: { from: 'openreferral' } });
  return made;
}

/** Ids of the organisations serving this place or a place within it (the directory's "services near a place"). */
export async function organisationIdsInPlace(db: Db, placeId: number): Promise<number[]> {
  if (!validId(placeId)) return [];
  const rows = await sql<{ organisation_id: number }>`
    with recursive within_place(id) as (
      select id from place where id = ${placeId}
      union all
      select p.id from place p join within_place w on p.parent_id = w.id
    )
    select distinct organisation_id from organisation_place where place_id in (select id from within_place)`.execute(db);
  return rows.rows.map((r) => r.organisation_id);
}
