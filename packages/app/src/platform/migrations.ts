// Every migration of every module, in the order they run. Forward-only: a migration, once
// released, is never edited; a change is a new migration. Kysely runs them all in one transaction
// (PostgreSQL and PGlite both have transactional DDL) and keeps its own record of which have run.
import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as accounts0001 from '../modules/accounts/migrations/0001_accounts.js';
import * as accounts0002 from '../modules/accounts/migrations/0002_role_grant_organisation.js';
import * as complaints0001 from '../modules/complaints/migrations/0001_complaints.js';
import * as feedback0001 from '../modules/feedback/migrations/0001_feedback.js';
import * as registry0001 from '../modules/registry/migrations/0001_registry.js';
import type { Db } from './database.js';
import * as platform0001 from './migrations/0001_platform.js';

// Names sort in the order they must run: a sequence number first, then the module.
const allMigrations: Record<string, Migration> = {
  '0001_platform': platform0001,
  '0002_accounts': accounts0001,
  '0003_registry': registry0001,
  '0004_accounts_role_grant_organisation': accounts0002,
  '0005_complaints': complaints0001,
  '0006_feedback': feedback0001,
};

const provider: MigrationProvider = { getMigrations: async () => allMigrations };

function migrator(db: Db): Migrator {
  return new Migrator({ db, provider, migrationTableName: 'involve_migration', migrationLockTableName: 'involve_migration_lock' });
}

/** Run every migration not yet run. Throws, naming the migration, if one fails (nothing is applied). */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Migration ${failed ?? '(unknown)'} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations not yet run (empty when the database is current). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const list = await migrator(db).getMigrations();
  return list.filter((m) => !m.executedAt).map((m) => m.name);
}
