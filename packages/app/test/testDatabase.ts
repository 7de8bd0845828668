// Databases for tests: a fresh copy of the migrated template per call, on PGlite and, when
// TEST_DATABASE_URL is set, on PostgreSQL. Integration tests run once per kind:
//   describeWithTestDatabase('…', (database) => { … })
// or, over HTTP, describeWithTestApp('…', (t) => { … }) from testApp.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/platform/database.js';
import { withDatabase } from './globalSetup.js';

export type DatabaseKind = 'pglite' | 'postgres';

export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

let copies = 0;

export async function createTestDatabase(kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') {
    const dump = fs.readFileSync(inject('pgliteTemplate'));
    return openDatabase({ loadDataDir: new Blob([dump]) });
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  const template = inject('postgresTemplate');
  if (!serverUrl || !template) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${template}_${process.pid}_${++copies}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const handle = await openDatabase({ databaseUrl: withDatabase(serverUrl, name) });
  return {
    ...handle,
    close: () => closeAndDrop(handle, serverUrl, name),
  };
}

/** A fresh database for the tests of the enclosing describe block, filled in before them, closed after. */
export function useTestDatabase(kind: DatabaseKind): DatabaseHandle {
  const database = {} as DatabaseHandle;
  beforeAll(async () => {
    Object.assign(database, await createTestDatabase(kind));
  });
  afterAll(() => database.close?.());
  return database;
}

/** Tests run once per database kind ("<name> on pglite"), each run on its own fresh database. */
export function describeWithTestDatabase(name: string, tests: (database: DatabaseHandle, kind: DatabaseKind) => void): void {
  describe.each(databaseKinds)(`${name} on %s`, (kind) => tests(useTestDatabase(kind), kind));
}

/** Close the handle, then drop its database once its connections have gone. */
async function closeAndDrop(handle: DatabaseHandle, serverUrl: string, name: string): Promise<void> {
  await handle.close();
  const dropper = new pg.Client({ connectionString: serverUrl });
  await dropper.connect();
  // pg's Pool.end() returns before its connections have gone: wait for them, so the forced drop
  // does not cut a live connection (an unhandled error in the test run).
  for (let i = 0; i < 40; i++) {
    const { rows } = await dropper.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
    if (!rows[0]?.n) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await dropper.query(`drop database if exists ${name} with (force)`);
  await dropper.end();
}

/** A database with nothing in it, not even the migrations (for migration tests). */
export async function createEmptyTestDatabase(kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'involve-empty-'));
    const handle = await openDatabase({ dataDir });
    return {
      ...handle,
      async close() {
        await handle.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `involve_test_empty_${process.pid}_${++copies}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const handle = await openDatabase({ databaseUrl: withDatabase(serverUrl, name) });
  return { ...handle, close: () => closeAndDrop(handle, serverUrl, name) };
}
