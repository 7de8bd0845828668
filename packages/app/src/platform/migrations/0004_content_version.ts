// What anonymous readers' pages were built from, as a version the cached pages are checked against
// (pageCache.ts). A write to any table a public page can show bumps it in the write's own
// transaction (a statement trigger, installed on every such table after migrations), so a page
// cached before the write is never served after it commits, on any app instance.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table content_version (key text primary key, version bigint not null default 0)`.execute(db);
  await sql`insert into content_version (key, version) values ('all', 0)`.execute(db);
  // Statement-level, so a bulk load bumps it once; counted only when the statement changed a row
  // (its transition table is not empty), so a job's UPDATE that matches nothing leaves pages kept.
  // The row lock the bump takes orders the bumps as the writes commit, which a sequence (not
  // transactional) could not.
  await sql
    .raw(`create function involve_content_changed() returns trigger language plpgsql as $$
declare
  changed boolean;
begin
  -- Each branch its own statement: a trigger sees only its own transition table.
  if tg_op = 'TRUNCATE' then
    changed := true;
  elsif tg_op = 'DELETE' then
    changed := exists (select from changed_rows_old);
  else
    changed := exists (select from changed_rows_new);
  end if;
  if changed then
    update content_version set version = version + 1 where key = 'all';
  end if;
  return null;
end
$$`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function involve_content_changed() cascade`.execute(db);
  await sql`drop table content_version`.execute(db);
}
