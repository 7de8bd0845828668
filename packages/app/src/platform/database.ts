// Opens the database: a PostgreSQL server when a URL is given, otherwise an embedded PGlite
// database kept in a data folder, which one process at a time may open (dataFolderLock.ts). Both
// speak the same SQL and run the same migrations.
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { lockDataFolder } from './dataFolderLock.js';
import type { Database } from './schema.js';

// int8 (count(*), sums) comes back as a string from pg and a number from PGlite: make both numbers.
// Our counts never approach 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
// numeric stays a string in both (money must not lose precision).
// date columns as 'YYYY-MM-DD' strings in both, not Date objects at local midnight.
pg.types.setTypeParser(1082, (value) => value);

export type Db = Kysely<Database>;

/**
 * Run fn in a transaction: the one db already is (a caller's, such as the demo loader's, which runs
 * every module's demo in one), or else a new one. Kysely cannot open a transaction inside another.
 */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded database itself, when that is what runs. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** Open an embedded database from a dump made by dumpPglite (used by tests for speed). */
  loadDataDir?: Blob | File;
  /** PostgreSQL only: cancel any statement running longer than this (ms). */
  statementTimeoutMs?: number;
}

/** PostgreSQL's code for a statement cancelled by statement_timeout. */
export const statementTimedOutCode = '57014';

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    });
    // An idle connection the server ends (a restart, a dropped test database) must not crash the
    // process: the pool replaces it on next use.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  let pglite: PGlite;
  // A copy loaded from a dump lives in memory and needs no lock; a data folder is one process's only.
  let unlock = () => {};
  if (options.loadDataDir) {
    pglite = await PGlite.create({ loadDataDir: options.loadDataDir, parsers: pgliteParsers });
  } else {
    const dataDir = options.dataDir;
    if (!dataDir) throw new Error('openDatabase needs a databaseUrl or a dataDir');
    // PGlite does not create parent folders.
    fs.mkdirSync(dataDir, { recursive: true });
    unlock = await lockDataFolder(dataDir);
    try {
      pglite = await PGlite.create({ dataDir, parsers: pgliteParsers });
    } catch (error) {
      unlock();
      throw error;
    }
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    pglite,
    async close() {
      try {
        await db.destroy();
      } finally {
        unlock();
      }
    },
  };
}

/** Keep PGlite's results the same shape as pg's (see the type parsers above). */
const pgliteParsers = {
  20: (value: string) => Number.parseInt(value, 10),
  1082: (value: string) => value,
};

/** The embedded database's files as one blob, to open copies quickly (tests). */
export async function dumpPglite(handle: DatabaseHandle): Promise<Blob> {
  if (!handle.pglite) throw new Error('dumpPglite needs an embedded database');
  return handle.pglite.dumpDataDir('none');
}
