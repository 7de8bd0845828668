// A body deleted from the registry takes its meetings with it (as it takes its members), instead of
// the deletion failing on the meetings that name it.
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table meeting drop constraint meeting_body_id_fkey;
    alter table meeting add constraint meeting_body_id_fkey foreign key (body_id) references body (id) on delete cascade;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table meeting drop constraint meeting_body_id_fkey;
    alter table meeting add constraint meeting_body_id_fkey foreign key (body_id) references body (id);
    `,
  );
}
