// Tables of the feedback module: stories and their versions, themes, the public thread of
// responses (with the changes they record), readers' reports, the moderation log, responders'
// alert subscriptions, and Friends and Family Test answers. See migrations/0001_feedback.ts.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateText = ColumnType<string, string, string>;
/** tsvector: written by the database, never read by the app. */
type GeneratedSearch = ColumnType<unknown, never, never>;

export const storyStatuses = ['awaiting_moderation', 'published', 'rejected'] as const;
export type StoryStatus = (typeof storyStatuses)[number];

export const authorRoles = ['patient', 'carer', 'staff_for_patient'] as const;
export type AuthorRole = (typeof authorRoles)[number];

export const themePolarities = ['good', 'could_be_better'] as const;
export type ThemePolarity = (typeof themePolarities)[number];

export const changeStatuses = ['planned', 'made'] as const;
export type ChangeStatus = (typeof changeStatuses)[number];

/** The Friends and Family Test answers, best first. */
export const fftAnswers = ['very_good', 'good', 'neither', 'poor', 'very_poor', 'dont_know'] as const;
export type FftAnswer = (typeof fftAnswers)[number];

/** The fields of a story's text, as the author wrote them and as published. */
export const storyTextFields = ['title', 'what_happened', 'what_was_good', 'what_could_be_better', 'how_felt'] as const;
export type StoryTextField = (typeof storyTextFields)[number];

/** Stories longer than this (all text fields together) are refused. */
export const storyWordLimit = 1000;

export interface FeedbackThemeTable {
  id: Generated<number>;
  name: string;
  polarity: ThemePolarity;
  description: string | null;
  retired: Generated<boolean>;
  created_at: CreatedAt;
}

export interface StoryTable {
  id: Generated<number>;
  reference: string;
  organisation_id: number;
  service: string | null;
  /** Null for a story entered for someone whose email address has no account (nobody follows it). */
  author_account_id: number | null;
  entered_by_account_id: number | null;
  consent_recorded_at: NullableTimestamp;
  author_role: AuthorRole;
  display_name: string;
  /** First day of the month it happened, 'YYYY-MM-01'. */
  happened_month: DateText;
  status: Generated<StoryStatus>;
  /** Staff and moderators only: never in a public page, feed, export or API answer. */
  criticality: number | null;
  rejection_reason: string | null;
  /** The published (redacted) text; null until published. */
  title: string | null;
  what_happened: string | null;
  what_was_good: string | null;
  what_could_be_better: string | null;
  how_felt: string | null;
  submitted_at: CreatedAt;
  moderated_at: NullableTimestamp;
  moderated_by_account_id: number | null;
  published_at: NullableTimestamp;
  reported_at: NullableTimestamp;
  search_vector: GeneratedSearch;
}

export interface StoryVersionTable {
  id: Generated<number>;
  story_id: number;
  kind: 'original' | 'redacted';
  title: string;
  what_happened: string;
  what_was_good: string | null;
  what_could_be_better: string | null;
  how_felt: string | null;
  account_id: number | null;
  created_at: CreatedAt;
}

export interface StoryThemeTable {
  story_id: number;
  theme_id: number;
}

export interface StoryResponseTable {
  id: Generated<number>;
  story_id: number;
  account_id: number;
  from_kind: 'organisation' | 'author';
  organisation_id: number | null;
  signed_name: string;
  signed_role: string | null;
  body: string;
  change_status: ChangeStatus | null;
  change_description: string | null;
  change_updated_at: NullableTimestamp;
  hidden_at: NullableTimestamp;
  hidden_reason: string | null;
  reported_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface StoryReportTable {
  id: Generated<number>;
  story_id: number;
  response_id: number | null;
  reporter_account_id: number | null;
  reporter_address: string | null;
  reason: string;
  created_at: CreatedAt;
  resolved_at: NullableTimestamp;
  resolved_by_account_id: number | null;
  resolution: string | null;
}

export interface StoryEventTable {
  id: Generated<number>;
  story_id: number;
  kind: string;
  account_id: number | null;
  note: string | null;
  at: CreatedAt;
}

export interface StoryAlertSubscriptionTable {
  id: Generated<number>;
  account_id: number;
  organisation_id: number;
  services: ColumnType<string[], string[] | undefined, string[]>;
  theme_ids: ColumnType<number[], number[] | undefined, number[]>;
  min_criticality: Generated<number>;
  frequency: Generated<'immediate' | 'daily'>;
  last_digest_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface StoryAlertSentTable {
  subscription_id: number;
  story_id: number;
  sent_at: CreatedAt;
}

export interface FftAnswerTable {
  id: Generated<number>;
  organisation_id: number;
  service: string | null;
  answer: FftAnswer;
  free_text: string | null;
  answered_on: DateText;
  source: 'form' | 'upload';
  upload_id: number | null;
  created_at: CreatedAt;
}

export interface FftUploadTable {
  id: Generated<number>;
  organisation_id: number;
  account_id: number;
  file_name: string;
  rows: number;
  created_at: CreatedAt;
}

/** Answers per organisation, month and answer, kept by triggers on fft_answer (never written here). */
export interface FftMonthCountTable {
  organisation_id: number;
  /** The first day of the month. */
  month: DateText;
  answer: FftAnswer;
  answers: number;
}

/** A story saved as a draft: the form as far as its author got, every field optional. Never a story. */
export interface StoryDraftTable {
  id: Generated<number>;
  account_id: number;
  organisation_id: number | null;
  service: string | null;
  title: string | null;
  what_happened: string | null;
  what_was_good: string | null;
  what_could_be_better: string | null;
  how_felt: string | null;
  /** 'YYYY-MM' as chosen, unchecked. */
  happened_month: string | null;
  author_role: string | null;
  display_name: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** The feedback module's tables, as Kysely sees them. */
export interface FeedbackTables {
  feedback_theme: FeedbackThemeTable;
  story: StoryTable;
  story_version: StoryVersionTable;
  story_theme: StoryThemeTable;
  story_response: StoryResponseTable;
  story_report: StoryReportTable;
  story_event: StoryEventTable;
  story_alert_subscription: StoryAlertSubscriptionTable;
  story_alert_sent: StoryAlertSentTable;
  fft_answer: FftAnswerTable;
  fft_upload: FftUploadTable;
  fft_month_count: FftMonthCountTable;
  story_draft: StoryDraftTable;
}

/** Their names, for the manifest (the boundary test checks that only this module queries them). */
export const feedbackTables = [
  'feedback_theme',
  'story',
  'story_version',
  'story_theme',
  'story_response',
  'story_report',
  'story_event',
  'story_alert_subscription',
  'story_alert_sent',
  'fft_answer',
  'fft_upload',
  'fft_month_count',
  'story_draft',
] as const satisfies ReadonlyArray<keyof FeedbackTables>;

declare module '../../platform/schema.js' {
  interface Database extends FeedbackTables {}
}
