// The platform's own tables: the audit log and the mail outbox.
import type { Kysely } from 'kysely';
import { executeScript } from '../sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table audit_log (
      id integer generated always as identity primary key,
      at timestamptz not null default now(),
      account_id integer,
      action text not null,
      subject_type text not null,
      subject_id text,
      detail jsonb not null default '{}'
    );
    create index audit_log_subject on audit_log (subject_type, subject_id);

    create table mail_outbox (
      id integer generated always as identity primary key,
      created_at timestamptz not null default now(),
      to_address text not null,
      subject text not null,
      body_text text not null,
      status text not null default 'pending' check (status in ('pending', 'sent')),
      attempts integer not null default 0,
      last_error text,
      next_attempt_at timestamptz not null default now(),
      sent_at timestamptz
    );
    create index mail_outbox_pending on mail_outbox (next_attempt_at) where status = 'pending';
  `,
  );
}
