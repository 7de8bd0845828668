// `npm run bench:directory`: fills a fresh PostgreSQL database (BENCH_DATABASE_URL; without it, an
// embedded one, with a note) with 100,000 directory services spread over England, each at a location
// with coordinates and in one to three of 14 categories, then times the directory's searches through
// its service (searchServices: the matching page and its result lines) one after another: by words,
// by distance from a postcode, by words near a postcode, and by category near a postcode. Prints
// p50 and p99 of each in milliseconds; the aim is p99 under 50 ms.
// Settings: BENCH_ROWS (default 100000), BENCH_SEARCHES (default 400 per kind).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { searchServices } from '../src/modules/directory/service.js';
import { migrateToLatest } from '../src/modules/index.js';
import { type DatabaseHandle, openDatabase } from '../src/platform/database.js';
import { anonymous } from '../src/platform/permissions.js';
import { percentile, positiveInt, serverBenchDatabase } from './loadMeasure.js';

const rows = positiveInt('BENCH_ROWS', 100_000);
const searches = positiveInt('BENCH_SEARCHES', 400);

const words = `walking group support advice money debt benefits food bank pantry garden allotment growing singing choir
  dementia memory cafe carers young people family parents baby toddler youth club football swimming yoga tai chi
  balance falls older lonely befriending friendship coffee morning knitting crochet sewing art craft painting pottery
  music guitar drumming dance exercise gym running cycling bike repair shed workshop woodwork cooking lunch meals
  diabetes heart lungs breathing asthma copd cancer stroke arthritis pain sleep stress anxiety depression mental health
  wellbeing mindfulness counselling listening peer recovery addiction alcohol drugs smoking weight nutrition english
  language conversation refugee asylum welcome deaf sign blind sight hearing disability autism learning skills computer
  digital phone tablet library reading books writing poetry history heritage nature walks birds conservation litter
  volunteering time bank neighbours community centre church mosque temple hall park river canal housing homeless
  shelter clothes furniture energy bills warm space transport lifts shopping pharmacy clinic checks screening`
  .split(/\s+/)
  .filter(Boolean);

const searchWords = ['walking', 'dementia', 'food bank', 'singing', 'debt advice', 'garden', 'carers', 'yoga', 'refugee', 'knitting', 'deaf', 'diabetes'];

/** Random postcodes of the benchmark, each somewhere in England. */
const postcodeCount = 400;

async function fill(database: DatabaseHandle): Promise<void> {
  const { db } = database;
  const started = performance.now();
  await sql`select setseed(0.42)`.execute(db);
  const org = await db
    .insertInto('organisation')
    .values({ name: 'Bench directory owner', type: 'voluntary_group', takes_nhs_money: false })
    .returning('id')
    .executeTakeFirstOrThrow();
  const taxonomy = await db
    .insertInto('directory_taxonomy')
    .values({ name: 'Bench categories', description: 'Benchmark' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const terms = await db
    .insertInto('directory_taxonomy_term')
    .values(Array.from({ length: 14 }, (_, i) => ({ name: `Category ${i + 1}`, description: 'Benchmark', taxonomy_id: taxonomy.id })))
    .returning('id')
    .execute();
  const wordArray = sql`${sql.val(words)}::text[]`;
  const pick = sql`(${wordArray})[1 + floor(random() * ${words.length})::int]`;
  const batch = 20_000;
  for (let from = 0; from < rows; from += batch) {
    const to = Math.min(rows, from + batch);
    await db.transaction().execute(async (trx) => {
      await sql`
        with made as (
          select n,
                 gen_random_uuid() as service_id,
                 gen_random_uuid() as location_id,
                 50.6 + random() * 4.6 as lat,
                 -3.6 + random() * 5.3 as lon
          from generate_series(${from + 1}::int, ${to}::int) n
        ), services as (
          insert into directory_service (id, organisation_id, name, description, status, last_checked)
          select service_id, ${org.id}::int,
                 initcap(${pick} || ' ' || ${pick} || ' ' || (array['group', 'club', 'café', 'service', 'drop-in'])[1 + floor(random() * 5)::int]) || ' ' || n,
                 ${pick} || ' ' || ${pick} || ' ' || ${pick} || ' and ' || ${pick} || ' for ' || ${pick} || ' ' || ${pick} || ', with ' || ${pick} || ' ' || ${pick} || ' ' || ${pick} || ' ' || ${pick} || '.',
                 'active', current_date - floor(random() * 300)::int
          from made
          returning id
        ), locations as (
          insert into directory_location (id, location_type, name, latitude, longitude)
          select location_id, 'physical', 'Venue ' || n, lat, lon from made
          returning id
        )
        insert into directory_service_at_location (service_id, location_id)
        select service_id, location_id from made`.execute(trx);
    });
    process.stdout.write(`\r${to.toLocaleString('en-GB')} services`);
  }
  process.stdout.write('\n');
  // One to three categories each.
  const termIds = sql`${sql.val(terms.map((t) => t.id))}::uuid[]`;
  await sql`
    insert into directory_attribute (link_id, link_entity, taxonomy_term_id)
    select distinct on (s.id, t) s.id, 'service', t
    from directory_service s
    cross join lateral (select (${termIds})[1 + floor(random() * 14)::int] as t from generate_series(1, 1 + floor(random() * 3)::int + 0 * length(s.name))) picks`.execute(
    db,
  );
  await sql`
    insert into directory_postcode (postcode, latitude, longitude)
    select 'BE' || (n % 90 + 10) || ' ' || (n % 10) || chr(65 + (n / 10) % 26) || chr(65 + (n / 260) % 26), 50.8 + random() * 4.2, -3.2 + random() * 4.8
    from generate_series(0, ${postcodeCount - 1}::int) n
    on conflict do nothing`.execute(db);
  await sql`analyze`.execute(db);
  console.log(
    `${database.kind}: ${rows.toLocaleString('en-GB')} services, locations and their categories made in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function timeSearches(database: DatabaseHandle): Promise<void> {
  const { db } = database;
  const postcodes = (await db.selectFrom('directory_postcode').select('postcode').where('postcode', 'like', 'BE%').execute()).map((p) => p.postcode);
  const terms = (await db.selectFrom('directory_taxonomy_term').select('id').execute()).map((t) => t.id);
  const kinds: Array<[string, (i: number) => Parameters<typeof searchServices>[2]]> = [
    ['words', (i) => ({ text: searchWords[i % searchWords.length] })],
    ['within 10 miles of a postcode', (i) => ({ postcode: postcodes[i % postcodes.length], withinMiles: 10 })],
    [
      'words within 10 miles of a postcode',
      (i) => ({ text: searchWords[i % searchWords.length], postcode: postcodes[(i * 7) % postcodes.length], withinMiles: 10 }),
    ],
    [
      'category within 25 miles of a postcode',
      (i) => ({ category: terms[i % terms.length], postcode: postcodes[(i * 3) % postcodes.length], withinMiles: 25 }),
    ],
  ];
  console.log(`\n${database.kind}: ${searches} searches of each kind, one at a time (a page of 20 with its result lines)`);
  console.log('search'.padEnd(42), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'mean hits'.padStart(10));
  for (const [label, query] of kinds) {
    // Warm up: the first searches fill the caches.
    for (let i = 0; i < 20; i++) await searchServices(db, anonymous, query(i));
    const times = new Float64Array(searches);
    let hits = 0;
    for (let i = 0; i < searches; i++) {
      const started = performance.now();
      const result = await searchServices(db, anonymous, query(i));
      times[i] = performance.now() - started;
      hits += result.total;
    }
    times.sort();
    console.log(
      label.padEnd(42),
      percentile(times, 50).toFixed(1).padStart(8),
      percentile(times, 99).toFixed(1).padStart(8),
      Math.round(hits / searches)
        .toLocaleString('en-GB')
        .padStart(10),
    );
  }
}

async function main(): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (serverUrl) {
    const server = await serverBenchDatabase(serverUrl, `involve_bench_directory_${process.pid}`);
    try {
      await fill(server.database);
      await timeSearches(server.database);
    } finally {
      // BENCH_KEEP=1 leaves the database there (its name is printed) to look at query plans.
      if (process.env.BENCH_KEEP === '1') {
        console.log(`Kept the database involve_bench_directory_${process.pid}`);
        await server.database.close();
      } else await server.drop();
    }
    return;
  }
  console.log('BENCH_DATABASE_URL is not set: measuring on an embedded database (set it to postgres://… for the PostgreSQL figures).');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'involve-bench-directory-'));
  const embedded = await openDatabase({ dataDir: path.join(dir, 'db') });
  try {
    await migrateToLatest(embedded.db);
    await fill(embedded);
    await timeSearches(embedded);
  } finally {
    await embedded.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Benchmark failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
