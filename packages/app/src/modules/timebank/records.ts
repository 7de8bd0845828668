// What every part of the time bank service reads first: a time bank or member by id, who the actor
// may act for in a time bank (themself, and the groups whose admins they are), whether they
// coordinate it, hours as people write them, and the checks on typed text.
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import { type Actor, can, organisationsWhere } from './policy.js';
import type { TimebankMemberTable, TimebankTable } from './schema.js';

export interface TimebankDeps {
  db: Db;
}

export type TimebankRow = Selectable<TimebankTable>;
export type MemberRow = Selectable<TimebankMemberTable>;

export const mayCoordinate = (actor: Actor, bank: { organisation_id: number }) => can(actor, 'timebank.coordinate', { organisationId: bank.organisation_id });

/** May the actor act for this member: it is them, or a group whose admin they are. */
export function mayActFor(actor: Actor, member: Pick<MemberRow, 'kind' | 'account_id' | 'organisation_id'>): boolean {
  if (member.kind === 'person') return member.account_id !== null && can(actor, 'timebank.actAsPerson', { accountId: member.account_id });
  return member.organisation_id !== null && can(actor, 'timebank.actAsGroup', { organisationId: member.organisation_id });
}

export async function timebankRow(db: Db, id: number): Promise<TimebankRow> {
  if (!isRecordId(id)) throw new NotFoundError();
  const row = await db.selectFrom('timebank').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

/** A member of this time bank, or not found. */
export async function memberRow(db: Db, timebankId: number, memberId: number, field?: string): Promise<MemberRow> {
  const row = isRecordId(memberId)
    ? await db.selectFrom('timebank_member').selectAll().where('id', '=', memberId).where('timebank_id', '=', timebankId).executeTakeFirst()
    : undefined;
  if (!row) {
    if (field) throw new ValidationError({ [field]: 'Choose a member of this time bank' });
    throw new NotFoundError();
  }
  return row;
}

/** The members of a time bank the actor may act for: their own membership and their groups', by name. */
export async function membersActingAs(db: Db, actor: Actor, timebankId: number): Promise<MemberRow[]> {
  if (actor.accountId === null) return [];
  const groups = organisationsWhere(actor, 'timebank.actAsGroup');
  const rows = await db
    .selectFrom('timebank_member')
    .selectAll()
    .where('timebank_id', '=', timebankId)
    .where((eb) => eb.or([eb('account_id', '=', actor.accountId as number), ...(groups.length ? [eb('organisation_id', 'in', groups)] : [])]))
    .orderBy('kind', 'desc')
    .orderBy('name')
    .execute();
  return rows.filter((m) => mayActFor(actor, m));
}

/** Minutes as people read them: "2 hours", "1.5 hours", "15 minutes", with a minus sign below zero. */
export function hoursText(minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const abs = Math.abs(minutes);
  if (abs > 0 && abs < 60) return `${sign}${abs} minutes`;
  const hours = Number((abs / 60).toFixed(2));
  return `${sign}${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

/** Hours as a number for CSV and the API ("-1.25"). */
export const hoursNumber = (minutes: number) => Number((minutes / 60).toFixed(2));

/** Hours as typed ("2", "1.5", "0.25", "1:30", "0") → minutes, or a ValidationError naming the field. */
export function parseHours(typed: string, field = 'hours'): number {
  const value = typed.trim().replace(/\s*hours?$/i, '');
  let minutes = Number.NaN;
  const clock = /^(\d{1,4}):([0-5]\d)$/.exec(value);
  if (clock) minutes = Number(clock[1]) * 60 + Number(clock[2]);
  else if (/^\d{0,4}(\.\d{1,2})?$/.test(value) && value !== '' && value !== '.') minutes = Math.round(Number(value) * 60);
  if (!Number.isFinite(minutes)) throw new ValidationError({ [field]: 'Enter the hours as a number, like 2 or 1.5' });
  return minutes;
}

/** The hours of an exchange as typed → minutes in quarter hours (see checkMinutes). */
export function minutesFromHours(typed: string, field = 'hours'): number {
  return checkMinutes(parseHours(typed, field), field);
}

/** Minutes of an exchange: more than none, at most 100 hours, in quarter hours. */
export function checkMinutes(minutes: number, field = 'hours'): number {
  if (!Number.isInteger(minutes) || minutes <= 0) throw new ValidationError({ [field]: 'Enter the hours given, more than 0' });
  if (minutes > 6000) throw new ValidationError({ [field]: 'Enter at most 100 hours for one exchange' });
  if (minutes % 15 !== 0) throw new ValidationError({ [field]: 'Enter the hours in quarter hours, like 1.25, 1.5 or 1.75' });
  return minutes;
}

/** Typed text, trimmed, required and within its limit, or a ValidationError naming the field. */
export function checkedText(value: string, field: string, label: string, max: number, required = true): string {
  const trimmed = value.trim();
  if (required && !trimmed) throw new ValidationError({ [field]: `Enter ${label.toLowerCase()}` });
  if (trimmed.length > max) throw new ValidationError({ [field]: `${label} must be ${max} characters or fewer` });
  return trimmed;
}
