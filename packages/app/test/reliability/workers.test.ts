// Several workers serving one Involve (WORKERS=2 on PostgreSQL): both processes answer requests on
// the one port, sign-ups sent at once through them are each stored once, and SIGTERM stops every
// worker and the first process cleanly. The embedded database refuses WORKERS above 1 with a clear
// message, since its folder belongs to one process.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/database.js';
import { withDatabase } from '../globalSetup.js';
import { signUp, startServer } from './serverKit.js';

describe('several workers on one PostgreSQL database', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('refuses WORKERS above 1 on the embedded database, saying why', () => {
    expect(() => loadConfig({ WORKERS: '2' })).toThrow('WORKERS above 1 needs DATABASE_URL');
    expect(() => loadConfig({ WORKERS: '0', DATABASE_URL: 'postgres://x/y' })).toThrow('WORKERS must be from 1 to 64');
    expect(loadConfig({ WORKERS: '3', DATABASE_URL: 'postgres://x/y' }).workers).toBe(3);
    expect(loadConfig({}).workers).toBe(1);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'answers from both workers, stores each of 40 simultaneous sign-ups once, and stops on SIGTERM',
    async () => {
      const serverUrl = process.env.TEST_DATABASE_URL as string;
      const name = `involve_test_workers_${process.pid}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      cleanups.push(async () => {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      });
      const databaseUrl = withDatabase(serverUrl, name);
      const { child, url } = await startServer({ DATABASE_URL: databaseUrl, WORKERS: '2', LOG_LEVEL: 'info' });
      cleanups.push(() => {
        if (child.exitCode === null) child.kill('SIGKILL');
      });
      // Which process answered each request: the request log names its pid.
      const answeredBy = new Set<number>();
      child.stdout?.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) {
          const match = /"pid":(\d+).*"msg":"request completed"/.exec(line);
          if (match) answeredBy.add(Number(match[1]));
        }
      });

      const results = await Promise.all(Array.from({ length: 40 }, (_, n) => signUp(url, 1000 + n)));
      expect(results.filter(Boolean)).toHaveLength(40);
      expect(answeredBy.size).toBe(2);

      const database = await openDatabase({ databaseUrl });
      cleanups.push(() => database.close());
      const accounts = await database.db.selectFrom('account').select('email').where('email', 'like', 'person1%@kill.example').execute();
      expect(accounts).toHaveLength(40);
      expect(new Set(accounts.map((a) => a.email)).size).toBe(40);
      const mails = await database.db.selectFrom('mail_outbox').select('to_address').execute();
      expect(mails).toHaveLength(40);

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
    300_000,
  );
});
