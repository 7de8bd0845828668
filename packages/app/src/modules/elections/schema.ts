// Tables of the elections module: an election of people to seats on a body in the registry (public
// governors, patient representatives, a group's chair) by single transferable vote, with its
// constituencies, the electorate an organisation imports (each voter with a single-use voting code),
// nominations and statements, ballots kept apart from voters, paper ballots entered twice, the
// count per constituency with its published BLT file and count sheet, and recounts for a casual vacancy.
//
// Secrecy: a ballot row carries no voter, code or time, and a random id (a sequence would follow the
// order codes were used). The electorate records only the day a code was used.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

/**
 * draft → nominations (open) → checking (closed; staff check nominations) → statements (published)
 * → voting → counted (the result and everything to recount it published).
 */
export const electionPhases = ['draft', 'nominations', 'checking', 'statements', 'voting', 'counted'] as const;
export type ElectionPhase = (typeof electionPhases)[number];

/** decide's rules; alternative vote is either with one seat. */
export const electionMethods = ['scottish', 'meek'] as const;
export type ElectionMethod = (typeof electionMethods)[number];

export const ballotOrders = ['alphabetical', 'random'] as const;
export type BallotOrder = (typeof ballotOrders)[number];

/** nominated: waiting for staff; valid / invalid (reason given); withdrawn by the candidate before the close. */
export const candidateStatuses = ['nominated', 'valid', 'invalid', 'withdrawn'] as const;
export type CandidateStatus = (typeof candidateStatuses)[number];

export const electionBallotSources = ['online', 'paper'] as const;
export type ElectionBallotSource = (typeof electionBallotSources)[number];

export interface ElectionTable {
  id: Generated<number>;
  organisation_id: number;
  /** The body the seats are on (registry). */
  body_id: number;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  /** The registry role elected people hold on the body (one of the registry's member roles, e.g. patient_representative). */
  role: string;
  method: ColumnType<ElectionMethod, ElectionMethod | undefined, ElectionMethod>;
  phase: ColumnType<ElectionPhase, ElectionPhase | undefined, ElectionPhase>;
  /** Planned dates ('YYYY-MM-DD'), shown; phases move when staff move them. */
  nominations_open_on: string | null;
  nominations_close_on: string | null;
  voting_open_on: string | null;
  voting_close_on: string | null;
  /** Term of office of those elected. */
  term_start_on: string | null;
  term_end_on: string | null;
  /** Words allowed in a candidate's statement (250 by default). */
  word_limit: ColumnType<number, number | undefined, number>;
  /** Declarations a nominee must make, one per line (e.g. "I am a member of the trust"). */
  declarations: ColumnType<string, string | undefined, string>;
  ballot_order: ColumnType<BallotOrder, BallotOrder | undefined, BallotOrder>;
  /** Seed for the random ballot order and for lots in the count; published with the result. */
  seed: number;
  /** Give voters a receipt code to find their ballot in the published file. */
  receipts: ColumnType<boolean, boolean | undefined, boolean>;
  counted_at: NullableTimestamp;
  created_by_account_id: number;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A constituency with its seats; every election has at least one. Each is counted on its own. */
export interface ElectionConstituencyTable {
  id: Generated<number>;
  election_id: number;
  name: string;
  seats: number;
  /** The count (decide's StvResult), the published BLT file and count sheet (CSV), once counted. */
  result: NullableJson<unknown>;
  blt_file: string | null;
  count_sheet_csv: string | null;
}

/**
 * The electorate an organisation imports. The code is kept only as a hash; code_used_on is the day
 * it was used (nothing says how). email or postal_address is where the code was sent.
 */
export interface ElectionVoterTable {
  id: Generated<number>;
  election_id: number;
  constituency_id: number;
  member_number: string;
  name: string;
  email: string | null;
  postal_address: string | null;
  code_hash: string | null;
  code_issued_at: NullableTimestamp;
  code_used_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ElectionCandidateTable {
  id: Generated<number>;
  election_id: number;
  constituency_id: number;
  /** The nominee's entry in the electorate (null when staff added a candidate). */
  voter_id: number | null;
  /** The account that made the nomination (to withdraw it). Never shown publicly. */
  account_id: number | null;
  /** As on the ballot and in the BLT file. */
  name: string;
  statement: ColumnType<string, string | undefined, string>;
  /** The declarations made, as accepted. */
  declarations_made: Json<string[]>;
  photo: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  photo_type: string | null;
  status: ColumnType<CandidateStatus, CandidateStatus | undefined, CandidateStatus>;
  status_reason: ColumnType<string, string | undefined, string>;
  /** Position on the ballot paper (1-based), set when statements are published. */
  ballot_position: number | null;
  /** The registry membership made for an elected candidate. */
  member_id: number | null;
  created_at: CreatedAt;
}

/** A ballot: preferences as candidate ids, best first. No voter, no code, no time. */
export interface ElectionBallotTable {
  /** A random uuid: a sequence would follow the order codes were used. */
  id: Generated<string>;
  election_id: number;
  constituency_id: number;
  receipt: string;
  preferences: Json<number[]>;
  source: ElectionBallotSource;
}

/** One person's typing of one paper ballot; two people's matching entries make a ballot. */
export interface ElectionPaperEntryTable {
  id: Generated<number>;
  election_id: number;
  constituency_id: number;
  paper_ref: string;
  entered_by_account_id: number;
  preferences: Json<number[]>;
  accepted: ColumnType<boolean, boolean | undefined, boolean>;
  entered_at: CreatedAt;
}

/** A recount of the same ballots without a departing member, to fill a casual vacancy. */
export interface ElectionRecountTable {
  id: Generated<number>;
  constituency_id: number;
  /** The candidates treated as withdrawn. */
  without_candidate_ids: Json<number[]>;
  result: Json<unknown>;
  reason: string;
  created_by_account_id: number;
  created_at: CreatedAt;
}

export interface ElectionsTables {
  election: ElectionTable;
  election_constituency: ElectionConstituencyTable;
  election_voter: ElectionVoterTable;
  election_candidate: ElectionCandidateTable;
  election_ballot: ElectionBallotTable;
  election_paper_entry: ElectionPaperEntryTable;
  election_recount: ElectionRecountTable;
}

export const electionsTables = [
  'election',
  'election_constituency',
  'election_voter',
  'election_candidate',
  'election_ballot',
  'election_paper_entry',
  'election_recount',
] as const satisfies ReadonlyArray<keyof ElectionsTables>;

declare module '../../platform/schema.js' {
  interface Database extends ElectionsTables {}
}
