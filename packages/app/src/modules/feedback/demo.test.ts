// The demo's feedback is worth opening: published stories about at least five organisations, each
// answered, with "you said, we did" changes at several; Friends and Family Test answers in each of
// the last 12 months for at least three organisations; and the figures, league table and pages
// built from them show those numbers, not zeros.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { loadDemoHealthSystem } from '../index.js';
import { leagueTable, organisationFeedbackFigures } from './feedbackFigures.js';
import { changesOf } from './reading.js';

describeWithTestApp('the demo feedback', (t) => {
  const organisationId = async (name: string) => (await t.db.selectFrom('organisation').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    await loadDemoHealthSystem(t.db);
  }, 120_000);

  it('has published stories about at least five organisations, answered at five or more, with at least three changes', async () => {
    const published = await t.db.selectFrom('story').select(['id', 'organisation_id']).where('status', '=', 'published').execute();
    expect(new Set(published.map((s) => s.organisation_id)).size).toBeGreaterThanOrEqual(5);
    const responses = await t.db
      .selectFrom('story_response')
      .innerJoin('story', 'story.id', 'story_response.story_id')
      .select(['story_response.organisation_id', 'story_response.change_status'])
      .where('story.status', '=', 'published')
      .where('story_response.from_kind', '=', 'organisation')
      .execute();
    expect(new Set(responses.map((r) => r.organisation_id)).size).toBeGreaterThanOrEqual(5);
    const changed = responses.filter((r) => r.change_status !== null);
    expect(changed.length).toBeGreaterThanOrEqual(3);
    expect(changed.filter((r) => r.change_status === 'made').length).toBeGreaterThanOrEqual(3);
    // Each change shows on its organisation's "you said, we did".
    for (const orgId of new Set(changed.map((r) => r.organisation_id as number))) expect((await changesOf(t.db, orgId)).length).toBeGreaterThan(0);
  });

  it('has FFT answers in each of the last 12 months for at least three organisations', async () => {
    const today = new Date();
    const months = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1)).toISOString().slice(0, 10));
    const rows = await t.db
      .selectFrom('fft_answer')
      .select(['organisation_id', sql<string>`to_char(date_trunc('month', answered_on::date), 'YYYY-MM-DD')`.as('month')])
      .groupBy(['organisation_id', sql`date_trunc('month', answered_on::date)`])
      .execute();
    const monthsOf = new Map<number, Set<string>>();
    for (const r of rows) monthsOf.set(r.organisation_id, (monthsOf.get(r.organisation_id) ?? new Set()).add(r.month));
    const everyMonth = [...monthsOf.values()].filter((got) => months.every((m) => got.has(m)));
    expect(everyMonth.length).toBeGreaterThanOrEqual(3);
  });

  it('gives the figures, the league table and the pages something real to show', async () => {
    const acute = await organisationFeedbackFigures(t.db, await organisationId('Demo: Northvale Hospitals NHS Foundation Trust'), new Date());
    expect(acute.fftAnswers).toBeGreaterThan(1000);
    expect(acute.fftSharePositive).toBeGreaterThan(0.7);
    expect(acute.fftSharePositive).toBeLessThan(0.95);
    expect(acute.storiesPublished).toBeGreaterThanOrEqual(5);

    const organisations = await t.db.selectFrom('organisation').select(['id', 'name']).execute();
    const league = await leagueTable(t.db, organisations, new Date());
    const withStories = league.filter((r) => r.figures.storiesPublished > 0);
    expect(withStories.length).toBeGreaterThanOrEqual(5);
    expect(withStories.filter((r) => (r.figures.shareAnswered ?? 0) > 0).length).toBeGreaterThanOrEqual(5);
    expect(league.filter((r) => r.figures.fftAnswers > 0).length).toBeGreaterThanOrEqual(3);

    const client = t.client();
    const community = await organisationId('Demo: Eastmoor Community and Mental Health NHS Trust');
    const changes = await client.get(`/organisations/${community}/you-said-we-did`);
    expect(changes.statusCode).toBe(200);
    expect(changes.body).toContain('text each month');
  });
});
