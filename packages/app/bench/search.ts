// `npm run bench`: loads 10,000 organisations into a fresh embedded database through the CSV
// import, then measures on 127.0.0.1 the organisation search page and the search API against a
// bare Fastify route returning a fixed string, and prints requests/s, p50/p99 and the ratios.
// Settings: BENCH_SECONDS (default 8) per measurement, BENCH_ROWS (default 10000).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type autocannon from 'autocannon';
import cliProgress from 'cli-progress';
import Fastify from 'fastify';
import { importOrganisationsCsv } from '../src/modules/registry/service.js';
import { loadConfig } from '../src/platform/config.js';
import { type DatabaseHandle, openDatabase } from '../src/platform/database.js';
import { migrateToLatest } from '../src/platform/migrations.js';
import type { Actor } from '../src/platform/permissions.js';
import { buildServer } from '../src/platform/server.js';

const seconds = positiveInt('BENCH_SECONDS', 8);
const rows = positiveInt('BENCH_ROWS', 10_000);
const warmUpSeconds = 2;
const connections = 10;
const host = '127.0.0.1';
const system: Actor = { accountId: null, platformAdmin: true, organisationRoles: [] };

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a whole number above 0, not "${raw}"`);
  return value;
}

// ---- A realistic health system, made up but shaped like West Yorkshire's ----------------------

// A small seeded generator, so every run imports the same organisations.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(20_240_601);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

interface Area {
  name: string;
  code: string;
  outward: string[];
  towns: string[];
}

const areas: Area[] = [
  {
    name: 'Leeds',
    code: 'E08000035',
    outward: [
      'LS1',
      'LS2',
      'LS3',
      'LS4',
      'LS5',
      'LS6',
      'LS7',
      'LS8',
      'LS9',
      'LS10',
      'LS11',
      'LS12',
      'LS13',
      'LS14',
      'LS15',
      'LS16',
      'LS17',
      'LS18',
      'LS19',
      'LS25',
      'LS27',
      'LS28',
    ],
    towns: [
      'Headingley',
      'Kirkstall',
      'Meanwood',
      'Chapeltown',
      'Harehills',
      'Armley',
      'Bramley',
      'Beeston',
      'Hunslet',
      'Seacroft',
      'Roundhay',
      'Moortown',
      'Horsforth',
      'Morley',
      'Garforth',
      'Rothwell',
      'Pudsey',
      'Yeadon',
      'Otley',
      'Wetherby',
    ],
  },
  {
    name: 'Bradford',
    code: 'E08000032',
    outward: ['BD1', 'BD2', 'BD3', 'BD4', 'BD5', 'BD6', 'BD7', 'BD8', 'BD9', 'BD10', 'BD16', 'BD18', 'BD20'],
    towns: ['Manningham', 'Eccleshill', 'Shipley', 'Bingley', 'Keighley', 'Ilkley', 'Idle', 'Wibsey', 'Thornton', 'Saltaire', 'Baildon', 'Girlington'],
  },
  {
    name: 'Wakefield',
    code: 'E08000036',
    outward: ['WF1', 'WF2', 'WF3', 'WF4', 'WF5', 'WF6', 'WF8', 'WF9', 'WF10'],
    towns: ['Ossett', 'Horbury', 'Pontefract', 'Castleford', 'Normanton', 'Hemsworth', 'Knottingley', 'Featherstone'],
  },
  {
    name: 'Kirklees',
    code: 'E08000034',
    outward: ['HD1', 'HD2', 'HD3', 'HD4', 'HD5', 'HD7', 'HD8', 'HD9', 'WF12', 'WF13', 'WF14'],
    towns: ['Huddersfield', 'Dewsbury', 'Batley', 'Mirfield', 'Holmfirth', 'Marsden', 'Birstall', 'Heckmondwike'],
  },
  {
    name: 'Calderdale',
    code: 'E08000033',
    outward: ['HX1', 'HX2', 'HX3', 'HX4', 'HX5', 'HX6', 'HX7', 'OL14'],
    towns: ['Halifax', 'Brighouse', 'Elland', 'Sowerby Bridge', 'Hebden Bridge', 'Todmorden'],
  },
];

const streets = [
  'Church',
  'Station',
  'Park',
  'Mill',
  'High',
  'Market',
  'Victoria',
  'Albion',
  'Chapel',
  'Manor',
  'Grange',
  'Oak',
  'Beech',
  'Elm',
  'Willow',
  'Hollins',
  'Moor',
  'Bridge',
  'King',
  'Queen',
];
const streetKinds = ['Street', 'Road', 'Lane', 'Avenue', 'Terrace', 'Way'];
const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';

interface TypeRecipe {
  type: string;
  share: number;
  names: Array<(town: string, street: string) => string>;
  ods?: string;
  nhsMoney: number;
}

const recipes: TypeRecipe[] = [
  {
    type: 'gp_practice',
    share: 0.38,
    ods: 'B8',
    nhsMoney: 1,
    names: [
      (t) => `${t} Medical Centre`,
      (t) => `${t} Surgery`,
      (t) => `${t} Health Centre`,
      (t) => `${t} Medical Practice`,
      (_t, s) => `${s} Street Surgery`,
      (_t, s) => `The ${s} Practice`,
      (t) => `${t} Family Practice`,
      (t, s) => `${s} Lane Group Practice, ${t}`,
    ],
  },
  {
    type: 'pharmacy',
    share: 0.24,
    ods: 'FA',
    nhsMoney: 1,
    names: [
      (t) => `${t} Pharmacy`,
      (t, s) => `${pick(['Boots', 'Well', 'Rowlands', 'Day Lewis', 'Cohens'])} Pharmacy, ${s} Road, ${t}`,
      (_t, s) => `${s} Road Chemist`,
    ],
  },
  {
    type: 'voluntary_group',
    share: 0.16,
    nhsMoney: 0.15,
    names: [
      (t) => `${t} Carers Centre`,
      (t) => `Mind in ${t}`,
      (t) => `Age UK ${t}`,
      (t) => `${t} Community Association`,
      (t) => `${t} Befriending Service`,
      (t) => `${t} Food Bank`,
      (t) => `${t} Men's Shed`,
      (t) => `${t} Dementia Café`,
      (t) => `${t} Youth Project`,
      (t) => `${t} Disability Forum`,
      (t, s) => `Friends of ${s} Park, ${t}`,
    ],
  },
  {
    type: 'social_care_provider',
    share: 0.09,
    ods: 'VN',
    nhsMoney: 0.4,
    names: [(_t, s) => `${s} House Care Home`, (t) => `${t} Home Care Services`, (_t, s) => `${s} Lodge Nursing Home`, (t) => `${t} Supported Living`],
  },
  {
    type: 'independent_provider',
    share: 0.07,
    ods: 'NV',
    nhsMoney: 0.7,
    names: [
      (t) => `${t} Dental Practice`,
      (t) => `${t} Physiotherapy Clinic`,
      (t) => `${t} Eye Care`,
      (t) => `${t} Hearing Centre`,
      (t, s) => `${s} Road Dental Care, ${t}`,
    ],
  },
  {
    type: 'school_or_university',
    share: 0.04,
    nhsMoney: 0,
    names: [(t) => `${t} Primary School`, (t) => `${t} Academy`, (t, s) => `St ${s}'s Church of England School, ${t}`],
  },
  {
    type: 'nhs_trust',
    share: 0.008,
    ods: 'R',
    nhsMoney: 1,
    names: [(t) => `${t} Teaching Hospitals NHS Trust`, (t) => `${t} Community Healthcare NHS Trust`, (t) => `${t} and District NHS Foundation Trust`],
  },
  { type: 'healthwatch', share: 0.004, nhsMoney: 0.5, names: [(t) => `Healthwatch ${t}`] },
  { type: 'local_authority', share: 0.004, nhsMoney: 0, names: [(t) => `${t} Town Council`] },
  { type: 'commissioner', share: 0.004, ods: 'Q', nhsMoney: 1, names: [(t) => `NHS ${t} Place Commissioning Team`] },
];

function pickRecipe(): TypeRecipe {
  let r = rand() * recipes.reduce((sum, x) => sum + x.share, 0);
  for (const recipe of recipes) {
    r -= recipe.share;
    if (r <= 0) return recipe;
  }
  return recipes[0] as TypeRecipe;
}

function csvValue(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The import file as an organisation list from a local system would give it. */
function generateCsv(count: number): string {
  const lines = ['name,type,ods_code,address,postcode,website,takes_nhs_money,places'];
  const odsCounters = new Map<string, number>();
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const recipe = pickRecipe();
    const area = pick(areas);
    let name = '';
    let postcode = '';
    let town = '';
    let street = '';
    // Organisations without an ODS code are told apart by name and postcode: keep those unique.
    do {
      town = pick(area.towns);
      street = pick(streets);
      name = pick(recipe.names)(town, street);
      postcode = `${pick(area.outward)} ${Math.floor(rand() * 10)}${pick([...inwardLetters])}${pick([...inwardLetters])}`;
    } while (seen.has(`${name}|${postcode}`));
    seen.add(`${name}|${postcode}`);
    let ods = '';
    if (recipe.ods) {
      const n = (odsCounters.get(recipe.ods) ?? 0) + 1;
      odsCounters.set(recipe.ods, n);
      ods = `${recipe.ods}${String(n).padStart(6 - recipe.ods.length, '0')}`;
    }
    const address = `${1 + Math.floor(rand() * 240)} ${street} ${pick(streetKinds)}, ${town}`;
    const website =
      rand() < 0.3
        ? `https://www.${name
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '')}.org.uk`
        : '';
    const nhsMoney = rand() < recipe.nhsMoney ? 'yes' : 'no';
    // About a third say which places they serve: their local authority area, sometimes the ICS too.
    const places = rand() < 0.33 ? (rand() < 0.3 ? `${area.code};West Yorkshire` : area.name) : '';
    lines.push([name, recipe.type, ods, address, postcode, website, nhsMoney, places].map(csvValue).join(','));
  }
  return `${lines.join('\n')}\n`;
}

const searchTerms = [
  'surgery',
  'medical centre',
  'pharmacy',
  'Headingley',
  'carers',
  'care home',
  'Halifax',
  'health centre',
  'NHS trust',
  'mind',
  'Morley',
  'dental',
];

// ---- Measuring -----------------------------------------------------------------------------

interface Measure {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
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

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function load(label: string, url: string, paths: string[], duration: number): Promise<Measure> {
  const options: autocannon.Options = { url, connections, duration, requests: paths.map((p) => ({ method: 'GET', path: p })) };
  const worker = new Worker(loadThread, { eval: true, workerData: { autocannonPath: createRequire(import.meta.url).resolve('autocannon'), options } });
  const answer = await new Promise<LoadResult>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  }).finally(() => worker.terminate());
  if (answer.error || !answer.result || !answer.times) throw new Error(`${label}: ${answer.error ?? 'the load thread gave no result'}`);
  const { result } = answer;
  if (result.errors + result.timeouts + result.non2xx > 0) {
    throw new Error(`${label}: ${result.non2xx} answers other than 2xx, ${result.errors} errors, ${result.timeouts} timeouts in ${result.total} requests`);
  }
  const sorted = answer.times.sort();
  return { label, requestsPerSecond: result.average, p50: percentile(sorted, 50), p99: percentile(sorted, 99), total: result.total };
}

async function measure(label: string, url: string, paths: string[]): Promise<Measure> {
  process.stdout.write(`Measuring ${label} (${warmUpSeconds} s warm-up, then ${seconds} s)… `);
  await load(label, url, paths, warmUpSeconds);
  const m = await load(label, url, paths, seconds);
  process.stdout.write(`${Math.round(m.requestsPerSecond)} requests/s\n`);
  return m;
}

/** One request to each address first, so a missing route fails with a clear message. */
async function checkAnswers(url: string, expectType: string): Promise<void> {
  const response = await fetch(url);
  const body = await response.text();
  if (response.status !== 200 || !String(response.headers.get('content-type')).includes(expectType)) {
    throw new Error(`${url} answered ${response.status} ${response.headers.get('content-type')}: ${body.replace(/\s+/g, ' ').trim().slice(0, 160)}`);
  }
}

function table(measures: Measure[]): string {
  const bare = measures[0] as Measure;
  const header = ['', 'requests/s', 'p50 ms', 'p99 ms', 'requests/s vs bare', 'p99 vs bare'];
  const body = measures.map((m) => [
    m.label,
    Math.round(m.requestsPerSecond).toLocaleString('en-GB'),
    m.p50.toFixed(2),
    m.p99.toFixed(2),
    m === bare ? '1' : (m.requestsPerSecond / bare.requestsPerSecond).toFixed(3),
    m === bare ? '1' : `${(m.p99 / bare.p99).toFixed(1)}×`,
  ]);
  const widths = header.map((_h, i) => Math.max(...[header, ...body].map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

// ---- The run -------------------------------------------------------------------------------

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'involve-bench-'));

async function main(): Promise<void> {
  console.log(
    `Involve search benchmark: Node ${process.version}, ${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${connections} connections, ${seconds} s per measurement`,
  );
  let database: DatabaseHandle | undefined;
  const closers: Array<() => Promise<unknown>> = [];
  try {
    const openedAt = performance.now();
    database = await openDatabase({ dataDir: path.join(workDir, 'db') });
    await migrateToLatest(database.db);
    console.log(`Fresh embedded database, migrated, in ${((performance.now() - openedAt) / 1000).toFixed(1)} s`);

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

    const csv = generateCsv(rows);
    const bar = process.stdout.isTTY
      ? new cliProgress.SingleBar({ format: 'Importing [{bar}] {value}/{total} rows', hideCursor: true }, cliProgress.Presets.shades_classic)
      : null;
    bar?.start(rows, 0);
    const importedAt = performance.now();
    const report = await importOrganisationsCsv(database, system, csv, { onProgress: (done) => bar?.update(done) });
    bar?.stop();
    const importSeconds = (performance.now() - importedAt) / 1000;
    console.log(
      `Imported ${rows.toLocaleString('en-GB')} organisations from CSV (${(csv.length / 1024 / 1024).toFixed(1)} MB) in ${importSeconds.toFixed(1)} s: ${report.created} created, ${report.updated} updated, ${report.errors.length} refused`,
    );
    if (report.errors.length > 0 || report.created !== rows) {
      throw new Error(
        `The import did not create every row: ${report.errors
          .slice(0, 5)
          .map((e) => e.message)
          .join('; ')}`,
      );
    }
    await database.pglite?.query('analyze');

    const involve = await buildServer({ config: loadConfig({ INVOLVE_DEMO: '0', LOG_LEVEL: 'silent' }), database, logger: false });
    closers.push(() => involve.close());
    const involveUrl = await involve.listen({ host, port: 0 });

    const bare = Fastify({ logger: false });
    bare.get('/', async () => 'Hello from a bare Fastify route');
    closers.push(() => bare.close());
    const bareUrl = await bare.listen({ host, port: 0 });

    const pagePaths = searchTerms.map((term) => `/organisations?q=${encodeURIComponent(term)}`);
    const apiPaths = searchTerms.map((term) => `/api/v1/organisations?q=${encodeURIComponent(term)}`);
    await checkAnswers(`${bareUrl}/`, 'text/plain');
    await checkAnswers(`${involveUrl}${pagePaths[0]}`, 'text/html');
    await checkAnswers(`${involveUrl}${apiPaths[0]}`, 'application/json');

    const measures = [
      await measure('bare Fastify route', bareUrl, ['/']),
      await measure('search page /organisations?q=', involveUrl, pagePaths),
      await measure('search API /api/v1/organisations?q=', involveUrl, apiPaths),
    ];
    console.log(
      `\nOn ${os.availableParallelism()} cores, Node ${process.version}, embedded database (PGlite), ${rows.toLocaleString('en-GB')} organisations:\n`,
    );
    console.log(table(measures));
    console.log(`\nImport of ${rows.toLocaleString('en-GB')} rows: ${importSeconds.toFixed(1)} s. Search terms rotated: ${searchTerms.join(', ')}.`);
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
    await database?.close().catch(() => {});
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

// However it goes, the run ends by itself: a generous bound on the whole thing.
const limitMs = (5 * 60 + 3 * (warmUpSeconds + seconds) * 2) * 1000;
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

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
