// Public pages for readers who are not signed in, kept in this process's memory and answered again
// while nothing they show has changed (issue 13: rendering a page costs milliseconds, answering a
// kept one tens of microseconds).
//
// Exact, on any number of instances: the database holds one content version (content_version),
// which a statement trigger on every table a public page can show bumps in the writing
// transaction. A request reads the version first (after it arrived: concurrent requests share one
// read, never one already under way) and is answered from memory only when the kept page was made
// at that version or a later one; otherwise the page is made, and kept under the version read
// before it. A write that commits after that read bumps the version, so the next request makes the
// page again.
// Nothing shared lives in memory: each instance keeps its own pages and checks them against the
// database. Pages are kept at most a minute, for what changes with time alone ("closes today").
//
// Routes opt in with `config: { publicPageCache: true }`: only pages every visitor who is not
// signed in sees alike. The parts that differ per answer, the visitor's CSRF token and the CSP
// nonces, are cut out when a page is kept and put in for each answer. A kept page answers with an
// ETag and `cache-control: no-cache`, so a browser asking again gets 304 Not Modified.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { sha256 } from './auth.js';
import type { Db } from './database.js';
import type { InvolveModule } from './module.js';
import type { App } from './web/types.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answer readers who are not signed in from the page cache (pageCache.ts). */
    publicPageCache?: boolean;
  }
}

/** The platform's own tables that no page shows: writing them leaves kept pages in place. */
const platformTablesNoPageShows = ['audit_log', 'mail_outbox', 'rate_limit', 'job_lease', 'content_version', 'involve_migration', 'involve_migration_lock'];

/** The triggers on each table a public page shows: one per kind of write (a transition table is for one kind). */
const contentTriggers: ReadonlyArray<{ name: string; event: string; rows: string }> = [
  { name: 'involve_content_inserted', event: 'insert', rows: 'referencing new table as changed_rows_new' },
  { name: 'involve_content_updated', event: 'update', rows: 'referencing new table as changed_rows_new' },
  { name: 'involve_content_deleted', event: 'delete', rows: 'referencing old table as changed_rows_old' },
  { name: 'involve_content_truncated', event: 'truncate', rows: '' },
];

/**
 * Puts the content-version triggers on every table of the schema but those no public page shows
 * (the platform's and each module's `notOnPublicPages`), and takes them off those. A table a module
 * adds later has them from the next start; a table left out by mistake only means pages made again.
 */
export async function installContentTriggers(db: Db, modules: readonly InvolveModule[]): Promise<void> {
  const unseen = new Set([...platformTablesNoPageShows, ...modules.flatMap((m) => m.notOnPublicPages ?? [])]);
  const { rows } = await sql<{ name: string; triggers: string[] }>`
    select c.relname as name,
           array(select t.tgname::text from pg_trigger t where t.tgrelid = c.oid and t.tgname like 'involve_content_%') as triggers
    from pg_class c
    where c.relkind in ('r', 'p') and c.relnamespace = current_schema()::regnamespace`.execute(db);
  for (const table of rows) {
    const wanted = !unseen.has(table.name);
    for (const trigger of contentTriggers) {
      const present = table.triggers.includes(trigger.name);
      if (wanted && !present) {
        await sql`create or replace trigger ${sql.id(trigger.name)} after ${sql.raw(trigger.event)} on ${sql.id(table.name)}
                  ${sql.raw(trigger.rows)} for each statement execute function involve_content_changed()`.execute(db);
      } else if (!wanted && present) {
        await sql`drop trigger ${sql.id(trigger.name)} on ${sql.id(table.name)}`.execute(db);
      }
    }
  }
}

/**
 * Reads the content version. A caller always gets a read that started after it called: while one
 * read is under way, the callers that arrive share the next one. Under a crowd that is one query
 * for many requests instead of one each.
 */
export function contentVersionReader(db: Db): () => Promise<string> {
  let running: Promise<string> | null = null;
  let next: Promise<string> | null = null;
  const start = (): Promise<string> => {
    const read = sql<{ version: string | number | bigint }>`select version from content_version where key = 'all'`
      .execute(db)
      .then((result) => String(result.rows[0]?.version ?? '0'));
    running = read;
    const done = () => {
      if (running === read) running = null;
    };
    read.then(done, done);
    return read;
  };
  return () => {
    if (!running) return start();
    next ??= running.then(ignore, ignore).then(() => {
      next = null;
      return start();
    });
    return next;
  };
}

function ignore(): void {}

/** A kept page: its text cut at the places each answer fills in. */
export interface KeptPage {
  /** The text between the slots, as UTF-8 (encoded once, not per answer): one more than slots. */
  segments: Buffer[];
  slots: Slot[];
  type: string;
  version: string;
  /** A hash of the kept text (the same on every instance), for the ETag. */
  hash: string;
  keptAt: number;
  bytes: number;
}

type Slot = 'csrf' | 'scriptNonce' | 'styleNonce';
type SlotValues = Record<Slot, string>;

/** Cuts a page's text at each of the values (tokens of 16 or more random characters). */
export function keepPage(text: string, values: SlotValues, page: Omit<KeptPage, 'segments' | 'slots' | 'hash' | 'bytes'>): KeptPage {
  const bySlot = Object.entries(values).filter(([, value]) => value.length >= 16) as Array<[Slot, string]>;
  const segments: string[] = [];
  const slots: Slot[] = [];
  if (bySlot.length === 0) segments.push(text);
  else {
    const pattern = new RegExp(bySlot.map(([, value]) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    let from = 0;
    for (const match of text.matchAll(pattern)) {
      segments.push(text.slice(from, match.index));
      slots.push((bySlot.find(([, value]) => value === match[0]) as [Slot, string])[0]);
      from = match.index + match[0].length;
    }
    segments.push(text.slice(from));
  }
  const hash = createHash('sha1').update(segments.join('\u0000')).update(slots.join(',')).digest('base64url').slice(0, 20);
  const encoded = segments.map((segment) => Buffer.from(segment, 'utf8'));
  return { ...page, segments: encoded, slots, hash, bytes: encoded.reduce((sum, segment) => sum + segment.length, 0) };
}

/** The kept page with this answer's values put in. */
export function fillPage(page: KeptPage, values: SlotValues): Buffer {
  if (page.slots.length === 0) return page.segments[0] as Buffer;
  const parts: Buffer[] = [page.segments[0] as Buffer];
  for (let i = 0; i < page.slots.length; i++) parts.push(Buffer.from(values[page.slots[i] as Slot], 'utf8'), page.segments[i + 1] as Buffer);
  return Buffer.concat(parts);
}

/** Pages by address, least recently used dropped first when over the limits. */
export class PageStore {
  private readonly pages = new Map<string, KeptPage>();
  private bytes = 0;
  constructor(
    private readonly maxPages: number,
    private readonly maxBytes: number,
  ) {}

  get(key: string): KeptPage | undefined {
    const page = this.pages.get(key);
    if (page) {
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  set(key: string, page: KeptPage): void {
    this.delete(key);
    if (page.bytes > this.maxBytes) return;
    this.pages.set(key, page);
    this.bytes += page.bytes;
    for (const [oldest, old] of this.pages) {
      if (this.pages.size <= this.maxPages && this.bytes <= this.maxBytes) break;
      this.pages.delete(oldest);
      this.bytes -= old.bytes;
    }
  }

  delete(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.bytes -= page.bytes;
  }

  get size(): number {
    return this.pages.size;
  }
}

export interface PageCacheOptions {
  db: Db;
  /** The CSRF cookie: the only cookie a kept page's answer may set. */
  csrfCookieName: string;
  maxAgeMs?: number;
  maxPages?: number;
  maxBytes?: number;
}

/** Made on a cache miss: the version read before the page was made, to keep it under. */
const versionWhenMade = new WeakMap<FastifyRequest, string>();

/**
 * Adds the cache's hooks. Register after the hook that sets request.account and request.csrfToken
 * (and after the security headers, whose nonces each answer carries).
 */
export function registerPageCache(app: App, options: PageCacheOptions): void {
  const { csrfCookieName } = options;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const store = new PageStore(options.maxPages ?? 5_000, options.maxBytes ?? 128 * 1024 * 1024);
  const readVersion = contentVersionReader(options.db);

  /** Pages being made now, by address: a request that finds one waits for it instead of making the same page again. */
  const making = new Map<string, Promise<void>>();

  const answerKept = (request: FastifyRequest, reply: FastifyReply, page: KeptPage) => {
    const values = slotValues(request, reply);
    const etag = etagOf(page, values.csrf);
    reply.header('etag', etag).header('cache-control', 'no-cache').header('x-involve-cache', 'hit');
    if (request.headers['if-none-match'] === etag) {
      // The browser keeps the page it has with the policy it came with (its nonce): a new policy
      // sent with the 304 would replace it and block the page's own script.
      reply.removeHeader('content-security-policy');
      return reply.code(304).send();
    }
    return reply.type(page.type).send(fillPage(page, values));
  };
  const keptAt = (url: string, version: string) => {
    const page = store.get(url);
    // A page made at a later version than this request read shows at least what it would have.
    return page && BigInt(page.version) >= BigInt(version) && Date.now() - page.keptAt < maxAgeMs ? page : undefined;
  };

  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || !request.routeOptions.config?.publicPageCache) return;
    if (request.account || request.actor?.accountId != null || request.headers.authorization) return;
    const version = await readVersion();
    // A crowd arriving at a page not yet kept makes it once, not once each: the others wait for it.
    // If the one making it goes (its reader gave up), the first of them to wake makes it instead.
    for (;;) {
      const kept = keptAt(request.url, version);
      if (kept) return answerKept(request, reply, kept);
      const underWay = making.get(request.url);
      if (!underWay) break;
      await underWay;
    }
    const made = new Promise<void>((resolve) => {
      reply.raw.once('close', () => {
        if (making.get(request.url) === made) making.delete(request.url);
        resolve();
      });
    });
    making.set(request.url, made);
    versionWhenMade.set(request, version);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const version = versionWhenMade.get(request);
    if (version === undefined || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    // A route that says never keep this (no-store), or an answer setting any cookie but the CSRF one, is not kept.
    if (String(reply.getHeader('cache-control') ?? '').includes('no-store')) return payload;
    const cookies = [reply.getHeader('set-cookie') ?? []].flat().map(String);
    if (cookies.some((cookie) => !cookie.startsWith(`${csrfCookieName}=`))) return payload;
    const values = slotValues(request, reply);
    const page = keepPage(payload, values, { type: String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'), version, keptAt: Date.now() });
    const kept = store.get(request.url);
    if (!kept || BigInt(kept.version) <= BigInt(version)) store.set(request.url, page);
    reply.header('etag', etagOf(page, values.csrf)).header('cache-control', 'no-cache').header('x-involve-cache', 'miss');
    return payload;
  });
}

function slotValues(request: FastifyRequest, reply: FastifyReply): SlotValues {
  return { csrf: request.csrfToken ?? '', scriptNonce: reply.cspNonce?.script ?? '', styleNonce: reply.cspNonce?.style ?? '' };
}

/** Weak: the text differs per visitor by their CSRF token, so the tag names the token too (a hash of it). */
function etagOf(page: KeptPage, csrfToken: string): string {
  if (!page.slots.includes('csrf')) return `W/"${page.hash}"`;
  return `W/"${page.hash}.${sha256(csrfToken).slice(0, 12)}"`;
}
