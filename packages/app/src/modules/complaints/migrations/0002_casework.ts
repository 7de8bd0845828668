// The complaints team's case work: an investigator, how the complainant wants to be contacted
// (and the phone number or postal address that needs), private case notes, a log of calls,
// meetings and letters, and attachments (kept in the database, or in a folder when one is set:
// then `content` is null and `stored_name` names the file there).
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table complaint add column investigator_account_id integer references account (id);
    alter table complaint add column contact_preference text check (contact_preference in ('email', 'phone', 'letter'));
    alter table complaint add column contact_phone text;
    alter table complaint add column postal_address text;
    create index complaint_investigator on complaint (investigator_account_id);

    create table complaint_note (
      id integer generated always as identity primary key,
      complaint_id integer not null references complaint (id) on delete cascade,
      account_id integer references account (id),
      author_name text not null,
      body text not null check (length(body) between 1 and 5000),
      created_at timestamptz not null default now()
    );
    create index complaint_note_complaint on complaint_note (complaint_id, id);

    create table complaint_contact (
      id integer generated always as identity primary key,
      complaint_id integer not null references complaint (id) on delete cascade,
      kind text not null check (kind in ('call', 'meeting', 'letter', 'email')),
      happened_on date not null,
      with_whom text not null,
      summary text not null check (length(summary) between 1 and 5000),
      account_id integer references account (id),
      author_name text not null,
      created_at timestamptz not null default now()
    );
    create index complaint_contact_complaint on complaint_contact (complaint_id, id);

    create table complaint_attachment (
      id integer generated always as identity primary key,
      complaint_id integer not null references complaint (id) on delete cascade,
      file_name text not null,
      content_type text not null,
      size_bytes integer not null,
      content bytea,
      stored_name text,
      account_id integer references account (id),
      uploader_name text not null,
      created_at timestamptz not null default now(),
      check ((content is null) <> (stored_name is null))
    );
    create index complaint_attachment_complaint on complaint_attachment (complaint_id, id);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    drop table complaint_attachment;
    drop table complaint_contact;
    drop table complaint_note;
    drop index complaint_investigator;
    alter table complaint drop column postal_address;
    alter table complaint drop column contact_phone;
    alter table complaint drop column contact_preference;
    alter table complaint drop column investigator_account_id;
    `,
  );
}
