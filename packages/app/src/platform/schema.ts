// The whole database as one Kysely type. The platform's own tables (audit, mail outbox, job leases)
// are here; each module adds its tables to this interface from its schema.ts by declaration merging
// (`declare module '../../platform/schema.js' { interface Database extends MyTables {} }`), so the
// platform never imports a module. A module reads and writes only its own tables (its manifest
// lists them, and the boundary test checks every query); others go through that module's service.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

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
  /** The mail sender that is sending it (one instance at a time), until claimed_until. */
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
  claimed_until: NullableTimestamp;
}

export interface RateLimitTable {
  key: string;
  hits: number;
  window_started_at: Date;
  blocked_until: Date | null;
}

/** Who runs a repeating job now (one instance at a time), and until when unless renewed. */
export interface JobLeaseTable {
  name: string;
  holder: string;
  until: Date;
}

export interface PlatformTables {
  audit_log: AuditLogTable;
  mail_outbox: MailOutboxTable;
  rate_limit: RateLimitTable;
  job_lease: JobLeaseTable;
}

/** The platform's tables, by name (the boundary test's list of what modules may not touch). */
export const platformTables: readonly string[] = ['audit_log', 'mail_outbox', 'rate_limit', 'job_lease'];

export interface Database extends PlatformTables {}
