// Tables of the accounts module: people, their sessions, one-time email links, sign-in attempts,
// API tokens and the roles they hold.
import type { ColumnType, Generated } from 'kysely';
import type { OrganisationRole } from './policy.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AccountTable {
  id: Generated<number>;
  email: string;
  password_hash: string;
  name: string;
  display_name: string;
  email_verified_at: NullableTimestamp;
  created_at: CreatedAt;
  /** "About you": private, used only in aggregate. JSON of AboutYou. */
  about_you: ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, string | Record<string, unknown>>;
  /** Accessible Information Standard needs. JSON of CommunicationNeeds. */
  communication_needs: ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, string | Record<string, unknown>>;
  /** When the person closed it: the row stays, emptied, for the records that point at it. */
  closed_at: NullableTimestamp;
}

export interface SessionTable {
  /** sha256 of the cookie value: a stolen database does not give live sessions. */
  id_hash: string;
  account_id: number;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface EmailTokenTable {
  token_hash: string;
  account_id: number;
  purpose: 'verify' | 'reset' | 'change_email';
  /** For 'change_email': the address that becomes the account's when the link is followed. */
  new_email: ColumnType<string | null, string | null | undefined, never>;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface SignInAttemptTable {
  id: Generated<number>;
  at: CreatedAt;
  email: string;
  address: string;
  succeeded: boolean;
}

export interface ApiTokenTable {
  id: Generated<number>;
  account_id: number;
  label: string;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

// The roles are the permission gate's vocabulary, so the platform defines them.
export { type OrganisationRole, organisationRoles } from './policy.js';

export interface RoleGrantTable {
  id: Generated<number>;
  account_id: number;
  /** 'platform_admin' or 'platform_moderator' with a null organisation, or an organisation role. */
  role: 'platform_admin' | 'platform_moderator' | OrganisationRole;
  organisation_id: number | null;
  created_at: CreatedAt;
}

/** The accounts module's tables, as Kysely sees them. */
export interface AccountsTables {
  account: AccountTable;
  session: SessionTable;
  email_token: EmailTokenTable;
  sign_in_attempt: SignInAttemptTable;
  api_token: ApiTokenTable;
  role_grant: RoleGrantTable;
}

/** Their names, for the manifest (the boundary test checks that only this module queries them). */
export const accountsTables = ['account', 'session', 'email_token', 'sign_in_attempt', 'api_token', 'role_grant'] as const satisfies ReadonlyArray<
  keyof AccountsTables
>;

declare module '../../platform/schema.js' {
  interface Database extends AccountsTables {}
}
