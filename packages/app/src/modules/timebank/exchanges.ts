// Exchanges of time and the ledger they write: a member proposes that they gave time to another
// member (or received it); the other member confirms or declines; a coordinator may record one
// straight away, and reverse a confirmed one with a reason. Confirming writes one ledger
// transaction of two entries (credit the giver, debit the receiver); a reversal writes the opposite
// two. The database refuses anything that would unbalance the ledger or take a member below the
// overdraft (migrations/0001_timebank.ts); the overdraft refusal comes back here as a message.
import type { Selectable } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isIsoDate, todayInEngland } from '../../platform/web/forms.js';
import { isRecordId } from '../../platform/web/ids.js';
import { type Actor, assertCan } from './policy.js';
import {
  checkedText,
  checkMinutes,
  hoursText,
  type MemberRow,
  mayActFor,
  mayCoordinate,
  memberRow,
  membersActingAs,
  type TimebankDeps,
  type TimebankRow,
  timebankRow,
} from './records.js';
import type { ExchangeStatus, TimebankExchangeTable } from './schema.js';

type ExchangeRow = Selectable<TimebankExchangeTable>;

export interface ExchangeInput {
  /** The member one acts for. */
  memberId: number;
  /** The other member. */
  otherMemberId: number;
  /** 'gave': the acting member gave the time; 'received': they received it. */
  direction: 'gave' | 'received' | string;
  minutes: number;
  description: string;
  /** YYYY-MM-DD; today when absent. */
  givenOn?: string;
}

/** An exchange's row as checked input: hours, what it was for and the day, between these two members. */
function exchangeValues(
  bank: TimebankRow,
  actor: Actor,
  sides: { giver: MemberRow; receiver: MemberRow },
  input: { minutes: number; description: string; givenOn?: string },
) {
  const minutes = checkMinutes(input.minutes);
  const description = checkedText(input.description, 'description', 'What the time was for', 500);
  const today = todayInEngland();
  const givenOn = input.givenOn?.trim() || today;
  if (!isIsoDate(givenOn)) throw new ValidationError({ givenOn: 'Enter the day the time was given as YYYY-MM-DD' });
  if (givenOn > today) throw new ValidationError({ givenOn: 'The day the time was given must be today or in the past' });
  return {
    timebank_id: bank.id,
    giver_member_id: sides.giver.id,
    receiver_member_id: sides.receiver.id,
    minutes,
    description,
    given_on: givenOn,
    recorded_by_account_id: actor.accountId as number,
  };
}

const isOverdraftRefusal = (error: unknown) =>
  error instanceof Error && ((error as { constraint?: string }).constraint === 'timebank_member_overdraft' || /past the overdraft/.test(error.message));

/**
 * Lock both members' rows, lowest id first, before anything else in the transaction: every
 * exchange takes its two locks in one order, so two exchanges at once wait rather than deadlock.
 */
async function lockMembers(trx: Db, ids: number[]): Promise<void> {
  await trx.selectFrom('timebank_member').select('id').where('id', 'in', ids).orderBy('id').forNoKeyUpdate().execute();
}

/** Write the ledger transaction of a confirmed exchange: credit the giver, debit the receiver. */
async function postExchange(trx: Db, actor: Actor, exchange: ExchangeRow): Promise<number> {
  const { id } = await trx
    .insertInto('timebank_transaction')
    .values({ timebank_id: exchange.timebank_id, exchange_id: exchange.id, recorded_by_account_id: actor.accountId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('timebank_entry')
    .values([
      { transaction_id: id, member_id: exchange.giver_member_id, minutes: exchange.minutes },
      { transaction_id: id, member_id: exchange.receiver_member_id, minutes: -exchange.minutes },
    ])
    .execute();
  return id;
}

/** Run a write that posts to the ledger, turning the database's overdraft refusal into a message. */
async function posting<T>(db: Db, bank: TimebankRow, receiver: string, write: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(db, write);
  } catch (error) {
    if (isOverdraftRefusal(error)) {
      throw new ConflictError(
        `This would take ${receiver} below the time bank’s overdraft (${hoursText(-bank.overdraft_minutes)}), so it is not recorded.`,
        'hours',
      );
    }
    throw error;
  }
}

function sides(acting: MemberRow, other: MemberRow, direction: string) {
  if (direction !== 'gave' && direction !== 'received') throw new ValidationError({ direction: 'Choose whether you gave the time or received it' });
  return direction === 'gave' ? { giver: acting, receiver: other } : { giver: other, receiver: acting };
}

/** Propose an exchange as a member one acts for; the other member confirms it. Returns its id. */
export async function proposeExchange(deps: TimebankDeps, actor: Actor, timebankId: number, input: ExchangeInput): Promise<number> {
  const bank = await timebankRow(deps.db, timebankId);
  const mine = await membersActingAs(deps.db, actor, bank.id);
  if (!mine.length) assertCan(actor, 'timebank.actAsPerson', { accountId: -1 });
  const acting = mine.find((m) => m.id === input.memberId);
  if (!acting) throw new ValidationError({ memberId: 'Choose who you are acting for' });
  const other = await memberRow(deps.db, bank.id, input.otherMemberId, 'otherMemberId');
  if (other.id === acting.id) throw new ValidationError({ otherMemberId: 'Choose another member: an exchange is between two members' });
  const values = exchangeValues(bank, actor, sides(acting, other, input.direction), input);
  return inTransaction(deps.db, async (trx) => {
    const { id } = await trx
      .insertInto('timebank_exchange')
      .values({ ...values, proposed_by_member_id: acting.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'timebank.exchange.propose', subjectType: 'timebank_exchange', subjectId: id });
    return id;
  });
}

async function exchangeRow(db: Db, timebankId: number, exchangeId: number): Promise<ExchangeRow> {
  const row = isRecordId(exchangeId)
    ? await db.selectFrom('timebank_exchange').selectAll().where('id', '=', exchangeId).where('timebank_id', '=', timebankId).executeTakeFirst()
    : undefined;
  if (!row) throw new NotFoundError();
  return row;
}

/** The member who answers a proposal: the side that did not propose it. */
const answeringMemberId = (e: ExchangeRow) => (e.proposed_by_member_id === e.giver_member_id ? e.receiver_member_id : e.giver_member_id);

/**
 * Confirm (or decline) an exchange proposed to a member one acts for. Confirming writes it to the
 * ledger; it is refused, and stays proposed, when it would take the receiver below the overdraft.
 */
export async function answerExchange(deps: TimebankDeps, actor: Actor, timebankId: number, exchangeId: number, confirm: boolean): Promise<void> {
  const bank = await timebankRow(deps.db, timebankId);
  const found = await exchangeRow(deps.db, bank.id, exchangeId);
  const answering = await memberRow(deps.db, bank.id, answeringMemberId(found));
  if (!mayActFor(actor, answering)) {
    if (actor.accountId === null) assertCan(actor, 'timebank.actAsPerson', { accountId: -1 });
    throw new NotFoundError();
  }
  const receiver = await memberRow(deps.db, bank.id, found.receiver_member_id);
  await posting(deps.db, bank, receiver.name, async (trx) => {
    if (confirm) await lockMembers(trx, [found.giver_member_id, found.receiver_member_id]);
    const status: ExchangeStatus = confirm ? 'confirmed' : 'declined';
    const exchange = await trx
      .updateTable('timebank_exchange')
      .set({ status, confirmed_by_account_id: confirm ? actor.accountId : null, confirmed_at: confirm ? new Date() : null })
      .where('id', '=', found.id)
      .where('status', '=', 'proposed')
      .returningAll()
      .executeTakeFirst();
    if (!exchange) throw new ConflictError('This exchange has already been answered.');
    if (confirm) await postExchange(trx, actor, exchange);
    await recordAudit(trx, actor, { action: `timebank.exchange.${status}`, subjectType: 'timebank_exchange', subjectId: exchange.id });
  });
}

/** A coordinator records an exchange between two members, confirmed at once. Returns its id. */
export async function recordExchange(
  deps: TimebankDeps,
  actor: Actor,
  timebankId: number,
  input: { giverMemberId: number; receiverMemberId: number; minutes: number; description: string; givenOn?: string },
): Promise<number> {
  const bank = await timebankRow(deps.db, timebankId);
  assertCan(actor, 'timebank.coordinate', { organisationId: bank.organisation_id });
  const giver = await memberRow(deps.db, bank.id, input.giverMemberId, 'giverMemberId');
  const receiver = await memberRow(deps.db, bank.id, input.receiverMemberId, 'receiverMemberId');
  if (giver.id === receiver.id) throw new ValidationError({ receiverMemberId: 'Choose another member: an exchange is between two members' });
  const values = exchangeValues(bank, actor, { giver, receiver }, input);
  return posting(deps.db, bank, receiver.name, async (trx) => {
    await lockMembers(trx, [giver.id, receiver.id]);
    const exchange = await trx
      .insertInto('timebank_exchange')
      .values({
        ...values,
        status: 'confirmed',
        proposed_by_member_id: null,
        confirmed_by_account_id: actor.accountId,
        confirmed_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await postExchange(trx, actor, exchange);
    await recordAudit(trx, actor, { action: 'timebank.exchange.record', subjectType: 'timebank_exchange', subjectId: exchange.id });
    return exchange.id;
  });
}

/**
 * Reverse a confirmed exchange (coordinators), with a reason: a new ledger transaction with the
 * opposite entries. Nothing already written changes.
 */
export async function reverseExchange(deps: TimebankDeps, actor: Actor, timebankId: number, exchangeId: number, reason: string): Promise<number> {
  const bank = await timebankRow(deps.db, timebankId);
  assertCan(actor, 'timebank.coordinate', { organisationId: bank.organisation_id });
  const found = await exchangeRow(deps.db, bank.id, exchangeId);
  const why = checkedText(reason, 'reason', 'The reason', 1000);
  const giver = await memberRow(deps.db, bank.id, found.giver_member_id);
  return posting(deps.db, bank, giver.name, async (trx) => {
    await lockMembers(trx, [found.giver_member_id, found.receiver_member_id]);
    const exchange = await trx
      .updateTable('timebank_exchange')
      .set({ status: 'reversed' })
      .where('id', '=', found.id)
      .where('status', '=', 'confirmed')
      .returning('id')
      .executeTakeFirst();
    if (!exchange) throw new ConflictError('Only a confirmed exchange can be reversed, once.', 'reason');
    const original = await trx
      .selectFrom('timebank_transaction')
      .select('id')
      .where('exchange_id', '=', found.id)
      .where('reverses_transaction_id', 'is', null)
      .executeTakeFirstOrThrow();
    const entries = await trx.selectFrom('timebank_entry').select(['member_id', 'minutes']).where('transaction_id', '=', original.id).orderBy('id').execute();
    const { id } = await trx
      .insertInto('timebank_transaction')
      .values({ timebank_id: bank.id, exchange_id: found.id, reverses_transaction_id: original.id, reason: why, recorded_by_account_id: actor.accountId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('timebank_entry')
      .values(entries.map((e) => ({ transaction_id: id, member_id: e.member_id, minutes: -e.minutes })))
      .execute();
    await recordAudit(trx, actor, {
      action: 'timebank.exchange.reverse',
      subjectType: 'timebank_exchange',
      subjectId: found.id,
      detail: { transactionId: id },
    });
    return id;
  });
}

export interface ExchangeView {
  id: number;
  giver: { id: number; name: string };
  receiver: { id: number; name: string };
  minutes: number;
  hours: string;
  description: string;
  givenOn: string;
  status: ExchangeStatus;
  proposedByMemberId: number | null;
  createdAt: Date;
}

function exchangesQuery(db: Db, timebankId: number) {
  return db
    .selectFrom('timebank_exchange as e')
    .innerJoin('timebank_member as g', 'g.id', 'e.giver_member_id')
    .innerJoin('timebank_member as r', 'r.id', 'e.receiver_member_id')
    .select([
      'e.id',
      'e.minutes',
      'e.description',
      'e.given_on',
      'e.status',
      'e.proposed_by_member_id',
      'e.created_at',
      'g.id as giver_id',
      'g.name as giver_name',
      'r.id as receiver_id',
      'r.name as receiver_name',
    ])
    .where('e.timebank_id', '=', timebankId);
}

type ExchangeQueryRow = Awaited<ReturnType<ReturnType<typeof exchangesQuery>['execute']>>[number];

const exchangeViewOf = (r: ExchangeQueryRow): ExchangeView => ({
  id: r.id,
  giver: { id: r.giver_id, name: r.giver_name },
  receiver: { id: r.receiver_id, name: r.receiver_name },
  minutes: r.minutes,
  hours: hoursText(r.minutes),
  description: r.description,
  givenOn: String(r.given_on).slice(0, 10),
  status: r.status,
  proposedByMemberId: r.proposed_by_member_id,
  createdAt: r.created_at,
});

/** Every exchange of a time bank, newest first, a page at a time (coordinators). */
export async function listExchanges(
  deps: TimebankDeps,
  actor: Actor,
  timebankId: number,
  options: { page?: number; pageSize?: number } = {},
): Promise<{ items: ExchangeView[]; total: number; page: number; pageSize: number }> {
  const bank = await timebankRow(deps.db, timebankId);
  assertCan(actor, 'timebank.coordinate', { organisationId: bank.organisation_id });
  const pageSize = options.pageSize ?? 50;
  const page = options.page ?? 1;
  const [rows, count] = await Promise.all([
    exchangesQuery(deps.db, bank.id)
      .orderBy('e.created_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    deps.db
      .selectFrom('timebank_exchange')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('timebank_id', '=', bank.id)
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(exchangeViewOf), total: Number(count.n), page, pageSize };
}

/** One exchange (coordinators, or either member). */
export async function getExchange(deps: TimebankDeps, actor: Actor, timebankId: number, exchangeId: number): Promise<ExchangeView> {
  const bank = await timebankRow(deps.db, timebankId);
  if (!isRecordId(exchangeId)) throw new NotFoundError();
  const row = await exchangesQuery(deps.db, bank.id).where('e.id', '=', exchangeId).executeTakeFirst();
  if (!row) throw new NotFoundError();
  if (!mayCoordinate(actor, bank)) {
    const mine = new Set((await membersActingAs(deps.db, actor, bank.id)).map((m) => m.id));
    if (!mine.has(row.giver_id) && !mine.has(row.receiver_id)) throw new NotFoundError();
  }
  return exchangeViewOf(row);
}

/** Exchanges waiting on a member: proposed to them (to answer) and by them (waiting for the other). */
export async function pendingExchanges(
  deps: TimebankDeps,
  actor: Actor,
  timebankId: number,
  memberId: number,
): Promise<{ toAnswer: ExchangeView[]; waiting: ExchangeView[] }> {
  const bank = await timebankRow(deps.db, timebankId);
  const member = await memberRow(deps.db, bank.id, memberId);
  if (!mayActFor(actor, member)) throw new NotFoundError();
  const rows = await exchangesQuery(deps.db, bank.id)
    .where('e.status', '=', 'proposed')
    .where((eb) => eb.or([eb('e.giver_member_id', '=', member.id), eb('e.receiver_member_id', '=', member.id)]))
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
  const views = rows.map(exchangeViewOf);
  return { toAnswer: views.filter((e) => e.proposedByMemberId !== member.id), waiting: views.filter((e) => e.proposedByMemberId === member.id) };
}
