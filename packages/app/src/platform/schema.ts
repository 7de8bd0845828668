// The whole database as one Kysely type. Each module declares its own tables in its schema.ts;
// the platform's own tables (audit, mail outbox) are here. A module reads and writes only its own
// tables; others go through that module's service.
import type { ColumnType, Generated } from 'kysely';
import type { AccountTable, ApiTokenTable, EmailTokenTable, RoleGrantTable, SessionTable, SignInAttemptTable } from '../modules/accounts/schema.js';
import type {
  ComplaintEventTable,
  ComplaintExtraHolidayTable,
  ComplaintLetterTable,
  ComplaintLetterTemplateTable,
  ComplaintReminderTable,
  ComplaintSubjectTable,
  ComplaintTable,
  ComplaintViewTable,
} from '../modules/complaints/schema.js';
import type {
  FeedbackThemeTable,
  FftAnswerTable,
  FftUploadTable,
  StoryAlertSentTable,
  StoryAlertSubscriptionTable,
  StoryEventTable,
  StoryReportTable,
  StoryResponseTable,
  StoryTable,
  StoryThemeTable,
  StoryVersionTable,
} from '../modules/feedback/schema.js';
import type {
  BodyMemberTable,
  BodyTable,
  OrganisationPlaceTable,
  OrganisationRelationTable,
  OrganisationTable,
  PlacePopulationTable,
  PlaceTable,
} from '../modules/registry/schema.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

// ---- platform: migrations bookkeeping is Kysely's own; these are audit and mail ----
export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  account_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  /** What changed, with no personal data: ids and field names, never values of "about you". */
  detail: ColumnType<Record<string, unknown>, string | Record<string, unknown>, never>;
}

export interface MailOutboxTable {
  id: Generated<number>;
  created_at: CreatedAt;
  to_address: string;
  subject: string;
  body_text: string;
  /** 'pending' until SMTP accepts it, then 'sent'; stays 'pending' between retries. */
  status: ColumnType<'pending' | 'sent', 'pending' | 'sent' | undefined, 'pending' | 'sent'>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  sent_at: NullableTimestamp;
}

export interface Database {
  audit_log: AuditLogTable;
  mail_outbox: MailOutboxTable;
  account: AccountTable;
  session: SessionTable;
  email_token: EmailTokenTable;
  sign_in_attempt: SignInAttemptTable;
  api_token: ApiTokenTable;
  role_grant: RoleGrantTable;
  place: PlaceTable;
  place_population: PlacePopulationTable;
  organisation: OrganisationTable;
  organisation_place: OrganisationPlaceTable;
  organisation_relation: OrganisationRelationTable;
  body: BodyTable;
  body_member: BodyMemberTable;
  complaint: ComplaintTable;
  complaint_subject: ComplaintSubjectTable;
  complaint_event: ComplaintEventTable;
  complaint_letter: ComplaintLetterTable;
  complaint_letter_template: ComplaintLetterTemplateTable;
  complaint_extra_holiday: ComplaintExtraHolidayTable;
  complaint_view: ComplaintViewTable;
  complaint_reminder: ComplaintReminderTable;
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
}
