// The stories API: published stories with their threads for anyone, and, with a personal API
// token, telling a story and responding for an organisation. The same services as the pages.
import { Type } from 'typebox';
import { organisationRef, Problem } from '../../../platform/apiSchemas.js';
import { type App, idParam, pageNumber, queryValue } from '../../../platform/web/index.js';
import { listPublishedStories, type PublicResponse, type PublicStory, publishedStoryWithThread, storyListFilter } from '../reading.js';
import { respondToStory } from '../responses.js';
import { tellStory } from '../stories.js';
import { NewResponse, NewStory, StoryFull, StoryList, StoryListQuery } from './apiSchemas.js';

function storyJson(story: PublicStory, responses: PublicResponse[]) {
  return {
    id: story.id,
    title: story.title,
    organisation: organisationRef(story),
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

export async function registerApiRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get(
    '/api/v1/stories',
    {
      schema: {
        tags: ['stories'],
        summary: 'Published stories, newest first (or best match with q)',
        querystring: StoryListQuery,
        response: { 200: StoryList, 400: Problem },
      },
    },
    async (request) => {
      const filter = storyListFilter((name) => queryValue(request, name), pageNumber(queryValue(request, 'page')));
      const result = await listPublishedStories(deps.db, filter);
      return {
        total: result.total,
        totalCapped: result.totalCapped,
        page: result.page,
        pages: result.pages,
        items: result.items.map((s) => ({
          id: s.id,
          title: s.title,
          organisation: organisationRef(s),
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
        body: NewStory,
        response: {
          201: Type.Object({ id: Type.Integer(), reference: Type.String(), status: Type.Literal('awaiting_moderation') }),
          401: Problem,
          422: Problem,
          429: Problem,
        },
      },
    },
    async (request, reply) => {
      const told = await tellStory(deps, request.actor, request.body);
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
        body: NewResponse,
        response: { 201: Type.Object({ id: Type.Integer() }), 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const responded = await respondToStory(deps, request.actor, idParam(request, 'id'), request.body);
      deps.kickMail();
      return reply.code(201).send(responded);
    },
  );
}
