// An organisation's published stories by date, with their ids in the index itself, so its figures
// and lists read the index alone (an index-only scan) instead of fetching each wide story row: the
// figures of a trust with 52,000 stories in a year read them in 35 ms instead of 2 s (bench:pages).
// It replaces the index of the same columns without the ids.
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create index story_organisation_published_ids on story (organisation_id, published_at desc) include (id) where status = 'published';
    drop index story_organisation_published;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create index story_organisation_published on story (organisation_id, published_at desc) where status = 'published';
    drop index story_organisation_published_ids;
    `,
  );
}
