// Tables of the following module: who follows which place, organisation or body (and what they want
// to hear about, how often), the events followers are told about, who each event went to, and the
// weekly digests sent (one per person per week: the row that makes a digest go exactly once).
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Topic = ColumnType<boolean, boolean | undefined, boolean>;

export const followKinds = ['place', 'organisation', 'body'] as const;
export type FollowKind = (typeof followKinds)[number];

export const followTopics = ['consultations', 'meetings', 'decisions'] as const;
export type FollowTopic = (typeof followTopics)[number];

export const followFrequencies = ['immediate', 'weekly'] as const;
export type FollowFrequency = (typeof followFrequencies)[number];

/** One person following one thing: exactly one of place_id, organisation_id and body_id is set. */
export interface FollowTable {
  id: Generated<number>;
  account_id: number;
  place_id: number | null;
  organisation_id: number | null;
  body_id: number | null;
  /** What they hear about (each false unless set; at least one is true). */
  consultations: Topic;
  meetings: Topic;
  decisions: Topic;
  frequency: FollowFrequency;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** Something followers were told about (a consultation opened, papers published, a decision made). */
export interface FollowEventTable {
  id: Generated<number>;
  topic: FollowTopic;
  subject: string;
  summary: string;
  /** A path of Involve, e.g. /consultations/12. */
  link: string;
  /** What the event was about, as the caller named it: [{ kind, id }] (JSON). */
  about: ColumnType<unknown, string, string>;
  created_at: CreatedAt;
}

/** Who an event went to, once per person however many of their follows it matched. */
export interface FollowDeliveryTable {
  event_id: number;
  account_id: number;
  frequency: FollowFrequency;
  /** The weekly digest that carried it; null while it waits for one (or when emailed at once). */
  digest_id: number | null;
}

export interface FollowDigestTable {
  id: Generated<number>;
  account_id: number;
  /** The Monday (England) of the week it was sent: unique per person, so each week's digest goes once. */
  week_of: ColumnType<string, string, string>;
  items: number;
  sent_at: CreatedAt;
}

/** The following module's tables, as Kysely sees them. */
export interface FollowingTables {
  follow: FollowTable;
  follow_event: FollowEventTable;
  follow_delivery: FollowDeliveryTable;
  follow_digest: FollowDigestTable;
}

/** Their names, for the manifest (the boundary test checks that only this module queries them). */
export const followingTables = ['follow', 'follow_event', 'follow_delivery', 'follow_digest'] as const satisfies ReadonlyArray<keyof FollowingTables>;

declare module '../../platform/schema.js' {
  interface Database extends FollowingTables {}
}
