// Story search takes one of two paths (reading.ts): a rare word's matches are all read through the
// full-text index and the page cut from them; a common word's newest matches are found by walking the
// date index. Both must give the same order, pages and counts as plain newest-first listing.
import { expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { insertOrganisation } from '../accounts/testKit.js';
import { countLimit, listPublishedStories } from './reading.js';
import { insertPublishedStory } from './testKit.js';

describeWithTestDatabase('story search', (database) => {
  it('pages a rare word’s matches newest first, and counts a common word up to the limit', async () => {
    const { db } = database;
    const organisationId = await insertOrganisation(db, 'Search Surgery');
    const author = await db
      .insertInto('account')
      .values({ email: 'search-author@example.org', name: 'Search Author', display_name: 'Search Author', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const start = Date.UTC(2026, 0, 1);
    // 45 stories name the chiropodist; two share one published time, so the id breaks the tie.
    const rare: number[] = [];
    for (let i = 0; i < 45; i++) {
      const publishedAt = new Date(start + Math.min(i, 43) * 3_600_000);
      rare.push(
        await insertPublishedStory(db, { organisationId, authorAccountId: author.id, publishedAt, whatHappened: `The chiropodist saw me, visit ${i}.` }),
      );
    }
    const newestFirst = rare.map((id, i) => ({ id, at: Math.min(i, 43) })).sort((a, b) => b.at - a.at || b.id - a.id);

    const first = await listPublishedStories(db, { q: 'chiropodist', page: 1, pageSize: 20 });
    expect(first).toMatchObject({ total: 45, totalCapped: false, page: 1, pages: 3 });
    expect(first.items.map((s) => s.id)).toEqual(newestFirst.slice(0, 20).map((s) => s.id));
    const last = await listPublishedStories(db, { q: 'chiropodist', page: 3, pageSize: 20 });
    expect(last.items.map((s) => s.id)).toEqual(newestFirst.slice(40).map((s) => s.id));
    // The same words in another organisation's filter, and words nobody wrote, find nothing.
    const elsewhere = await insertOrganisation(db, 'Elsewhere Surgery');
    expect(await listPublishedStories(db, { q: 'chiropodist', organisationId: elsewhere, page: 1 })).toMatchObject({ items: [], total: 0 });
    expect(await listPublishedStories(db, { q: 'podiatrist', page: 1 })).toMatchObject({ items: [], total: 0, pages: 1 });

    // A common word: more matches than the count limit, in one insert for speed.
    const many = Array.from({ length: countLimit + 5 }, (_, i) => i);
    await db
      .insertInto('story')
      .values(
        many.map((i) => ({
          reference: `ST-SEARCH${i}`,
          organisation_id: organisationId,
          author_account_id: author.id,
          author_role: 'patient' as const,
          display_name: 'A patient',
          happened_month: '2026-02-01',
          status: 'published' as const,
          criticality: 2,
          title: `Parking ${i}`,
          what_happened: 'There was no parking near the clinic.',
          submitted_at: new Date(start + (100 + i) * 3_600_000),
          moderated_at: new Date(start + (100 + i) * 3_600_000),
          published_at: new Date(start + (100 + i) * 3_600_000),
        })),
      )
      .execute();
    const common = await listPublishedStories(db, { q: 'parking', page: 1, pageSize: 20 });
    expect(common).toMatchObject({ total: countLimit, totalCapped: true });
    expect(common.items.map((s) => s.title)).toEqual(
      many
        .slice(-20)
        .reverse()
        .map((i) => `Parking ${i}`),
    );
    // The rare word still pages the same with the common stories around it.
    expect((await listPublishedStories(db, { q: 'chiropodist', page: 1, pageSize: 20 })).items.map((s) => s.id)).toEqual(first.items.map((s) => s.id));
  });
});
