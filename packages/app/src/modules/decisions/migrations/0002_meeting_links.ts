// A decision can name the public meeting it was taken at (recorded on an agenda item by the
// meetings module): a link of kind 'meeting'.
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table decision_link drop constraint decision_link_kind_check;
    alter table decision_link add constraint decision_link_kind_check
      check (kind in ('consultation', 'story_theme', 'change', 'budget', 'assembly', 'web', 'meeting'));
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    delete from decision_link where kind = 'meeting';
    alter table decision_link drop constraint decision_link_kind_check;
    alter table decision_link add constraint decision_link_kind_check
      check (kind in ('consultation', 'story_theme', 'change', 'budget', 'assembly', 'web'));
    `,
  );
}
