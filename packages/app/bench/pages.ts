// `npm run bench:pages`: how fast Involve's pages are under a crowd, against the ceiling of a bare
// Fastify route on the same machine (issue 13).
//
// How it runs, so the figures are fair:
// - Both command lines are built first (as `npm run build` does at install), so the server and the
//   commands run the current sources as built JavaScript.
// - Involve runs as an operator runs it, `involve serve` (its build, packages/app/dist/cli.js), in a
//   process of its own (INVOLVE_DEMO=0, LOG_LEVEL=info as in production with its request logs written
//   to /dev/null; BENCH_LOG_LEVEL changes it). The bare route runs in a process of its own too, answering an HTML
//   body of exactly the story page's size, measured on the same run and database.
// - The load comes from autocannon in a worker thread of this process (see loadMeasure.ts): 50
//   connections on PostgreSQL, 10 on the embedded PGlite, each page 2 s of warm-up and then
//   BENCH_SECONDS (default 10) measured. p50 and p99 are over 2xx answers; failures (errors,
//   timeouts and answers other than 2xx) are counted and shown. On this 2-core machine, the load
//   generator, the server and PostgreSQL share the two cores, as they would on one small host.
// - Anonymous pages are asked for without cookies (every visitor a new one); the account page with a
//   signed-in reader's cookies. Each page rotates over several addresses: 20 organisations including
//   the large trust (a tenth of all stories), 200 stories spread over the whole set, four common and
//   two rare search words.
// - Memory is the server process's resident set (with any processes under it), read from /proc
//   before the first page and after the last. The server's CPU time per request (also from /proc)
//   holds when other work shares the machine, unlike requests/s; the load average is printed.
// - Between pages the run waits until the server answers a database round trip promptly, so
//   requests the load generator gave up on (timeouts) do not slow the next page; a server still
//   busy a minute later is restarted for the next page, and the report says so.
// - Story lists stop at page 50 today (counts stop at 1,000): "page 500" shows what that gives.
// - Commands: `decide --help`, `involve working-days` (median of 10 runs each) and `decide pb` on a
//   Pabulib file of 1,043 voters (median of 5), from start to exit.
//
// Data: on PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
// 1,000,000 published stories over 2,000 organisations (BENCH_STORIES, BENCH_ORGANISATIONS), in a
// database made for the run and dropped after; with BENCH_KEEP=1 in `involve_bench_pages`, kept and
// reused by the next run when it holds the same data set. On PGlite 100,000 stories (or
// BENCH_STORIES when fewer; BENCH_PGLITE_STORIES), in a temporary folder, or with BENCH_KEEP=1 in
// <tmp>/involve-bench-pages-pglite, reused likewise. BENCH_ONLY=postgres or pglite runs one of them.
// A quick check: BENCH_STORIES=20000 BENCH_SECONDS=3 npm run bench:pages
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateToLatest } from '../src/modules/index.js';
import { type DatabaseHandle, openDatabase } from '../src/platform/database.js';
import { checkAnswers, type Measure, measure, positiveInt } from './loadMeasure.js';
import { commonWords, dataSetLabel, loadPagesData, type PagesDataSize, rareWords, reader, samplesOf } from './pagesData.js';
import {
  appRoot,
  buildCommandLines,
  cpuTime,
  freePort,
  medianRunTime,
  type RunTime,
  repositoryRoot,
  residentMemory,
  StaleBuildError,
  startInvolveServer,
  startServerProcess,
} from './serverProcess.js';

const seconds = positiveInt('BENCH_SECONDS', 10);
const warmUpSeconds = 2;
const serverStories = positiveInt('BENCH_STORIES', 1_000_000);
const embeddedStories = positiveInt('BENCH_PGLITE_STORIES', Math.min(serverStories, 100_000));
const organisations = positiveInt('BENCH_ORGANISATIONS', 2_000);
const keep = process.env.BENCH_KEEP === '1';
const only = process.env.BENCH_ONLY;
const serverUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const logLevel = process.env.BENCH_LOG_LEVEL || 'info';
const keptDatabaseName = 'involve_bench_pages';
const builtInvolve = path.join(appRoot, 'dist', 'cli.js');
const keptDataDir = path.join(os.tmpdir(), 'involve-bench-pages-pglite');
// A Pabulib file of 1,043 voters, from the shared reference data beside the repository (not in it: see its licence notes).
const pbFile = process.env.BENCH_PB_FILE || path.join(repositoryRoot, '..', 'shared', 'data', 'pb', 'instances', 'Poland_Gdynia_2021_Wielki_Kack__small.pb');

if (only && only !== 'postgres' && only !== 'pglite') throw new Error(`BENCH_ONLY must be postgres or pglite, not "${only}"`);

/** Undone in reverse order at the end, or on Ctrl-C. */
const cleanups: Array<() => Promise<unknown>> = [];
async function cleanUp(): Promise<void> {
  for (const undo of cleanups.splice(0).reverse()) await undo().catch((error: unknown) => console.error(`Cleaning up: ${String(error)}`));
}

interface PageMeasure extends Measure {
  page: Page;
  /** CPU time the server process used per request while measured (independent of what else runs). */
  serverCpuMs: number;
}

interface Page {
  label: string;
  paths: string[];
  type: string;
  /** Anonymous and public (the aims of issue 13 for public pages apply); else the signed-in account page. */
  public: boolean;
  bare?: boolean;
}

interface Run {
  kind: 'PostgreSQL' | 'PGlite';
  stories: number;
  connections: number;
  loadNote: string;
  measures: PageMeasure[];
  storyPageBytes: number;
  rssBefore: number;
  rssAfter: number;
  /** The most the server held after any page. */
  rssHighest: number;
  /** Restarts, and why. */
  notes: string[];
  /** The machine's load average (1 minute) before and after: other work on it skews the figures. */
  loadBefore: number;
  loadAfter: number;
}

// ---- Databases ------------------------------------------------------------------------------

/** The PostgreSQL database to measure on, loaded (or reused), and how to let it go. */
async function serverDatabase(size: PagesDataSize): Promise<{ url: string; note: string }> {
  const name = keep ? keptDatabaseName : `involve_bench_pages_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect().catch((error: unknown) => {
    throw new Error(`PostgreSQL at ${serverUrl} does not answer (${String(error)}): set BENCH_DATABASE_URL, or BENCH_ONLY=pglite`);
  });
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  const drop = async () => {
    const again = new pg.Client({ connectionString: serverUrl });
    await again.connect();
    await again.query(`drop database if exists ${name} with (force)`);
    await again.end();
  };
  try {
    const existing = await admin.query<{ comment: string | null }>('select shobj_description(oid, $1) as comment from pg_database where datname = $2', [
      'pg_database',
      name,
    ]);
    if (keep && existing.rows[0]?.comment === dataSetLabel(size)) {
      const database = await openDatabase({ databaseUrl: target.toString() });
      await migrateToLatest(database.db).finally(() => database.close());
      return { url: target.toString(), note: `reused database ${name}` };
    }
    if (existing.rows.length) await admin.query(`drop database ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  if (!keep) cleanups.push(drop);
  const started = performance.now();
  const database = await openDatabase({ databaseUrl: target.toString() });
  try {
    await migrateToLatest(database.db);
    console.log(`PostgreSQL: loading ${size.stories.toLocaleString('en-GB')} stories into ${name}`);
    await loadPagesData(database.db, size, console.log);
  } finally {
    await database.close();
  }
  const loadedIn = (performance.now() - started) / 1000;
  if (keep) {
    const admin2 = new pg.Client({ connectionString: serverUrl });
    await admin2.connect();
    await admin2.query(`comment on database ${name} is '${dataSetLabel(size)}'`);
    await admin2.end();
  }
  return { url: target.toString(), note: `loaded in ${loadedIn.toFixed(0)} s${keep ? `, kept as ${name}` : ''}` };
}

/** The embedded database's folder, loaded (or reused). Closed again before the server opens it. */
async function embeddedDataDir(size: PagesDataSize): Promise<{ dataDir: string; note: string }> {
  const dataDir = keep ? keptDataDir : fs.mkdtempSync(path.join(os.tmpdir(), 'involve-bench-pages-'));
  const marker = path.join(`${dataDir}.dataset`);
  if (keep && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === dataSetLabel(size) && fs.existsSync(dataDir)) {
    return { dataDir, note: `reused ${dataDir}` };
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(marker, { force: true });
  if (!keep) cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const started = performance.now();
  let database: DatabaseHandle | null = null;
  try {
    database = await openDatabase({ dataDir });
    await migrateToLatest(database.db);
    console.log(`PGlite: loading ${size.stories.toLocaleString('en-GB')} stories into ${dataDir}`);
    await loadPagesData(database.db, size, console.log);
  } finally {
    await database?.close();
  }
  if (keep) fs.writeFileSync(marker, dataSetLabel(size));
  return { dataDir, note: `loaded in ${((performance.now() - started) / 1000).toFixed(0)} s${keep ? `, kept in ${dataDir}` : ''}` };
}

/** The ids the pages are measured on (read before the server opens an embedded database). */
async function samplesFrom(options: { databaseUrl?: string; dataDir?: string }) {
  const database = await openDatabase(options);
  try {
    return await samplesOf(database.db);
  } finally {
    await database.close();
  }
}

// ---- Pages ----------------------------------------------------------------------------------

function pagesOf(samples: Awaited<ReturnType<typeof samplesOf>>): Page[] {
  const { organisationIds, largeOrganisationId, storyIds } = samples;
  const q = (words: string[]) => words.map((w) => `/stories?q=${encodeURIComponent(w)}`);
  return [
    { label: 'home page', paths: ['/'], type: 'text/html', public: true },
    { label: 'organisation page', paths: organisationIds.map((id) => `/organisations/${id}`), type: 'text/html', public: true },
    { label: "organisation's stories, page 1", paths: organisationIds.map((id) => `/organisations/${id}/stories`), type: 'text/html', public: true },
    {
      label: "large trust's stories, page 500",
      paths: [`/organisations/${largeOrganisationId}/stories?page=500`],
      type: 'text/html',
      public: true,
    },
    { label: 'a story', paths: storyIds.map((id) => `/stories/${id}`), type: 'text/html', public: true },
    { label: 'story search, common words', paths: q(commonWords), type: 'text/html', public: true },
    { label: 'story search, rare words', paths: q(rareWords), type: 'text/html', public: true },
    { label: 'feedback figures', paths: organisationIds.map((id) => `/organisations/${id}/feedback`), type: 'text/html', public: true },
    { label: 'organisation API', paths: organisationIds.map((id) => `/api/v1/organisations/${id}`), type: 'application/json', public: true },
    { label: 'account page, signed in', paths: ['/account'], type: 'text/html', public: false },
  ];
}

/** Sign the bench reader in through the sign-in form; the cookies to send as them. */
async function signIn(url: string): Promise<string> {
  const form = await fetch(`${url}/sign-in`);
  const csrfCookie = form.headers.getSetCookie().map((c) => c.split(';')[0] as string);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrf) throw new Error('The sign-in page has no _csrf field');
  const answer = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: csrfCookie.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email: reader.email, password: reader.password }).toString(),
  });
  if (answer.status !== 303) throw new Error(`Signing the bench reader in answered ${answer.status}: ${(await answer.text()).slice(0, 200)}`);
  const cookies = new Map<string, string>();
  for (const cookie of [...csrfCookie, ...answer.headers.getSetCookie().map((c) => c.split(';')[0] as string)]) {
    const [name] = cookie.split('=');
    cookies.set(name as string, cookie);
  }
  return [...cookies.values()].join('; ');
}

async function measureOn(kind: Run['kind'], target: { databaseUrl?: string; dataDir?: string }, stories: number, loadNote: string): Promise<Run> {
  const connections = kind === 'PostgreSQL' ? 50 : 10;
  const samples = await samplesFrom(target);
  const pages = pagesOf(samples);
  const startInvolve = async () => {
    // The build itself, as bin/involve.js runs it when fresh (here sources may change under a long run).
    const server = await startInvolveServer(target, { script: fs.existsSync(builtInvolve) ? builtInvolve : undefined, logLevel });
    cleanups.push(() => server.stop());
    return server;
  };
  let involve = await startInvolve();
  const notes: string[] = [];
  try {
    const rssBefore = residentMemory(involve.pid);
    let rssHighest = rssBefore;
    const loadBefore = os.loadavg()[0] as number;
    for (const page of pages.filter((p) => p.public)) await checkAnswers(`${involve.url}${page.paths[0]}`, page.type);
    const storyPageBytes = Buffer.byteLength(await (await fetch(`${involve.url}${pages.find((p) => p.label === 'a story')?.paths[0]}`)).text());
    const cookie = await signIn(involve.url);
    const accountPage = await fetch(`${involve.url}/account`, { headers: { cookie }, redirect: 'manual' });
    if (accountPage.status !== 200) throw new Error(`The account page answered ${accountPage.status} to the signed-in reader`);

    const measures: PageMeasure[] = [];
    /** Measure one page, with the CPU time the serving process spent on it. */
    const measurePage = async (page: Page, url: string, pid: number, headers?: Record<string, string>) => {
      let cpuBefore = 0;
      const m = await measure(`${page.label} (${kind})`, url, page.paths, {
        seconds,
        warmUpSeconds,
        connections,
        countFailures: true,
        ...(headers ? { headers } : {}),
        beforeMeasuring: () => {
          cpuBefore = cpuTime(pid);
        },
      });
      measures.push({ ...m, page, serverCpuMs: (cpuTime(pid) - cpuBefore) / Math.max(1, m.total) });
    };
    // The ceiling first, in its own process, then stopped so it takes nothing from the pages.
    const barePort = await freePort();
    const bare = await startServerProcess({
      command: process.execPath,
      args: ['--import', 'tsx', path.join(appRoot, 'bench', 'bareServer.ts'), String(storyPageBytes)],
      env: { PATH: process.env.PATH, PORT: String(barePort) },
      port: barePort,
      readyPath: '/ready',
    });
    try {
      const page: Page = {
        label: `bare Fastify route, ${storyPageBytes.toLocaleString('en-GB')} bytes`,
        paths: ['/'],
        type: 'text/html',
        public: false,
        bare: true,
      };
      await measurePage(page, bare.url, bare.pid);
    } finally {
      await bare.stop();
    }
    for (const page of pages) {
      await measurePage(page, involve.url, involve.pid, page.public ? undefined : { cookie });
      const rss = residentMemory(involve.pid);
      rssHighest = Math.max(rssHighest, rss);
      // Requests the load generator gave up on may still be running (queued for the database): the
      // next page starts once the server answers a database round trip promptly again, or, when it
      // has not within a minute, on a server started afresh (so one page's backlog never counts
      // against the next), and the table says so.
      const { seconds: waited, settled } = await settle(involve.url);
      if (!settled) {
        const note = `after "${page.label}" the server was still busy with its requests ${waited.toFixed(0)} s later (resident memory ${mb(rss)}): restarted for the next page`;
        console.log(`  (${note})`);
        notes.push(note);
        await involve.stop();
        involve = await startInvolve();
      } else if (waited > 2) console.log(`  (the server took ${waited.toFixed(0)} s to finish that page's requests before the next page)`);
    }
    const rssAfter = residentMemory(involve.pid);
    const loadAfter = os.loadavg()[0] as number;
    return { kind, stories, connections, loadNote, measures, storyPageBytes, rssBefore, rssAfter, rssHighest, loadBefore, loadAfter, notes };
  } catch (error) {
    const tail = involve.stderrTail().trim();
    if (tail) console.error(`The server's last words:\n${tail.slice(-1500)}`);
    throw error;
  } finally {
    await involve.stop();
  }
}

/** Wait (up to a minute) until /readyz, one database round trip, answers within 200 ms twice running. */
async function settle(url: string): Promise<{ seconds: number; settled: boolean }> {
  const started = performance.now();
  let prompt = 0;
  while (prompt < 2 && performance.now() - started < 60_000) {
    const asked = performance.now();
    const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(30_000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    prompt = ok && performance.now() - asked < 200 ? prompt + 1 : 0;
    if (prompt < 2) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { seconds: (performance.now() - started) / 1000, settled: prompt >= 2 };
}

// ---- Report ---------------------------------------------------------------------------------

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Whether a row meets issue 13's aims (on PostgreSQL: public pages p99 < 50 ms and ≥ 2,000/s, the account page p99 < 100 ms; on PGlite: public pages p99 < 100 ms). */
function aimOf(run: Run, m: PageMeasure): string {
  if (m.page.bare) return '';
  const met = (ok: boolean) => (ok && m.failures === 0 ? 'met' : 'missed');
  if (run.kind === 'PGlite') return m.page.public ? met(m.p99 < 100) : '';
  return m.page.public ? met(m.p99 < 50 && m.requestsPerSecond >= 2000) : met(m.p99 < 100);
}

function report(run: Run): string {
  const bare = run.measures.find((m) => m.page.bare) as PageMeasure;
  const header = ['page', 'requests/s', 'p50 ms', 'p99 ms', 'failures', 'vs bare', 'server CPU ms/request', 'aim'];
  const body = run.measures.map((m) => [
    m.page.label,
    Math.round(m.requestsPerSecond).toLocaleString('en-GB'),
    Number.isNaN(m.p50) ? '-' : m.p50.toFixed(1),
    Number.isNaN(m.p99) ? '-' : m.p99.toFixed(1),
    m.failures.toLocaleString('en-GB'),
    m.page.bare ? '1' : (m.requestsPerSecond / bare.requestsPerSecond).toFixed(3),
    m.total < 20 ? '-' : m.serverCpuMs.toFixed(2),
    aimOf(run, m),
  ]);
  const widths = header.map((_h, i) => Math.max(...[header, ...body].map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 || i === 7 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return [
    `${run.kind}: ${run.stories.toLocaleString('en-GB')} published stories over ${organisations.toLocaleString('en-GB')} organisations (${run.loadNote}), ${run.connections} connections, ${seconds} s each`,
    '',
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line),
    '',
    `Server memory (resident): ${mb(run.rssBefore)} before the first page, ${mb(run.rssAfter)} after the last, ${mb(run.rssHighest)} at most after a page. Story page: ${run.storyPageBytes.toLocaleString('en-GB')} bytes.`,
    ...run.notes.map((note) => `Note: ${note}.`),
    `Machine load average (1 min): ${run.loadBefore.toFixed(1)} before, ${run.loadAfter.toFixed(1)} after${run.loadBefore > 3 || run.loadAfter > 3 ? ': other work was running, so requests/s and latencies are low; CPU ms/request holds better' : ''}.`,
  ].join('\n');
}

function commandTimes(): string[] {
  const lines: string[] = [];
  const time = (label: string, args: string[], runs: number) => {
    try {
      let times: RunTime;
      try {
        times = medianRunTime(process.execPath, args, runs);
      } catch (error) {
        if (!(error instanceof StaleBuildError)) throw error;
        buildCommandLines(); // a source changed since the build: build again and measure again, once
        times = medianRunTime(process.execPath, args, runs);
      }
      const cpu = times.cpuMs === null ? '' : `, CPU ${Math.round(times.cpuMs)} ms`;
      lines.push(`${label.padEnd(62)} ${Math.round(times.wallMs).toString().padStart(6)} ms${cpu} (medians of ${runs})`);
    } catch (error) {
      lines.push(`${label.padEnd(62)} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const decide = path.join(repositoryRoot, 'packages', 'decide', 'bin', 'decide.js');
  time('decide --help', [decide, '--help'], 10);
  time('involve working-days 2026-12-24 20', [path.join(appRoot, 'bin', 'involve.js'), 'working-days', '2026-12-24', '20'], 10);
  if (fs.existsSync(pbFile)) time(`decide pb ${path.basename(pbFile)} --rule mes-cost-add1`, [decide, 'pb', pbFile, '--rule', 'mes-cost-add1', '--quiet'], 5);
  else lines.push(`decide pb: ${pbFile} is not there (set BENCH_PB_FILE)`);
  return lines;
}

async function main(): Promise<void> {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(
    `Involve pages benchmark: Node ${process.version}, ${os.availableParallelism()} cores (${cpu}), ${seconds} s per page after ${warmUpSeconds} s warm-up`,
  );
  console.log(`Built: ${buildCommandLines()}`);
  const loadAtCommands = os.loadavg()[0] as number;
  const commands = commandTimes();
  const commandsTitle = `Commands, start to exit (machine load average ${loadAtCommands.toFixed(1)} before them):`;
  console.log(`\n${commandsTitle}\n${commands.join('\n')}\n`);
  const runs: Run[] = [];
  if (only !== 'pglite') {
    const size = { stories: serverStories, organisations };
    const database = await serverDatabase(size);
    runs.push(await measureOn('PostgreSQL', { databaseUrl: database.url }, size.stories, database.note));
    console.log(`\n${report(runs.at(-1) as Run)}\n`);
  }
  if (only !== 'postgres') {
    const size = { stories: embeddedStories, organisations };
    const { dataDir, note } = await embeddedDataDir(size);
    runs.push(await measureOn('PGlite', { dataDir }, size.stories, note));
    console.log(`\n${report(runs.at(-1) as Run)}\n`);
  }
  console.log(`\n==== Summary (Node ${process.version}, ${os.availableParallelism()} cores, ${cpu}) ====\n`);
  for (const run of runs) console.log(`${report(run)}\n`);
  console.log(`${commandsTitle}\n${commands.join('\n')}`);
  console.log(
    '\nAims (issue 13): on PostgreSQL every anonymous public page p99 < 50 ms and ≥ 2,000 requests/s, the account page p99 < 100 ms, requests/s ≥ 0.15 of the bare route; on PGlite p99 < 100 ms; decide --help < 250 ms.',
  );
}

process.once('SIGINT', () => {
  cleanUp().finally(() => process.exit(130));
});

main()
  .then(cleanUp)
  .then(
    () => process.exit(0),
    async (error: unknown) => {
      console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
      await cleanUp();
      process.exit(1);
    },
  );
