// A story written straight into the tables as published, with its two versions (the author's
// original and the published, redacted text), for the demo and the tests, which need stories
// without walking each one through moderation. The story's own fields are the caller's.
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../platform/schema.js';
import type { StoryTable } from './schema.js';

/** The published story's row; `original` is the author's text where it differs from the published one. */
export async function insertStoryAsPublished(
  trx: Kysely<Database>,
  story: Insertable<StoryTable> & { title: string; what_happened: string },
  original: { accountId: number | null; whatHappened?: string },
): Promise<number> {
  const row = await trx.insertInto('story').values(story).returning('id').executeTakeFirstOrThrow();
  const text = { title: story.title, what_could_be_better: story.what_could_be_better ?? null };
  await trx
    .insertInto('story_version')
    .values([
      { story_id: row.id, kind: 'original', ...text, what_happened: original.whatHappened ?? story.what_happened, account_id: original.accountId },
      { story_id: row.id, kind: 'redacted', ...text, what_happened: story.what_happened, account_id: null },
    ])
    .execute();
  return row.id;
}
