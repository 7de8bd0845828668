// Pages for the public thread: a published story with its responses (and the forms to respond,
// reply, record a change and report), "you said, we did", and responders' alerts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/server.js';
import { registerFlash } from '../../platform/web/flash.js';
import { formValue, formValues, handleForm, idParam, redirectToSignIn } from '../accounts/http.js';
import { getOrganisationSummary } from '../registry/service.js';
import { mySubscriptions, subscribableOrganisations, subscribe, unsubscribe } from './alerts.js';
import { listThemes } from './moderation.js';
import { can } from './policy.js';
import { changesOf, publishedStoryWithThread } from './reading.js';
import { recordChange, replyAsAuthor, reportStory, respondToStory } from './responses.js';
import { view } from './routesStories.js';
import { authorRoleLabels, changeStatusLabels, criticalityLabels, monthLabel } from './storyLabels.js';

export async function registerResponsesRoutes(app: App): Promise<void> {
  const { deps } = app;
  registerFlash('response-published', 'Your response is published under the story. The author has been told.');
  registerFlash('reply-published', 'Your reply is published under your story.');
  registerFlash('change-recorded', 'The change is recorded, and shown on the "you said, we did" page.');
  registerFlash('story-reported', 'Thank you. A moderator will look at it again.');
  registerFlash('alerts-saved', 'Your alerts are saved.');

  async function storyPageContext(request: FastifyRequest, id: number) {
    const { story, responses } = await publishedStoryWithThread(deps.db, id);
    const actor = request.actor;
    const staff = can(actor, 'story.staffRead', { organisationId: story.organisationId });
    const privateFields =
      actor.accountId === null
        ? undefined
        : await deps.db.selectFrom('story').select(['author_account_id', 'criticality']).where('id', '=', id).executeTakeFirst();
    const author = privateFields !== undefined && privateFields.author_account_id === actor.accountId;
    // Criticality is for the organisation's staff and moderators only.
    const criticality = staff && privateFields?.criticality != null ? criticalityLabels[privateFields.criticality] : null;
    return {
      title: story.title,
      story,
      responses,
      authorRole: authorRoleLabels[story.authorRole],
      month: monthLabel(story.happenedMonth),
      changeLabels: changeStatusLabels,
      canRespond: can(actor, 'story.respond', { organisationId: story.organisationId }),
      canReply: author,
      criticality,
      signedName: request.account?.name ?? '',
      values: {} as Record<string, unknown>,
    };
  }

  async function renderStoryForm(request: FastifyRequest, reply: FastifyReply, action: () => Promise<FastifyReply>) {
    const id = idParam(request, 'id');
    const context = await storyPageContext(request, id);
    return handleForm(reply, view('story'), { ...context, values: { ...(request.body as Record<string, unknown>), _csrf: undefined } }, action);
  }

  app.get('/stories/:id', async (request, reply) => reply.render(view('story'), await storyPageContext(request, idParam(request, 'id'))));

  app.post('/stories/:id/responses', async (request, reply) =>
    renderStoryForm(request, reply, async () => {
      const id = idParam(request, 'id');
      await respondToStory(deps, request.actor, id, {
        body: formValue(request.body, 'body'),
        signedName: formValue(request.body, 'signedName'),
        signedRole: formValue(request.body, 'signedRole'),
        changeStatus: formValue(request.body, 'changeStatus'),
        changeDescription: formValue(request.body, 'changeDescription'),
      });
      deps.kickMail();
      return reply.redirect(`/stories/${id}?done=response-published`, 303);
    }),
  );

  app.post('/stories/:id/replies', async (request, reply) =>
    renderStoryForm(request, reply, async () => {
      const id = idParam(request, 'id');
      await replyAsAuthor(deps, request.actor, id, { body: formValue(request.body, 'replyBody') });
      return reply.redirect(`/stories/${id}?done=reply-published`, 303);
    }),
  );

  app.post('/stories/:id/responses/:responseId/change', async (request, reply) =>
    renderStoryForm(request, reply, async () => {
      const { storyId } = await recordChange(deps, request.actor, idParam(request, 'responseId'), {
        changeStatus: formValue(request.body, 'changeStatus'),
        changeDescription: formValue(request.body, 'changeDescription'),
      });
      deps.kickMail();
      return reply.redirect(`/stories/${storyId}?done=change-recorded`, 303);
    }),
  );

  app.get('/stories/:id/report', async (request, reply) => {
    const { story } = await publishedStoryWithThread(deps.db, idParam(request, 'id'));
    return reply.render(view('story-report'), { title: `Report "${story.title}"`, story, values: { responseId: formValue(request.query, 'response') } });
  });

  app.post('/stories/:id/report', async (request, reply) => {
    const id = idParam(request, 'id');
    const { story } = await publishedStoryWithThread(deps.db, id);
    const values = { reason: formValue(request.body, 'reason'), responseId: formValue(request.body, 'responseId') };
    return handleForm(reply, view('story-report'), { title: `Report "${story.title}"`, story, values }, async () => {
      await reportStory(deps, request.actor, id, { ...values, address: request.ip });
      return reply.redirect(`/stories/${id}?done=story-reported`, 303);
    });
  });

  // ---- you said, we did ----
  app.get('/organisations/:id/you-said-we-did', async (request, reply) => {
    const organisation = await getOrganisationSummary(deps.db, idParam(request, 'id'));
    if (!organisation) return reply.code(404).render('error-404.njk', { title: 'Page not found' });
    const changes = await changesOf(deps.db, organisation.id);
    return reply.render(view('you-said-we-did'), {
      title: `You said, we did: ${organisation.name}`,
      organisation,
      made: changes.filter((c) => c.status === 'made'),
      planned: changes.filter((c) => c.status === 'planned'),
    });
  });

  // ---- alerts ----
  async function alertsContext(request: FastifyRequest, values: Record<string, unknown> = { minCriticality: '0', frequency: 'immediate' }) {
    const organisations = await Promise.all(subscribableOrganisations(request.actor).map((id) => getOrganisationSummary(deps.db, id)));
    const themes = await listThemes(deps);
    const chosenThemes = formValues(values, 'themeIds');
    return {
      title: 'Story alerts',
      subscriptions: await mySubscriptions(deps, request.actor),
      organisationItems: organisations
        .filter((o) => o !== null)
        .map((o) => ({ value: String(o.id), text: o.name, selected: values.organisationId === String(o.id) })),
      criticalityItems: criticalityLabels.map((text, value) => ({ value: String(value), text, checked: String(values.minCriticality) === String(value) })),
      frequencyItems: [
        { value: 'immediate', text: 'At once, one email for each story', checked: values.frequency === 'immediate' },
        { value: 'daily', text: 'Once a day, in one email', checked: values.frequency === 'daily' },
      ],
      themeItems: themes.map((t) => ({
        value: String(t.id),
        text: `${t.name} (${t.polarity === 'good' ? 'good' : 'could be better'})`,
        checked: chosenThemes.includes(String(t.id)),
      })),
      themeNames: Object.fromEntries(themes.map((t) => [t.id, `${t.name} (${t.polarity === 'good' ? 'good' : 'could be better'})`])),
      values,
    };
  }

  app.get('/account/alerts', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    return reply.render(view('alerts'), await alertsContext(request));
  });

  app.post('/account/alerts', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const values = { ...(request.body as Record<string, unknown>), _csrf: undefined };
    return handleForm(reply, view('alerts'), await alertsContext(request, values), async () => {
      await subscribe(deps, request.actor, {
        organisationId: formValue(request.body, 'organisationId'),
        services: formValue(request.body, 'services'),
        themeIds: formValues(request.body, 'themeIds'),
        minCriticality: formValue(request.body, 'minCriticality'),
        frequency: formValue(request.body, 'frequency'),
      });
      return reply.redirect('/account/alerts?done=alerts-saved', 303);
    });
  });

  app.post('/account/alerts/:id/remove', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    await unsubscribe(deps, request.actor, idParam(request, 'id'));
    return reply.redirect('/account/alerts?done=alerts-saved', 303);
  });
}
