// Limits on how often something may be done: "5 stories an hour per person", "10 sign-in checks in
// 15 minutes for one account from one address". Each try takes one from the limit in a single
// atomic statement (an upsert that locks the key's row), so 50 simultaneous tries get at most the
// limit, on one instance or many. A key may also be blocked for a while (a growing delay).
import { sql } from 'kysely';
import type { Db } from './database.js';

export interface Limit {
  /** What is counted, e.g. `story:account:42` or `sign-in:pair:ann@example.org|10.0.0.1`. */
  key: string;
  /** How many tries the window allows. */
  limit: number;
  windowSeconds: number;
}

export interface LimitTaken {
  allowed: boolean;
  /** Tries in the current window, this one included (0 when the key is blocked). */
  hits: number;
  /** When the key may try again, when it is blocked or over the limit. */
  retryAt: Date | null;
}

/** Take one try from the limit. Refused tries while blocked are not counted. */
export async function takeFromLimit(db: Db, limit: Limit): Promise<LimitTaken> {
  const window = sql`make_interval(secs => ${limit.windowSeconds})`;
  const taken = await sql<{ hits: number; window_ends_at: Date }>`
    insert into rate_limit as r (key, hits, window_started_at) values (${limit.key}, 1, now())
    on conflict (key) do update set
      hits = case when r.window_started_at <= now() - ${window} then 1 else r.hits + 1 end,
      window_started_at = case when r.window_started_at <= now() - ${window} then now() else r.window_started_at end
    where r.blocked_until is null or r.blocked_until <= now()
    returning hits, window_started_at + ${window} as window_ends_at`.execute(db);
  const row = taken.rows[0];
  if (!row) {
    const blocked = await sql<{ blocked_until: Date }>`select blocked_until from rate_limit where key = ${limit.key}`.execute(db);
    return { allowed: false, hits: 0, retryAt: blocked.rows[0]?.blocked_until ?? null };
  }
  const hits = Number(row.hits);
  return hits <= limit.limit ? { allowed: true, hits, retryAt: null } : { allowed: false, hits, retryAt: new Date(row.window_ends_at) };
}

/** Block the key for this many seconds from now (a growing delay after repeated failures). */
export async function blockLimit(db: Db, key: string, seconds: number): Promise<void> {
  await sql`update rate_limit set blocked_until = now() + make_interval(secs => ${seconds}) where key = ${key}`.execute(db);
}

/** Forget the key's tries (after a success that should not count against the person). */
export async function resetLimit(db: Db, key: string): Promise<void> {
  await sql`delete from rate_limit where key = ${key}`.execute(db);
}

/** Remove counts whose windows ended long ago (the platform's tidy-up job). */
export async function purgeOldLimits(db: Db, olderThanSeconds = 86_400): Promise<number> {
  const result = await sql`delete from rate_limit where window_started_at < now() - make_interval(secs => ${olderThanSeconds})
    and (blocked_until is null or blocked_until < now())`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** "in 5 minutes", "in 40 seconds": how long until a time, for messages. */
export function waitText(until: Date | null, now: Date = new Date()): string {
  if (!until) return 'a while';
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  if (seconds < 90) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
