// Tables of the time bank: a time bank run by an organisation, its members (people, and groups from
// the registry acting through their admins), the skills they offer and request, exchanges of time
// between two members, and the double-entry ledger that records them.
//
// The ledger: every confirmed exchange is one ledger transaction of two entries, minutes credited to
// the member who gave time and debited from the one who received it. The database keeps it whole,
// whatever writes to it (migrations/0001_timebank.ts): the entries of a transaction sum to zero (a
// deferred constraint trigger, checked at commit); entries are never updated or deleted (a trigger
// refuses; corrections are reversing transactions); each member's balance row is kept by a trigger
// on the entries and may not fall below the time bank's overdraft.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const memberKinds = ['person', 'group'] as const;
export type MemberKind = (typeof memberKinds)[number];

export const listingKinds = ['offer', 'request'] as const;
export type ListingKind = (typeof listingKinds)[number];

/** proposed: waiting for the other member; confirmed: on the ledger; declined; reversed: its ledger transaction reversed. */
export const exchangeStatuses = ['proposed', 'confirmed', 'declined', 'reversed'] as const;
export type ExchangeStatus = (typeof exchangeStatuses)[number];

export interface TimebankTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  /** How far below zero a member's balance may go, in minutes (0: never below zero). */
  overdraft_minutes: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
}

export interface TimebankMemberTable {
  id: Generated<number>;
  timebank_id: number;
  kind: MemberKind;
  /** A person member's account. */
  account_id: number | null;
  /** A group member's organisation (its admins act for it). */
  organisation_id: number | null;
  /** The name shown to other members. */
  name: string;
  /** Kept by the ledger's trigger only: the sum of the member's entries, in minutes. */
  balance_minutes: ColumnType<number, never, never>;
  joined_at: CreatedAt;
}

export interface TimebankListingTable {
  id: Generated<number>;
  timebank_id: number;
  member_id: number;
  kind: ListingKind;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  /** Hidden by a coordinator (light moderation): no longer shown. */
  hidden_at: NullableTimestamp;
  hidden_by_account_id: number | null;
  created_at: CreatedAt;
}

export interface TimebankExchangeTable {
  id: Generated<number>;
  timebank_id: number;
  giver_member_id: number;
  receiver_member_id: number;
  /** Quarter hours only: a multiple of 15. */
  minutes: number;
  description: string;
  /** The day the time was given ('YYYY-MM-DD'). */
  given_on: ColumnType<string, string, never>;
  status: ColumnType<ExchangeStatus, ExchangeStatus | undefined, ExchangeStatus>;
  /** The member who proposed it (null when a coordinator recorded it). */
  proposed_by_member_id: number | null;
  recorded_by_account_id: number;
  /** Who confirmed it: the other member's person or group admin, or a coordinator recording it. */
  confirmed_by_account_id: number | null;
  confirmed_at: NullableTimestamp;
  created_at: CreatedAt;
}

/** A ledger transaction: an exchange confirmed, or the reversal of an earlier transaction. */
export interface TimebankTransactionTable {
  id: Generated<number>;
  timebank_id: number;
  exchange_id: number | null;
  /** Set on a reversal: the transaction it undoes (each can be reversed once). */
  reverses_transaction_id: number | null;
  /** Why, for a reversal. */
  reason: ColumnType<string, string | undefined, never>;
  recorded_by_account_id: number | null;
  created_at: CreatedAt;
}

/** One side of a transaction: minutes credited (+) or debited (−) to a member. Never updated or deleted. */
export interface TimebankEntryTable {
  id: Generated<number>;
  transaction_id: number;
  member_id: number;
  minutes: number;
  created_at: CreatedAt;
}

export interface TimebankTables {
  timebank: TimebankTable;
  timebank_member: TimebankMemberTable;
  timebank_listing: TimebankListingTable;
  timebank_exchange: TimebankExchangeTable;
  timebank_transaction: TimebankTransactionTable;
  timebank_entry: TimebankEntryTable;
}

export const timebankTables = [
  'timebank',
  'timebank_member',
  'timebank_listing',
  'timebank_exchange',
  'timebank_transaction',
  'timebank_entry',
] as const satisfies ReadonlyArray<keyof TimebankTables>;

declare module '../../platform/schema.js' {
  interface Database extends TimebankTables {}
}
