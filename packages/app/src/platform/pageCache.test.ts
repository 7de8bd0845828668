// The page cache's parts (pageCache.ts): a kept page cut at the per-answer values and filled with
// another answer's; the store's limits; and, on a real database, the content version: bumped by a
// write that changes a row of a table a page can show, in the write's own transaction (not before
// it commits, not at all when it rolls back or changes nothing), untouched by tables no page shows;
// a read always started after it was asked for, with many callers at once sharing reads.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../test/testDatabase.js';
import { randomBytesFromPool, randomToken } from './auth.js';
import { checkModules } from './module.js';
import { contentVersionReader, fillPage, keepPage, PageStore } from './pageCache.js';

const csrf = 'Csrf0123456789abcdefghijklmnopqr';
const nonce = '0123456789abcdef0123456789abcdef';

describe('a kept page', () => {
  it('is cut at each per-answer value and filled with the next answer’s', () => {
    const text = `<script nonce="${nonce}">x</script><form><input name="_csrf" value="${csrf}"></form><style nonce="${nonce}"></style>`;
    const page = keepPage(text, { csrf, scriptNonce: nonce, styleNonce: nonce }, { type: 'text/html', version: '7', keptAt: 0 });
    expect(page.slots).toEqual(['scriptNonce', 'csrf', 'scriptNonce']);
    expect(Buffer.concat(page.segments).toString()).not.toContain(csrf);
    expect(Buffer.concat(page.segments).toString()).not.toContain(nonce);
    const other = { csrf: 'Other0123456789abcdefghijklmnopq', scriptNonce: 'ffffffffffffffffffffffffffffffff', styleNonce: 'ffffffffffffffffffffffffffffffff' };
    expect(fillPage(page, other).toString()).toBe(text.replaceAll(csrf, other.csrf).replaceAll(nonce, other.scriptNonce));
    // The same page kept by another answer (another token) has the same hash: the ETag holds across instances.
    const again = keepPage(fillPage(page, other).toString(), other, { type: 'text/html', version: '7', keptAt: 0 });
    expect(again.hash).toBe(page.hash);
  });

  it('with no per-answer values is kept whole; short values are never cut out', () => {
    const page = keepPage('{"id":1}', { csrf: 'short', scriptNonce: '', styleNonce: '' }, { type: 'application/json', version: '1', keptAt: 0 });
    expect(page.slots).toEqual([]);
    expect(fillPage(page, { csrf: 'x', scriptNonce: 'y', styleNonce: 'z' }).toString()).toBe('{"id":1}');
  });
});

describe('the page store', () => {
  const page = (chars: number) => keepPage('x'.repeat(chars), { csrf: '', scriptNonce: '', styleNonce: '' }, { type: 'text/html', version: '1', keptAt: 0 });

  it('drops the least recently used page beyond its count', () => {
    const store = new PageStore(2, 1_000_000);
    store.set('/a', page(10));
    store.set('/b', page(10));
    store.get('/a');
    store.set('/c', page(10));
    expect(store.get('/b')).toBeUndefined();
    expect(store.get('/a')).toBeDefined();
    expect(store.get('/c')).toBeDefined();
  });

  it('keeps within its bytes, and never keeps a page larger than them', () => {
    const store = new PageStore(100, 100);
    store.set('/a', page(60));
    store.set('/b', page(60));
    expect(store.size).toBe(1);
    expect(store.get('/b')).toBeDefined();
    store.set('/huge', page(120));
    expect(store.get('/huge')).toBeUndefined();
    expect(store.get('/b')).toBeDefined();
  });
});

describe('pooled random bytes', () => {
  it('never give the same token twice', () => {
    const tokens = new Set(Array.from({ length: 5_000 }, () => randomToken(24)));
    expect(tokens.size).toBe(5_000);
    expect(randomBytesFromPool(16)).toHaveLength(16);
  });
});

describe('module manifests', () => {
  it('refuse a table said not to be on public pages that the module does not own', () => {
    expect(() => checkModules([{ name: 'x', tables: ['x_row'], notOnPublicPages: ['story'], migrations: {} }])).toThrow(/does not own it/);
  });
});

describeWithTestDatabase('the content version', (database) => {
  const version = async () =>
    Number((await sql<{ version: string }>`select version from content_version where key = 'all'`.execute(database.db)).rows[0]?.version);

  it('is bumped by a write that changes a row a public page can show, once per statement', async () => {
    const { db } = database;
    const before = await version();
    await db
      .insertInto('place')
      .values([
        { name: 'Version Vale', kind: 'neighbourhood', parent_id: null },
        { name: 'Version Dale', kind: 'neighbourhood', parent_id: null },
      ])
      .execute();
    expect(await version()).toBe(before + 1);
    await db.updateTable('place').set({ name: 'Version Vale' }).where('name', '=', 'No such place').execute();
    expect(await version()).toBe(before + 1);
    await db.deleteFrom('place').where('name', '=', 'Version Dale').execute();
    expect(await version()).toBe(before + 2);
  });

  it('is not bumped by a write to a table no page shows, nor by a write rolled back', async () => {
    const { db } = database;
    const before = await version();
    await db
      .insertInto('rate_limit')
      .values({ key: `version-test-${Date.now()}`, hits: 1, window_started_at: new Date() })
      .execute();
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('place').values({ name: 'Never There', kind: 'neighbourhood', parent_id: null }).execute();
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await version()).toBe(before);
  });

  it('is read after it was asked for, and callers at once share reads', async () => {
    const { db } = database;
    const read = contentVersionReader(db);
    const first = read();
    // Asked for after this write: must see it, though a read was already under way.
    await db.insertInto('place').values({ name: 'Version Glen', kind: 'neighbourhood', parent_id: null }).execute();
    const afterWrite = await version();
    const second = read();
    expect(Number(await second)).toBe(afterWrite);
    expect(Number(await first)).toBeLessThanOrEqual(afterWrite);
    const many = await Promise.all(Array.from({ length: 50 }, () => read()));
    expect(new Set(many).size).toBe(1);
  });
});
