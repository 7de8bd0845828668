// What anonymous readers' pages were built from, as a version the cached pages are checked against
// (pageCache.ts). A write to any table a public page can show bumps it in the write's own
// transaction (a statement trigger, installed on every such table after migrations), so a page
// cached before the write is never served after it commits, on any app instance.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table content_version (key text primary key, version bigint not null default 0)`.execute(db);
  await sql`insert into content_version (key, version) values ('all', 0)`.execute(db);
  // Statement-level: a bulk load bumps it once. The row lock it takes orders the bumps as the
  // writes commit, which a sequence (not transactional) could not.
  await sql
    .raw(`create function involve_content_changed() returns trigger language plpgsql as $$
begin
  update content_version set version = version + 1 where key = 'all';
  return null;
end
$$`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function involve_content_changed() cascade`.execute(db);
  await sql`drop table content_version`.execute(db);
}
