// Reading stories: the browse and search page, each organisation's list and Atom feed, and the
// stories API (published stories with their threads; telling a story and responding with a token).
// Only published, redacted fields ever leave here: the author's words, criticality and who the
// author is stay private (the API's response schemas drop anything not named in them, too).
import { Type } from 'typebox';
import { Nullable, Problem } from '../../platform/apiSchemas.js';
import { toCsv } from '../../platform/csv.js';
import type { App } from '../../platform/server.js';
import { formErrors } from '../../platform/views.js';
import { idParam, queryValue, redirectToSignIn } from '../accounts/http.js';
import { getOrganisationSummary } from '../registry/service.js';
import { listThemes } from './moderation.js';
import { assertCan, can } from './policy.js';
import { listPublishedStories, type PublicResponse, type PublicStory, publishedStoryWithThread, type StoryListFilter, storiesExportRows } from './reading.js';
import { respondToStory } from './responses.js';
import { view } from './routesStories.js';
import { authorRoles, changeStatuses } from './schema.js';
import { tellStory } from './stories.js';
import { monthLabel } from './storyLabels.js';

const StorySummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  organisation: Type.Object({ id: Type.Integer(), name: Type.String() }),
  service: Nullable(Type.String()),
  displayName: Type.String({ description: 'The name the author chose to show (never their real name unless they chose it)' }),
  happenedMonth: Type.String({ description: 'YYYY-MM' }),
  publishedAt: Type.String({ format: 'date-time' }),
  responses: Type.Integer(),
});
const ResponseSchema = Type.Object({
  id: Type.Integer(),
  from: Type.Enum(['organisation', 'author']),
  organisation: Nullable(Type.String()),
  signedName: Type.String(),
  signedRole: Nullable(Type.String()),
  body: Type.String(),
  change: Nullable(Type.Object({ status: Type.Enum([...changeStatuses]), description: Type.String() })),
  createdAt: Type.String({ format: 'date-time' }),
});
const StoryFull = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  organisation: Type.Object({ id: Type.Integer(), name: Type.String() }),
  service: Nullable(Type.String()),
  authorRole: Type.Enum([...authorRoles]),
  displayName: Type.String(),
  happenedMonth: Type.String({ description: 'YYYY-MM' }),
  publishedAt: Type.String({ format: 'date-time' }),
  whatHappened: Type.String(),
  whatWasGood: Nullable(Type.String()),
  whatCouldBeBetter: Nullable(Type.String()),
  howFelt: Nullable(Type.String()),
  themes: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), polarity: Type.Enum(['good', 'could_be_better']) })),
  responses: Type.Array(ResponseSchema),
});

function storyJson(story: PublicStory, responses: PublicResponse[]) {
  return {
    id: story.id,
    title: story.title,
    organisation: { id: story.organisationId, name: story.organisationName },
    service: story.service,
    authorRole: story.authorRole,
    displayName: story.displayName,
    happenedMonth: story.happenedMonth.slice(0, 7),
    publishedAt: story.publishedAt.toISOString(),
    whatHappened: story.whatHappened,
    whatWasGood: story.whatWasGood,
    whatCouldBeBetter: story.whatCouldBeBetter,
    howFelt: story.howFelt,
    themes: story.themes,
    responses: responses.map((r) => ({
      id: r.id,
      from: r.fromKind,
      organisation: r.organisationName,
      signedName: r.signedName,
      signedRole: r.signedRole,
      body: r.body,
      change: r.changeStatus ? { status: r.changeStatus, description: r.changeDescription ?? '' } : null,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

const positiveInt = (text: string): number | undefined => (/^\d{1,9}$/.test(text) && Number(text) > 0 ? Number(text) : undefined);

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The filter from a query string; a month that is not like 2026-03 is left out and named in `problems`. */
function filterFrom(query: (name: string) => string): StoryListFilter & { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const month = (name: 'from' | 'to') => {
    const value = query(name).trim();
    if (!value) return undefined;
    if (monthPattern.test(value)) return value;
    problems[name] = `The ${name} month must be a year and month, like 2026-03`;
    return undefined;
  };
  return {
    q: query('q').slice(0, 200),
    organisationId: positiveInt(query('organisation')),
    themeId: positiveInt(query('theme')),
    service: query('service').slice(0, 200),
    fromMonth: month('from'),
    toMonth: month('to'),
    page: positiveInt(query('page')) ?? 1,
    problems,
  };
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function registerReadingRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/stories', async (request, reply) => {
    const filter = filterFrom((name) => queryValue(request, name));
    const [result, themes, organisation] = await Promise.all([
      listPublishedStories(deps.db, filter),
      listThemes(deps),
      filter.organisationId ? getOrganisationSummary(deps.db, filter.organisationId) : null,
    ]);
    const searchParams = new URLSearchParams();
    for (const [key, value] of Object.entries({
      q: filter.q,
      organisation: filter.organisationId,
      theme: filter.themeId,
      service: filter.service,
      from: filter.fromMonth,
      to: filter.toMonth,
    })) {
      if (value) searchParams.set(key, String(value));
    }
    return reply.render(view('stories-search'), {
      title: 'Stories about care',
      filter,
      values: { from: queryValue(request, 'from'), to: queryValue(request, 'to') },
      ...formErrors(filter.problems),
      organisation,
      result,
      monthLabel,
      themeItems: [{ value: '', text: 'Any theme' }].concat(
        themes.map((t) => ({
          value: String(t.id),
          text: `${t.name} (${t.polarity === 'good' ? 'good' : 'could be better'})`,
          selected: filter.themeId === t.id,
        })),
      ),
      pageLink: (page: number) => `/stories?${new URLSearchParams([...searchParams.entries(), ['page', String(page)]]).toString()}`,
    });
  });

  app.get('/organisations/:id/stories', async (request, reply) => {
    const organisation = await getOrganisationSummary(deps.db, idParam(request, 'id'));
    if (!organisation) return reply.code(404).render('error-404.njk', { title: 'Page not found' });
    const page = positiveInt(queryValue(request, 'page')) ?? 1;
    const result = await listPublishedStories(deps.db, { organisationId: organisation.id, page });
    return reply.render(view('stories-organisation'), {
      title: `Stories about ${organisation.name}`,
      organisation,
      result,
      canExport: can(request.actor, 'story.export', { organisationId: organisation.id }),
      canEnterOnBehalf: can(request.actor, 'story.enterOnBehalf', { organisationId: organisation.id }),
      monthLabel,
      pageLink: (p: number) => `/organisations/${organisation.id}/stories?page=${p}`,
    });
  });

  // Atom 1.0 (RFC 4287): feed id, title, updated; each entry id, title, updated, link, summary.
  app.get('/organisations/:id/stories.atom', async (request, reply) => {
    const organisation = await getOrganisationSummary(deps.db, idParam(request, 'id'));
    if (!organisation) return reply.code(404).render('error-404.njk', { title: 'Page not found' });
    const { items } = await listPublishedStories(deps.db, { organisationId: organisation.id, pageSize: 50 });
    const base = deps.config.publicUrl;
    const updated = (items[0]?.publishedAt ?? new Date(0)).toISOString();
    const entries = items
      .map(
        (s) => `  <entry>
    <id>${base}/stories/${s.id}</id>
    <title>${escapeXml(s.title)}</title>
    <updated>${s.publishedAt.toISOString()}</updated>
    <author><name>${escapeXml(s.displayName)}</name></author>
    <link rel="alternate" type="text/html" href="${base}/stories/${s.id}"/>
    <summary>${escapeXml(s.excerpt)}</summary>
  </entry>`,
      )
      .join('\n');
    const feed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${base}/organisations/${organisation.id}/stories</id>
  <title>${escapeXml(`Stories about ${organisation.name}`)}</title>
  <updated>${updated}</updated>
  <author><name>Involve</name></author>
  <link rel="self" type="application/atom+xml" href="${base}/organisations/${organisation.id}/stories.atom"/>
  <link rel="alternate" type="text/html" href="${base}/organisations/${organisation.id}/stories"/>
${entries}
</feed>
`;
    return reply.type('application/atom+xml; charset=utf-8').send(feed);
  });

  // The organisation's published stories and responses, for its own staff to work with.
  app.get('/organisations/:id/stories.csv', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const organisation = await getOrganisationSummary(deps.db, idParam(request, 'id'));
    if (!organisation) return reply.code(404).render('error-404.njk', { title: 'Page not found' });
    assertCan(request.actor, 'story.export', { organisationId: organisation.id });
    const csv = toCsv(await storiesExportRows(deps.db, organisation.id));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="stories-${organisation.id}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });

  // ---- API ----
  app.get(
    '/api/v1/stories',
    {
      schema: {
        tags: ['stories'],
        summary: 'Published stories, newest first (or best match with q)',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200, description: 'Words to search for' })),
          organisation: Type.Optional(Type.String({ description: 'Organisation number' })),
          theme: Type.Optional(Type.String({ description: 'Theme number' })),
          service: Type.Optional(Type.String({ maxLength: 200 })),
          from: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'Care in this month or later, YYYY-MM' })),
          to: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'Care in this month or earlier, YYYY-MM' })),
          page: Type.Optional(Type.String()),
        }),
        response: {
          200: Type.Object({
            total: Type.Integer({ description: 'How many match, counted up to 1,000' }),
            totalCapped: Type.Boolean({ description: 'More than 1,000 match' }),
            page: Type.Integer(),
            pages: Type.Integer(),
            items: Type.Array(StorySummary),
          }),
          400: Problem,
        },
      },
    },
    async (request) => {
      const result = await listPublishedStories(
        deps.db,
        filterFrom((name) => queryValue(request, name)),
      );
      return {
        total: result.total,
        totalCapped: result.totalCapped,
        page: result.page,
        pages: result.pages,
        items: result.items.map((s) => ({
          id: s.id,
          title: s.title,
          organisation: { id: s.organisationId, name: s.organisationName },
          service: s.service,
          displayName: s.displayName,
          happenedMonth: s.happenedMonth.slice(0, 7),
          publishedAt: s.publishedAt.toISOString(),
          responses: s.responses,
        })),
      };
    },
  );

  app.get(
    '/api/v1/stories/:id',
    {
      schema: {
        tags: ['stories'],
        summary: 'One published story with its public thread of responses',
        params: Type.Object({ id: Type.String({ description: 'The story number' }) }),
        response: { 200: StoryFull, 404: Problem },
      },
    },
    async (request) => {
      const { story, responses } = await publishedStoryWithThread(deps.db, idParam(request, 'id'));
      return storyJson(story, responses);
    },
  );

  app.post(
    '/api/v1/stories',
    {
      schema: {
        tags: ['stories'],
        summary: 'Tell a story (it is published only after moderation)',
        security: [{ bearerAuth: [] }],
        body: Type.Object({
          organisationId: Type.Integer(),
          service: Type.Optional(Type.String()),
          title: Type.String(),
          whatHappened: Type.String(),
          whatWasGood: Type.Optional(Type.String()),
          whatCouldBeBetter: Type.Optional(Type.String()),
          howFelt: Type.Optional(Type.String()),
          happenedMonth: Type.String({ description: 'YYYY-MM' }),
          authorRole: Type.Enum([...authorRoles]),
          displayName: Type.String(),
        }),
        response: {
          201: Type.Object({ id: Type.Integer(), reference: Type.String(), status: Type.Literal('awaiting_moderation') }),
          401: Problem,
          422: Problem,
          429: Problem,
        },
      },
    },
    async (request, reply) => {
      const told = await tellStory(deps, request.actor, request.body as Parameters<typeof tellStory>[2]);
      deps.kickMail();
      return reply.code(201).send({ ...told, status: 'awaiting_moderation' as const });
    },
  );

  app.post(
    '/api/v1/stories/:id/responses',
    {
      schema: {
        tags: ['stories'],
        summary: "An organisation's public response to a story, by one of its responders",
        security: [{ bearerAuth: [] }],
        params: Type.Object({ id: Type.String() }),
        body: Type.Object({
          body: Type.String(),
          signedName: Type.Optional(Type.String()),
          signedRole: Type.String(),
          changeStatus: Type.Optional(Type.Enum([...changeStatuses])),
          changeDescription: Type.Optional(Type.String()),
        }),
        response: { 201: Type.Object({ id: Type.Integer() }), 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const responded = await respondToStory(deps, request.actor, idParam(request, 'id'), request.body as Parameters<typeof respondToStory>[3]);
      deps.kickMail();
      return reply.code(201).send(responded);
    },
  );
}
