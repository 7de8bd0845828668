// The data set of `npm run bench:pages`: organisations, published stories (a tenth of them about one
// large trust, so its list runs to thousands of pages), responses under half, themes on a third,
// Friends and Family Test answers, and a signed-in reader. Loaded with one INSERT … SELECT over
// generate_series per table, so a million stories take minutes on PostgreSQL, not hours.
import { sql } from 'kysely';
import { hashPassword } from '../src/platform/auth.js';
import type { Db } from '../src/platform/database.js';
import { sentencePicked as pick } from './storyText.js';

export interface PagesDataSize {
  stories: number;
  organisations: number;
}

/** The reader who signs in for the account page. */
export const reader = { email: 'bench-reader@example.org', password: 'bench reader password 1' };

/** Marks a loaded data set (a database comment, or a file beside the embedded database), so a kept one is reused. */
export const dataSetLabel = (size: PagesDataSize) => `involve bench:pages v1: ${size.stories} stories over ${size.organisations} organisations`;

/** The large trust: every tenth story is about it. */
export const largeOrganisationName = 'Bench Teaching Hospitals NHS Foundation Trust';

/** A word in about one story in 50,000, for the rare-word search. */
export const rareWords = ['chiropodist', 'audiologist'];
/** Words in about one story in ten, for the common-word search. */
export const commonWords = ['parking', 'waited hours', 'kind nurse', 'appointment cancelled'];

async function timed(log: (line: string) => void, what: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  log(`  ${what} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Load the data set into a migrated, empty database. */
export async function loadPagesData(db: Db, size: PagesDataSize, log: (line: string) => void): Promise<void> {
  const { stories, organisations } = size;
  await timed(log, `${organisations.toLocaleString('en-GB')} organisations`, () =>
    sql`
      insert into organisation (name, type, ods_code, address, postcode, website, takes_nhs_money, description)
      select case when n = 1 then ${largeOrganisationName} else 'Bench organisation ' || n end,
             (array['nhs_trust','gp_practice','pharmacy','commissioner','voluntary_group'])[1 + n % 5],
             'BNCH' || n, n || ' High Street, Leeds', 'LS1 ' || (1 + n % 9) || 'AB', 'https://example.org/' || n, true,
             'A benchmark organisation with a short description of the services it gives.'
      from generate_series(1, ${organisations}) as n
    `.execute(db),
  );
  const author = await db
    .insertInto('account')
    .values({ email: 'bench-author@example.org', password_hash: 'x', name: 'Bench Author', display_name: 'Bench Author', email_verified_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('account')
    .values({
      email: reader.email,
      password_hash: await hashPassword(reader.password),
      name: 'Bench Reader',
      display_name: 'Reader',
      email_verified_at: new Date(),
    })
    .execute();
  // Organisation n (1-based, by id) tells its stories: the large trust every tenth, the rest in turn.
  await timed(log, `${stories.toLocaleString('en-GB')} published stories`, () =>
    sql`
      with orgs as (select id, row_number() over (order by id) as n from organisation where ods_code like 'BNCH%')
      insert into story (reference, organisation_id, service, author_account_id, author_role, display_name, happened_month, status,
                         criticality, title, what_happened, what_was_good, what_could_be_better, how_felt, submitted_at, moderated_at, published_at)
      select 'S-B' || i, o.id, (array['Emergency department','Outpatients','Maternity','Pharmacy', null])[1 + i % 5], ${author.id},
             'patient', 'A patient', date_trunc('month', now() - (i % 700) * interval '1 day')::date, 'published', i % 6,
             ${pick(0, 7)},
             ${pick(1, 7)} || ' ' || ${pick(5, 3)} || ' ' || ${pick(9, 11)}
               || case when i % 50000 = 17 then ' The chiropodist was wonderful.' when i % 50000 = 31 then ' The audiologist found the fault.' else '' end,
             ${pick(3, 5)}, ${pick(7, 13)}, case when i % 4 = 0 then 'Worried, then relieved.' end,
             now() - (i % 700) * interval '1 day' - interval '2 days', now() - (i % 700) * interval '1 day',
             now() - (i % 700) * interval '1 day' + (i % 1000) * interval '1 second'
      from generate_series(1, ${stories}) as i
      join orgs o on o.n = case when i % 10 = 0 then 1 else 2 + i % ${Math.max(organisations - 1, 1)} end
    `.execute(db),
  );
  await timed(log, 'responses under half the stories', () =>
    sql`
      insert into story_response (story_id, account_id, from_kind, organisation_id, signed_name, signed_role, body, change_status, change_description,
                                  change_updated_at, created_at)
      select s.id, ${author.id}, 'organisation', s.organisation_id, 'Pat Lead', 'Patient experience lead',
             'Thank you for your feedback. We are sorry and we are looking into it.',
             case when s.id % 20 = 0 then 'made' end, case when s.id % 20 = 0 then 'We changed the way we book appointments.' end,
             case when s.id % 20 = 0 then s.published_at + interval '10 days' end, s.published_at + interval '3 days'
      from story s where s.id % 2 = 0
    `.execute(db),
  );
  await timed(log, 'a theme on a third of the stories', () =>
    sql`
      with themes as (select id, row_number() over (order by id) - 1 as n, count(*) over () as total from feedback_theme)
      insert into story_theme (story_id, theme_id)
      select s.id, t.id from story s join themes t on t.n = s.id % t.total where s.id % 3 = 0
    `.execute(db),
  );
  await timed(log, 'Friends and Family Test answers (30 an organisation)', () =>
    sql`
      insert into fft_answer (organisation_id, service, answer, free_text, answered_on, source)
      select o.id, null, (array['very_good','good','neither','poor','very_poor','dont_know'])[1 + (o.id + k) % 6],
             case when k % 3 = 0 then 'Helpful staff.' end, (now() - (k * 11) * interval '1 day')::date, 'form'
      from organisation o cross join generate_series(1, 30) as k
    `.execute(db),
  );
  await timed(log, 'analyze', () => sql`analyze`.execute(db));
}

/** What the pages are measured on: the large trust and others, stories spread over the whole set. */
export async function samplesOf(db: Db): Promise<{ organisationIds: number[]; largeOrganisationId: number; storyIds: number[] }> {
  const large = await db.selectFrom('organisation').select('id').where('name', '=', largeOrganisationName).executeTakeFirstOrThrow();
  const others = await db.selectFrom('organisation').select('id').where('ods_code', 'like', 'BNCH%').where('id', '!=', large.id).orderBy('id').execute();
  const step = Math.max(1, Math.floor(others.length / 19));
  const organisationIds = [large.id, ...others.filter((_o, i) => i % step === 0).map((o) => o.id)].slice(0, 20);
  const range = await db
    .selectFrom('story')
    .select((eb) => [eb.fn.min('id').as('low'), eb.fn.max('id').as('high')])
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  const low = Number(range.low);
  const high = Number(range.high);
  // 200 stories spread evenly over the ids (a deterministic scatter, so runs compare).
  const storyIds = Array.from({ length: 200 }, (_v, k) => low + Math.floor(((k * 7919) % 200) * ((high - low) / 200)));
  return { organisationIds, largeOrganisationId: large.id, storyIds };
}
