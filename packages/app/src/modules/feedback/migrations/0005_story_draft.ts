// Stories saved as drafts by signed-in people (issue 19): the form as far as they got, kept in a table
// of its own so no query over stories (the moderation queue, public pages, figures, exports) can ever
// see one. A draft is the person's alone; it goes when it is sent or when their account is closed.
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table story_draft (
      id integer generated always as identity primary key,
      account_id integer not null references account (id) on delete cascade,
      organisation_id integer references organisation (id) on delete set null,
      service text check (length(service) <= 1000),
      title text check (length(title) <= 1000),
      what_happened text check (length(what_happened) <= 20000),
      what_was_good text check (length(what_was_good) <= 20000),
      what_could_be_better text check (length(what_could_be_better) <= 20000),
      how_felt text check (length(how_felt) <= 20000),
      happened_month text check (length(happened_month) <= 20),
      author_role text check (length(author_role) <= 40),
      display_name text check (length(display_name) <= 1000),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index story_draft_account on story_draft (account_id, updated_at desc);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'drop table story_draft;');
}
