// Tables of the citizens' assemblies module: an assembly convened by an organisation for places,
// its selection features and quotas, the address list and the invitation draws (secret: organisers
// only), the volunteers who registered (their contact details and access needs: organisers only),
// the selection rounds (the published record: anonymised pool, quotas, seed, algorithm,
// probabilities, panel), the members, and the assembly's work: sessions, documents, recommendations
// voted on by members and the convening body's public answers.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/**
 * draft: organisers set it up (only they see it); recruiting: invitations out, registration open;
 * selecting: registration closed, the panel being drawn and confirmed; sitting: the assembly meets;
 * reported: recommendations published, answers awaited and given; closed: its work is over.
 * A standing assembly stays sitting and rotates its members.
 */
export const assemblyPhases = ['draft', 'recruiting', 'selecting', 'sitting', 'reported', 'closed'] as const;
export type AssemblyPhase = (typeof assemblyPhases)[number];

/** A one-off citizens' jury, or a standing assembly whose members rotate (a share replaced each year). */
export const assemblyKinds = ['jury', 'standing'] as const;
export type AssemblyKind = (typeof assemblyKinds)[number];

/** decide's algorithms; the default is the first. */
export const selectionAlgorithms = ['leximin', 'maximin', 'legacy'] as const;
export type SelectionAlgorithm = (typeof selectionAlgorithms)[number];

export const registrationRoutes = ['code', 'open'] as const;
export type RegistrationRoute = (typeof registrationRoutes)[number];

export const volunteerStatuses = ['registered', 'withdrawn'] as const;
export type VolunteerStatus = (typeof volunteerStatuses)[number];

/** initial: the first panel; replacement: open seats after declines and withdrawals; rotation: a standing assembly's yearly renewal. */
export const selectionPurposes = ['initial', 'replacement', 'rotation'] as const;
export type SelectionPurpose = (typeof selectionPurposes)[number];

/** A selection round is computed by a job (LEXIMIN takes seconds to minutes), with its progress stored here. */
export const selectionStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type SelectionStatus = (typeof selectionStatuses)[number];

/**
 * selected: drawn, not yet answered; confirmed: takes the seat; declined: said no when drawn;
 * withdrawn: left after confirming; stood_down: a standing assembly's member whose term ended.
 */
export const memberStatuses = ['selected', 'confirmed', 'declined', 'withdrawn', 'stood_down'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

export const documentKinds = ['evidence', 'private'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** draft: members write it; voting: members say how far they support it; published: public, awaiting the body's answer. */
export const recommendationStatuses = ['draft', 'voting', 'published'] as const;
export type RecommendationStatus = (typeof recommendationStatuses)[number];

export const supportLevels = ['support', 'oppose', 'abstain'] as const;
export type SupportLevel = (typeof supportLevels)[number];

export const answerResponses = ['accept', 'accept_in_part', 'not_accept'] as const;
export type AnswerResponse = (typeof answerResponses)[number];

/** What a finished selection round publishes (besides its two CSV files). */
export interface SelectionResult {
  /** Each pool id's probability of selection, as decide computed it (LEGACY: an estimate). */
  probabilities: Record<string, number>;
  /** The pool ids drawn, in the order decide lists them. */
  panel: string[];
  minProbability: number;
  /** decide's quota report for the drawn panel (with the fixed members counted in). */
  quotas: Array<{ feature: string; value: string; min: number; max: number; selected: number; pool: number }>;
  ticket: number | null;
  seconds: number;
}

export interface AssemblyTable {
  id: Generated<number>;
  organisation_id: number;
  title: string;
  /** The question or remit put to the assembly. */
  remit: string;
  kind: AssemblyKind;
  /** Seats on the panel (e.g. 30). */
  panel_size: number;
  phase: ColumnType<AssemblyPhase, AssemblyPhase | undefined, AssemblyPhase>;
  /** What taking part involves (time, sessions, where), shown before anyone says yes. */
  involvement: ColumnType<string, string | undefined, string>;
  /** What is paid: the honorarium and expenses. */
  payment: ColumnType<string, string | undefined, string>;
  /** Anyone may register without a code (marked as such in the pool and the record). */
  open_registration: ColumnType<boolean, boolean | undefined, boolean>;
  registration_closes: string | null;
  algorithm: ColumnType<SelectionAlgorithm, SelectionAlgorithm | undefined, SelectionAlgorithm>;
  /** Announced before the draw: where the seed will come from ("the FTSE 100 close on 3 March", "typed in at the public meeting"). */
  seed_source: ColumnType<string, string | undefined, string>;
  /** Standing assemblies: how long a member serves, in months, and the share replaced at each rotation. */
  term_months: number | null;
  /** Days the convening body gives itself to answer a published recommendation. */
  answer_days: ColumnType<number, number | undefined, number>;
  created_by_account_id: number;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AssemblyPlaceTable {
  assembly_id: number;
  place_id: number;
}

/**
 * One value of one selection feature with its quota. The features are also the selection questions
 * asked at registration, their values the answers offered. population_share is the places' share
 * (from their population profile, or typed in), shown beside the quota and the pool's share.
 */
export interface AssemblyQuotaTable {
  id: Generated<number>;
  assembly_id: number;
  /** A key, e.g. 'age_band' (a column of the published respondents.csv). */
  feature: string;
  /** The question as asked, e.g. 'Age'. */
  feature_label: string;
  value: string;
  min: number;
  max: number;
  population_share: number | null;
  position: number;
}

/** An address of the imported list. Secret: organisers only; never published or shown publicly. */
export interface AssemblyAddressTable {
  id: Generated<number>;
  assembly_id: number;
  /** The whole address as it is printed on a letter (lines joined with newlines). */
  address: string;
  postcode: string;
  /** The line of the imported file it came from. */
  line_number: number;
  /** The draw it was invited in (null: not invited). */
  draw_id: number | null;
  /** The single-use registration code printed on its letter (null until invited). */
  code: string | null;
  code_used_at: NullableTimestamp;
}

/** A uniform random sample of the uninvited addresses, reproducible from its published seed. */
export interface AssemblyInvitationDrawTable {
  id: Generated<number>;
  assembly_id: number;
  seed: string;
  /** Addresses asked for, and the uninvited addresses it drew from. */
  requested: number;
  drawn_from: number;
  drawn_by_account_id: number;
  drawn_at: CreatedAt;
}

/** A person who said yes. Contact details and access needs: organisers only. */
export interface AssemblyVolunteerTable {
  id: Generated<number>;
  assembly_id: number;
  /** Random id used in the published pool ("P-3K9Q2M"); nothing else about the person is published but the features. */
  pool_id: string;
  route: RegistrationRoute;
  address_id: number | null;
  /** The volunteer's account (null: made-up volunteers of the demo, who cannot sign in). */
  account_id: number | null;
  name: string;
  email: string;
  phone: ColumnType<string, string | undefined, string>;
  /** Answers to the selection questions, by feature key. */
  features: JSONColumnType<Record<string, string>>;
  /** Access needs: an interpreter's language (empty: none), easy read, childcare, travel, a carer coming along, anything else. */
  interpreter: ColumnType<string, string | undefined, string>;
  easy_read: ColumnType<boolean, boolean | undefined, boolean>;
  childcare: ColumnType<boolean, boolean | undefined, boolean>;
  travel: ColumnType<boolean, boolean | undefined, boolean>;
  carer: ColumnType<boolean, boolean | undefined, boolean>;
  other_needs: ColumnType<string, string | undefined, string>;
  /** Said they had never taken part in anything on Involve (or their NHS's involvement work) before. */
  first_time: boolean;
  /** May their name be shown publicly if they become a member. */
  name_public: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<VolunteerStatus, VolunteerStatus | undefined, VolunteerStatus>;
  registered_at: CreatedAt;
  withdrawn_at: NullableTimestamp;
}

/** A selection round: the published record, computed by a job. */
export interface AssemblySelectionTable {
  id: Generated<number>;
  assembly_id: number;
  /** 1, 2, … in the order they were drawn. */
  round: number;
  purpose: SelectionPurpose;
  algorithm: SelectionAlgorithm;
  seed: string;
  /** Seats drawn in this round (open seats for a replacement). */
  seats: number;
  /** Pool ids of members kept (fixed) while drawing a replacement or a rotation: counted in the quotas. */
  fixed_pool_ids: ColumnType<string[], string | undefined, string>;
  /** decide's inputs exactly as published: categories.csv (feature,value,min,max; quotas less the fixed members) and respondents.csv (id and features). */
  categories_csv: string;
  respondents_csv: string;
  status: ColumnType<SelectionStatus, SelectionStatus | undefined, SelectionStatus>;
  progress_done: ColumnType<number, number | undefined, number>;
  progress_total: ColumnType<number, number | undefined, number>;
  progress_detail: ColumnType<string, string | undefined, string>;
  /** Why it failed (e.g. the quotas cannot be met), in words for the organiser. */
  error: string | null;
  result: ColumnType<SelectionResult | null, string | null | undefined, string | null>;
  /** The instance working on it, and since when (a claim that lapses if that instance dies). */
  claimed_by: string | null;
  claimed_at: NullableTimestamp;
  requested_by_account_id: number;
  requested_at: CreatedAt;
  finished_at: NullableTimestamp;
}

export interface AssemblyMemberTable {
  id: Generated<number>;
  assembly_id: number;
  volunteer_id: number;
  selection_id: number;
  status: ColumnType<MemberStatus, MemberStatus | undefined, MemberStatus>;
  /** Standing assemblies: when the seat is due for rotation. */
  term_ends: string | null;
  status_changed_at: Timestamp;
}

export interface AssemblySessionTable {
  id: Generated<number>;
  assembly_id: number;
  title: string;
  starts_at: Date;
  venue: ColumnType<string, string | undefined, string>;
  summary: ColumnType<string, string | undefined, string>;
}

/** An evidence paper or a speaker's contribution (public), or a members-only document (private). */
export interface AssemblyDocumentTable {
  id: Generated<number>;
  assembly_id: number;
  session_id: number | null;
  kind: DocumentKind;
  title: string;
  /** Who gave the evidence, for speakers. */
  speaker: ColumnType<string, string | undefined, string>;
  body: ColumnType<string, string | undefined, string>;
  url: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
}

export interface AssemblyRecommendationTable {
  id: Generated<number>;
  assembly_id: number;
  /** 1, 2, … as published. */
  number: number;
  title: string;
  text: string;
  status: ColumnType<RecommendationStatus, RecommendationStatus | undefined, RecommendationStatus>;
  published_at: NullableTimestamp;
  /** The date the body promised an answer by (set at publication from answer_days). */
  answer_due: string | null;
  answer: AnswerResponse | null;
  answer_reasons: ColumnType<string, string | undefined, string>;
  /** What will be done. */
  answer_actions: ColumnType<string, string | undefined, string>;
  answered_at: NullableTimestamp;
  /** The decision on the accountability trail the answer became. */
  decision_id: number | null;
  created_at: CreatedAt;
}

/** A member's support for a recommendation: one each, changeable while voting is open. Only the totals are shown. */
export interface AssemblyRecommendationVoteTable {
  recommendation_id: number;
  member_id: number;
  level: SupportLevel;
}

export interface AssembliesTables {
  assembly: AssemblyTable;
  assembly_place: AssemblyPlaceTable;
  assembly_quota: AssemblyQuotaTable;
  assembly_address: AssemblyAddressTable;
  assembly_invitation_draw: AssemblyInvitationDrawTable;
  assembly_volunteer: AssemblyVolunteerTable;
  assembly_selection: AssemblySelectionTable;
  assembly_member: AssemblyMemberTable;
  assembly_session: AssemblySessionTable;
  assembly_document: AssemblyDocumentTable;
  assembly_recommendation: AssemblyRecommendationTable;
  assembly_recommendation_vote: AssemblyRecommendationVoteTable;
}

export const assembliesTables = [
  'assembly',
  'assembly_place',
  'assembly_quota',
  'assembly_address',
  'assembly_invitation_draw',
  'assembly_volunteer',
  'assembly_selection',
  'assembly_member',
  'assembly_session',
  'assembly_document',
  'assembly_recommendation',
  'assembly_recommendation_vote',
] as const satisfies ReadonlyArray<keyof AssembliesTables>;

declare module '../../platform/schema.js' {
  interface Database extends AssembliesTables {}
}
