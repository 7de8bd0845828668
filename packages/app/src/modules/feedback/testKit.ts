// Shared steps for the feedback tests: a published story written straight into the database (with
// its original version), so that tests of responses, figures and reading need not go through
// moderation. Used only by *.test.ts files and benchmarks.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/schema.js';
import { insertStoryAsPublished } from './publishedStory.js';
import type { AuthorRole } from './schema.js';

export interface PublishedStoryFixture {
  organisationId: number;
  authorAccountId: number;
  title?: string;
  whatHappened?: string;
  /** The author's original words, kept privately; defaults to the published text. */
  originalWhatHappened?: string;
  service?: string | null;
  authorRole?: AuthorRole;
  displayName?: string;
  happenedMonth?: string;
  criticality?: number;
  publishedAt?: Date;
  submittedAt?: Date;
  themeIds?: number[];
}

let storyCount = 0;

/** Insert a story as if submitted and published by a moderator; returns its id. */
export async function insertPublishedStory(db: Kysely<Database>, fixture: PublishedStoryFixture): Promise<number> {
  storyCount++;
  const publishedAt = fixture.publishedAt ?? new Date();
  const title = fixture.title ?? `A visit worth telling ${storyCount}`;
  const whatHappened = fixture.whatHappened ?? 'I waited a long time, but the nurse was kind and explained everything.';
  return db.transaction().execute(async (trx) => {
    const storyId = await insertStoryAsPublished(
      trx,
      {
        reference: `ST-T${Date.now().toString(36).toUpperCase()}${storyCount}`,
        organisation_id: fixture.organisationId,
        service: fixture.service ?? null,
        author_account_id: fixture.authorAccountId,
        entered_by_account_id: null,
        consent_recorded_at: null,
        author_role: fixture.authorRole ?? 'patient',
        display_name: fixture.displayName ?? 'A patient',
        happened_month: fixture.happenedMonth ?? `${publishedAt.toISOString().slice(0, 7)}-01`,
        status: 'published',
        criticality: fixture.criticality ?? 2,
        rejection_reason: null,
        title,
        what_happened: whatHappened,
        what_was_good: null,
        what_could_be_better: null,
        how_felt: null,
        submitted_at: fixture.submittedAt ?? publishedAt,
        moderated_at: publishedAt,
        published_at: publishedAt,
      },
      { accountId: fixture.authorAccountId, whatHappened: fixture.originalWhatHappened ?? whatHappened },
    );
    for (const themeId of fixture.themeIds ?? []) await trx.insertInto('story_theme').values({ story_id: storyId, theme_id: themeId }).execute();
    return storyId;
  });
}

/** The id of a starting theme by name and polarity. */
export async function themeId(db: Kysely<Database>, name: string, polarity: 'good' | 'could_be_better'): Promise<number> {
  const row = await db.selectFrom('feedback_theme').select('id').where('name', '=', name).where('polarity', '=', polarity).executeTakeFirstOrThrow();
  return row.id;
}

/** The form staff send to enter a story told on the phone for someone (without the consent box). */
export function onBehalfStoryForm(organisationId: number, personEmail: string): Record<string, string> {
  return {
    organisationId: String(organisationId),
    title: 'Told on the phone',
    whatHappened: 'The home visit came on time and the nurse was lovely.',
    happenedMonth: '2026-02',
    authorRole: 'patient',
    displayName: 'A patient',
    personEmail,
  };
}
