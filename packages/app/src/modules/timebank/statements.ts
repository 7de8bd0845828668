// A member's statement: their ledger entries in order with the running balance, as a page and as
// CSV. Only the member (or whoever acts for the group) and the time bank's coordinators see it.
import { sql } from 'kysely';
import { toCsv } from '../../platform/csv.js';
import { NotFoundError } from '../../platform/errors.js';
import type { Actor } from './policy.js';
import { hoursNumber, hoursText, mayActFor, mayCoordinate, memberRow, type TimebankDeps, timebankRow } from './records.js';
import { type Membership, membershipOf } from './timebanks.js';

export interface StatementLine {
  entryId: number;
  transactionId: number;
  exchangeId: number | null;
  /** When the entry was written. */
  at: Date;
  /** The day the time was given. */
  givenOn: string | null;
  description: string;
  /** The other member of the exchange. */
  with: string;
  /** Credit (+, time given) or debit (−, time received). */
  minutes: number;
  amount: string;
  balanceMinutes: number;
  balance: string;
  /** Set on a reversal: why. */
  reversal: string | null;
}

export interface Statement {
  timebank: { id: number; name: string };
  member: Membership;
  lines: StatementLine[];
}

/** A member's statement (the member, those acting for a group member, and coordinators; others: not found). */
export async function getStatement(deps: TimebankDeps, actor: Actor, timebankId: number, memberId: number): Promise<Statement> {
  const bank = await timebankRow(deps.db, timebankId);
  const member = await memberRow(deps.db, bank.id, memberId);
  if (!mayActFor(actor, member) && !mayCoordinate(actor, bank)) throw new NotFoundError();
  const rows = await deps.db
    .selectFrom('timebank_entry as en')
    .innerJoin('timebank_transaction as t', 't.id', 'en.transaction_id')
    .leftJoin('timebank_exchange as e', 'e.id', 't.exchange_id')
    .select([
      'en.id',
      'en.transaction_id',
      'en.minutes',
      'en.created_at',
      't.exchange_id',
      't.reverses_transaction_id',
      't.reason',
      'e.description',
      'e.given_on',
      sql<number>`sum(en.minutes) over (order by en.id)`.as('running'),
      (eb) =>
        eb
          .selectFrom('timebank_entry as o')
          .innerJoin('timebank_member as om', 'om.id', 'o.member_id')
          .select('om.name')
          .whereRef('o.transaction_id', '=', 'en.transaction_id')
          .whereRef('o.member_id', '<>', 'en.member_id')
          .limit(1)
          .as('other_name'),
    ])
    .where('en.member_id', '=', member.id)
    .orderBy('en.id')
    .execute();
  return {
    timebank: { id: bank.id, name: bank.name },
    member: membershipOf(member),
    lines: rows.map((r) => ({
      entryId: Number(r.id),
      transactionId: r.transaction_id,
      exchangeId: r.exchange_id,
      at: r.created_at,
      givenOn: r.given_on ? String(r.given_on).slice(0, 10) : null,
      description: r.description ?? '',
      with: r.other_name ?? '',
      minutes: r.minutes,
      amount: hoursText(r.minutes),
      balanceMinutes: Number(r.running),
      balance: hoursText(Number(r.running)),
      reversal: r.reverses_transaction_id === null ? null : r.reason,
    })),
  };
}

/** The statement as CSV: one row per entry, hours as numbers (credits positive, debits negative). */
export function statementCsv(statement: Statement): string {
  return toCsv([
    ['entry', 'transaction', 'exchange', 'recorded at', 'day given', 'description', 'with', 'hours', 'balance in hours', 'reversal reason'],
    ...statement.lines.map((l) => [
      String(l.entryId),
      String(l.transactionId),
      l.exchangeId === null ? '' : String(l.exchangeId),
      l.at.toISOString(),
      l.givenOn ?? '',
      l.description,
      l.with,
      String(hoursNumber(l.minutes)),
      String(hoursNumber(l.balanceMinutes)),
      l.reversal ?? '',
    ]),
  ]);
}
