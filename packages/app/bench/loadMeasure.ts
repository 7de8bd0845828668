// Measuring a running server from a second thread with autocannon: requests per second, and p50
// and p99 latency to the microsecond, plus a table with ratios to the first measure. Shared by the
// benchmarks in this folder.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type autocannon from 'autocannon';
import pg from 'pg';
import { migrateToLatest } from '../src/modules/index.js';
import { type DatabaseHandle, openDatabase } from '../src/platform/database.js';

export interface Measure {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  /** Answers other than 2xx, errors and timeouts (measure throws on any unless asked to count them). */
  failures: number;
}

export interface LoadSettings {
  seconds: number;
  warmUpSeconds: number;
  connections: number;
  /** Sent with every request (a session cookie for a signed-in page). */
  headers?: Record<string, string>;
  /** Count answers other than 2xx in `failures` instead of stopping the run. */
  countFailures?: boolean;
  /** Called after the warm-up, just before the measured load starts. */
  beforeMeasuring?: () => void;
}

// autocannon runs in a thread of its own, so the load does not share the servers' event loop. Its
// own latency histogram keeps whole milliseconds only (a bare route answers in well under one), so
// the thread keeps every response time and the percentiles are worked out here, to the microsecond.
const loadThread = `
const { parentPort, workerData } = require('node:worker_threads');
const autocannon = require(workerData.autocannonPath);
const times = [];
const instance = autocannon(workerData.options, (error, result) => {
  if (error) parentPort.postMessage({ error: String(error) });
  // Inside a thread autocannon hands back its raw result (no averages): requests/s is worked out here.
  else parentPort.postMessage({ result: { average: result.totalCompletedRequests / result.duration, total: result.totalCompletedRequests, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }, times: Float64Array.from(times) });
});
instance.on('response', (_client, statusCode, _bytes, responseTime) => {
  if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
});
`;

interface LoadResult {
  error?: string;
  result?: { average: number; total: number; errors: number; timeouts: number; non2xx: number };
  times?: Float64Array;
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function load(label: string, url: string, paths: string[], duration: number, settings: LoadSettings): Promise<Measure> {
  const { connections, headers, countFailures } = settings;
  const options: autocannon.Options = { url, connections, duration, requests: paths.map((p) => ({ method: 'GET', path: p, ...(headers ? { headers } : {}) })) };
  const worker = new Worker(loadThread, { eval: true, workerData: { autocannonPath: createRequire(import.meta.url).resolve('autocannon'), options } });
  const answer = await new Promise<LoadResult>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  }).finally(() => worker.terminate());
  if (answer.error || !answer.result || !answer.times) throw new Error(`${label}: ${answer.error ?? 'the load thread gave no result'}`);
  const { result } = answer;
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0 && !countFailures) {
    throw new Error(`${label}: ${result.non2xx} answers other than 2xx, ${result.errors} errors, ${result.timeouts} timeouts in ${result.total} requests`);
  }
  const sorted = answer.times.sort();
  return { label, requestsPerSecond: result.average, p50: percentile(sorted, 50), p99: percentile(sorted, 99), total: result.total, failures };
}

export async function measure(label: string, url: string, paths: string[], settings: LoadSettings): Promise<Measure> {
  const { seconds, warmUpSeconds, connections } = settings;
  process.stdout.write(`Measuring ${label} (${connections} connections, ${warmUpSeconds} s warm-up, then ${seconds} s)… `);
  await load(label, url, paths, warmUpSeconds, settings);
  settings.beforeMeasuring?.();
  const m = await load(label, url, paths, seconds, settings);
  process.stdout.write(`${Math.round(m.requestsPerSecond)} requests/s\n`);
  return m;
}

/** One request to each address first, so a missing route fails with a clear message. */
export async function checkAnswers(url: string, expectType: string): Promise<void> {
  const response = await fetch(url);
  const body = await response.text();
  if (response.status !== 200 || !String(response.headers.get('content-type')).includes(expectType)) {
    throw new Error(`${url} answered ${response.status} ${response.headers.get('content-type')}: ${body.replace(/\s+/g, ' ').trim().slice(0, 160)}`);
  }
}

export function table(measures: Measure[], options: { ratiosToFirst?: boolean } = { ratiosToFirst: true }): string {
  const bare = measures[0] as Measure;
  const header = ['', 'requests/s', 'p50 ms', 'p99 ms', 'requests/s vs bare', 'p99 vs bare'].slice(0, options.ratiosToFirst ? 6 : 4);
  const body = measures.map((m) =>
    [
      m.label,
      Math.round(m.requestsPerSecond).toLocaleString('en-GB'),
      m.p50.toFixed(2),
      m.p99.toFixed(2),
      m === bare ? '1' : (m.requestsPerSecond / bare.requestsPerSecond).toFixed(3),
      m === bare ? '1' : `${(m.p99 / bare.p99).toFixed(1)}×`,
    ].slice(0, header.length),
  );
  const widths = header.map((_h, i) => Math.max(...[header, ...body].map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** A fresh, migrated database on the PostgreSQL server at `serverUrl`, and how to drop it after. */
export async function serverBenchDatabase(serverUrl: string, name: string): Promise<{ database: DatabaseHandle; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: target.toString() });
  await migrateToLatest(database.db);
  const drop = async () => {
    await database.close().catch(() => {});
    const again = new pg.Client({ connectionString: serverUrl });
    await again.connect().catch(() => {});
    await again.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await again.end().catch(() => {});
  };
  return { database, drop };
}

/** Adds something to close when the benchmark ends (the last added is closed first). */
export type AtEnd = (close: () => Promise<unknown>) => void;

/**
 * Runs a benchmark that works in `workDir`: however `run` ends, what it handed to `atEnd` is closed
 * (the last opened first) and the folder removed; then the process exits, 0 or 1 with the error.
 */
export function runBenchmark(workDir: string, run: (atEnd: AtEnd) => Promise<void>): void {
  const closers: Array<() => Promise<unknown>> = [];
  const cleanUp = async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  run((close) => closers.push(close))
    .finally(cleanUp)
    .then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
}

/**
 * `measureOn` on a fresh, migrated embedded database in `workDir`, then, with BENCH_DATABASE_URL, on a
 * fresh database `serverDatabase` on that PostgreSQL server (dropped at the end).
 */
export async function measureOnEachDatabase(
  workDir: string,
  serverDatabase: string,
  atEnd: AtEnd,
  measureOn: (kind: string, database: DatabaseHandle) => Promise<Measure[]>,
): Promise<Measure[]> {
  const openedAt = performance.now();
  const embedded = await openDatabase({ dataDir: path.join(workDir, 'db') });
  atEnd(() => embedded.close());
  await migrateToLatest(embedded.db);
  console.log(`Fresh embedded database, migrated, in ${((performance.now() - openedAt) / 1000).toFixed(1)} s`);
  const measures = await measureOn('PGlite', embedded);
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (serverUrl) {
    const server = await serverBenchDatabase(serverUrl, serverDatabase);
    atEnd(server.drop);
    measures.push(...(await measureOn('PostgreSQL', server.database)));
  }
  return measures;
}

/** A whole-number setting from the environment (BENCH_SECONDS and the like), or its default. */
export function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a whole number above 0, not "${raw}"`);
  return value;
}
