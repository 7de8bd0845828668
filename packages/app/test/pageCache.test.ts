// The page cache never shows what has changed (issue 13): every page kept for readers who are not
// signed in is first answered from memory (x-involve-cache: hit), then a write changes what it
// shows, and the very next request shows the change; on a second app instance over the same
// database too, each with its own memory. A browser's ETag gets 304 until the change, then the new
// page. Signed-in readers are never answered from the cache, and never fill it.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../src/modules/accounts/demoSignIns.js';
import { signedInPerson } from '../src/modules/accounts/testKit.js';
import { insertPublishedStory } from '../src/modules/feedback/testKit.js';
import { buildServer } from '../src/modules/index.js';
import type { App } from '../src/platform/server.js';
import { describeWithTestApp, startTestApp, type TestApp } from './testApp.js';
import { databaseKinds } from './testDatabase.js';

/** A word no other test writes, so a page shows it only after this test's write. */
const fresh = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;

describeWithTestApp('the page cache', (t) => {
  const ids = { organisation: 0, place: 0, body: 0, story: 0, author: 0 };
  let second: App;

  beforeAll(async () => {
    ids.place = (
      await t.db.insertInto('place').values({ name: 'Cache Vale', kind: 'local_authority_area', parent_id: null }).returning('id').executeTakeFirstOrThrow()
    ).id;
    ids.organisation = (
      await t.db
        .insertInto('organisation')
        .values({ name: 'Cache Vale Practice', type: 'gp_practice', postcode: 'ZZ9 1CV', takes_nhs_money: true })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await t.db.insertInto('organisation_place').values({ organisation_id: ids.organisation, place_id: ids.place }).execute();
    ids.body = (
      await t.db
        .insertInto('body')
        .values({ organisation_id: ids.organisation, name: 'Cache Vale Patient Group', kind: 'patient_participation_group' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    ids.author = (
      await t.db
        .insertInto('account')
        .values({ email: `cache-author-${randomUUID()}@example.test`, name: 'A', display_name: 'A', password_hash: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    ids.story = await insertPublishedStory(t.db, { organisationId: ids.organisation, authorAccountId: ids.author, title: 'A cached visit' });
    // A second instance on the same database, as a second server process would be: its own memory.
    second = await buildServer({ config: t.config, database: t.database, logger: false });
    await second.ready();
    return () => second.close();
  });

  const get = (app: App, url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  /** Asks twice (the second from memory), changes something with `write`, and expects the next answer on each instance to show `shows`. */
  async function expectFreshAfter(url: string, write: () => Promise<unknown>, shows: () => string) {
    for (const app of [t.app, second]) {
      await get(app, url);
      const kept = await get(app, url);
      expect(kept.statusCode, url).toBe(200);
      expect(kept.headers['x-involve-cache'], url).toBe('hit');
    }
    await write();
    for (const app of [t.app, second]) {
      const next = await get(app, url);
      expect(next.statusCode, url).toBe(200);
      expect(next.headers['x-involve-cache'], url).toBe('miss');
      expect(next.body, url).toContain(shows());
    }
  }

  const renameOrganisation = (name: string) => () => t.db.updateTable('organisation').set({ name }).where('id', '=', ids.organisation).execute();

  it.each([
    ['the organisation page', () => `/organisations/${ids.organisation}`],
    ['the organisations list', () => '/organisations'],
    ["the organisation's stories", () => `/organisations/${ids.organisation}/stories`],
    ['a story (its organisation named)', () => `/stories/${ids.story}`],
    ["the organisation's feedback figures", () => `/organisations/${ids.organisation}/feedback`],
    ['the registry API', () => `/api/v1/organisations/${ids.organisation}`],
  ])('%s shows an organisation renamed on the next request', async (_label, url) => {
    const name = fresh('Cache Vale Renamed');
    await expectFreshAfter(url(), renameOrganisation(name), () => name);
  });

  it.each([
    ['the places list', () => '/places'],
    ["the place's page", () => `/places/${ids.place}`],
    ["the place's feedback figures", () => `/places/${ids.place}/feedback`],
  ])('%s shows a place renamed on the next request', async (_label, url) => {
    const name = fresh('Cache Dale');
    await expectFreshAfter(
      url(),
      () => t.db.updateTable('place').set({ name }).where('id', '=', ids.place).execute(),
      () => name,
    );
  });

  it("a body's page shows its new name on the next request", async () => {
    const name = fresh('Cache Vale Forum');
    await expectFreshAfter(
      `/bodies/${ids.body}`,
      () => t.db.updateTable('body').set({ name }).where('id', '=', ids.body).execute(),
      () => name,
    );
  });

  it('a story published is on the next story search and list', async () => {
    const word = `zebra${randomUUID().slice(0, 6)}`;
    const title = fresh('Newly told');
    const tell = () =>
      insertPublishedStory(t.db, { organisationId: ids.organisation, authorAccountId: ids.author, title, whatHappened: `The ${word} ward was calm.` });
    // Searched before it is told: no match, kept; then told: found.
    await expectFreshAfter(`/stories?q=${word}`, tell, () => title);
    const another = fresh('Told after');
    await expectFreshAfter(
      `/organisations/${ids.organisation}/stories`,
      () => insertPublishedStory(t.db, { organisationId: ids.organisation, authorAccountId: ids.author, title: another }),
      () => another,
    );
  });

  it('a story taken down is gone from its page and the list on the next request', async () => {
    const title = fresh('Soon withdrawn');
    const storyId = await insertPublishedStory(t.db, { organisationId: ids.organisation, authorAccountId: ids.author, title });
    const list = `/organisations/${ids.organisation}/stories`;
    await get(t.app, list);
    expect((await get(t.app, list)).body).toContain(title);
    await t.db
      .updateTable('story')
      .set({
        status: 'awaiting_moderation',
        reported_at: new Date(),
        published_at: null,
        title: null,
        what_happened: null,
        what_was_good: null,
        what_could_be_better: null,
        how_felt: null,
      })
      .where('id', '=', storyId)
      .execute();
    expect((await get(t.app, list)).body).not.toContain(title);
    expect((await get(t.app, `/stories/${storyId}`)).statusCode).toBe(404);
  });

  it('a browser asking again gets 304 until the page changes, then the new page', async () => {
    const url = `/organisations/${ids.organisation}`;
    const first = await get(t.app, url);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await get(t.app, url, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // The policy the browser kept the page with stays (its nonce is the page's).
    expect(again.headers['content-security-policy']).toBeUndefined();
    const name = fresh('Cache Vale Again');
    await renameOrganisation(name)();
    const changed = await get(t.app, url, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain(name);
  });

  it('each answer carries its own CSP nonce, matching its header', async () => {
    const url = `/stories/${ids.story}`;
    await get(t.app, url);
    const answers = [await get(t.app, url), await get(t.app, url)];
    const nonces = answers.map((answer) => {
      expect(answer.headers['x-involve-cache']).toBe('hit');
      const inHeader = /'nonce-([^']+)'/.exec(String(answer.headers['content-security-policy']))?.[1];
      const inPage = [...answer.body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
      expect(inPage.length).toBeGreaterThan(0);
      for (const nonce of inPage) expect(nonce).toBe(inHeader);
      return inHeader;
    });
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('a signed-in reader is never answered from the cache, nor fills it', async () => {
    const person = await signedInPerson(t, { name: 'Cachey Reader' });
    const url = `/organisations/${ids.organisation}`;
    for (let i = 0; i < 2; i++) {
      const page = await person.client.get(url);
      expect(page.statusCode).toBe(200);
      expect(page.headers['x-involve-cache']).toBeUndefined();
      expect(page.headers.etag).toBeUndefined();
    }
    const anonymous = await get(t.app, url);
    expect(anonymous.body).not.toContain('Cachey Reader');
    expect(anonymous.body).not.toContain('Sign out');
  });

  it('a page that failed (404) is not kept', async () => {
    const missing = await get(t.app, '/organisations/99999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-involve-cache']).toBeUndefined();
  });
});

describe.each(databaseKinds)('the home page cache on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { INVOLVE_DEMO: '1' } });
    return () => t.close();
  });

  it('shows a demo sign-in on the next request once its account exists', async () => {
    const demo = demoAccounts[0];
    if (!demo) throw new Error('no demo accounts');
    await t.app.inject({ method: 'GET', url: '/' });
    const kept = await t.app.inject({ method: 'GET', url: '/' });
    expect(kept.headers['x-involve-cache']).toBe('hit');
    expect(kept.body).not.toContain(demo.email);
    await t.db
      .insertInto('account')
      .values({ email: demo.email, name: 'Demo', display_name: 'Demo', password_hash: 'x', email_verified_at: new Date() })
      .execute();
    const next = await t.app.inject({ method: 'GET', url: '/' });
    expect(next.body).toContain(demo.email);
  });
});
