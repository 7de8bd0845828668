// Tables of the complaints module: formal complaints under the NHS complaints regulations, their
// timeline, letters, who viewed them, reminders sent, and each organisation's templates and holidays.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type DateText = ColumnType<string, string, string>;
type NullableDateText = ColumnType<string | null, string | null | undefined, string | null>;

export const complaintStatuses = ['received', 'acknowledged', 'under_investigation', 'response_sent', 'closed', 'referred_to_ombudsman'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

export const complaintOutcomes = ['upheld', 'partly_upheld', 'not_upheld'] as const;
export type ComplaintOutcome = (typeof complaintOutcomes)[number];

/** The subject areas of the national written complaints return (KO41a), in its order. */
export const complaintSubjects = [
  'access_to_treatment',
  'admissions_and_discharge',
  'appointments',
  'clinical_treatment',
  'commissioning',
  'communication',
  'consent',
  'end_of_life_care',
  'facilities',
  'integrated_care',
  'mental_health_act',
  'patient_care',
  'prescribing',
  'privacy_dignity_wellbeing',
  'restraint',
  'staff_numbers',
  'transport',
  'admin_policies',
  'values_and_behaviours',
  'waiting_times',
  'other',
] as const;
export type ComplaintSubject = (typeof complaintSubjects)[number];

/** Why someone may complain for another person: they agreed, or consent is not needed. */
export const consentBases = ['given', 'child', 'lacks_capacity', 'died'] as const;
export type ConsentBasis = (typeof consentBases)[number];

export const letterKinds = ['acknowledgement', 'final_response', 'delay'] as const;
export type LetterKind = (typeof letterKinds)[number];

export const reminderKinds = ['acknowledgement_due', 'acknowledgement_missed', 'response_due', 'response_missed', 'six_months'] as const;
export type ReminderKind = (typeof reminderKinds)[number];

export const complaintEventKinds = [
  'received',
  'acknowledged',
  'response_date_agreed',
  'extension_agreed',
  'investigation_started',
  'response_sent',
  'closed',
  'referred_to_ombudsman',
  'time_limit_decided',
  'subjects_recorded',
  'delay_letter_sent',
] as const;
export type ComplaintEventKind = (typeof complaintEventKinds)[number];

export const contactPreferences = ['email', 'phone', 'letter'] as const;
export type ContactPreference = (typeof contactPreferences)[number];

export const contactKinds = ['call', 'meeting', 'letter', 'email'] as const;
export type ContactKind = (typeof contactKinds)[number];

export const viewKinds = ['complaint_page', 'letter', 'api'] as const;
export type ViewKind = (typeof viewKinds)[number];

export interface ComplaintTable {
  id: Generated<number>;
  /** What people quote: random, so it says nothing about how many complaints there are. */
  reference: string;
  organisation_id: number;
  /** The account that made the complaint: the complainant, or their representative. */
  complainant_account_id: number;
  /** The name to use in letters, as the maker gave it. */
  complainant_name: string;
  on_behalf: boolean;
  /** The person the complaint is for, when made on someone's behalf. */
  person_name: string | null;
  consent_basis: ConsentBasis | null;
  consent_recorded_at: ColumnType<Date | null, Date | string | null | undefined, never>;
  what_happened: string;
  event_date: DateText;
  where_happened: string | null;
  people_involved: string | null;
  outcome_wanted: string | null;
  received_on: DateText;
  /** The event was more than 12 months before receipt. */
  late: boolean;
  /** The complaints manager's decision on the 12-month limit (null until made). */
  time_limit_waived: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  time_limit_reason: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<ComplaintStatus, ComplaintStatus | undefined, ComplaintStatus>;
  acknowledged_on: NullableDateText;
  /** The response date agreed with the complainant, as last extended. */
  response_due: NullableDateText;
  response_sent_on: NullableDateText;
  outcome: ColumnType<ComplaintOutcome | null, ComplaintOutcome | null | undefined, ComplaintOutcome | null>;
  closed_on: NullableDateText;
  ombudsman_referred_on: NullableDateText;
  /** The complaints manager investigating it (one of the organisation's complaints managers). */
  investigator_account_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** How the complainant wants to be contacted; null for complaints made before it was asked. */
  contact_preference: ColumnType<ContactPreference | null, ContactPreference | null | undefined, ContactPreference | null>;
  contact_phone: ColumnType<string | null, string | null | undefined, string | null>;
  postal_address: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ComplaintSubjectTable {
  complaint_id: number;
  subject: ComplaintSubject;
}

export interface ComplaintEventTable {
  id: Generated<number>;
  complaint_id: number;
  kind: ComplaintEventKind;
  at: CreatedAt;
  account_id: number | null;
  /** The date the event is about (an agreed response date, a referral date). */
  on_date: NullableDateText;
  note: string | null;
}

export interface ComplaintLetterTable {
  id: Generated<number>;
  complaint_id: number;
  kind: LetterKind;
  /** The letter exactly as sent, the Ombudsman paragraph included. */
  body: string;
  sent_on: DateText;
  account_id: number | null;
  created_at: CreatedAt;
}

export interface ComplaintLetterTemplateTable {
  organisation_id: number;
  kind: LetterKind;
  body: string;
  account_id: number | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ComplaintExtraHolidayTable {
  organisation_id: number;
  holiday: DateText;
  name: string;
  account_id: number | null;
  created_at: CreatedAt;
}

export interface ComplaintViewTable {
  id: Generated<number>;
  complaint_id: number;
  account_id: number;
  /** Who looked, as they were named then, and in which capacity. */
  viewer_name: string;
  viewer_role: 'complainant' | 'complaints_manager';
  what: ViewKind;
  letter_id: number | null;
  at: CreatedAt;
}

export interface ComplaintReminderTable {
  complaint_id: number;
  kind: ReminderKind;
  /** The deadline the reminder is about: a new agreed date gets its own reminders. */
  due_on: DateText;
  sent_at: CreatedAt;
}

/** A case note: private to the complaints team, never shown to the complainant. */
export interface ComplaintNoteTable {
  id: Generated<number>;
  complaint_id: number;
  account_id: number | null;
  author_name: string;
  body: string;
  created_at: CreatedAt;
}

/** A call, meeting, letter or email with the complainant or others about the complaint. */
export interface ComplaintContactTable {
  id: Generated<number>;
  complaint_id: number;
  kind: ContactKind;
  happened_on: DateText;
  with_whom: string;
  summary: string;
  account_id: number | null;
  author_name: string;
  created_at: CreatedAt;
}

/** A document kept with the case: its bytes here, or in the attachments folder under stored_name. */
export interface ComplaintAttachmentTable {
  id: Generated<number>;
  complaint_id: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  content: Buffer | null;
  stored_name: string | null;
  account_id: number | null;
  uploader_name: string;
  created_at: CreatedAt;
}

/** The complaints module's tables, as Kysely sees them. */
export interface ComplaintsTables {
  complaint: ComplaintTable;
  complaint_subject: ComplaintSubjectTable;
  complaint_event: ComplaintEventTable;
  complaint_letter: ComplaintLetterTable;
  complaint_letter_template: ComplaintLetterTemplateTable;
  complaint_extra_holiday: ComplaintExtraHolidayTable;
  complaint_view: ComplaintViewTable;
  complaint_reminder: ComplaintReminderTable;
  complaint_note: ComplaintNoteTable;
  complaint_contact: ComplaintContactTable;
  complaint_attachment: ComplaintAttachmentTable;
}

/** Their names, for the manifest (the boundary test checks that only this module queries them). */
export const complaintsTables = [
  'complaint',
  'complaint_subject',
  'complaint_event',
  'complaint_letter',
  'complaint_letter_template',
  'complaint_extra_holiday',
  'complaint_view',
  'complaint_reminder',
  'complaint_note',
  'complaint_contact',
  'complaint_attachment',
] as const satisfies ReadonlyArray<keyof ComplaintsTables>;

declare module '../../platform/schema.js' {
  interface Database extends ComplaintsTables {}
}
