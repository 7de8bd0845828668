// Work shared by several app instances on one database is claimed before it is done: an outbox row
// is claimed by one mail sender for a while (claimed_until, by claimed_by) so no other instance
// sends it too, and a repeating job runs only under its named lease (job_lease), one instance at a
// time. A claim or lease that is not renewed expires, so work a crashed instance held is picked up.
import type { Kysely } from 'kysely';
import { executeScript } from '../sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table mail_outbox add column claimed_by text;
    alter table mail_outbox add column claimed_until timestamptz;
    create table job_lease (
      name text primary key,
      holder text not null,
      until timestamptz not null
    );
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'drop table job_lease; alter table mail_outbox drop column claimed_until; alter table mail_outbox drop column claimed_by;');
}
