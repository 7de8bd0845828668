// Time banks, their members and their offers and requests: starting a time bank (its
// organisation's admins), joining as oneself or for a group one runs, listing skills offered and
// requested, coordinators hiding a listing, and the coordinators' list of members with balances.
import { recordAudit } from '../../platform/audit.js';
import { inTransaction } from '../../platform/database.js';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import { accountNames } from '../accounts/service.js';
import { organisationNames, organisationSummaryOrNotFound } from '../registry/service.js';
import { type Actor, assertCan, can, organisationsWhere } from './policy.js';
import { checkedText, hoursText, type MemberRow, mayCoordinate, membersActingAs, parseHours, type TimebankDeps, timebankRow } from './records.js';
import type { ListingKind, MemberKind } from './schema.js';

export interface TimebankInput {
  organisationId: number;
  name: string;
  description: string;
  /** How far below zero a member may go, as typed ("0", "5"). */
  overdraftHours: string;
}

export interface TimebankSummary {
  id: number;
  name: string;
  description: string;
  organisation: { id: number; name: string };
  overdraftMinutes: number;
  overdraft: string;
  members: number;
}

export interface Membership {
  id: number;
  kind: MemberKind;
  name: string;
  balanceMinutes: number;
  balance: string;
}

export interface TimebankDetail extends TimebankSummary {
  /** The members the actor acts for here (themself, their groups). */
  myMembers: Membership[];
  /** The groups the actor runs that are not members yet (they may join them). */
  groupsToJoin: Array<{ id: number; name: string }>;
  /** The actor has not joined as themself (and is signed in). */
  mayJoinAsPerson: boolean;
  coordinator: boolean;
}

export const membershipOf = (m: MemberRow): Membership => ({
  id: m.id,
  kind: m.kind,
  name: m.name,
  balanceMinutes: m.balance_minutes,
  balance: hoursText(m.balance_minutes),
});

function checkTimebank(input: TimebankInput) {
  const overdraftMinutes = parseHours(input.overdraftHours, 'overdraftHours');
  if (overdraftMinutes > 60000) throw new ValidationError({ overdraftHours: 'Enter an overdraft of at most 1,000 hours' });
  if (overdraftMinutes % 15 !== 0) throw new ValidationError({ overdraftHours: 'Enter the overdraft in quarter hours, like 5 or 2.5' });
  return {
    organisation_id: input.organisationId,
    name: checkedText(input.name, 'name', 'The name', 200),
    description: checkedText(input.description, 'description', 'The description', 5000, false),
    overdraft_minutes: overdraftMinutes,
  };
}

/** Start a time bank run by an organisation (its admins coordinate it). */
export async function createTimebank(deps: TimebankDeps, actor: Actor, input: TimebankInput): Promise<number> {
  assertCan(actor, 'timebank.coordinate', { organisationId: input.organisationId });
  await organisationSummaryOrNotFound(deps.db, input.organisationId);
  const values = checkTimebank(input);
  return inTransaction(deps.db, async (trx) => {
    const { id } = await trx.insertInto('timebank').values(values).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'timebank.create', subjectType: 'timebank', subjectId: id });
    return id;
  });
}

/** Every time bank, by name, with its organisation and number of members (one query). */
export async function listTimebanks(deps: TimebankDeps, actor: Actor, options: { organisationId?: number } = {}): Promise<TimebankSummary[]> {
  assertCan(actor, 'timebank.read');
  let query = deps.db
    .selectFrom('timebank as t')
    .selectAll('t')
    .select((eb) =>
      eb
        .selectFrom('timebank_member as m')
        .whereRef('m.timebank_id', '=', 't.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('members'),
    )
    .orderBy('t.name');
  if (options.organisationId !== undefined) query = query.where('t.organisation_id', '=', options.organisationId);
  const rows = await query.execute();
  const names = new Map(
    (
      await organisationNames(
        deps.db,
        rows.map((r) => r.organisation_id),
      )
    ).map((o) => [o.id, o.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    organisation: { id: r.organisation_id, name: names.get(r.organisation_id) ?? '' },
    overdraftMinutes: r.overdraft_minutes,
    overdraft: hoursText(r.overdraft_minutes),
    members: Number(r.members ?? 0),
  }));
}

/** A time bank, with what the actor is in it: their memberships, groups they could join it for, whether they coordinate. */
export async function getTimebank(deps: TimebankDeps, actor: Actor, id: number): Promise<TimebankDetail> {
  assertCan(actor, 'timebank.read');
  const bank = await timebankRow(deps.db, id);
  const [organisation, mine, count] = await Promise.all([
    organisationSummaryOrNotFound(deps.db, bank.organisation_id),
    membersActingAs(deps.db, actor, id),
    deps.db
      .selectFrom('timebank_member')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('timebank_id', '=', id)
      .executeTakeFirstOrThrow(),
  ]);
  const joinedGroups = new Set(mine.map((m) => m.organisation_id));
  const groupIds = organisationsWhere(actor, 'timebank.actAsGroup').filter((g) => !joinedGroups.has(g));
  return {
    id: bank.id,
    name: bank.name,
    description: bank.description,
    organisation: { id: organisation.id, name: organisation.name },
    overdraftMinutes: bank.overdraft_minutes,
    overdraft: hoursText(bank.overdraft_minutes),
    members: Number(count.n),
    myMembers: mine.map(membershipOf),
    groupsToJoin: (await organisationNames(deps.db, groupIds)).map((o) => ({ id: o.id, name: o.name })),
    mayJoinAsPerson: actor.accountId !== null && !mine.some((m) => m.kind === 'person'),
    coordinator: mayCoordinate(actor, bank),
  };
}

/**
 * Join a time bank as oneself (no group) or for a group whose admin one is. Joining twice is a
 * conflict. Returns the member id.
 */
export async function joinTimebank(deps: TimebankDeps, actor: Actor, timebankId: number, input: { groupId?: number } = {}): Promise<number> {
  const bank = await timebankRow(deps.db, timebankId);
  let values: { kind: MemberKind; account_id: number | null; organisation_id: number | null; name: string };
  if (input.groupId === undefined) {
    if (actor.accountId === null) assertCan(actor, 'timebank.actAsPerson', { accountId: -1 });
    const accountId = actor.accountId as number;
    assertCan(actor, 'timebank.actAsPerson', { accountId });
    const name = (await accountNames(deps.db, [accountId])).get(accountId) ?? 'Member';
    values = { kind: 'person', account_id: accountId, organisation_id: null, name };
  } else {
    if (!isRecordId(input.groupId) || !can(actor, 'timebank.actAsGroup', { organisationId: input.groupId })) {
      throw new ValidationError({ group: 'Choose a group you are an admin of' });
    }
    const group = await organisationSummaryOrNotFound(deps.db, input.groupId);
    values = { kind: 'group', account_id: null, organisation_id: group.id, name: group.name };
  }
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('timebank_member')
      .values({ timebank_id: bank.id, ...values })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row)
      throw new ConflictError(
        values.kind === 'person' ? 'You are already a member of this time bank.' : `${values.name} is already a member of this time bank.`,
      );
    await recordAudit(trx, actor, {
      action: 'timebank.join',
      subjectType: 'timebank_member',
      subjectId: row.id,
      detail: { timebankId: bank.id, kind: values.kind },
    });
    return row.id;
  });
}

/** Every member with their balance, by name (coordinators). */
export async function listMembers(deps: TimebankDeps, actor: Actor, timebankId: number): Promise<Membership[]> {
  const bank = await timebankRow(deps.db, timebankId);
  assertCan(actor, 'timebank.coordinate', { organisationId: bank.organisation_id });
  const rows = await deps.db.selectFrom('timebank_member').selectAll().where('timebank_id', '=', bank.id).orderBy('name').orderBy('id').execute();
  return rows.map(membershipOf);
}

/** Members by name for choosing the other side of an exchange (members only, or coordinators). */
export async function memberChoices(deps: TimebankDeps, actor: Actor, timebankId: number): Promise<Array<{ id: number; name: string }>> {
  const bank = await timebankRow(deps.db, timebankId);
  if (!mayCoordinate(actor, bank) && !(await membersActingAs(deps.db, actor, bank.id)).length) {
    assertCan(actor, 'timebank.coordinate', { organisationId: bank.organisation_id });
  }
  return deps.db.selectFrom('timebank_member').select(['id', 'name']).where('timebank_id', '=', bank.id).orderBy('name').orderBy('id').execute();
}

export interface ListingView {
  id: number;
  kind: ListingKind;
  title: string;
  description: string;
  member: { id: number; name: string };
  createdAt: Date;
}

/** The offers and requests shown (not hidden), newest first (one query). */
export async function listListings(deps: TimebankDeps, actor: Actor, timebankId: number, kind?: ListingKind): Promise<ListingView[]> {
  assertCan(actor, 'timebank.read');
  const bank = await timebankRow(deps.db, timebankId);
  let query = deps.db
    .selectFrom('timebank_listing as l')
    .innerJoin('timebank_member as m', 'm.id', 'l.member_id')
    .select(['l.id', 'l.kind', 'l.title', 'l.description', 'l.created_at', 'm.id as member_id', 'm.name as member_name'])
    .where('l.timebank_id', '=', bank.id)
    .where('l.hidden_at', 'is', null)
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(500);
  if (kind) query = query.where('l.kind', '=', kind);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    member: { id: r.member_id, name: r.member_name },
    createdAt: r.created_at,
  }));
}

/** Offer or request a skill as a member one acts for. */
export async function addListing(
  deps: TimebankDeps,
  actor: Actor,
  timebankId: number,
  input: { memberId: number; kind: string; title: string; description: string },
): Promise<number> {
  const bank = await timebankRow(deps.db, timebankId);
  const mine = await membersActingAs(deps.db, actor, bank.id);
  const member = mine.find((m) => m.id === input.memberId);
  if (!member) {
    if (!mine.length) assertCan(actor, 'timebank.actAsPerson', { accountId: -1 });
    throw new ValidationError({ memberId: 'Choose who the offer or request is from' });
  }
  if (input.kind !== 'offer' && input.kind !== 'request') throw new ValidationError({ kind: 'Choose whether you offer this or ask for it' });
  const values = {
    timebank_id: bank.id,
    member_id: member.id,
    kind: input.kind as ListingKind,
    title: checkedText(input.title, 'title', 'The skill', 200),
    description: checkedText(input.description, 'description', 'The description', 2000, false),
  };
  const { id } = await deps.db.insertInto('timebank_listing').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Hide an offer or request (coordinators: light moderation). */
export async function hideListing(deps: TimebankDeps, actor: Actor, timebankId: number, listingId: number): Promise<void> {
  const bank = await timebankRow(deps.db, timebankId);
  assertCan(actor, 'timebank.coordinate', { organisationId: bank.organisation_id });
  await inTransaction(deps.db, async (trx) => {
    const hidden = isRecordId(listingId)
      ? await trx
          .updateTable('timebank_listing')
          .set({ hidden_at: new Date(), hidden_by_account_id: actor.accountId })
          .where('id', '=', listingId)
          .where('timebank_id', '=', bank.id)
          .where('hidden_at', 'is', null)
          .returning('id')
          .executeTakeFirst()
      : undefined;
    if (!hidden) throw new ConflictError('That offer or request is not shown (it may be hidden already).');
    await recordAudit(trx, actor, { action: 'timebank.listing.hide', subjectType: 'timebank_listing', subjectId: listingId });
  });
}
