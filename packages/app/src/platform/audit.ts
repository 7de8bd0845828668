// The audit log: who did what to which record, and when. Details hold ids and field names only,
// never the values of personal data.
import type { Kysely } from 'kysely';
import type { Actor } from './permissions.js';
import type { Database } from './schema.js';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  detail?: Record<string, unknown>;
}

export async function recordAudit(db: Kysely<Database>, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      account_id: actor?.accountId ?? null,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId === undefined || entry.subjectId === null ? null : String(entry.subjectId),
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
