// The figures an organisation is judged by, checked against sets worked out by hand: the plain
// function first, then the same figures through the database and the public page.
import { describe, expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { createVerifiedAccount } from '../accounts/service.js';
import { goodPassword, insertOrganisation } from '../accounts/testKit.js';
import { type FiguresInput, feedbackFigures, leagueTable, median, organisationFeedbackFigures } from './feedbackFigures.js';
import { fftByMonth } from './fft.js';
import type { FftAnswer } from './schema.js';
import { insertPublishedStory, themeId } from './testKit.js';

const now = new Date('2026-11-20T12:00:00Z');
const at = (iso: string) => new Date(iso);

// Five stories in the 12 months, one older (left out). Hand-worked:
// - s1 published 1 Nov, first org response 3 Nov (2 days; a later one does not count)
// - s2 published 10 Oct, answered 10 Oct 12h later (0.5 days)
// - s3 published 1 Jun, answered 11 Jun (10 days), change planned
// - s4 published 1 Mar, never answered
// - s5 published 21 Nov 2025 (inside: after 20 Nov 2025 12:00), answered 25 Nov 2025 (4 days), change made
// - s6 published 19 Nov 2025 (outside the 12 months), answered, change made: not counted
// Answered: s1, s2, s3, s5 = 4 of 5 = 0.8. Days: 0.5, 2, 4, 10 → median (2 + 4) / 2 = 3.
// FFT answers in the 12 months (the database counts them; see fft.test.ts for the days counted):
// 3 positive, 1 negative, 1 neither, 2 don't know (left out) → 3/5 positive, 1/5 negative.
const knownFft: Array<{ answeredOn: string; answer: FftAnswer }> = [
  { answeredOn: '2026-11-19', answer: 'very_good' },
  { answeredOn: '2026-11-02', answer: 'good' },
  { answeredOn: '2026-10-02', answer: 'good' },
  { answeredOn: '2026-10-03', answer: 'very_poor' },
  { answeredOn: '2026-09-03', answer: 'neither' },
  { answeredOn: '2026-09-04', answer: 'dont_know' },
  { answeredOn: '2026-09-05', answer: 'dont_know' },
];

const known: FiguresInput = {
  stories: [
    { id: 1, publishedAt: at('2026-11-01T09:00:00Z') },
    { id: 2, publishedAt: at('2026-10-10T08:00:00Z') },
    { id: 3, publishedAt: at('2026-06-01T10:00:00Z') },
    { id: 4, publishedAt: at('2026-03-01T10:00:00Z') },
    { id: 5, publishedAt: at('2025-11-21T10:00:00Z') },
    { id: 6, publishedAt: at('2025-11-19T10:00:00Z') },
  ],
  responses: [
    { storyId: 1, createdAt: at('2026-11-03T09:00:00Z'), changeStatus: null },
    { storyId: 1, createdAt: at('2026-11-05T09:00:00Z'), changeStatus: null },
    { storyId: 2, createdAt: at('2026-10-10T20:00:00Z'), changeStatus: null },
    { storyId: 3, createdAt: at('2026-06-11T10:00:00Z'), changeStatus: 'planned' },
    { storyId: 5, createdAt: at('2025-11-25T10:00:00Z'), changeStatus: 'made' },
    { storyId: 6, createdAt: at('2025-11-20T10:00:00Z'), changeStatus: 'made' },
  ],
  themes: [
    { storyId: 1, themeId: 10, name: 'Waiting times', polarity: 'could_be_better' },
    { storyId: 2, themeId: 10, name: 'Waiting times', polarity: 'could_be_better' },
    { storyId: 2, themeId: 11, name: 'Staff attitude', polarity: 'good' },
    { storyId: 6, themeId: 11, name: 'Staff attitude', polarity: 'good' },
  ],
  fft: { answers: 7, positive: 3, negative: 1, dontKnow: 2 },
};

describe('feedback figures, worked by hand', () => {
  it('counts stories, the share answered, the median days, changes, FFT shares and themes', () => {
    const f = feedbackFigures(known, now);
    expect(f.storiesPublished).toBe(5);
    expect(f.storiesAnswered).toBe(4);
    expect(f.shareAnswered).toBe(0.8);
    expect(f.medianDaysToFirstResponse).toBe(3);
    expect(f.changesPlanned).toBe(1);
    expect(f.changesMade).toBe(1);
    expect(f.fftAnswers).toBe(7);
    expect(f.fftSharePositive).toBe(3 / 5);
    expect(f.fftShareNegative).toBe(1 / 5);
    expect(f.themes).toEqual([
      { id: 10, name: 'Waiting times', polarity: 'could_be_better', stories: 2 },
      { id: 11, name: 'Staff attitude', polarity: 'good', stories: 1 },
    ]);
    expect(f.months).toHaveLength(12);
    expect(f.months.at(-1)).toEqual({ month: '2026-11', published: 1, answered: 1 });
    expect(f.months.find((m) => m.month === '2026-03')).toEqual({ month: '2026-03', published: 1, answered: 0 });
  });

  it('takes the middle value for an odd count and the mean of the two middle values for an even one', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([10, 0.5, 2])).toBe(2);
    expect(median([10, 0.5, 2, 4])).toBe(3);
  });

  it('shows nothing rather than 0% when there is nothing to count', () => {
    const f = feedbackFigures({ stories: [], responses: [], themes: [], fft: { answers: 1, positive: 0, negative: 0, dontKnow: 1 } }, now);
    expect(f.shareAnswered).toBeNull();
    expect(f.medianDaysToFirstResponse).toBeNull();
    expect(f.fftSharePositive).toBeNull();
  });

  it('gives the FFT shares per month, newest first', () => {
    expect(fftByMonth(knownFft)).toEqual([
      { month: '2026-11', answers: 2, positive: 1, negative: 0 },
      { month: '2026-10', answers: 2, positive: 0.5, negative: 0.5 },
      { month: '2026-09', answers: 3, positive: 0, negative: 0 },
    ]);
  });
});

describeWithTestApp('feedback figures from the database', (t, kind) => {
  it('reads the same figures from stories, responses and themes, counting only organisation responses', async () => {
    const organisationId = await insertOrganisation(t.db, 'Figures Hospital');
    const quietId = await insertOrganisation(t.db, 'Quiet Clinic');
    const authorId = await createVerifiedAccount(t.db, { email: `figures-${kind}@example.org`, password: goodPassword, name: 'Fi Gures' });
    const waiting = await themeId(t.db, 'Waiting times', 'could_be_better');
    const ids: number[] = [];
    for (const story of known.stories) {
      ids.push(
        await insertPublishedStory(t.db, {
          organisationId,
          authorAccountId: authorId,
          publishedAt: story.publishedAt,
          themeIds: known.themes.some((th) => th.storyId === story.id && th.themeId === 10) ? [waiting] : [],
        }),
      );
    }
    for (const r of known.responses) {
      await t.db
        .insertInto('story_response')
        .values({
          story_id: ids[r.storyId - 1] as number,
          account_id: authorId,
          from_kind: 'organisation',
          organisation_id: organisationId,
          signed_name: 'R',
          signed_role: 'Lead',
          body: 'Thank you',
          change_status: r.changeStatus,
          change_description: r.changeStatus ? 'A change' : null,
          created_at: r.createdAt,
        })
        .execute();
    }
    // The author's own reply is not an answer from the organisation.
    await t.db
      .insertInto('story_response')
      .values({
        story_id: ids[3] as number,
        account_id: authorId,
        from_kind: 'author',
        organisation_id: null,
        signed_name: 'A',
        signed_role: null,
        body: 'Anyone?',
        created_at: at('2026-03-02T10:00:00Z'),
      })
      .execute();
    const f = await organisationFeedbackFigures(t.db, organisationId, now);
    expect([f.storiesPublished, f.storiesAnswered, f.shareAnswered, f.medianDaysToFirstResponse, f.changesPlanned, f.changesMade]).toEqual([
      5, 4, 0.8, 3, 1, 1,
    ]);
    expect(f.themes).toEqual([{ id: waiting, name: 'Waiting times', polarity: 'could_be_better', stories: 2 }]);

    const league = await leagueTable(
      t.db,
      [
        { id: quietId, name: 'Quiet Clinic' },
        { id: organisationId, name: 'Figures Hospital' },
      ],
      now,
    );
    expect(league.map((r) => [r.organisationName, r.figures.shareAnswered])).toEqual([
      ['Figures Hospital', 0.8],
      ['Quiet Clinic', null],
    ]);
  });
});
