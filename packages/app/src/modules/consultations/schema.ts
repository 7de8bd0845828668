// Tables of the consultations module: consultations, their partners, places, documents and
// questions; responses and answers; the code frame, coding and quotes; the published outcome.
import type { ColumnType, Generated } from 'kysely';
import type { AnswerValue, QuestionKind } from './questions.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

export const phases = ['draft', 'open', 'closed', 'analysing', 'outcome_published'] as const;
export type Phase = (typeof phases)[number];

export const documentVersions = ['standard', 'easy_read', 'large_print', 'other_language', 'audio', 'bsl'] as const;
export type DocumentVersion = (typeof documentVersions)[number];

export const channels = ['online', 'paper', 'phone', 'event'] as const;
export type Channel = (typeof channels)[number];

export interface ConsultationTable {
  id: Generated<number>;
  organisation_id: number;
  title: string;
  summary: string;
  proposal: ColumnType<string, string | undefined, string>;
  audience: ColumnType<string, string | undefined, string>;
  /** 'YYYY-MM-DD' */
  opens_on: string;
  closes_on: string;
  phase: ColumnType<Phase, Phase | undefined, Phase>;
  requires_account: ColumnType<boolean, boolean | undefined, boolean>;
  created_by_account_id: number;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ConsultationPartnerTable {
  consultation_id: number;
  organisation_id: number;
}

export interface ConsultationPlaceTable {
  consultation_id: number;
  place_id: number;
}

export interface ConsultationDocumentTable {
  id: Generated<number>;
  consultation_id: number;
  title: string;
  version: ColumnType<DocumentVersion, DocumentVersion | undefined, DocumentVersion>;
  file_name: string;
  content_type: string;
  content: Buffer;
  size_bytes: number;
  created_at: CreatedAt;
}

export interface ConsultationQuestionTable {
  id: Generated<number>;
  consultation_id: number;
  position: number;
  kind: QuestionKind;
  text: string;
  hint: string | null;
  required: ColumnType<boolean, boolean | undefined, boolean>;
  options: Json<string[]>;
  budget: number | null;
  about_you_key: string | null;
}

export interface ConsultationResponseTable {
  id: Generated<number>;
  consultation_id: number;
  account_id: number | null;
  reference: string;
  channel: ColumnType<Channel, Channel | undefined, Channel>;
  entered_by_account_id: number | null;
  status: ColumnType<'draft' | 'submitted', 'draft' | 'submitted' | undefined, 'draft' | 'submitted'>;
  notify_email: string | null;
  told_outcome_at: NullableTimestamp;
  created_at: CreatedAt;
  submitted_at: NullableTimestamp;
}

export interface ConsultationAnswerTable {
  response_id: number;
  question_id: number;
  value: Json<AnswerValue>;
}

export interface ConsultationCodeTable {
  id: Generated<number>;
  consultation_id: number;
  label: string;
  description: string | null;
}

export interface ConsultationCodingTable {
  response_id: number;
  question_id: number;
  code_id: number;
  coder_account_id: number;
  coded_at: CreatedAt;
}

export interface ConsultationQuoteTable {
  id: Generated<number>;
  consultation_id: number;
  response_id: number | null;
  question_id: number | null;
  code_id: number | null;
  text: string;
  chosen_by_account_id: number;
  created_at: CreatedAt;
}

export interface ConsultationOutcomeTable {
  consultation_id: number;
  we_asked: string;
  you_said: string;
  we_did: string;
  decision_reasons: ColumnType<string, string | undefined, string>;
  published_by_account_id: number;
  published_at: CreatedAt;
}

/** The consultations module's tables, as Kysely sees them. */
export interface ConsultationsTables {
  consultation: ConsultationTable;
  consultation_partner: ConsultationPartnerTable;
  consultation_place: ConsultationPlaceTable;
  consultation_document: ConsultationDocumentTable;
  consultation_question: ConsultationQuestionTable;
  consultation_response: ConsultationResponseTable;
  consultation_answer: ConsultationAnswerTable;
  consultation_code: ConsultationCodeTable;
  consultation_coding: ConsultationCodingTable;
  consultation_quote: ConsultationQuoteTable;
  consultation_outcome: ConsultationOutcomeTable;
}

/** Their names, for the manifest (the boundary test checks that only this module queries them). */
export const consultationsTables = [
  'consultation',
  'consultation_partner',
  'consultation_place',
  'consultation_document',
  'consultation_question',
  'consultation_response',
  'consultation_answer',
  'consultation_code',
  'consultation_coding',
  'consultation_quote',
  'consultation_outcome',
] as const satisfies ReadonlyArray<keyof ConsultationsTables>;

declare module '../../platform/schema.js' {
  interface Database extends ConsultationsTables {}
}
