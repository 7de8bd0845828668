// Pages for telling a story, the author's own stories, and moderation.
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/server.js';
import { registerFlash } from '../../platform/web/flash.js';
import { formValue, formValues, handleForm, idParam, queryValue, redirectToSignIn } from '../accounts/http.js';
import { getOrganisationSummary, searchOrganisations } from '../registry/service.js';
import { listThemes, moderationQueue, publishStory, rejectStory, storyForModeration } from './moderation.js';
import { assertCan } from './policy.js';
import { authorRoles } from './schema.js';
import { myStories, type StoryInput, storyForAuthor, storyLimits, tellStory, tellStoryOnBehalf } from './stories.js';
import { authorRoleLabels, criticalityLabels, identifierKindLabels, monthLabel, storyStatusLabels } from './storyLabels.js';
import { addTheme, themesForAdmin, updateTheme } from './themes.js';

export const view = (name: string) => `feedback/views/${name}.njk`;

const authorRoleItems = authorRoles.map((value) => ({ value, text: authorRoleLabels[value] }));
const monthItems = (() => {
  // The last 36 months, newest first: a select is easier than typing a month and year.
  const items: Array<{ value: string; text: string }> = [{ value: '', text: 'Choose a month' }];
  const now = new Date();
  for (let i = 0; i < 36; i++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    const value = d.toISOString().slice(0, 7);
    items.push({ value, text: monthLabel(`${value}-01`) });
  }
  return items;
})();

function storyInput(body: unknown): StoryInput {
  return {
    organisationId: formValue(body, 'organisationId'),
    service: formValue(body, 'service'),
    title: formValue(body, 'title'),
    whatHappened: formValue(body, 'whatHappened'),
    whatWasGood: formValue(body, 'whatWasGood'),
    whatCouldBeBetter: formValue(body, 'whatCouldBeBetter'),
    howFelt: formValue(body, 'howFelt'),
    happenedMonth: formValue(body, 'happenedMonth'),
    authorRole: formValue(body, 'authorRole'),
    displayName: formValue(body, 'displayName'),
  };
}

function formValuesOf(request: FastifyRequest): Record<string, unknown> {
  return { ...(request.body as Record<string, unknown>), _csrf: undefined };
}

export async function registerStoriesRoutes(app: App): Promise<void> {
  const { deps } = app;
  registerFlash('story-sent', 'Thank you. Your story has been sent. A moderator will read it before it is published.');
  registerFlash('story-published', 'The story is published. Anyone subscribed to the organisation has been told.');
  registerFlash('story-entered', "The story has been sent for moderation, with the person's consent recorded.");
  registerFlash('theme-saved', 'The themes are saved.');
  registerFlash('story-rejected', 'The story was not published. The author has been emailed the reason.');

  async function organisationOf(text: string) {
    return /^\d{1,9}$/.test(text) ? getOrganisationSummary(deps.db, Number(text)) : null;
  }

  const formContext = (organisation: { id: number; name: string } | null, values: Record<string, unknown>) => ({
    title: organisation ? `Tell your story about ${organisation.name}` : 'Tell your story',
    organisation,
    values,
    authorRoleItems: authorRoleItems.map((i) => ({ ...i, checked: values.authorRole === i.value })),
    monthItems: monthItems.map((i) => ({ ...i, selected: values.happenedMonth === i.value })),
    limits: storyLimits,
  });

  // ---- telling a story ----
  app.get('/stories/new', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const organisation = await organisationOf(queryValue(request, 'organisation'));
    if (organisation) return reply.render(view('tell-story'), formContext(organisation, { organisationId: String(organisation.id), displayName: 'A patient' }));
    const q = queryValue(request, 'q').trim();
    const found = q ? await searchOrganisations(deps, { q, pageSize: 20 }) : null;
    return reply.render(view('tell-choose-organisation'), { title: 'Which organisation is your story about?', q, found });
  });

  app.post('/stories/new', async (request, reply) => {
    const input = storyInput(request.body);
    const organisation = await organisationOf(String(input.organisationId));
    return handleForm(reply, view('tell-story'), formContext(organisation, formValuesOf(request)), async () => {
      const told = await tellStory(deps, request.actor, input);
      deps.kickMail();
      return reply.redirect(`/account/stories/${told.id}?done=story-sent`, 303);
    });
  });

  // ---- entered by staff or a volunteer for someone else ----
  const onBehalfContext = (organisation: { id: number; name: string }, values: Record<string, unknown>) => ({
    ...formContext(organisation, values),
    title: `Enter a story about ${organisation.name} for someone`,
    onBehalf: true,
    authorRoleItems: authorRoleItems.map((i) => ({ ...i, checked: values.authorRole === i.value })),
  });

  app.get('/stories/on-behalf', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const organisation = await organisationOf(queryValue(request, 'organisation'));
    if (!organisation) return reply.code(404).render('error-404.njk', { title: 'Page not found' });
    assertCan(request.actor, 'story.enterOnBehalf', { organisationId: organisation.id });
    return reply.render(view('tell-story'), onBehalfContext(organisation, { organisationId: String(organisation.id), displayName: 'A patient' }));
  });

  app.post('/stories/on-behalf', async (request, reply) => {
    const input = { ...storyInput(request.body), personEmail: formValue(request.body, 'personEmail'), consent: formValue(request.body, 'consent') };
    const organisation = await organisationOf(String(input.organisationId));
    if (!organisation) return reply.code(404).render('error-404.njk', { title: 'Page not found' });
    assertCan(request.actor, 'story.enterOnBehalf', { organisationId: organisation.id });
    return handleForm(reply, view('tell-story'), onBehalfContext(organisation, formValuesOf(request)), async () => {
      await tellStoryOnBehalf(deps, request.actor, input);
      deps.kickMail();
      return reply.redirect(`/organisations/${organisation.id}/stories?done=story-entered`, 303);
    });
  });

  // ---- the author's own stories ----
  app.get('/account/stories', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const stories = await myStories(deps, request.actor);
    return reply.render(view('my-stories'), { title: 'Your stories', stories, statusLabels: storyStatusLabels });
  });

  app.get('/account/stories/:id', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const story = await storyForAuthor(deps, request.actor, idParam(request, 'id'));
    reply.header('cache-control', 'no-store');
    return reply.render(view('my-story'), {
      title: `Your story ${story.reference}`,
      story,
      status: storyStatusLabels[story.status],
      authorRole: authorRoleLabels[story.authorRole],
      month: monthLabel(story.happenedMonth),
    });
  });

  // ---- moderation ----
  app.get('/moderation', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const queue = await moderationQueue(deps, request.actor);
    return reply.render(view('moderation-queue'), { title: 'Stories to moderate', queue, statusLabels: storyStatusLabels });
  });

  async function moderationContext(request: FastifyRequest, values?: Record<string, unknown>) {
    const story = await storyForModeration(deps, request.actor, idParam(request, 'id'));
    const themes = await listThemes(deps);
    const chosen = values ? formValues(values, 'themeIds') : story.themeIds.map(String);
    const criticality = values ? String(values.criticality ?? '') : story.criticality === null ? '' : String(story.criticality);
    return {
      title: `Moderate story ${story.reference}`,
      story,
      values: values ?? story.proposed,
      kindLabels: identifierKindLabels,
      authorRole: authorRoleLabels[story.authorRole as keyof typeof authorRoleLabels],
      month: monthLabel(story.happenedMonth),
      criticalityItems: criticalityLabels.map((text, value) => ({ value: String(value), text, checked: criticality === String(value) })),
      themeItems: themes.map((t) => ({
        value: String(t.id),
        text: `${t.name} (${t.polarity === 'good' ? 'good' : 'could be better'})`,
        checked: chosen.includes(String(t.id)),
      })),
    };
  }

  app.get('/moderation/stories/:id', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    reply.header('cache-control', 'no-store');
    return reply.render(view('moderation-story'), await moderationContext(request));
  });

  app.post('/moderation/stories/:id/publish', async (request, reply) => {
    const id = idParam(request, 'id');
    const values = formValuesOf(request);
    const context = await moderationContext(request, values);
    return handleForm(reply, view('moderation-story'), context, async () => {
      await publishStory(deps, request.actor, id, {
        title: formValue(request.body, 'title'),
        whatHappened: formValue(request.body, 'whatHappened'),
        whatWasGood: formValue(request.body, 'whatWasGood'),
        whatCouldBeBetter: formValue(request.body, 'whatCouldBeBetter'),
        howFelt: formValue(request.body, 'howFelt'),
        criticality: formValue(request.body, 'criticality'),
        themeIds: formValues(request.body, 'themeIds'),
        hideResponseIds: formValues(request.body, 'hideResponseIds'),
      });
      deps.kickMail();
      return reply.redirect('/moderation?done=story-published', 303);
    });
  });

  app.post('/moderation/stories/:id/reject', async (request, reply) => {
    const id = idParam(request, 'id');
    const context = await moderationContext(request);
    return handleForm(reply, view('moderation-story'), { ...context, rejectReason: formValue(request.body, 'reason') }, async () => {
      await rejectStory(deps, request.actor, id, { reason: formValue(request.body, 'reason') });
      deps.kickMail();
      return reply.redirect('/moderation?done=story-rejected', 303);
    });
  });

  // ---- themes (platform admins) ----
  app.get('/admin/themes', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    return reply.render(view('themes-admin'), { title: 'Story themes', themes: await themesForAdmin(deps, request.actor), values: {} });
  });

  app.post('/admin/themes', async (request, reply) => {
    const values = { name: formValue(request.body, 'name'), polarity: formValue(request.body, 'polarity') };
    const themes = await themesForAdmin(deps, request.actor);
    return handleForm(reply, view('themes-admin'), { title: 'Story themes', themes, values }, async () => {
      await addTheme(deps, request.actor, values);
      return reply.redirect('/admin/themes?done=theme-saved', 303);
    });
  });

  app.post('/admin/themes/:id', async (request, reply) => {
    await updateTheme(deps, request.actor, idParam(request, 'id'), {
      name: formValue(request.body, 'name'),
      polarity: formValue(request.body, 'polarity'),
      retired: formValue(request.body, 'retired') === 'yes',
    });
    return reply.redirect('/admin/themes?done=theme-saved', 303);
  });
}
