// Tables of the participatory budgeting module: a process run by an organisation for places, the
// ideas people propose (which staff review, cost and shortlist as projects), their supporters and
// moderated comments, who may vote (a list of eligible people, single-use voting codes), the voter
// roll, the ballots, paper ballots entered twice, and the count.
//
// Secrecy: a ballot row carries no account, code or time. While the vote is open a ballot holds a
// keyed hash of its voter (HMAC with the process's own secret) so that a changed ballot replaces
// the earlier one; at the count the secret and every hash are wiped, and nothing links a ballot to
// the roll any more. The roll records only that someone voted.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Ideas → review and costing → vote → count → delivery; draft before, while staff set it up. */
export const budgetPhases = ['draft', 'ideas', 'review', 'vote', 'counted', 'delivery'] as const;
export type BudgetPhase = (typeof budgetPhases)[number];

/** Who may vote, besides anyone holding a voting code (codes work in every mode). */
export const eligibilityModes = ['postcode', 'list', 'codes'] as const;
export type EligibilityMode = (typeof eligibilityModes)[number];

/** The ballot: approval (tick projects), cumulative (spread points), ordinal (rank). pabulib's names. */
export const ballotTypes = ['approval', 'cumulative', 'ordinal'] as const;
export type BallotType = (typeof ballotTypes)[number];

/** The counting rules offered (decide's names); the default is the first. */
export const budgetRules = ['mes-cost-add1', 'greedy-cost', 'phragmen'] as const;
export type BudgetRule = (typeof budgetRules)[number];

/**
 * pending: waiting for moderation; rejected: not published (reason to the proposer);
 * idea: published, open to support and comments; not_feasible: reviewed out (reason public);
 * merged: folded into another idea (merged_into_id); shortlisted: costed and on the ballot.
 */
export const projectStatuses = ['pending', 'rejected', 'idea', 'not_feasible', 'merged', 'shortlisted'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

export const commentStatuses = ['pending', 'published', 'rejected'] as const;
export type CommentStatus = (typeof commentStatuses)[number];

export const ballotSources = ['online', 'kiosk', 'code', 'paper'] as const;
export type BallotSource = (typeof ballotSources)[number];

/** What a ballot holds: project ids as in the .pb file (for ordinal, best first) and, for cumulative, points. */
export interface BallotChoices {
  projects: string[];
  points?: number[];
}

export interface BudgetTable {
  id: Generated<number>;
  organisation_id: number;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  /** The money to share, in whole pounds. */
  amount: number;
  phase: ColumnType<BudgetPhase, BudgetPhase | undefined, BudgetPhase>;
  /** Planned dates shown to the public ('YYYY-MM-DD'); phases move when staff move them. */
  ideas_from: string | null;
  ideas_until: string | null;
  vote_from: string | null;
  vote_until: string | null;
  eligibility: EligibilityMode;
  /** Youngest age that may vote (null: any age). */
  min_age: number | null;
  /** With eligibility 'postcode': the postcode districts of the places, space-separated ("LS1 LS2 LS6"). */
  postcode_districts: ColumnType<string, string | undefined, string>;
  ballot_type: BallotType;
  /** Approval and ordinal: at most this many projects (null: any). */
  max_choices: number | null;
  /** Approval: the projects chosen may not cost more than the budget in total. */
  limit_to_budget: ColumnType<boolean, boolean | undefined, boolean>;
  /** Cumulative: the points each voter spreads. */
  points: number | null;
  rule: ColumnType<BudgetRule, BudgetRule | undefined, BudgetRule>;
  /** Give voters receipt codes (their voter id in the published file); else random ids are published. */
  receipts: ColumnType<boolean, boolean | undefined, boolean>;
  /** HMAC key for voter hashes while the vote is open; wiped at the count. Never shown. */
  ballot_secret: string | null;
  /** The count (decide's outcome with per-project votes and explanations), once counted. */
  result: ColumnType<BudgetResult | null, string | null | undefined, string | null>;
  /** The published pabulib file of the anonymised ballots, once counted. */
  pb_file: string | null;
  counted_at: NullableTimestamp;
  created_by_account_id: number;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** The places a process is for. */
export interface BudgetPlaceTable {
  budget_id: number;
  place_id: number;
}

export interface BudgetProjectTable {
  id: Generated<number>;
  budget_id: number;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  location: ColumnType<string, string | undefined, string>;
  who_benefits: ColumnType<string, string | undefined, string>;
  /** The proposer's rough cost, in pounds. */
  rough_cost: number | null;
  /** The cost staff set at review, in pounds (required to shortlist). */
  cost: number | null;
  status: ColumnType<ProjectStatus, ProjectStatus | undefined, ProjectStatus>;
  /** Staff's reason, shown publicly for not_feasible and merged; to the proposer for rejected. */
  review_reason: ColumnType<string, string | undefined, string>;
  merged_into_id: number | null;
  /** Null when staff added it. Never shown publicly. */
  proposed_by_account_id: number | null;
  /** The funded project's decision on the accountability trail (delivery). */
  decision_id: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface BudgetProjectSupportTable {
  project_id: number;
  account_id: number;
  supported_at: CreatedAt;
}

export interface BudgetProjectCommentTable {
  id: Generated<number>;
  project_id: number;
  account_id: number | null;
  body: string;
  status: ColumnType<CommentStatus, CommentStatus | undefined, CommentStatus>;
  moderated_by_account_id: number | null;
  created_at: CreatedAt;
}

/** The imported list of eligible people (eligibility 'list'): a signed-in account with this email may vote. */
export interface BudgetEligiblePersonTable {
  budget_id: number;
  /** Lower-cased. */
  email: string;
}

/** Single-use voting codes for events and kiosks: only the hash is kept; the code is shown once. */
export interface BudgetVotingCodeTable {
  id: Generated<number>;
  budget_id: number;
  code_hash: string;
  /** The batch it was printed in (a label staff give, e.g. "Library drop-in 12 May"). */
  batch: ColumnType<string, string | undefined, string>;
  used_at: NullableTimestamp;
  created_at: CreatedAt;
}

/** The voter roll: that someone voted (and on which day), never how. voter_key is 'account:ID' or 'code:ID'. */
export interface BudgetVoterTable {
  budget_id: number;
  voter_key: string;
  first_voted_on: ColumnType<string, string | undefined, never>;
}

/** A ballot, stored apart from who cast it: no account, no code, no time. */
export interface BudgetBallotTable {
  /** A random uuid: a sequence would follow the order people voted in, and so the roll. */
  id: Generated<string>;
  budget_id: number;
  /** HMAC(ballot_secret, voter_key) while the vote is open, so a new ballot replaces the old; null after the count. */
  voter_hash: string | null;
  /** The voter's receipt code (or a random id), the ballot's voter_id in the published .pb file. */
  receipt: string;
  choices: JSONColumnType<BallotChoices>;
  source: BallotSource;
}

/** One person's typing of one paper ballot; two people's matching entries make a ballot. */
export interface BudgetPaperEntryTable {
  id: Generated<number>;
  budget_id: number;
  /** The number printed on the paper. */
  paper_ref: string;
  entered_by_account_id: number;
  choices: JSONColumnType<BallotChoices>;
  /** Set on both entries when they matched and the ballot was added. */
  accepted: ColumnType<boolean, boolean | undefined, boolean>;
  entered_at: CreatedAt;
}

/** The stored count: what decide returned and what the result page shows. */
export interface BudgetResult {
  rule: BudgetRule;
  selected: string[];
  order: string[];
  cost: string;
  budget: string;
  ballots: number;
  projects: Array<{ id: string; title: string; cost: number; votes: number; selected: boolean; explanation: string }>;
  /** decide's step-by-step text (explanationText). */
  explanationText: string;
}

export interface BudgetsTables {
  budget: BudgetTable;
  budget_place: BudgetPlaceTable;
  budget_project: BudgetProjectTable;
  budget_project_support: BudgetProjectSupportTable;
  budget_project_comment: BudgetProjectCommentTable;
  budget_eligible_person: BudgetEligiblePersonTable;
  budget_voting_code: BudgetVotingCodeTable;
  budget_voter: BudgetVoterTable;
  budget_ballot: BudgetBallotTable;
  budget_paper_entry: BudgetPaperEntryTable;
}

export const budgetsTables = [
  'budget',
  'budget_place',
  'budget_project',
  'budget_project_support',
  'budget_project_comment',
  'budget_eligible_person',
  'budget_voting_code',
  'budget_voter',
  'budget_ballot',
  'budget_paper_entry',
] as const satisfies ReadonlyArray<keyof BudgetsTables>;

declare module '../../platform/schema.js' {
  interface Database extends BudgetsTables {}
}
