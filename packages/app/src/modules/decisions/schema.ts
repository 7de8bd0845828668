// Tables of the decisions module (the accountability trail): decisions, what informed them, the
// actions that follow with their progress notes, and who follows each decision.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export const actionStatuses = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

export const linkKinds = ['consultation', 'story_theme', 'change', 'budget', 'assembly', 'web', 'meeting'] as const;
export type LinkKind = (typeof linkKinds)[number];

export interface DecisionTable {
  id: Generated<number>;
  organisation_id: number;
  title: string;
  decided: string;
  reasons: ColumnType<string, string | undefined, string>;
  body_id: number | null;
  /** The deciding body's name when it decided: kept should the body be deleted. */
  body_name: string | null;
  officer: string | null;
  /** 'YYYY-MM-DD' */
  decided_on: string;
  created_by_account_id: number;
  created_at: CreatedAt;
}

export interface DecisionLinkTable {
  id: Generated<number>;
  decision_id: number;
  kind: LinkKind;
  ref_id: number | null;
  url: string | null;
  label: string;
}

export interface DecisionActionTable {
  id: Generated<number>;
  decision_id: number;
  description: string;
  owner: string;
  due_on: string;
  status: ColumnType<ActionStatus, ActionStatus | undefined, ActionStatus>;
  dropped_reason: string | null;
  updated_at: Timestamp;
}

export interface DecisionActionNoteTable {
  id: Generated<number>;
  action_id: number;
  note: string;
  status: ActionStatus;
  account_id: number | null;
  noted_at: CreatedAt;
}

export interface DecisionFollowerTable {
  decision_id: number;
  account_id: number;
  followed_at: CreatedAt;
}

/** The decisions module's tables, as Kysely sees them. */
export interface DecisionsTables {
  decision: DecisionTable;
  decision_link: DecisionLinkTable;
  decision_action: DecisionActionTable;
  decision_action_note: DecisionActionNoteTable;
  decision_follower: DecisionFollowerTable;
}

/** Their names, for the manifest (the boundary test checks that only this module queries them). */
export const decisionsTables = ['decision', 'decision_link', 'decision_action', 'decision_action_note', 'decision_follower'] as const satisfies ReadonlyArray<
  keyof DecisionsTables
>;

declare module '../../platform/schema.js' {
  interface Database extends DecisionsTables {}
}
