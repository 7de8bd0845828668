// The running server limits each statement on PostgreSQL (STATEMENT_TIMEOUT_MS): a query gone wrong
// fails its own request with 503 "too busy" and a Retry-After, instead of holding a connection while
// requests pile up behind it (bench:pages saw a rare-word search take 3 s a query and the server
// grow to 3.5 GB). Migrations and the demo load run before, without the limit.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { isDatabaseEmpty, modules } from '../../src/modules/index.js';
import { startInvolve } from '../../src/platform/app.js';
import { loadConfig } from '../../src/platform/config.js';
import type { InvolveModule } from '../../src/platform/module.js';
import { withDatabase } from '../globalSetup.js';
import { createPino } from '../testLogger.js';

const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) console.warn('Skipping the statement limit test: it needs PostgreSQL (set TEST_DATABASE_URL).');

/** A module for this test only: one page whose query takes two seconds. */
const slowModule: InvolveModule = {
  name: 'slow',
  tables: [],
  migrations: {},
  routes: async (app) => {
    app.get('/slow', async (request) => {
      await sql`select pg_sleep(2)`.execute(app.deps.db);
      return { slept: true, url: request.url };
    });
  },
};

describe.runIf(serverUrl)('the statement limit on PostgreSQL', { timeout: 300_000 }, () => {
  const name = `involve_test_statement_limit_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  const stops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const stop of stops) await stop();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('cuts a slow statement of the running server off with a 503 and Retry-After, after migrating and loading the demo without it', async () => {
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    // A limit far below the demo load's own time: the start must still succeed.
    const config = loadConfig({
      DATABASE_URL: withDatabase(serverUrl as string, name),
      INVOLVE_DEMO: '1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      STATEMENT_TIMEOUT_MS: '300',
    });
    const running = await startInvolve(config, createPino(), { modules: [...modules, slowModule], isDatabaseEmpty });
    stops.push(running.stop);

    expect(await isDatabaseEmpty(running.database.db)).toBe(false);
    const setting = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(running.database.db);
    expect(setting.rows[0]?.statement_timeout).toBe('300ms');

    const slowPage = await fetch(`${running.url}/slow`);
    expect(slowPage.status).toBe(503);
    expect(slowPage.headers.get('retry-after')).toBe('10');
    expect(await slowPage.text()).toContain('Involve is too busy to answer this now');

    // The server goes on answering: the pool got its connection back.
    const home = await fetch(`${running.url}/`);
    expect(home.status).toBe(200);
  });
});
