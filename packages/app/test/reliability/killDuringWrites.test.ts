// kill -9 during submissions loses nothing acknowledged (issue 12's reliability suite): a real
// Involve server in its own process takes sign-ups over HTTP from several clients at once; it is
// killed with SIGKILL mid-stream; every sign-up that was answered "done" (303) is then in the
// database with its confirmation email queued (both in one transaction), on PostgreSQL and on the
// embedded database.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/database.js';
import { withDatabase } from '../globalSetup.js';
import { signUp, startServer } from './serverKit.js';

/** Send sign-ups from 8 clients until `killAfter` are acknowledged, then kill -9 with requests in flight. */
async function signUpsUntilKilled(url: string, child: ChildProcess, killAfter: number): Promise<string[]> {
  const acknowledged: string[] = [];
  let next = 0;
  let killed = false;
  const client = async () => {
    while (!killed) {
      const n = next++;
      try {
        if (await signUp(url, n)) acknowledged.push(`person${n}@kill.example`);
      } catch {
        // A request cut by the kill: not acknowledged, so nothing is owed.
      }
      if (!killed && acknowledged.length >= killAfter) {
        killed = true;
        child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, client));
  await new Promise((resolve) => (child.exitCode !== null || child.signalCode ? resolve(null) : child.once('exit', resolve)));
  return acknowledged;
}

describe('kill -9 during submissions', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'loses nothing acknowledged on PostgreSQL',
    async () => {
      const serverUrl = process.env.TEST_DATABASE_URL as string;
      const name = `involve_test_kill_${process.pid}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      cleanups.push(async () => {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      });
      const databaseUrl = withDatabase(serverUrl, name);
      const { child, url } = await startServer({ DATABASE_URL: databaseUrl });
      const acknowledged = await signUpsUntilKilled(url, child, 40);
      expect(acknowledged.length).toBeGreaterThanOrEqual(40);

      const database = await openDatabase({ databaseUrl });
      cleanups.push(() => database.close());
      const accounts = await database.db.selectFrom('account').select('email').execute();
      const mails = await database.db.selectFrom('mail_outbox').select('to_address').execute();
      const stored = new Set(accounts.map((a) => a.email));
      const queued = new Set(mails.map((m) => m.to_address));
      expect(acknowledged.filter((email) => !stored.has(email))).toEqual([]);
      expect(acknowledged.filter((email) => !queued.has(email))).toEqual([]);
    },
    300_000,
  );

  it('loses nothing acknowledged on the embedded database', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'involve-kill-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const { child, url } = await startServer({ INVOLVE_DATA_DIR: dataDir, DATABASE_URL: '' });
    const acknowledged = await signUpsUntilKilled(url, child, 25);
    expect(acknowledged.length).toBeGreaterThanOrEqual(25);

    // The killed process left its lock file behind; its pid is gone, so the folder opens.
    const database = await openDatabase({ dataDir });
    try {
      const accounts = await database.db.selectFrom('account').select('email').execute();
      const stored = new Set(accounts.map((a) => a.email));
      expect(acknowledged.filter((email) => !stored.has(email))).toEqual([]);
    } finally {
      await database.close();
    }
  }, 300_000);
});
