// Two instances starting at the same moment on one empty PostgreSQL database (issue 12, defect 6:
// one exited with duplicate key "place_code_key"): both migrate it at once, both start, and the
// demo health system is loaded exactly once.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDemoHealthSystem, migrateToLatest, modules, pendingMigrations, startInvolve } from '../../src/modules/index.js';
import { loadConfig } from '../../src/platform/config.js';
import { type DatabaseHandle, openDatabase } from '../../src/platform/database.js';
import { orderedMigrations } from '../../src/platform/migrations.js';
import { withDatabase } from '../globalSetup.js';
import { createPino } from '../testLogger.js';

const serverUrl = process.env.TEST_DATABASE_URL as string;

/** Tables written by the jobs that start with the server (reminders at start), not by the demo. */
const writtenByJobs = new Set(['mail_outbox', 'complaint_reminder', 'job_lease']);

// Generous timeouts: on a busy two-core machine one start with the demo has taken 40 s.
describe.runIf(process.env.TEST_DATABASE_URL)('two instances starting at once on one empty PostgreSQL database', { timeout: 300_000 }, () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function emptyDatabase(label: string): Promise<string> {
    const name = `involve_test_first_start_${label}_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    cleanups.push(async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    return withDatabase(serverUrl, name);
  }

  async function rowCounts(database: DatabaseHandle): Promise<Record<string, number>> {
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1
    `.execute(database.db);
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      if (writtenByJobs.has(name) || name.startsWith('involve_migration')) continue;
      const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(database.db);
      counts[name] = result.rows[0]?.n ?? 0;
    }
    return counts;
  }

  it('both migrate at once, five times over: every migration runs once and neither fails', async () => {
    const all = orderedMigrations(modules).length;
    for (let round = 0; round < 5; round++) {
      const databaseUrl = await emptyDatabase(`migrate${round}`);
      const handles = [await openDatabase({ databaseUrl }), await openDatabase({ databaseUrl })];
      try {
        const ran = await Promise.all(handles.map((handle) => migrateToLatest(handle.db)));
        // Between them they ran each migration once.
        expect((ran[0]?.length ?? 0) + (ran[1]?.length ?? 0), `round ${round}`).toBe(all);
        expect(await pendingMigrations(handles[0]?.db as DatabaseHandle['db'])).toEqual([]);
      } finally {
        for (const handle of handles) await handle.close();
      }
    }
  });

  it('an instance that waited for the lock while the other ran two migrations carries on', async () => {
    // The interleaving that breaks a migrator shown a stale list: instance A reads which migrations
    // have run and waits for Kysely's lock; meanwhile instance B runs the next two. Here B is played
    // by a connection holding Kysely's lock (its fixed id) while A waits.
    const databaseUrl = await emptyDatabase('stale');
    const a = await openDatabase({ databaseUrl });
    const b = new pg.Client({ connectionString: databaseUrl });
    await b.connect();
    try {
      const kyselyMigrationLock = '3853314791062309107';
      await b.query(`select pg_advisory_lock(${kyselyMigrationLock})`);
      const migrating = migrateToLatest(a.db);
      migrating.catch(() => {});
      for (let i = 0; ; i++) {
        const { rows } = await b.query<{ n: number }>("select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted");
        if (rows[0]?.n) break;
        if (i > 200) throw new Error('instance A never waited for the migration lock');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const bDb = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 1 }) }) });
      for (const m of orderedMigrations(modules).slice(0, 2)) {
        await m.migration.up(bDb);
        await b.query('insert into involve_migration (name, timestamp) values ($1, $2)', [m.name, new Date().toISOString()]);
      }
      await bDb.destroy();
      await b.query(`select pg_advisory_unlock(${kyselyMigrationLock})`);
      const ran = await migrating;
      expect(ran.length).toBe(orderedMigrations(modules).length - 2);
      expect(await pendingMigrations(a.db)).toEqual([]);
    } finally {
      await b.end();
      await a.close();
    }
  });

  it('both start with the demo, which is loaded exactly once', async () => {
    // What one demo load holds, for comparison.
    const reference = await openDatabase({ databaseUrl: await emptyDatabase('reference') });
    cleanups.push(() => reference.close());
    await migrateToLatest(reference.db);
    expect(await loadDemoHealthSystem(reference.db)).toBe(true);
    const expected = await rowCounts(reference);
    expect(expected.organisation).toBeGreaterThan(0);
    expect(expected.place).toBeGreaterThan(0);

    const databaseUrl = await emptyDatabase('demo');
    const config = loadConfig({ DATABASE_URL: databaseUrl, INVOLVE_DEMO: '1', PORT: '0', LOG_LEVEL: 'silent' });
    const started = await Promise.allSettled([startInvolve(config, createPino()), startInvolve(config, createPino())]);
    for (const result of started) if (result.status === 'fulfilled') cleanups.push(() => result.value.stop());
    expect(started.map((r) => (r.status === 'rejected' ? String(r.reason) : 'started'))).toEqual(['started', 'started']);
    const running = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(new Set(running.map((r) => r.url)).size).toBe(2);
    for (const instance of running) {
      expect((await fetch(`${instance.url}/healthz`)).status).toBe(200);
    }
    expect(await rowCounts(running[0]?.database as DatabaseHandle)).toEqual(expected);
  });
});
