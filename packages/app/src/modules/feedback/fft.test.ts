// The Friends and Family Test at scale and under load: a million answers over five years shown month
// by month, every month and every answer counted, quickly (the page must not wait on counting rows
// one by one, nor stall the server); the monthly counts kept right through uploads, edits and
// deletions; the 12-month figures counted by the database; and the public form limited per address,
// even when many answers arrive at the same moment.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { insertOrganisation, signedInPerson } from '../accounts/testKit.js';
import { organisationFeedbackFigures } from './feedbackFigures.js';
import { fftAnswersPerHour, fftMonthsOf } from './fft.js';

/** How many answers the big test loads (smaller runs show the old code failing quickly). */
const loadSize = Number(process.env.FFT_LOAD_ANSWERS ?? 1_000_000);

/** The month table of the FFT page: month label and number of answers, newest first. */
function monthTable(body: string): Array<{ month: string; answers: number }> {
  const table = /<h2>Answers by month<\/h2>([\s\S]*?)<\/table>/.exec(body)?.[1] ?? '';
  return [
    ...table.matchAll(/<td class="nhsuk-table__cell">([A-Z][a-z]+ \d{4})<\/td><td class="nhsuk-table__cell nhsuk-table__cell--numeric">([\d,]+)<\/td>/g),
  ].map((m) => ({ month: m[1] as string, answers: Number((m[2] as string).replaceAll(',', '')) }));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

describeWithTestApp('the Friends and Family Test at scale', (t, kind) => {
  it(`shows every month of ${loadSize.toLocaleString('en-GB')} answers over five years, adding up, without counting them one by one`, async () => {
    const organisationId = await insertOrganisation(t.db, 'Very Busy Trust');
    const neighbourId = await insertOrganisation(t.db, 'Neighbouring Trust');
    // Five years (2021-01-01 to 2025-12-31 is 1,826 days, 60 months), every answer in turn.
    await sql`insert into fft_answer (organisation_id, answer, answered_on, source)
        select ${organisationId}, (array['very_good', 'good', 'neither', 'poor', 'very_poor', 'dont_know'])[1 + i % 6],
          date '2021-01-01' + (i % 1826), 'upload'
        from generate_series(0, ${loadSize - 1}) as i`.execute(t.db);
    // Another organisation's answers are not counted.
    await sql`insert into fft_answer (organisation_id, answer, answered_on, source)
        select ${neighbourId}, 'poor', date '2021-01-01' + (i % 1826), 'upload' from generate_series(0, 999) as i`.execute(t.db);
    await sql`analyze fft_answer`.execute(t.db);

    const url = `/organisations/${organisationId}/fft`;
    const warm = await t.app.inject({ method: 'GET', url });
    expect(warm.statusCode).toBe(200);
    const months = monthTable(warm.body);
    expect(months).toHaveLength(Math.min(60, loadSize));
    expect(months[0]?.month).toBe('December 2025');
    expect(months.at(-1)?.month).toBe('January 2021');
    expect(months.reduce((sum, m) => sum + m.answers, 0)).toBe(loadSize);

    // The median of five requests after a warm-up, for the public and for staff (who also see the
    // latest comments: here there are none among the million answers, the slowest case to find).
    const staff = await signedInPerson(t, { roles: [{ organisationId, role: 'responder' }] });
    const timed = async (get: () => Promise<{ statusCode: number; body: string }>, who: string) => {
      await get();
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const page = await get();
        times.push(performance.now() - started);
        expect(page.statusCode).toBe(200);
      }
      console.info(
        `FFT page for ${who} with ${loadSize} answers on ${kind}: median ${median(times).toFixed(1)} ms (${times.map((x) => x.toFixed(1)).join(', ')})`,
      );
      return median(times);
    };
    // The page's speed is a benchmark's figure (printed above; about 20 ms on a quiet machine), not
    // this test's: the bound here is ten times the aim, far above a busy machine's noise (CI saw
    // 300 ms at load 10) and far below counting a million rows per request (seconds), which it guards.
    expect(await timed(() => t.app.inject({ method: 'GET', url }), 'the public')).toBeLessThan(2000);
    expect(await timed(() => staff.client.get(url), 'staff')).toBeLessThan(2000);
    expect((await staff.client.get(url)).body).toContain('No comments yet.');

    // The shares of one month, against the rows themselves.
    const june = (await fftMonthsOf(t.db, organisationId)).find((m) => m.month === '2024-06');
    const expected = await sql<{ answers: number; positive: number; negative: number; rated: number }>`
        select count(*)::int as answers,
          count(*) filter (where answer in ('very_good', 'good'))::int as positive,
          count(*) filter (where answer in ('poor', 'very_poor'))::int as negative,
          count(*) filter (where answer <> 'dont_know')::int as rated
        from fft_answer where organisation_id = ${organisationId} and answered_on >= '2024-06-01' and answered_on < '2024-07-01'`.execute(t.db);
    const row = expected.rows[0];
    expect(row && row.answers > 0).toBe(true);
    expect(june).toEqual({
      month: '2024-06',
      answers: row?.answers,
      positive: (row?.positive ?? 0) / (row?.rated ?? 1),
      negative: (row?.negative ?? 0) / (row?.rated ?? 1),
    });
  }, 600_000);

  it('keeps the monthly counts right through uploads, edits and deletions', async () => {
    const organisationId = await insertOrganisation(t.db, 'Changing Clinic');
    const insert = (answeredOn: string, answer: 'good' | 'poor' | 'dont_know') =>
      t.db
        .insertInto('fft_answer')
        .values({ organisation_id: organisationId, answer, answered_on: answeredOn, source: 'upload' })
        .returning('id')
        .executeTakeFirstOrThrow();
    const a = await insert('2025-03-02', 'good');
    await insert('2025-03-30', 'poor');
    await insert('2025-03-31', 'dont_know');
    const b = await insert('2025-04-01', 'good');
    expect(await fftMonthsOf(t.db, organisationId)).toEqual([
      { month: '2025-04', answers: 1, positive: 1, negative: 0 },
      { month: '2025-03', answers: 3, positive: 0.5, negative: 0.5 },
    ]);
    // A corrected answer and date move between months; a deleted one goes; an emptied month goes.
    await t.db.updateTable('fft_answer').set({ answer: 'poor', answered_on: '2025-04-15' }).where('id', '=', a.id).execute();
    await t.db.deleteFrom('fft_answer').where('id', '=', b.id).execute();
    expect(await fftMonthsOf(t.db, organisationId)).toEqual([
      { month: '2025-04', answers: 1, positive: 0, negative: 1 },
      { month: '2025-03', answers: 2, positive: 0, negative: 1 },
    ]);
    await t.db.deleteFrom('fft_answer').where('organisation_id', '=', organisationId).where('answered_on', '<', '2025-04-01').execute();
    expect(await fftMonthsOf(t.db, organisationId)).toEqual([{ month: '2025-04', answers: 1, positive: 0, negative: 1 }]);
  });

  it('counts the last 12 months of answers in the database, to the day, for the figures', async () => {
    const organisationId = await insertOrganisation(t.db, 'Figures Trust');
    const now = new Date('2026-11-20T12:00:00Z');
    // Inside: 21 Nov 2025 to 20 Nov 2026. Outside: 20 Nov 2025 and before, and a stray future date.
    const rows: Array<[string, 'very_good' | 'good' | 'neither' | 'poor' | 'very_poor' | 'dont_know', number]> = [
      ['2025-11-19', 'poor', 4],
      ['2025-11-20', 'poor', 3],
      ['2025-11-21', 'good', 2],
      ['2026-03-10', 'very_good', 5],
      ['2026-03-11', 'neither', 1],
      ['2026-07-01', 'dont_know', 6],
      ['2026-11-20', 'very_poor', 2],
      ['2026-11-21', 'good', 7],
    ];
    for (const [day, answer, n] of rows) {
      await sql`insert into fft_answer (organisation_id, answer, answered_on, source)
        select ${organisationId}, ${answer}, ${day}::date, 'upload' from generate_series(1, ${n})`.execute(t.db);
    }
    const f = await organisationFeedbackFigures(t.db, organisationId, now);
    // 2 good + 5 very good + 1 neither + 6 don't know + 2 very poor = 16; rated 10: 7 positive, 2 negative.
    expect([f.fftAnswers, f.fftSharePositive, f.fftShareNegative]).toEqual([16, 7 / 10, 2 / 10]);
  });
});

describeWithTestApp('the public FFT form', (t) => {
  it(`takes at most ${fftAnswersPerHour} answers an hour from one address, even sent all at once`, async () => {
    const organisationId = await insertOrganisation(t.db, 'Limited Hospital');
    const url = `/organisations/${organisationId}/fft`;
    const address = '203.0.113.7';
    const page = await t.app.inject({ method: 'GET', url, remoteAddress: address });
    const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const post = (i: number, from = address) =>
      t.app.inject({
        method: 'POST',
        url,
        remoteAddress: from,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, answer: 'good', freeText: `Answer number ${i}` }).toString(),
      });
    const answers = await Promise.all(Array.from({ length: fftAnswersPerHour + 5 }, (_, i) => post(i)));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 303)).toHaveLength(fftAnswersPerHour);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    const saved = await t.db
      .selectFrom('fft_answer')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', organisationId)
      .executeTakeFirstOrThrow();
    expect(Number(saved.n)).toBe(fftAnswersPerHour);

    // The refused form says why, and keeps what was typed.
    const refused = answers.find((a) => a.statusCode === 429);
    const i = answers.indexOf(refused as (typeof answers)[number]);
    expect(refused?.body).toContain(`You have sent ${fftAnswersPerHour} answers in the last hour`);
    expect(refused?.body).toContain(`Answer number ${i}`);
    expect(refused?.body).toMatch(/value="good" checked/);
    expect(refused?.body).toContain('nhsuk-error-summary');

    // Someone at another address is not held up.
    expect((await post(99, '198.51.100.20')).statusCode).toBe(303);
  });
});
