// The members: each person drawn confirms or declines (themself, or an organiser records it for them
// after a phone call); a decline or a withdrawal opens the seat for a replacement draw; a standing
// assembly's members stand down when their term ends and a rotation round draws their seats. The
// public sees confirmed members only, by name only where they agreed.
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { todayInEngland } from '../../platform/web/forms.js';
import { isRecordId } from '../../platform/web/ids.js';
import { type Actor, assertCan } from './policy.js';
import { type AssembliesDeps, assemblyRow, managedAssembly, mayManage, openSeatCount, seatedStatuses } from './records.js';
import type { MemberStatus } from './schema.js';
import { checkSeed, requestSelection } from './selection.js';

export type MemberResponse = 'confirm' | 'decline';

async function answer(db: Db, actor: Actor, memberId: number, response: MemberResponse, assemblyId: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const status: MemberStatus = response === 'confirm' ? 'confirmed' : 'declined';
    const changed = await trx
      .updateTable('assembly_member')
      .set({ status, status_changed_at: new Date() })
      .where('id', '=', memberId)
      .where('status', '=', 'selected')
      .executeTakeFirst();
    if (!Number(changed.numUpdatedRows)) throw new ConflictError('This place has been answered already.');
    await recordAudit(trx, actor, { action: `assembly.member_${status}`, subjectType: 'assembly_member', subjectId: memberId, detail: { assemblyId } });
  });
}

/** The person drawn answers for themself. */
export async function respondToSelection(deps: AssembliesDeps, actor: Actor, id: number, response: MemberResponse): Promise<void> {
  assertCan(actor, 'assembly.register');
  await assemblyRow(deps.db, actor, id);
  const member = await deps.db
    .selectFrom('assembly_member as m')
    .innerJoin('assembly_volunteer as v', 'v.id', 'm.volunteer_id')
    .select(['m.id'])
    .where('m.assembly_id', '=', id)
    .where('v.account_id', '=', actor.accountId as number)
    .where('m.status', '=', 'selected')
    .executeTakeFirst();
  if (!member) throw new ConflictError('You have no place on this assembly waiting for your answer.');
  await answer(deps.db, actor, member.id, response, id);
}

/** An organiser records the answer on the person's behalf (after a phone call or a letter). */
export async function recordMemberResponse(
  deps: AssembliesDeps,
  actor: Actor,
  memberId: number,
  response: MemberResponse,
  /** The assembly the organiser is working on: a member of another is not found (a page's address names one assembly). */
  inAssembly?: number,
): Promise<void> {
  if (!isRecordId(memberId)) throw new NotFoundError();
  const member = await deps.db.selectFrom('assembly_member').select(['id', 'assembly_id']).where('id', '=', memberId).executeTakeFirst();
  if (!member || (inAssembly !== undefined && member.assembly_id !== inAssembly)) throw new NotFoundError();
  await managedAssembly(deps.db, actor, member.assembly_id);
  await answer(deps.db, actor, memberId, response, member.assembly_id);
}

export interface MemberListItem {
  id: number;
  status: MemberStatus;
  /** The name where they agreed to it being shown (the public sees only this). */
  publicName: string | null;
  termEnds: string | null;
  /** Organisers only: */
  name?: string;
  poolId?: string;
  email?: string;
  phone?: string;
  features?: Record<string, string>;
  round?: number;
  statusChangedAt?: Date;
}

/** The members: the public sees those confirmed (names only where agreed); organisers see everyone drawn, with contact details. */
export async function listMembers(db: Db, actor: Actor, id: number): Promise<MemberListItem[]> {
  const assembly = await assemblyRow(db, actor, id);
  const manager = mayManage(actor, assembly);
  let query = db
    .selectFrom('assembly_member as m')
    .innerJoin('assembly_volunteer as v', 'v.id', 'm.volunteer_id')
    .innerJoin('assembly_selection as s', 's.id', 'm.selection_id')
    .select(['m.id', 'm.status', 'm.term_ends', 'm.status_changed_at', 'v.name', 'v.name_public', 'v.pool_id', 'v.email', 'v.phone', 'v.features', 's.round'])
    .where('m.assembly_id', '=', id);
  if (!manager) query = query.where('m.status', '=', 'confirmed');
  const rows = await query.orderBy('s.round').orderBy('v.name').orderBy('m.id').execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    publicName: r.name_public ? r.name : null,
    termEnds: r.term_ends,
    ...(manager
      ? { name: r.name, poolId: r.pool_id, email: r.email, phone: r.phone, features: r.features, round: r.round, statusChangedAt: r.status_changed_at }
      : {}),
  }));
}

/** Seats open for a replacement draw (declined, withdrawn or stood down, not yet drawn again). */
export function openSeats(db: Db, id: number): Promise<number> {
  return openSeatCount(db, id);
}

/**
 * A standing assembly's rotation: members whose term has ended stand down, and a rotation round for
 * their seats (and any others open) is asked for with the seed, the members staying kept. All or nothing.
 */
export async function rotate(deps: AssembliesDeps, actor: Actor, id: number, input: { seed: string }): Promise<{ round: number; stoodDown: number }> {
  const assembly = await managedAssembly(deps.db, actor, id);
  checkSeed(input.seed);
  if (assembly.kind !== 'standing') throw new ConflictError('Only a standing assembly rotates its members.');
  return inTransaction(deps.db, async (trx) => {
    const stood = await trx
      .updateTable('assembly_member')
      .set({ status: 'stood_down', status_changed_at: new Date() })
      .where('assembly_id', '=', id)
      .where('status', 'in', seatedStatuses)
      .where('term_ends', '<=', todayInEngland())
      .executeTakeFirst();
    const stoodDown = Number(stood.numUpdatedRows);
    if (!stoodDown && !(await openSeatCount(trx, id))) throw new ConflictError('No member’s term has ended and no seat is open: there is nothing to rotate.');
    const { round } = await requestSelection({ ...deps, db: trx }, actor, id, { seed: input.seed, purpose: 'rotation' });
    await recordAudit(trx, actor, { action: 'assembly.rotate', subjectType: 'assembly', subjectId: id, detail: { stoodDown, round } });
    return { round, stoodDown };
  });
}
