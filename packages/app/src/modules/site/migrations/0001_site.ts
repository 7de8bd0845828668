// The site's settings: the operator's name and contact details and the statements' extra paragraphs,
// by key. The lengths are checked by the service too; the database keeps them bounded whatever writes.
// updated_by names an account without a foreign key: the site module's migrations run first in
// each round, before the accounts module's 0001 makes the account table (the audit log keeps who, too).
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table site_setting (
      key text primary key check (key ~ '^[a-zA-Z]{1,60}$'),
      value text not null check (length(value) <= 5000),
      updated_at timestamptz not null default now(),
      updated_by integer
    );
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'drop table site_setting;');
}
