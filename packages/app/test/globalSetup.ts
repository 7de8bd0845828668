// Before any test file runs: migrate one embedded database and dump it (test files open copies in
// well under a second), and, when TEST_DATABASE_URL is set, make a migrated PostgreSQL template
// database for this run that test files clone. Everything made here is removed afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../src/modules/index.js';
import { dumpPglite, openDatabase } from '../src/platform/database.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'involve-test-'));
  const embedded = await openDatabase({ dataDir: path.join(workDir, 'template') });
  await migrateToLatest(embedded.db);
  const dump = await dumpPglite(embedded);
  await embedded.close();
  const dumpFile = path.join(workDir, 'template.tar');
  fs.writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', dumpFile);

  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl && process.env.CI === 'true') {
    throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tests must run in CI.');
  }
  let templateName = '';
  if (serverUrl) {
    templateName = `involve_test_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${templateName}`);
    await admin.end();
    const template = await openDatabase({ databaseUrl: withDatabase(serverUrl, templateName) });
    await migrateToLatest(template.db);
    await template.close();
  }
  project.provide('postgresTemplate', templateName);

  return async () => {
    fs.rmSync(workDir, { recursive: true, force: true });
    if (serverUrl && templateName) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      // Drop this run's template and any copies a crashed test file left behind.
      const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${templateName}%`]);
      for (const row of rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
      await admin.end();
    }
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}
