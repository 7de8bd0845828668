// Bodies of an organisation (boards, committees, patient groups) and the people who sit on them.
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { isIsoDate, todayInEngland } from '../../platform/web/forms.js';
import { bodiesWithCurrentMembers, type RegistryDeps, validId } from './organisations.js';
import { type Actor, assertCan } from './policy.js';
import type { BodyKind, MemberRole, OrganisationType } from './schema.js';
import { isBodyKind, isMemberRole, limits, optionalText, requiredText } from './validation.js';

export interface BodyMember {
  id: number;
  personName: string;
  role: MemberRole;
  termStart: string;
  termEnd: string | null;
}

export interface BodyDetail {
  id: number;
  name: string;
  kind: BodyKind;
  remit: string | null;
  organisation: { id: number; name: string; type: OrganisationType; isDemo: boolean };
  reportsTo: { id: number; name: string } | null;
  /** Bodies that report to this one. */
  reportingBodies: Array<{ id: number; name: string; kind: BodyKind }>;
  /** Members whose term covers today, or starts later (shown as "from"). */
  currentMembers: BodyMember[];
  pastMembers: BodyMember[];
}

/** Is the term running on this day? */
export function isCurrent(member: { termStart: string; termEnd: string | null }, today = todayInEngland()): boolean {
  return member.termStart <= today && (member.termEnd === null || member.termEnd >= today);
}

export async function getBody(db: Db, id: number): Promise<BodyDetail | null> {
  if (!validId(id)) return null;
  const body = await db
    .selectFrom('body as b')
    .innerJoin('organisation as o', 'o.id', 'b.organisation_id')
    .leftJoin('body as r', 'r.id', 'b.reports_to_body_id')
    .select([
      'b.id',
      'b.name',
      'b.kind',
      'b.remit',
      'o.id as orgId',
      'o.name as orgName',
      'o.type as orgType',
      'o.is_demo',
      'r.id as reportsToId',
      'r.name as reportsToName',
    ])
    .where('b.id', '=', id)
    .executeTakeFirst();
  if (!body) return null;
  const members = await db
    .selectFrom('body_member')
    .select(['id', 'person_name', 'role', 'term_start', 'term_end'])
    .where('body_id', '=', id)
    .orderBy('term_start', 'desc')
    .orderBy('person_name')
    .execute();
  const reporting = await db.selectFrom('body').select(['id', 'name', 'kind']).where('reports_to_body_id', '=', id).orderBy('name').execute();
  const today = todayInEngland();
  const all = members.map((m) => ({ id: m.id, personName: m.person_name, role: m.role, termStart: m.term_start, termEnd: m.term_end }));
  // Chairs first, then patient voices, then everyone else, each by name.
  const order: Record<MemberRole, number> = {
    chair: 0,
    patient_representative: 1,
    non_executive_ppi_lead: 2,
    lay_member: 3,
    healthwatch_representative: 4,
    member: 5,
  };
  const current = all
    .filter((m) => m.termEnd === null || m.termEnd >= today)
    .sort((a, b) => order[a.role] - order[b.role] || a.personName.localeCompare(b.personName));
  return {
    id: body.id,
    name: body.name,
    kind: body.kind,
    remit: body.remit,
    organisation: { id: body.orgId, name: body.orgName, type: body.orgType, isDemo: body.is_demo },
    reportsTo: body.reportsToId !== null && body.reportsToName !== null ? { id: body.reportsToId, name: body.reportsToName } : null,
    reportingBodies: reporting,
    currentMembers: current,
    pastMembers: all.filter((m) => m.termEnd !== null && m.termEnd < today),
  };
}

/** Bodies of one organisation with member counts (current terms). */
export async function listBodies(db: Db, organisationId: number) {
  if (!validId(organisationId)) return [];
  const today = todayInEngland();
  const rows = await bodiesWithCurrentMembers(db, today)
    .select((eb) => ['b.id', 'b.name', 'b.kind', 'b.remit', 'b.reports_to_body_id', eb.fn.count<number>('m.id').as('currentMembers')])
    .where('b.organisation_id', '=', organisationId)
    .groupBy(['b.id', 'b.name', 'b.kind', 'b.remit', 'b.reports_to_body_id'])
    .orderBy('b.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    remit: r.remit,
    reportsToBodyId: r.reports_to_body_id,
    currentMembers: Number(r.currentMembers),
  }));
}

export interface BodyInput {
  name?: unknown;
  kind?: unknown;
  remit?: unknown;
  reportsToBodyId?: unknown;
}

async function checkBody(db: Db, organisationId: number, input: BodyInput, exceptId?: number) {
  const errors: Record<string, string> = {};
  const name = requiredText(errors, 'name', input.name, limits.name, { missing: 'Enter the name of the board, committee or group', label: 'Name' });
  const kind = isBodyKind(input.kind) ? input.kind : null;
  if (!kind) errors.kind = 'Select the kind of body';
  const remit = optionalText(input.remit);
  if (remit && remit.length > limits.remit) errors.remit = `Remit must be ${limits.remit} characters or fewer`;
  const reportsText = optionalText(input.reportsToBodyId);
  let reportsToBodyId: number | null = null;
  if (reportsText) {
    reportsToBodyId = Number(reportsText);
    const target = validId(reportsToBodyId)
      ? await db.selectFrom('body').select(['id', 'organisation_id']).where('id', '=', reportsToBodyId).executeTakeFirst()
      : undefined;
    if (!target || target.organisation_id !== organisationId) errors.reportsToBodyId = 'Choose a body of the same organisation from the list';
    else if (exceptId !== undefined && (await reportsUpTo(db, reportsToBodyId, exceptId))) {
      errors.reportsToBodyId = 'A body cannot report to itself or to a body that reports to it';
    }
  }
  if (Object.keys(errors).length || !name || !kind) throw new ValidationError(errors);
  return { name, kind, remit, reportsToBodyId };
}

/** Does `start`, following "reports to" upwards, reach `target`? (A loop would.) */
async function reportsUpTo(db: Db, start: number, target: number): Promise<boolean> {
  let current: number | null = start;
  for (let step = 0; current !== null && step < 50; step++) {
    if (current === target) return true;
    const row: { reports_to_body_id: number | null } | undefined = await db
      .selectFrom('body')
      .select('reports_to_body_id')
      .where('id', '=', current)
      .executeTakeFirst();
    current = row?.reports_to_body_id ?? null;
  }
  return false;
}

async function bodyOrganisation(db: Db, bodyId: number): Promise<number> {
  const row = validId(bodyId) ? await db.selectFrom('body').select('organisation_id').where('id', '=', bodyId).executeTakeFirst() : undefined;
  if (!row) throw new NotFoundError('There is no board, committee or group with that number');
  return row.organisation_id;
}

export async function createBody(deps: RegistryDeps, actor: Actor, organisationId: number, input: BodyInput): Promise<number> {
  assertCan(actor, 'body.manage', { organisationId });
  return inTransaction(deps.db, async (trx) => {
    const organisation = validId(organisationId)
      ? await trx.selectFrom('organisation').select('id').where('id', '=', organisationId).executeTakeFirst()
      : undefined;
    if (!organisation) throw new NotFoundError('There is no organisation with that number');
    const body = await checkBody(trx, organisationId, input);
    const { id } = await trx
      .insertInto('body')
      .values({ organisation_id: organisationId, name: body.name, kind: body.kind, remit: body.remit, reports_to_body_id: body.reportsToBodyId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'body.create', subjectType: 'body', subjectId: id, detail: { organisationId } });
    return id;
  });
}

export async function updateBody(deps: RegistryDeps, actor: Actor, id: number, input: BodyInput): Promise<void> {
  const organisationId = await bodyOrganisation(deps.db, id);
  assertCan(actor, 'body.manage', { organisationId });
  await inTransaction(deps.db, async (trx) => {
    const body = await checkBody(trx, organisationId, input, id);
    await trx
      .updateTable('body')
      .set({ name: body.name, kind: body.kind, remit: body.remit, reports_to_body_id: body.reportsToBodyId })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: 'body.update', subjectType: 'body', subjectId: id, detail: { organisationId } });
  });
}

/** Delete a body and its members; bodies that reported to it no longer report to anything. */
export async function deleteBody(deps: RegistryDeps, actor: Actor, id: number): Promise<{ organisationId: number }> {
  const organisationId = await bodyOrganisation(deps.db, id);
  assertCan(actor, 'body.manage', { organisationId });
  await inTransaction(deps.db, async (trx) => {
    await trx.deleteFrom('body').where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'body.delete', subjectType: 'body', subjectId: id, detail: { organisationId } });
  });
  return { organisationId };
}

// ---- members ----

export interface MemberInput {
  personName?: unknown;
  role?: unknown;
  termStart?: unknown;
  termEnd?: unknown;
}

function checkMember(input: MemberInput) {
  const errors: Record<string, string> = {};
  const personName = requiredText(errors, 'personName', input.personName, limits.personName, { missing: "Enter the person's name", label: 'Name' });
  const role = isMemberRole(input.role) ? input.role : null;
  if (!role) errors.role = 'Select the role';
  const termStart = optionalText(input.termStart);
  if (!termStart) errors.termStart = 'Enter the date the term starts';
  else if (!isIsoDate(termStart)) errors.termStart = 'Term start must be a real date';
  const termEnd = optionalText(input.termEnd);
  if (termEnd && !isIsoDate(termEnd)) errors.termEnd = 'Term end must be a real date';
  else if (termEnd && termStart && isIsoDate(termStart) && termEnd < termStart) errors.termEnd = 'Term end must be the same as or after the term start';
  if (Object.keys(errors).length || !personName || !role || !termStart) throw new ValidationError(errors);
  return { personName, role, termStart, termEnd };
}

export async function getMember(db: Db, id: number) {
  if (!validId(id)) return null;
  const row = await db
    .selectFrom('body_member as m')
    .innerJoin('body as b', 'b.id', 'm.body_id')
    .select(['m.id', 'm.person_name', 'm.role', 'm.term_start', 'm.term_end', 'b.id as bodyId', 'b.name as bodyName', 'b.organisation_id'])
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    personName: row.person_name,
    role: row.role,
    termStart: row.term_start,
    termEnd: row.term_end,
    body: { id: row.bodyId, name: row.bodyName, organisationId: row.organisation_id },
  };
}

async function memberOrganisation(db: Db, memberId: number) {
  const member = await getMember(db, memberId);
  if (!member) throw new NotFoundError('There is no member with that number');
  return member;
}

export async function addMember(deps: RegistryDeps, actor: Actor, bodyId: number, input: MemberInput): Promise<number> {
  const organisationId = await bodyOrganisation(deps.db, bodyId);
  assertCan(actor, 'member.manage', { organisationId });
  const member = checkMember(input);
  return inTransaction(deps.db, async (trx) => {
    const { id } = await trx
      .insertInto('body_member')
      .values({ body_id: bodyId, person_name: member.personName, role: member.role, term_start: member.termStart, term_end: member.termEnd })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'member.add', subjectType: 'body_member', subjectId: id, detail: { bodyId, role: member.role } });
    return id;
  });
}

export async function updateMember(deps: RegistryDeps, actor: Actor, id: number, input: MemberInput): Promise<void> {
  const existing = await memberOrganisation(deps.db, id);
  assertCan(actor, 'member.manage', { organisationId: existing.body.organisationId });
  const member = checkMember(input);
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('body_member')
      .set({ person_name: member.personName, role: member.role, term_start: member.termStart, term_end: member.termEnd })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: 'member.update', subjectType: 'body_member', subjectId: id, detail: { bodyId: existing.body.id } });
  });
}

/** End a member's term on a day (today unless given). */
export async function endMember(deps: RegistryDeps, actor: Actor, id: number, endDate: string = todayInEngland()): Promise<void> {
  const existing = await memberOrganisation(deps.db, id);
  assertCan(actor, 'member.manage', { organisationId: existing.body.organisationId });
  if (!isIsoDate(endDate)) throw new ValidationError({ termEnd: 'Term end must be a real date' });
  if (endDate < existing.termStart) throw new ValidationError({ termEnd: 'Term end must be the same as or after the term start' });
  await inTransaction(deps.db, async (trx) => {
    await trx.updateTable('body_member').set({ term_end: endDate }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'member.end', subjectType: 'body_member', subjectId: id, detail: { bodyId: existing.body.id } });
  });
}

/** Remove a member entered by mistake (ending a term keeps the record; this does not). */
export async function removeMember(deps: RegistryDeps, actor: Actor, id: number): Promise<{ bodyId: number }> {
  const existing = await memberOrganisation(deps.db, id);
  assertCan(actor, 'member.manage', { organisationId: existing.body.organisationId });
  await inTransaction(deps.db, async (trx) => {
    await trx.deleteFrom('body_member').where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'member.remove', subjectType: 'body_member', subjectId: id, detail: { bodyId: existing.body.id } });
  });
  return { bodyId: existing.body.id };
}
