// Databases made before migrations were named by module ("0005_complaints") upgrade to the new names
// ("complaints/0001_complaints") with nothing lost and no migration run twice; a new database runs
// every migration in the documented order. On PGlite and PostgreSQL.
import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmptyTestDatabase, databaseKinds } from '../../test/testDatabase.js';
import type { DatabaseHandle } from '../platform/database.js';
import { orderedMigrations } from '../platform/migrations.js';
import { migrateToLatest, modules, pendingMigrations } from './index.js';

/** The migrations as the code before module manifests named and ran them (one global order by name). */
function formerMigrations() {
  const named = orderedMigrations(modules).filter((m) => m.formerName);
  return Object.fromEntries(named.map((m) => [m.formerName as string, m.migration]));
}

describe.each(databaseKinds)('migrations on %s', (kind) => {
  let database: DatabaseHandle | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('upgrades a database migrated under the old names: nothing lost, nothing run twice', async () => {
    database = await createEmptyTestDatabase(kind);
    const db = database.db;
    const former = formerMigrations();
    expect(Object.keys(former).sort()).toEqual([
      '0001_platform',
      '0002_accounts',
      '0003_registry',
      '0004_accounts_role_grant_organisation',
      '0005_complaints',
      '0006_feedback',
    ]);
    // The old code: Kysely's migrator with the globally numbered names.
    const old = new Migrator({
      db,
      provider: { getMigrations: async () => former },
      migrationTableName: 'involve_migration',
      migrationLockTableName: 'involve_migration_lock',
    });
    const { error } = await old.migrateToLatest();
    expect(error).toBeUndefined();
    await db.insertInto('place').values({ name: 'Old Town', kind: 'neighbourhood', code: 'OLD1' }).execute();
    const before = await sql<{ name: string; timestamp: string }>`select name, timestamp from involve_migration order by name`.execute(db);

    const ran = await migrateToLatest(db);
    // Only migrations added since the old names (none of the old ones) run.
    expect(ran.every((name) => !orderedMigrations(modules).find((m) => m.name === name)?.formerName)).toBe(true);
    expect(await pendingMigrations(db)).toEqual([]);
    const after = await sql<{ name: string; timestamp: string }>`select name, timestamp from involve_migration`.execute(db);
    const renamed = new Map(orderedMigrations(modules).map((m) => [m.formerName, m.name]));
    for (const row of before.rows) {
      // Each old record now carries its new name, with the time it first ran.
      const now = after.rows.find((r) => r.name === renamed.get(row.name));
      expect(now, row.name).toBeDefined();
      expect(String(now?.timestamp)).toBe(String(row.timestamp));
    }
    expect(after.rows.some((r) => /^\d{4}_/.test(r.name))).toBe(false);
    const place = await db.selectFrom('place').select('code').where('code', '=', 'OLD1').executeTakeFirst();
    expect(place?.code).toBe('OLD1');
    // And again: nothing to do.
    expect(await migrateToLatest(db)).toEqual([]);
  });

  it('runs every migration on a new database, round by round, the platform first', async () => {
    database = await createEmptyTestDatabase(kind);
    const ran = await migrateToLatest(database.db);
    expect(ran).toEqual(orderedMigrations(modules).map((m) => m.name));
    expect(ran[0]).toBe('platform/0001_platform');
    expect(ran.indexOf('accounts/0002_role_grant_organisation')).toBeGreaterThan(ran.indexOf('registry/0001_registry'));
    expect(await pendingMigrations(database.db)).toEqual([]);
  });
});
