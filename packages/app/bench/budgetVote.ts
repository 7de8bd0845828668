// npm run bench:vote: 50 people casting ballots at the same moment on a served Involve (its own
// process, as an operator starts it, on 127.0.0.1), round after round, each round every voter
// changing their ballot: 50 signed in through the ballot form (postcode eligibility, CSRF and session
// cookies as a browser sends them) and 50 at kiosks through the API (one kiosk's token, a voting code
// each). Prints the median and p99 of the answer times of each, and checks that no ballot was lost
// and none counted twice: one ballot per voter, holding that voter's last choices, and a roll of 100.
// Issue 15 asks for a p99 under 200 ms with 50 voters at once. On an embedded database, then with
// BENCH_DATABASE_URL on PostgreSQL, served by one process and then by one worker per core (WORKERS),
// over TCP as the URL says and, when PostgreSQL's Unix socket is on this host (BENCH_SOCKET_DIR,
// default /var/run/postgresql), over the socket too.
// Settings: BENCH_ROUNDS (default 20); BENCH_TOGETHER=1 sends the form's 50 and the API's 50 at the
// same moment (100 at once).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiToken } from '../src/modules/accounts/apiTokens.js';
import { grantRoleDirect } from '../src/modules/accounts/service.js';
import { createSession } from '../src/modules/accounts/sessions.js';
import { type Actor, anonymous } from '../src/modules/budgets/policy.js';
import { addProject, budgetDefaults, createBudget, createVotingCodes, moveBudgetPhase } from '../src/modules/budgets/service.js';
import { migrateToLatest } from '../src/modules/index.js';
import { createPlace } from '../src/modules/registry/service.js';
import { type Db, openDatabase } from '../src/platform/database.js';
import { percentile, positiveInt, runBenchmark, serverBenchDatabase } from './loadMeasure.js';
import { startInvolveServer } from './serverProcess.js';

const voters = 50;
const rounds = positiveInt('BENCH_ROUNDS', 20);
const together = process.env.BENCH_TOGETHER === '1';
const projectCount = 8;

interface Voting {
  budgetId: number;
  projects: string[];
  /** Cookies and CSRF token of each signed-in voter. */
  browsers: Array<{ cookie: string; csrf: string }>;
  kioskToken: string;
  codes: string[];
}

/** A process open for voting, 50 signed-in voters and a kiosk with 50 voting codes, made through the services. */
async function setUp(db: Db): Promise<Voting> {
  const org = await db
    .insertInto('organisation')
    .values({ name: 'Bench Care Board', type: 'commissioner', takes_nhs_money: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  const accounts = await db
    .insertInto('account')
    .values(
      Array.from({ length: voters + 1 }, (_, i) => ({
        email: `bench-voter-${i}@example.org`,
        password_hash: 'x',
        name: `Bench Voter ${i}`,
        display_name: `Bench Voter ${i}`,
        email_verified_at: new Date(),
      })),
    )
    .returning('id')
    .execute();
  const [adminAccount, ...voterAccounts] = accounts.map((a) => a.id) as [number, ...number[]];
  await grantRoleDirect(db, adminAccount, 'admin', org.id);
  const admin: Actor = { accountId: adminAccount, platformAdmin: false, organisationRoles: [{ organisationId: org.id, role: 'admin' }] };
  const placeId = await createPlace({ db }, { ...anonymous, platformAdmin: true }, { name: 'Benchville', kind: 'neighbourhood' });
  const budgetId = await createBudget({ db }, admin, {
    ...budgetDefaults,
    organisationId: org.id,
    title: 'Bench Fund',
    amount: 100_000,
    placeIds: [placeId],
    postcodeDistricts: 'LS6 LS7',
  });
  const projects: string[] = [];
  for (let i = 0; i < projectCount; i++) {
    const id = await addProject({ db }, admin, budgetId, {
      title: `Bench project ${i + 1}`,
      description: 'For the benchmark.',
      location: '',
      whoBenefits: '',
      cost: 5_000 + i * 2_500,
    });
    projects.push(String(id));
  }
  await moveBudgetPhase({ db }, admin, budgetId, 'vote');
  const browsers = [];
  for (const accountId of voterAccounts) {
    const csrf = randomBytes(24).toString('base64url');
    browsers.push({ cookie: `involve_session=${await createSession(db, accountId)}; involve_csrf=${csrf}`, csrf });
  }
  const { token: kioskToken } = await createApiToken({ db }, admin, { label: 'Bench kiosk' });
  const codes = await createVotingCodes({ db }, admin, budgetId, { count: voters, batch: 'Bench' });
  return { budgetId, projects, browsers, kioskToken, codes };
}

/** Voter v's choices in round r: one to three projects, different each round. */
function choicesOf(projects: string[], v: number, r: number): string[] {
  const size = 1 + ((v + r) % 3);
  return Array.from({ length: size }, (_, k) => projects[(v * 3 + r + k * 2) % projects.length] as string).filter((id, k, all) => all.indexOf(id) === k);
}

/** One request, timed; its status must be the one expected. */
async function timed(expected: number, request: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const answer = await request();
  const took = performance.now() - started;
  if (answer.status !== expected) throw new Error(`Answered ${answer.status} (not ${expected}): ${(await answer.text()).replace(/\s+/g, ' ').slice(0, 300)}`);
  await answer.arrayBuffer();
  return took;
}

async function castRounds(url: string, voting: Voting): Promise<{ form: Float64Array; api: Float64Array }> {
  const form: number[] = [];
  const api: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const byForm = voting.browsers.map(
      (browser, v) => () =>
        timed(303, () => {
          const body = new URLSearchParams({ _csrf: browser.csrf, postcode: 'LS6 3HN' });
          for (const id of choicesOf(voting.projects, v, r)) body.append('projects', id);
          return fetch(`${url}/budgets/${voting.budgetId}/vote`, {
            method: 'POST',
            redirect: 'manual',
            headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
            body: body.toString(),
          });
        }),
    );
    const byApi = voting.codes.map(
      (code, v) => () =>
        timed(201, () =>
          fetch(`${url}/api/v1/budgets/${voting.budgetId}/ballots`, {
            method: 'POST',
            headers: { authorization: `Bearer ${voting.kioskToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ projects: choicesOf(voting.projects, voters + v, r), code }),
          }),
        ),
    );
    // 50 at once through the form, then 50 at once through the API (or, with BENCH_TOGETHER=1, all 100 at once).
    if (together) {
      const [formTimes, apiTimes] = await Promise.all([Promise.all(byForm.map((cast) => cast())), Promise.all(byApi.map((cast) => cast()))]);
      form.push(...formTimes);
      api.push(...apiTimes);
    } else {
      form.push(...(await Promise.all(byForm.map((cast) => cast()))));
      api.push(...(await Promise.all(byApi.map((cast) => cast()))));
    }
  }
  return { form: Float64Array.from(form).sort(), api: Float64Array.from(api).sort() };
}

/** None lost, none twice: one ballot per voter, and together exactly the voters' last choices. */
async function check(db: Db, voting: Voting): Promise<string> {
  const ballots = await db.selectFrom('budget_ballot').select(['choices', 'voter_hash']).where('budget_id', '=', voting.budgetId).execute();
  const roll = await db.selectFrom('budget_voter').select('voter_key').where('budget_id', '=', voting.budgetId).execute();
  const last = rounds - 1;
  const expected = Array.from({ length: 2 * voters }, (_, v) => {
    const ids = choicesOf(voting.projects, v, last);
    // The form lists ticked projects in the ballot's order; the API keeps the order sent.
    return JSON.stringify(v < voters ? voting.projects.filter((id) => ids.includes(id)) : ids);
  }).sort();
  const stored = ballots.map((b) => JSON.stringify(b.choices.projects)).sort();
  const problems = [
    ballots.length !== 2 * voters && `${ballots.length} ballots, not ${2 * voters}`,
    new Set(ballots.map((b) => b.voter_hash)).size !== ballots.length && 'two ballots share a voter hash',
    roll.length !== 2 * voters && `${roll.length} voters on the roll, not ${2 * voters}`,
    JSON.stringify(stored) !== JSON.stringify(expected) && 'the ballots are not the voters’ last choices',
  ].filter(Boolean);
  if (problems.length) throw new Error(`Ballots lost or counted twice: ${problems.join('; ')}`);
  return `${ballots.length} ballots from ${roll.length} voters on the roll, each the voter's last choices: none lost, none counted twice`;
}

const row = (label: string, times: Float64Array) =>
  `${label.padEnd(60)} ${String(times.length).padStart(6)}  ${percentile(times, 50).toFixed(1).padStart(8)}  ${percentile(times, 99).toFixed(1).padStart(8)}  ${times[times.length - 1]?.toFixed(1).padStart(8)}`;

async function runOn(
  kind: string,
  target: { databaseUrl?: string; dataDir?: string },
  voting: Voting,
  db: () => Promise<{ db: Db; close(): Promise<void> }>,
  workers = 1,
): Promise<string[]> {
  const server = await startInvolveServer(target, { workers });
  let times: { form: Float64Array; api: Float64Array };
  try {
    console.log(`${kind}: ${rounds} rounds, each ${together ? `${2 * voters} ballots at once` : `${voters} ballots at once by form, then ${voters} by API`}…`);
    times = await castRounds(server.url, voting);
  } finally {
    await server.stop();
  }
  const opened = await db();
  try {
    const verdict = await check(opened.db, voting);
    return [row(`ballot form, signed in (${kind})`, times.form), row(`API with voting codes (${kind})`, times.api), `  ${kind}: ${verdict}`];
  } finally {
    await opened.close();
  }
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'involve-bench-vote-'));
runBenchmark(workDir, async (atEnd) => {
  const lines: string[] = [];
  // Embedded: set up, close (one process at a time opens a data folder), serve, then open again to check.
  const dataDir = path.join(workDir, 'db');
  const embedded = await openDatabase({ dataDir });
  await migrateToLatest(embedded.db);
  const embeddedVoting = await setUp(embedded.db);
  await embedded.close();
  lines.push(...(await runOn('PGlite', { dataDir }, embeddedVoting, () => openDatabase({ dataDir }))));
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (serverUrl) {
    const name = `involve_bench_vote_${process.pid}`;
    const server = await serverBenchDatabase(serverUrl, name);
    atEnd(server.drop);
    const voting = await setUp(server.database.db);
    const target = new URL(serverUrl);
    target.pathname = `/${name}`;
    const shared = async () => ({ db: server.database.db, close: async () => {} });
    lines.push(...(await runOn('PostgreSQL', { databaseUrl: target.toString() }, voting, shared)));
    // The same voters again (each round changes every ballot), served by one worker per core.
    const cores = os.availableParallelism();
    if (cores > 1) lines.push(...(await runOn(`PostgreSQL, ${cores} workers`, { databaseUrl: target.toString() }, voting, shared, cores)));
    // On one host, PostgreSQL's Unix socket spares each query a trip through the TCP stack, which on
    // this machine is a large share of the server's time per ballot: measured in the same run.
    const socketDir = process.env.BENCH_SOCKET_DIR ?? '/var/run/postgresql';
    if (!target.searchParams.has('host') && fs.existsSync(path.join(socketDir, '.s.PGSQL.5432'))) {
      const overSocket = new URL(target);
      overSocket.searchParams.set('host', socketDir);
      const url = overSocket.toString();
      lines.push(...(await runOn('PostgreSQL, Unix socket', { databaseUrl: url }, voting, shared)));
      if (cores > 1) lines.push(...(await runOn(`PostgreSQL, Unix socket, ${cores} workers`, { databaseUrl: url }, voting, shared, cores)));
    }
  } else {
    lines.push('  (set BENCH_DATABASE_URL=postgres://… to measure on PostgreSQL too)');
  }
  console.log(`\n${'ms per ballot'.padEnd(60)} ${'ballots'.padStart(6)}  ${'median'.padStart(8)}  ${'p99'.padStart(8)}  ${'slowest'.padStart(8)}`);
  for (const line of lines) console.log(line);
});
