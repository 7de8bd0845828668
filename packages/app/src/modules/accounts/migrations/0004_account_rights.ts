// A person's rights (issue 19): a closed account stays as a row with nothing of the person left in it
// (records others keep, such as complaints and published stories, still point at it), and a change
// of email address waits, in its one-time link, for the new address to be confirmed.
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table account add column closed_at timestamptz;
    alter table email_token add column new_email text check (length(new_email) <= 320);
    alter table email_token drop constraint email_token_purpose_check;
    alter table email_token add constraint email_token_purpose_check check (purpose in ('verify', 'reset', 'change_email'));
    alter table email_token add constraint email_token_new_email_for_change check ((purpose = 'change_email') = (new_email is not null));
  `,
  );
}
