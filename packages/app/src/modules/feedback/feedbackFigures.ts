// Each organisation's public record of listening, for the last 12 months: stories published, the
// share answered by the organisation, the median days to its first response, changes planned and
// made, the Friends and Family Test share positive, and theme counts. Computed here, once, as plain
// functions over plain data (the loaders below fetch; the FFT answers, which may be millions, are
// counted by the database), and tested against hand-worked sets.
import { sql } from 'kysely';
import type { Db } from '../../platform/database.js';
import type { FftCounts } from './fft.js';
import type { ChangeStatus, ThemePolarity } from './schema.js';

export interface FiguresInput {
  /** Published stories (criticality and text are not needed, and not fetched). */
  stories: ReadonlyArray<{ id: number; publishedAt: Date }>;
  /** Visible responses from the organisation (not the author's replies). */
  responses: ReadonlyArray<{ storyId: number; createdAt: Date; changeStatus: ChangeStatus | null }>;
  themes: ReadonlyArray<{ storyId: number; themeId: number; name: string; polarity: ThemePolarity }>;
  /** Friends and Family Test answers given in the 12 months, counted. */
  fft: FftCounts;
}

export interface FeedbackFigures {
  from: Date;
  to: Date;
  storiesPublished: number;
  storiesAnswered: number;
  /** Share of the stories published in the period with at least one organisation response; null with none. */
  shareAnswered: number | null;
  /** Median days from publication to the first organisation response, over answered stories; null with none. */
  medianDaysToFirstResponse: number | null;
  changesPlanned: number;
  changesMade: number;
  fftAnswers: number;
  /** (very good + good) / answers other than "don't know", as NHS England publishes it; null with none. */
  fftSharePositive: number | null;
  fftShareNegative: number | null;
  themes: Array<{ id: number; name: string; polarity: ThemePolarity; stories: number }>;
  /** Stories published and answered, per calendar month, oldest first. */
  months: Array<{ month: string; published: number; answered: number }>;
}

const dayMs = 86_400_000;

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The 12 months up to `now`: from the same instant a year before. */
export function twelveMonthsTo(now: Date): { from: Date; to: Date } {
  const from = new Date(now);
  from.setUTCFullYear(from.getUTCFullYear() - 1);
  return { from, to: now };
}

const monthOf = (date: Date) => date.toISOString().slice(0, 7);

export function feedbackFigures(input: FiguresInput, now: Date): FeedbackFigures {
  const { from, to } = twelveMonthsTo(now);
  const inPeriod = input.stories.filter((s) => s.publishedAt > from && s.publishedAt <= to);
  const ids = new Set(inPeriod.map((s) => s.id));
  const firstResponse = new Map<number, Date>();
  let changesPlanned = 0;
  let changesMade = 0;
  for (const response of input.responses) {
    if (!ids.has(response.storyId)) continue;
    const first = firstResponse.get(response.storyId);
    if (!first || response.createdAt < first) firstResponse.set(response.storyId, response.createdAt);
    if (response.changeStatus === 'planned') changesPlanned++;
    if (response.changeStatus === 'made') changesMade++;
  }
  const days = inPeriod.filter((s) => firstResponse.has(s.id)).map((s) => ((firstResponse.get(s.id) as Date).getTime() - s.publishedAt.getTime()) / dayMs);
  const themeCounts = new Map<number, { id: number; name: string; polarity: ThemePolarity; stories: number }>();
  for (const theme of input.themes) {
    if (!ids.has(theme.storyId)) continue;
    const entry = themeCounts.get(theme.themeId) ?? { id: theme.themeId, name: theme.name, polarity: theme.polarity, stories: 0 };
    entry.stories++;
    themeCounts.set(theme.themeId, entry);
  }
  const fft = input.fft;
  const rated = fft.answers - fft.dontKnow;
  const months: FeedbackFigures['months'] = [];
  for (let i = 11; i >= 0; i--) {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    const key = monthOf(month);
    const published = inPeriod.filter((s) => monthOf(s.publishedAt) === key);
    months.push({ month: key, published: published.length, answered: published.filter((s) => firstResponse.has(s.id)).length });
  }
  return {
    from,
    to,
    storiesPublished: inPeriod.length,
    storiesAnswered: firstResponse.size,
    shareAnswered: inPeriod.length ? firstResponse.size / inPeriod.length : null,
    medianDaysToFirstResponse: median(days),
    changesPlanned,
    changesMade,
    fftAnswers: fft.answers,
    fftSharePositive: rated ? fft.positive / rated : null,
    fftShareNegative: rated ? fft.negative / rated : null,
    themes: [...themeCounts.values()].sort((a, b) => b.stories - a.stories || a.name.localeCompare(b.name) || a.polarity.localeCompare(b.polarity)),
    months,
  };
}

/** Fetch what feedbackFigures needs for some organisations (published things only), by organisation. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends ReadonlyArray<infer U> ? U[] : T[K] };

const noFft = (): FftCounts => ({ answers: 0, positive: 0, negative: 0, dontKnow: 0 });

export async function loadFiguresInputs(db: Db, organisationIds: readonly number[], now: Date): Promise<Map<number, FiguresInput>> {
  const result = new Map<number, Mutable<FiguresInput>>(organisationIds.map((id) => [id, { stories: [], responses: [], themes: [], fft: noFft() }]));
  if (!organisationIds.length) return result;
  const { from } = twelveMonthsTo(now);
  const ids = [...organisationIds];
  // The stories are named by this query inside the others, not by a list of their ids: a large trust
  // publishes more stories in a year than one statement may carry parameters (65,535).
  const storiesInPeriod = db.selectFrom('story').where('organisation_id', 'in', ids).where('status', '=', 'published').where('published_at', '>', from);
  const stories = await storiesInPeriod.select(['id', 'organisation_id', 'published_at']).execute();
  const byStory = new Map(stories.map((s) => [s.id, s.organisation_id]));
  for (const s of stories) result.get(s.organisation_id)?.stories.push({ id: s.id, publishedAt: s.published_at as Date });
  if (stories.length) {
    const storyIds = storiesInPeriod.select('story.id');
    const responses = await db
      .selectFrom('story_response')
      .select(['story_id', 'created_at', 'change_status'])
      .where('story_id', 'in', storyIds)
      .where('from_kind', '=', 'organisation')
      .where('hidden_at', 'is', null)
      .execute();
    for (const r of responses) {
      result.get(byStory.get(r.story_id) as number)?.responses.push({ storyId: r.story_id, createdAt: r.created_at, changeStatus: r.change_status });
    }
    const themes = await db
      .selectFrom('story_theme')
      .innerJoin('feedback_theme', 'feedback_theme.id', 'story_theme.theme_id')
      .select(['story_theme.story_id', 'feedback_theme.id', 'feedback_theme.name', 'feedback_theme.polarity'])
      .where('story_theme.story_id', 'in', storyIds)
      .execute();
    for (const t of themes) {
      result.get(byStory.get(t.story_id) as number)?.themes.push({ storyId: t.story_id, themeId: t.id, name: t.name, polarity: t.polarity });
    }
  }
  for (const counts of await fftCountsOf(db, ids, now)) {
    const { organisationId, ...fft } = counts;
    const input = result.get(organisationId);
    if (input) input.fft = fft;
  }
  return result;
}

/**
 * Friends and Family Test answers in the 12 months to `now` (answered after the day a year before,
 * up to today), counted by the database for each organisation: whole months from the counts per
 * month kept beside the answers, and the days of the two part months at the ends from the answers.
 */
export async function fftCountsOf(db: Db, organisationIds: readonly number[], now: Date): Promise<Array<FftCounts & { organisationId: number }>> {
  if (!organisationIds.length) return [];
  const { from, to } = twelveMonthsTo(now);
  const fromDay = from.toISOString().slice(0, 10);
  const toDay = to.toISOString().slice(0, 10);
  const firstWholeMonth = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
  const lastMonth = `${toDay.slice(0, 7)}-01`;
  const ids = [...organisationIds];
  const wholeMonths = db
    .selectFrom('fft_month_count')
    .select(['organisation_id', 'answer', 'answers as n'])
    .where('organisation_id', 'in', ids)
    .where('month', '>=', firstWholeMonth)
    .where('month', '<', lastMonth);
  const partMonths = db
    .selectFrom('fft_answer')
    .select(['organisation_id', 'answer', sql<number>`1`.as('n')])
    .where('organisation_id', 'in', ids)
    .where((eb) =>
      eb.or([
        eb.and([eb('answered_on', '>', fromDay), eb('answered_on', '<', firstWholeMonth)]),
        eb.and([eb('answered_on', '>=', lastMonth), eb('answered_on', '<=', toDay)]),
      ]),
    );
  const rows = await db
    .selectFrom(wholeMonths.unionAll(partMonths).as('c'))
    .select([
      'c.organisation_id as organisationId',
      sql<number>`sum(c.n)`.as('answers'),
      sql<number>`coalesce(sum(c.n) filter (where c.answer in ('very_good', 'good')), 0)`.as('positive'),
      sql<number>`coalesce(sum(c.n) filter (where c.answer in ('poor', 'very_poor')), 0)`.as('negative'),
      sql<number>`coalesce(sum(c.n) filter (where c.answer = 'dont_know'), 0)`.as('dontKnow'),
    ])
    .groupBy('c.organisation_id')
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisationId,
    answers: Number(r.answers),
    positive: Number(r.positive),
    negative: Number(r.negative),
    dontKnow: Number(r.dontKnow),
  }));
}

export async function organisationFeedbackFigures(db: Db, organisationId: number, now: Date): Promise<FeedbackFigures> {
  const inputs = await loadFiguresInputs(db, [organisationId], now);
  return feedbackFigures(inputs.get(organisationId) as FiguresInput, now);
}

export interface LeagueRow {
  organisationId: number;
  organisationName: string;
  figures: FeedbackFigures;
}

/** Organisations (those serving a place), by share of stories answered; those with no stories last. */
export async function leagueTable(db: Db, organisations: ReadonlyArray<{ id: number; name: string }>, now: Date): Promise<LeagueRow[]> {
  const inputs = await loadFiguresInputs(
    db,
    organisations.map((o) => o.id),
    now,
  );
  const rows = organisations.map((o) => ({ organisationId: o.id, organisationName: o.name, figures: feedbackFigures(inputs.get(o.id) as FiguresInput, now) }));
  return rows.sort(
    (a, b) =>
      (b.figures.shareAnswered ?? -1) - (a.figures.shareAnswered ?? -1) ||
      b.figures.storiesPublished - a.figures.storiesPublished ||
      a.organisationName.localeCompare(b.organisationName),
  );
}
