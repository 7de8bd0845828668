// What the public reads: published stories (only their published, redacted fields — never the
// author's words, criticality or who the author is), their threads, lists and search, and the
// "you said, we did" changes. Every query here selects its columns by name, so a private column
// cannot slip into a public page by a `selectAll`. Organisation names come from the registry, one
// lookup per page for all the stories on it.
import { sql } from 'kysely';
import type { Db } from '../../platform/database.js';
import { NotFoundError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import { organisationNames } from '../registry/service.js';
import { fieldLimits, tooLongMessage } from './fieldLimits.js';
import type { AuthorRole, ChangeStatus } from './schema.js';

export interface PublicStory {
  id: number;
  reference: string;
  organisationId: number;
  organisationName: string;
  service: string | null;
  authorRole: AuthorRole;
  displayName: string;
  happenedMonth: string;
  publishedAt: Date;
  title: string;
  whatHappened: string;
  whatWasGood: string | null;
  whatCouldBeBetter: string | null;
  howFelt: string | null;
  themes: Array<{ id: number; name: string; polarity: 'good' | 'could_be_better' }>;
}

export interface PublicResponse {
  id: number;
  fromKind: 'organisation' | 'author';
  organisationName: string | null;
  signedName: string;
  signedRole: string | null;
  body: string;
  changeStatus: ChangeStatus | null;
  changeDescription: string | null;
  createdAt: Date;
}

/** The registry's names of these organisations, by id (one query for any number of rows). */
async function namesOf(db: Db, organisationIds: ReadonlyArray<number | null>): Promise<Map<number, string>> {
  const ids = [...new Set(organisationIds.filter((id): id is number => id !== null))];
  return new Map((await organisationNames(db, ids)).map((o) => [o.id, o.name]));
}

/** Rows with their organisation's name added. */
async function withOrganisationNames<T extends { organisationId: number }>(db: Db, rows: T[]): Promise<Array<T & { organisationName: string }>> {
  const names = await namesOf(
    db,
    rows.map((r) => r.organisationId),
  );
  return rows.map((r) => ({ ...r, organisationName: names.get(r.organisationId) ?? '' }));
}

function publicStories(db: Db) {
  return db
    .selectFrom('story')
    .select([
      'story.id',
      'story.reference',
      'story.organisation_id as organisationId',
      'story.service',
      'story.author_role as authorRole',
      'story.display_name as displayName',
      'story.happened_month as happenedMonth',
      'story.published_at as publishedAt',
      'story.title',
      'story.what_happened as whatHappened',
      'story.what_was_good as whatWasGood',
      'story.what_could_be_better as whatCouldBeBetter',
      'story.how_felt as howFelt',
    ])
    .where('story.status', '=', 'published');
}

async function withThemes(db: Db, rows: Array<Omit<PublicStory, 'themes'>>): Promise<PublicStory[]> {
  if (!rows.length) return [];
  const themes = await db
    .selectFrom('story_theme')
    .innerJoin('feedback_theme', 'feedback_theme.id', 'story_theme.theme_id')
    .select(['story_theme.story_id', 'feedback_theme.id', 'feedback_theme.name', 'feedback_theme.polarity'])
    .where(
      'story_theme.story_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('feedback_theme.name')
    .execute();
  return rows.map((r) => ({
    ...r,
    themes: themes.filter((t) => t.story_id === r.id).map((t) => ({ id: t.id, name: t.name, polarity: t.polarity })),
  }));
}

/** A published story and its visible thread, oldest first. */
export async function publishedStoryWithThread(db: Db, id: number): Promise<{ story: PublicStory; responses: PublicResponse[] }> {
  const row = isRecordId(id) ? await publicStories(db).where('story.id', '=', id).executeTakeFirst() : undefined;
  if (!row) throw new NotFoundError('There is no published story with that number');
  const rows = await db
    .selectFrom('story_response')
    .select([
      'story_response.id',
      'story_response.from_kind as fromKind',
      'story_response.organisation_id as organisationId',
      'story_response.signed_name as signedName',
      'story_response.signed_role as signedRole',
      'story_response.body',
      'story_response.change_status as changeStatus',
      'story_response.change_description as changeDescription',
      'story_response.created_at as createdAt',
    ])
    .where('story_response.story_id', '=', id)
    .where('story_response.hidden_at', 'is', null)
    .orderBy('story_response.id')
    .execute();
  const names = await namesOf(db, [row.organisationId, ...rows.map((r) => r.organisationId)]);
  const [story] = await withThemes(db, [{ ...row, organisationName: names.get(row.organisationId) ?? '' } as Omit<PublicStory, 'themes'>]);
  const responses = rows.map(({ organisationId, ...r }) => ({ ...r, organisationName: organisationId === null ? null : (names.get(organisationId) ?? null) }));
  return { story: story as PublicStory, responses };
}

export interface StoryListFilter {
  organisationId?: number;
  q?: string;
  themeId?: number;
  service?: string;
  /** 'YYYY-MM': stories about care in this month or later. */
  fromMonth?: string;
  /** 'YYYY-MM': stories about care in this month or earlier. */
  toMonth?: string;
  page?: number;
  pageSize?: number;
}

export interface StoryListItem {
  id: number;
  title: string;
  organisationName: string;
  organisationId: number;
  service: string | null;
  displayName: string;
  happenedMonth: string;
  publishedAt: Date;
  excerpt: string;
  responses: number;
}

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** An id typed in a filter, or undefined when it is not one (the filter is then left out). */
function optionalId(text: string): number | undefined {
  return /^\d{1,10}$/.test(text) && isRecordId(Number(text)) ? Number(text) : undefined;
}

/**
 * The filter from a query string (the search page's and the API's); a month that is not like
 * 2026-03 is left out and named in `problems`, for the page to say so.
 */
export function storyListFilter(query: (name: string) => string, page: number): StoryListFilter & { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const month = (name: 'from' | 'to') => {
    const value = query(name).trim();
    if (!value) return undefined;
    if (monthPattern.test(value)) return value;
    problems[name] = `The ${name} month must be a year and month, like 2026-03`;
    return undefined;
  };
  const words = (name: 'q' | 'service', label: string, max: number) => {
    const value = query(name);
    if (value.length > max) problems[name] = tooLongMessage(label, max, value.length);
    return value.slice(0, max);
  };
  return {
    q: words('q', 'The words to search for', fieldLimits.search),
    organisationId: optionalId(query('organisation')),
    themeId: optionalId(query('theme')),
    service: words('service', 'The service', fieldLimits.service),
    fromMonth: month('from'),
    toMonth: month('to'),
    page,
    problems,
  };
}

/** Lists count at most this many: beyond it a page says "more than 1,000", and counting stays fast. */
export const countLimit = 1000;

/**
 * Published stories, newest first, a page at a time; with `q`, those matching the words (English
 * stemming). Newest first rather than by rank, so that a common word does not make the database
 * rank every match.
 *
 * With words, the matches are first looked up through the full-text index, at most countLimit + 1 of
 * them. When that is all of them (a rare word), the page is cut from those few; otherwise (a common
 * word, at least one story in a thousand) the date index finds the newest matches and stops early.
 * Left to itself, PostgreSQL walked the date index for a rare word too, through every story (3-4 s
 * at a million stories), because it cannot tell a rare word's frequency from its statistics.
 */
export async function listPublishedStories(
  db: Db,
  filter: StoryListFilter,
): Promise<{ items: StoryListItem[]; total: number; totalCapped: boolean; page: number; pages: number }> {
  const pageSize = Math.min(Math.max(filter.pageSize ?? 20, 1), 100);
  const maxPage = Math.ceil(countLimit / pageSize);
  const page = Math.min(maxPage, Math.max(1, Math.floor(filter.page ?? 1)));
  let query = db.selectFrom('story').where('story.status', '=', 'published');
  if (filter.organisationId !== undefined) query = query.where('story.organisation_id', '=', filter.organisationId);
  if (filter.service) query = query.where(sql`lower(story.service)`, '=', filter.service.trim().toLowerCase());
  if (filter.themeId !== undefined) {
    const themeId = filter.themeId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('story_theme')
          .select('story_theme.story_id')
          .whereRef('story_theme.story_id', '=', 'story.id')
          .where('story_theme.theme_id', '=', themeId),
      ),
    );
  }
  if (filter.fromMonth) query = query.where('story.happened_month', '>=', `${filter.fromMonth}-01`);
  if (filter.toMonth) query = query.where('story.happened_month', '<=', `${filter.toMonth}-01`);
  const q = filter.q?.trim();
  if (q) query = query.where(sql<boolean>`story.search_vector @@ websearch_to_tsquery('english', ${q})`);
  let matchCount: number;
  // The ids of this page when every match is known (a rare word): no date index walk then.
  let pageIds: number[] | null = null;
  if (q) {
    // No ORDER BY, so PostgreSQL reads the full-text index (or a few rows of the table for a common word).
    const matches = await query
      .select(['story.id', 'story.published_at as publishedAt'])
      .limit(countLimit + 1)
      .execute();
    matchCount = matches.length;
    if (matchCount <= countLimit) {
      pageIds = matches
        .sort((a, b) => (b.publishedAt as Date).getTime() - (a.publishedAt as Date).getTime() || b.id - a.id)
        .slice((page - 1) * pageSize, page * pageSize)
        .map((m) => m.id);
    }
  } else {
    const counted = await db
      .selectFrom(
        query
          .select('story.id')
          .limit(countLimit + 1)
          .as('matches'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    matchCount = Number(counted.n);
  }
  const total = Math.min(matchCount, countLimit);
  const pageQuery =
    pageIds === null
      ? query.limit(pageSize).offset((page - 1) * pageSize)
      : pageIds.length > 0
        ? db.selectFrom('story').where('story.status', '=', 'published').where('story.id', 'in', pageIds)
        : null;
  const rows = !pageQuery
    ? []
    : await pageQuery
        .select([
          'story.id',
          'story.title',
          'story.organisation_id as organisationId',
          'story.service',
          'story.display_name as displayName',
          'story.happened_month as happenedMonth',
          'story.published_at as publishedAt',
          sql<string>`left(story.what_happened, 240)`.as('excerpt'),
          (eb) =>
            eb
              .selectFrom('story_response')
              .select((e) => e.fn.countAll<number>().as('n'))
              .whereRef('story_response.story_id', '=', 'story.id')
              .where('story_response.hidden_at', 'is', null)
              .as('responses'),
        ])
        .orderBy('story.published_at', 'desc')
        .orderBy('story.id', 'desc')
        .execute();
  const items = await withOrganisationNames(db, rows);
  return {
    items: items.map((r) => ({ ...r, title: r.title ?? '', publishedAt: r.publishedAt as Date, responses: Number(r.responses ?? 0) })),
    total,
    totalCapped: matchCount > countLimit,
    page,
    pages: Math.max(1, Math.ceil(total / pageSize)),
  };
}

export interface ChangeItem {
  storyId: number;
  storyTitle: string;
  status: ChangeStatus;
  description: string;
  updatedAt: Date;
  signedName: string;
  signedRole: string | null;
}

/** "You said, we did": the changes an organisation has recorded under published stories, newest first. */
export async function changesOf(db: Db, organisationId: number): Promise<ChangeItem[]> {
  const rows = await db
    .selectFrom('story_response')
    .innerJoin('story', 'story.id', 'story_response.story_id')
    .select([
      'story.id as storyId',
      'story.title as storyTitle',
      'story_response.change_status as status',
      'story_response.change_description as description',
      'story_response.change_updated_at as updatedAt',
      'story_response.signed_name as signedName',
      'story_response.signed_role as signedRole',
    ])
    .where('story_response.organisation_id', '=', organisationId)
    .where('story_response.change_status', 'is not', null)
    .where('story_response.hidden_at', 'is', null)
    .where('story.status', '=', 'published')
    .orderBy('story_response.change_updated_at', 'desc')
    .execute();
  return rows.map((r) => ({
    ...r,
    storyTitle: r.storyTitle ?? '',
    status: r.status as ChangeStatus,
    description: r.description ?? '',
    updatedAt: r.updatedAt as Date,
  }));
}

/**
 * An organisation's published stories and their visible responses as CSV rows, for its staff. Only
 * what is public goes in: the published text, never the author's words, criticality or identity.
 */
export async function storiesExportRows(db: Db, organisationId: number): Promise<string[][]> {
  const stories = await publicStories(db).where('story.organisation_id', '=', organisationId).orderBy('story.published_at').orderBy('story.id').execute();
  const responses = stories.length
    ? await db
        .selectFrom('story_response')
        .select(['story_id', 'from_kind', 'signed_name', 'signed_role', 'body', 'change_status', 'change_description', 'created_at'])
        .where(
          'story_id',
          'in',
          stories.map((s) => s.id),
        )
        .where('hidden_at', 'is', null)
        .orderBy('id')
        .execute()
    : [];
  const header = [
    'story_id',
    'reference',
    'published_at',
    'service',
    'happened_month',
    'shown_as',
    'title',
    'what_happened',
    'what_was_good',
    'what_could_be_better',
    'how_felt',
    'response_from',
    'response_signed',
    'response_at',
    'response',
    'change',
    'change_description',
  ];
  const rows = [header];
  for (const s of stories) {
    const storyCells = [
      String(s.id),
      s.reference,
      (s.publishedAt as Date).toISOString(),
      s.service ?? '',
      s.happenedMonth.slice(0, 7),
      s.displayName,
      s.title ?? '',
      s.whatHappened ?? '',
      s.whatWasGood ?? '',
      s.whatCouldBeBetter ?? '',
      s.howFelt ?? '',
    ];
    const thread = responses.filter((r) => r.story_id === s.id);
    if (!thread.length) rows.push([...storyCells, '', '', '', '', '', '']);
    for (const r of thread) {
      rows.push([
        ...storyCells,
        r.from_kind,
        [r.signed_name, r.signed_role].filter(Boolean).join(', '),
        r.created_at.toISOString(),
        r.body,
        r.change_status ?? '',
        r.change_description ?? '',
      ]);
    }
  }
  return rows;
}
