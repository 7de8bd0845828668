// `npm run bench:stories`: 100,000 published stories (and a response under about half of them)
// over 200 organisations in a fresh embedded database, then the organisation story list page and
// the story search page measured on 127.0.0.1: p50 and p99 latency with one connection (one person
// reading, the figure the aim of p99 under 50 ms is about) and requests per second with ten.
// With BENCH_DATABASE_URL=postgres://… the same on a PostgreSQL server. Settings: BENCH_SECONDS
// (default 8) per measurement, BENCH_STORIES (default 100000).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { buildServer } from '../src/modules/index.js';
import { loadConfig } from '../src/platform/config.js';
import type { DatabaseHandle } from '../src/platform/database.js';
import { type AtEnd, checkAnswers, type Measure, measure, measureOnEachDatabase, positiveInt, runBenchmark, table } from './loadMeasure.js';
import { sentencePicked as pick } from './storyText.js';

const seconds = positiveInt('BENCH_SECONDS', 8);
const storyCount = positiveInt('BENCH_STORIES', 100_000);
const organisationCount = 200;
const host = '127.0.0.1';
const searchTerms = ['parking', 'discharge medicines', 'rude receptionist', 'waited hours', 'kind nurse', 'appointment cancelled'];

/** Load the stories with a few set-based statements (not 100,000 round trips). */
async function loadStories(kind: string, database: DatabaseHandle): Promise<void> {
  const started = performance.now();
  const db = database.db;
  await db
    .insertInto('organisation')
    .values(Array.from({ length: organisationCount }, (_, i) => ({ name: `Bench Trust ${i + 1}`, type: 'nhs_trust' as const, takes_nhs_money: true })))
    .execute();
  const author = await db
    .insertInto('account')
    .values({ email: 'bench-author@example.org', password_hash: 'x', name: 'Bench Author', display_name: 'Bench Author' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`
    insert into story (reference, organisation_id, service, author_account_id, author_role, display_name, happened_month, status,
                       criticality, title, what_happened, what_was_good, what_could_be_better, submitted_at, moderated_at, published_at)
    select 'S-B' || i, o.id, (array['Emergency department','Outpatients','Maternity','Pharmacy', null])[1 + i % 5], ${author.id},
           'patient', 'A patient', date_trunc('month', now() - (i % 700) * interval '1 day')::date, 'published', i % 6,
           ${pick(0, 7)}, ${pick(1, 7)} || ' ' || ${pick(5, 3)} || ' ' || ${pick(9, 11)}, ${pick(3, 5)}, ${pick(7, 13)},
           now() - (i % 700) * interval '1 day' - interval '2 days', now() - (i % 700) * interval '1 day', now() - (i % 700) * interval '1 day' + (i % 1000) * interval '1 second'
    from generate_series(1, ${storyCount}) as i
    join organisation o on o.name = 'Bench Trust ' || (1 + i % ${organisationCount})
  `.execute(db);
  await sql`
    insert into story_response (story_id, account_id, from_kind, organisation_id, signed_name, signed_role, body, created_at)
    select s.id, ${author.id}, 'organisation', s.organisation_id, 'Pat Lead', 'Patient experience lead',
           'Thank you for your feedback. We are sorry and we are looking into it.', s.published_at + interval '3 days'
    from story s where s.id % 2 = 0
  `.execute(db);
  await sql`analyze`.execute(db);
  console.log(
    `${kind}: loaded ${storyCount.toLocaleString('en-GB')} published stories over ${organisationCount} organisations in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'involve-bench-stories-'));

async function measureOn(kind: string, database: DatabaseHandle, atEnd: AtEnd): Promise<Measure[]> {
  await loadStories(kind, database);
  const organisations = await database.db.selectFrom('organisation').select('id').where('name', 'like', 'Bench Trust %').execute();
  const involve = await buildServer({ config: loadConfig({ INVOLVE_DEMO: '0', LOG_LEVEL: 'silent' }), database, logger: false });
  atEnd(() => involve.close());
  const url = await involve.listen({ host, port: 0 });
  const listPaths = organisations.slice(0, 50).flatMap((o) => [`/organisations/${o.id}/stories`, `/organisations/${o.id}/stories?page=3`]);
  const searchPaths = searchTerms.map((term) => `/stories?q=${encodeURIComponent(term)}`);
  await checkAnswers(`${url}${listPaths[0]}`, 'text/html');
  await checkAnswers(`${url}${searchPaths[0]}`, 'text/html');
  const one = { seconds, warmUpSeconds: 2, connections: 1 };
  const ten = { seconds, warmUpSeconds: 2, connections: 10 };
  return [
    await measure(`organisation story list, 1 connection (${kind})`, url, listPaths, one),
    await measure(`story search page, 1 connection (${kind})`, url, searchPaths, one),
    await measure(`organisation story list, 10 connections (${kind})`, url, listPaths, ten),
    await measure(`story search page, 10 connections (${kind})`, url, searchPaths, ten),
  ];
}

runBenchmark(workDir, async (atEnd) => {
  console.log(`Involve stories benchmark: Node ${process.version}, ${os.availableParallelism()} cores, ${seconds} s per measurement`);
  const measures = await measureOnEachDatabase(workDir, `involve_bench_stories_${process.pid}`, atEnd, (kind, database) => measureOn(kind, database, atEnd));
  console.log(`\n${storyCount.toLocaleString('en-GB')} published stories; aim: p99 under 50 ms for one reader.\n`);
  console.log(table(measures, { ratiosToFirst: false }));
  console.log(`\nSearch terms rotated: ${searchTerms.join(', ')}. Lists: the first and third pages of 50 organisations.`);
  if (!process.env.BENCH_DATABASE_URL) console.log('Set BENCH_DATABASE_URL=postgres://… to measure on a PostgreSQL server too.');
});
