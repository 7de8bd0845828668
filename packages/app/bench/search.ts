// `npm run bench`: loads 10,000 organisations into a fresh embedded database through the CSV
// import, then measures on 127.0.0.1 the organisation search page and the search API against a
// bare Fastify route returning a fixed string, and prints requests/s, p50/p99 and the ratios.
// Settings: BENCH_SECONDS (default 8) per measurement, BENCH_ROWS (default 10000).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import cliProgress from 'cli-progress';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildServer } from '../src/modules/index.js';
import { importOrganisationsCsv } from '../src/modules/registry/service.js';
import { loadConfig } from '../src/platform/config.js';
import type { DatabaseHandle } from '../src/platform/database.js';
import type { Actor } from '../src/platform/permissions.js';
import { type AtEnd, checkAnswers, type Measure, measureOnEachDatabase, measure as measureWith, positiveInt, runBenchmark, table } from './loadMeasure.js';
import { areas, generateOrganisationsCsv, searchTerms } from './syntheticOrganisations.js';

const measure = (label: string, url: string, paths: string[]) => measureWith(label, url, paths, { seconds, warmUpSeconds, connections });

const seconds = positiveInt('BENCH_SECONDS', 8);
const rows = positiveInt('BENCH_ROWS', 10_000);
const warmUpSeconds = 2;
const connections = 10;
const host = '127.0.0.1';
const system: Actor = { accountId: null, platformAdmin: true, organisationRoles: [] };

// ---- The run -------------------------------------------------------------------------------

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'involve-bench-'));

/** Load the organisations into a migrated database, serve Involve on it, and measure its search. */
async function measureOn(kind: string, database: DatabaseHandle, atEnd: AtEnd): Promise<Measure[]> {
  // The places the import refers to (a fresh database has none without the demo).
  const ics = await database.db
    .insertInto('place')
    .values({ name: 'West Yorkshire', kind: 'integrated_care_system', parent_id: null, code: 'E54000054' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('place')
    .values(areas.map((a) => ({ name: a.name, kind: 'local_authority_area' as const, parent_id: ics.id, code: a.code })))
    .execute();

  const csv = generateOrganisationsCsv(rows);
  const bar = process.stdout.isTTY
    ? new cliProgress.SingleBar({ format: 'Importing [{bar}] {value}/{total} rows', hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(rows, 0);
  const importedAt = performance.now();
  const report = await importOrganisationsCsv(database, system, csv, { onProgress: (done) => bar?.update(done) });
  bar?.stop();
  const importSeconds = (performance.now() - importedAt) / 1000;
  console.log(
    `${kind}: imported ${rows.toLocaleString('en-GB')} organisations from CSV (${(csv.length / 1024 / 1024).toFixed(1)} MB) in ${importSeconds.toFixed(1)} s: ${report.created} created, ${report.updated} updated, ${report.errors.length} refused`,
  );
  if (report.errors.length > 0 || report.created !== rows) {
    throw new Error(
      `The import did not create every row: ${report.errors
        .slice(0, 5)
        .map((e) => e.message)
        .join('; ')}`,
    );
  }
  await sql`analyze`.execute(database.db);

  const involve = await buildServer({ config: loadConfig({ INVOLVE_DEMO: '0', LOG_LEVEL: 'silent' }), database, logger: false });
  atEnd(() => involve.close());
  const involveUrl = await involve.listen({ host, port: 0 });
  const pagePaths = searchTerms.map((term) => `/organisations?q=${encodeURIComponent(term)}`);
  const apiPaths = searchTerms.map((term) => `/api/v1/organisations?q=${encodeURIComponent(term)}`);
  await checkAnswers(`${involveUrl}${pagePaths[0]}`, 'text/html');
  await checkAnswers(`${involveUrl}${apiPaths[0]}`, 'application/json');
  return [
    await measure(`search page /organisations?q= (${kind})`, involveUrl, pagePaths),
    await measure(`search API /api/v1/organisations?q= (${kind})`, involveUrl, apiPaths),
  ];
}

// However it goes, the run ends by itself: a generous bound on the whole thing.
const limitMs = (5 * 60 + 5 * (warmUpSeconds + seconds) * 2) * 1000;
const guard = setTimeout(() => {
  console.error(`The benchmark took longer than ${Math.round(limitMs / 1000)} s and was stopped.`);
  fs.rmSync(workDir, { recursive: true, force: true });
  process.exit(1);
}, limitMs);
guard.unref();
process.once('SIGINT', () => {
  fs.rmSync(workDir, { recursive: true, force: true });
  process.exit(130);
});

runBenchmark(workDir, async (atEnd) => {
  console.log(
    `Involve search benchmark: Node ${process.version}, ${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${connections} connections, ${seconds} s per measurement`,
  );
  const bare = Fastify({ logger: false });
  bare.get('/', async () => 'Hello from a bare Fastify route');
  atEnd(() => bare.close());
  const bareUrl = await bare.listen({ host, port: 0 });
  await checkAnswers(`${bareUrl}/`, 'text/plain');
  const measures = [await measure('bare Fastify route', bareUrl, ['/'])];
  measures.push(...(await measureOnEachDatabase(workDir, `involve_bench_${process.pid}`, atEnd, (kind, database) => measureOn(kind, database, atEnd))));

  console.log(`\nOn ${os.availableParallelism()} cores, Node ${process.version}, ${rows.toLocaleString('en-GB')} organisations:\n`);
  console.log(table(measures));
  console.log(`\nSearch terms rotated: ${searchTerms.join(', ')}.`);
  if (!process.env.BENCH_DATABASE_URL) console.log('Set BENCH_DATABASE_URL=postgres://… to measure on a PostgreSQL server too.');
});
