// Every migration of the platform and of each module, named by module ("complaints/0001_complaints")
// and run in one order: round by round on the number within the module (every module's 0001, then
// every module's 0002, …), modules in the composition root's order within a round, the platform
// first. So a module's migration N may rely on every module's migrations before N. Forward-only: a
// migration, once released, is never edited; a change is a new migration. Kysely runs each in a
// transaction (PostgreSQL and PGlite both have transactional DDL) under its lock, and keeps its own
// record of which have run.
import { type MigrationProvider, Migrator, sql } from 'kysely';
import type { Db } from './database.js';
import { platformMigrations } from './migrations/index.js';
import type { InvolveModule, ModuleMigration } from './module.js';
import { installContentTriggers } from './pageCache.js';

const migrationTable = 'involve_migration';

interface NamedMigration {
  name: string;
  formerName?: string;
  migration: ModuleMigration;
  round: number;
  moduleIndex: number;
}

/** Every migration with its full name, in the order it runs on a new database. */
export function orderedMigrations(modules: readonly Pick<InvolveModule, 'name' | 'migrations'>[]): NamedMigration[] {
  const owners = [{ name: 'platform', migrations: platformMigrations }, ...modules];
  const list = owners.flatMap((owner, moduleIndex) =>
    Object.entries(owner.migrations).map(([name, migration]) => {
      const round = Number(/^(\d+)_/.exec(name)?.[1]);
      if (!Number.isSafeInteger(round)) throw new Error(`Migration ${owner.name}/${name} must start with its number, like 0001_`);
      const named: NamedMigration = { name: `${owner.name}/${name}`, migration, round, moduleIndex };
      if (migration.formerName) named.formerName = migration.formerName;
      return named;
    }),
  );
  return list.sort((a, b) => a.round - b.round || a.moduleIndex - b.moduleIndex || a.name.localeCompare(b.name));
}

function migrator(db: Db, migrations: readonly NamedMigration[]): Migrator {
  const provider: MigrationProvider = { getMigrations: async () => Object.fromEntries(migrations.map((m) => [m.name, m.migration])) };
  return new Migrator({
    db,
    provider,
    migrationTableName: migrationTable,
    migrationLockTableName: 'involve_migration_lock',
    // A module added later runs its migrations after those already run, whatever their round.
    allowUnorderedMigrations: true,
  });
}

async function executedNames(db: Db): Promise<Set<string>> {
  const exists = await sql<{ found: boolean }>`select to_regclass(${migrationTable}) is not null as found`.execute(db);
  if (!exists.rows[0]?.found) return new Set();
  const rows = await sql<{ name: string }>`select name from ${sql.table(migrationTable)}`.execute(db);
  return new Set(rows.rows.map((r) => r.name));
}

/**
 * Databases migrated before migrations were named by module recorded "0005_complaints"; rename
 * those records once, so nothing runs twice. Idempotent, and safe when two instances start at once.
 */
async function renameFormerMigrations(db: Db, modules: readonly InvolveModule[]): Promise<void> {
  const executed = await executedNames(db);
  for (const m of orderedMigrations(modules)) {
    if (!m.formerName || !executed.has(m.formerName)) continue;
    await sql`update ${sql.table(migrationTable)} set name = ${m.name} where name = ${m.formerName}`.execute(db);
  }
}

/**
 * Run every migration not yet run, in the order above. Kysely orders migrations by name alone, so
 * each runs through a migrator that is shown the migrations already run and that one: it takes
 * Kysely's lock, and an instance that finds it already run (another instance got there first) does
 * nothing, or looks again when the other instance has run more since. Throws, naming the migration,
 * if one fails (that migration is not applied).
 */
export async function migrateToLatest(db: Db, modules: readonly InvolveModule[]): Promise<string[]> {
  await renameFormerMigrations(db, modules);
  const ordered = orderedMigrations(modules);
  const ran: string[] = [];
  for (;;) {
    const executed = await executedNames(db);
    const next = ordered.find((m) => !executed.has(m.name));
    if (!next) {
      await installContentTriggers(db, modules);
      return ran;
    }
    const { error, results } = await migrator(
      db,
      ordered.filter((m) => m === next || executed.has(m.name)),
    ).migrateToLatest();
    if (error) {
      // Another instance ran migrations between this one's look at what had run and its turn at the
      // lock: Kysely refuses a list that lacks them. Nothing ran here; look again and carry on.
      const message = error instanceof Error ? error.message : String(error);
      const ranElsewhere = /previously executed migration (\S+) is missing/.exec(message)?.[1];
      if (ranElsewhere && ordered.some((m) => m.name === ranElsewhere)) continue;
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      throw new Error(`Migration ${failed ?? next.name} failed: ${message}`);
    }
    ran.push(...(results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName));
  }
}

/** Names of migrations not yet run (empty when the database is current). */
export async function pendingMigrations(db: Db, modules: readonly InvolveModule[]): Promise<string[]> {
  const executed = await executedNames(db);
  return orderedMigrations(modules)
    .filter((m) => !executed.has(m.name))
    .map((m) => m.name);
}
