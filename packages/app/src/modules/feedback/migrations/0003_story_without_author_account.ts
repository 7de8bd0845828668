// A story a staff member or volunteer entered for someone who gave an email address with no
// Involve account belongs to no account: nobody follows it in an account, and the staff member who
// entered it is not its author (so the on-behalf form cannot be used to learn whether an address has
// an account: issue 12, defect 13). Every story still has an author account or an enterer.
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table story alter column author_account_id drop not null;
    alter table story add constraint story_author_or_enterer check (author_account_id is not null or entered_by_account_id is not null);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table story drop constraint story_author_or_enterer;
    alter table story alter column author_account_id set not null;
    `,
  );
}
