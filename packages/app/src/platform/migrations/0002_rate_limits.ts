// Limits on how often something may be done (sign-in attempts, stories an hour, reports, FFT
// answers), counted in the database in one atomic statement, so they hold with simultaneous
// requests and across any number of app instances.
import type { Kysely } from 'kysely';
import { executeScript } from '../sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table rate_limit (
      key text primary key,
      hits integer not null,
      window_started_at timestamptz not null,
      blocked_until timestamptz
    );
    create index rate_limit_window on rate_limit (window_started_at);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'drop table rate_limit;');
}
