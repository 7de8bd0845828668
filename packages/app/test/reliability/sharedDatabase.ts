// One PostgreSQL database that several app instances share (each opens its own connection pool to
// its URL), cloned from this run's migrated template: for the tests of what many instances do at once.
import pg from 'pg';
import { inject } from 'vitest';
import { withDatabase } from '../globalSetup.js';

let made = 0;

/** A fresh database for `label`; `drop` removes it, connections and all, when the test is done. */
export async function sharedPostgresDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL as string;
  const template = inject('postgresTemplate');
  const name = `${template}_${label}_${process.pid}_${++made}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  return {
    url: withDatabase(serverUrl, name),
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
