// Tables of the meetings module: public meetings of a body (board, committee, patient group), their
// agenda items and papers, the public's questions, registrations to attend, and per item the
// minutes and the decision recorded in the accountability trail.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const meetingStatuses = ['scheduled', 'cancelled', 'held'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const itemPurposes = ['decision', 'discussion', 'information'] as const;
export type ItemPurpose = (typeof itemPurposes)[number];

/** The public part is held in front of the public; the private part (confidential business) is not. */
export const itemParts = ['public', 'private'] as const;
export type ItemPart = (typeof itemParts)[number];

export const questionStatuses = ['submitted', 'accepted', 'declined'] as const;
export type QuestionStatus = (typeof questionStatuses)[number];

export const attendanceModes = ['in_person', 'online'] as const;
export type AttendanceMode = (typeof attendanceModes)[number];

export interface MeetingTable {
  id: Generated<number>;
  body_id: number;
  /** The body's organisation, kept here so the gate and the lists need no join into the registry. */
  organisation_id: number;
  title: string;
  summary: ColumnType<string, string | undefined, string>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  venue: string | null;
  online_url: string | null;
  access_arrangements: ColumnType<string, string | undefined, string>;
  status: ColumnType<MeetingStatus, MeetingStatus | undefined, MeetingStatus>;
  /** Questions close this many working days before the meeting (0: when it starts). */
  question_working_days: number;
  question_deadline: Timestamp;
  /** Places in the room (null: no limit); online attendance has none. */
  capacity: number | null;
  places_taken: ColumnType<number, number | undefined, number>;
  /** When papers were first published (each paper has its own publication too). */
  papers_published_at: NullableTimestamp;
  /** Goes up with every change, so calendars that hold the meeting take the new version. */
  sequence: ColumnType<number, number | undefined, number>;
  created_by_account_id: number;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MeetingItemTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  title: string;
  presenter: ColumnType<string, string | undefined, string>;
  purpose: ItemPurpose;
  part: ItemPart;
  minutes: ColumnType<string, string | undefined, string>;
  /** The decision recorded on this item in the accountability trail. */
  decision_id: number | null;
}

export interface MeetingPaperTable {
  id: Generated<number>;
  meeting_id: number;
  item_id: number;
  title: string;
  file_name: string;
  content_type: string;
  content: Buffer;
  size_bytes: number;
  /** Papers are hidden from the public until staff publish them (those of the private part always). */
  published_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface MeetingQuestionTable {
  id: Generated<number>;
  meeting_id: number;
  name: string;
  email: string;
  account_id: number | null;
  question: string;
  status: ColumnType<QuestionStatus, QuestionStatus | undefined, QuestionStatus>;
  decline_reason: string | null;
  answer: string | null;
  answered_at: NullableTimestamp;
  moderated_by_account_id: number | null;
  created_at: CreatedAt;
}

export interface MeetingRegistrationTable {
  id: Generated<number>;
  meeting_id: number;
  name: string;
  email: string;
  account_id: number | null;
  attendance: AttendanceMode;
  access_needs: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
}

/** The meetings module's tables, as Kysely sees them. */
export interface MeetingsTables {
  meeting: MeetingTable;
  meeting_item: MeetingItemTable;
  meeting_paper: MeetingPaperTable;
  meeting_question: MeetingQuestionTable;
  meeting_registration: MeetingRegistrationTable;
}

/** Their names, for the manifest (the boundary test checks that only this module queries them). */
export const meetingsTables = ['meeting', 'meeting_item', 'meeting_paper', 'meeting_question', 'meeting_registration'] as const satisfies ReadonlyArray<
  keyof MeetingsTables
>;

declare module '../../platform/schema.js' {
  interface Database extends MeetingsTables {}
}
