// A role in an organisation goes when the organisation does (the registry table is created after
// the accounts tables, hence a later migration).
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    delete from role_grant where organisation_id is not null and organisation_id not in (select id from organisation);
    alter table role_grant add constraint role_grant_organisation foreign key (organisation_id) references organisation (id) on delete cascade;
  `,
  );
}
