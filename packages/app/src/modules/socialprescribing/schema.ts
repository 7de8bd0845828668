// Tables of social prescribing: a referral of a person to the link workers of an organisation that
// runs a social prescribing service, and the person's record that grows from it: "what matters to
// me" conversations and the plan, connections to services in the community directory, follow-ups
// on dates, and ONS4 personal wellbeing scores (0–10) at the start and at follow-ups.
//
// The record belongs to the person. It names them by account where they have one; a person referred
// by their GP without an account is named by their email, and the record joins their account when
// they sign in with that address (referral.person_account_id is then set). Directory services are
// named by their Open Referral id, with their name and first category kept as they were when the
// connection was made (the directory may change or remove a service; the record must still read).
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateText = ColumnType<string, string, string>;

/** Who made the referral: a GP practice (or other health service), a link worker, or the person themself. */
export const referralSources = ['gp_practice', 'health_service', 'community_group', 'link_worker', 'self'] as const;
export type ReferralSource = (typeof referralSources)[number];

/**
 * received: waiting for first contact; contacted: first contact made; active: the "what matters to me"
 * conversation held and a plan agreed, connections being made; following_up: connected, follow-ups on
 * dates; closed: closed with a reason.
 */
export const referralStates = ['received', 'contacted', 'active', 'following_up', 'closed'] as const;
export type ReferralState = (typeof referralStates)[number];

export const closeReasons = ['goals_met', 'connected_and_settled', 'declined', 'no_contact', 'moved_away', 'referred_elsewhere', 'other'] as const;
export type CloseReason = (typeof closeReasons)[number];

export const conversationModes = ['in_person', 'phone', 'video', 'home_visit'] as const;
export type ConversationMode = (typeof conversationModes)[number];

/** suggested: agreed to try; attending: going; stopped: tried and stopped; not_started: did not go. */
export const connectionStatuses = ['suggested', 'attending', 'stopped', 'not_started'] as const;
export type ConnectionStatus = (typeof connectionStatuses)[number];

/** When scores were taken: at the start (first conversation), at a follow-up, or at closing. */
export const wellbeingMoments = ['start', 'follow_up', 'closing'] as const;
export type WellbeingMoment = (typeof wellbeingMoments)[number];

export interface ReferralTable {
  id: Generated<number>;
  /** The organisation whose link workers hold the caseload (runs the social prescribing service). */
  organisation_id: number;
  source: ReferralSource;
  /** The referring organisation (a GP practice) when the source is one. */
  referrer_organisation_id: number | null;
  /** Who made the referral (the person themself for a self-referral). */
  referrer_account_id: number | null;
  /** The person, once they have an account linked to this record. */
  person_account_id: number | null;
  person_name: string;
  /** How the link worker contacts the person; the address that links the record to their account. */
  person_email: string | null;
  person_phone: string | null;
  /** Why they were referred and what they would like help with, in the referrer's or their own words. */
  reason: string;
  /** The person agrees that a group they are connected to may see that a referral was made. */
  share_with_groups: boolean;
  /** The link worker whose caseload holds it (null: waiting to be taken on). */
  link_worker_account_id: number | null;
  state: ReferralState;
  first_contact_at: NullableTimestamp;
  /** The plan agreed with the person (their words first). */
  plan: ColumnType<string, string | undefined, string>;
  plan_updated_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  close_reason: CloseReason | null;
  close_note: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A "what matters to me" conversation between the link worker and the person. */
export interface ReferralConversationTable {
  id: Generated<number>;
  referral_id: number;
  held_on: DateText;
  mode: ConversationMode;
  what_matters: string;
  notes: ColumnType<string, string | undefined, string>;
  author_account_id: number;
  created_at: CreatedAt;
}

/** A connection of the person to a service in the community directory. */
export interface ReferralConnectionTable {
  id: Generated<number>;
  referral_id: number;
  /** The directory service's Open Referral id (uuid). */
  service_id: string;
  service_name: string;
  /** The service's organisation in the registry (the group that may see that a referral was made). */
  service_organisation_id: number;
  /** The service's first category when connected ('' when it had none). */
  category: string;
  status: ConnectionStatus;
  note: ColumnType<string, string | undefined, string>;
  connected_on: DateText;
  author_account_id: number;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A follow-up due on a date, done when its notes are recorded. */
export interface ReferralFollowUpTable {
  id: Generated<number>;
  referral_id: number;
  due_on: DateText;
  done_at: NullableTimestamp;
  notes: ColumnType<string, string | undefined, string>;
  author_account_id: number | null;
  /** Set by the reminder job when it claims the follow-up (each reminder sent once). */
  reminder_sent_at: NullableTimestamp;
  created_at: CreatedAt;
}

/**
 * ONS4 personal wellbeing, each 0–10: life satisfaction, things done are worthwhile, happiness
 * yesterday (higher is better), anxiety yesterday (lower is better).
 */
export interface ReferralWellbeingTable {
  id: Generated<number>;
  referral_id: number;
  taken_on: DateText;
  moment: WellbeingMoment;
  follow_up_id: number | null;
  life_satisfaction: number;
  worthwhile: number;
  happiness: number;
  anxiety: number;
  author_account_id: number | null;
  created_at: CreatedAt;
}

export interface SocialPrescribingTables {
  referral: ReferralTable;
  referral_conversation: ReferralConversationTable;
  referral_connection: ReferralConnectionTable;
  referral_follow_up: ReferralFollowUpTable;
  referral_wellbeing: ReferralWellbeingTable;
}

export const socialPrescribingTables = [
  'referral',
  'referral_conversation',
  'referral_connection',
  'referral_follow_up',
  'referral_wellbeing',
] as const satisfies ReadonlyArray<keyof SocialPrescribingTables>;

declare module '../../platform/schema.js' {
  interface Database extends SocialPrescribingTables {}
}
