// Pages for moderators (the queue, a story with what could identify someone highlighted, publishing
// and rejecting) and for platform admins (the themes stories are tagged with). The services ask the
// gate; these pages only read and show.
import type { FastifyRequest } from 'fastify';
import { type App, formOf, formValue, formValues, handleForm, idParam, redirectToSignIn } from '../../../platform/web/index.js';
import { listThemes, moderationQueue, publishStory, rejectStory, storyForModeration } from '../moderation.js';
import { authorRoleLabels, criticalityLabels, identifierKindLabels, monthLabel, storyStatusLabels, themeText } from '../storyLabels.js';
import { addTheme, themesForAdmin, updateTheme } from '../themes.js';
import { page } from './storyPage.js';

export async function registerModerationRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/moderation', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const queue = await moderationQueue(deps, request.actor);
    return reply.render(page('moderation-queue'), { title: 'Stories to moderate', queue, statusLabels: storyStatusLabels });
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
      themeItems: themes.map((t) => ({ value: String(t.id), text: themeText(t), checked: chosen.includes(String(t.id)) })),
    };
  }

  app.get('/moderation/stories/:id', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    reply.header('cache-control', 'no-store');
    return reply.render(page('moderation-story'), await moderationContext(request));
  });

  app.post('/moderation/stories/:id/publish', async (request, reply) => {
    const id = idParam(request, 'id');
    const context = () => moderationContext(request, { ...formOf(request), _csrf: undefined });
    return handleForm(reply, { template: page('moderation-story'), context }, async () => {
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
    const context = async () => ({ ...(await moderationContext(request)), rejectReason: formValue(request.body, 'reason') });
    return handleForm(reply, { template: page('moderation-story'), context }, async () => {
      await rejectStory(deps, request.actor, id, { reason: formValue(request.body, 'reason') });
      deps.kickMail();
      return reply.redirect('/moderation?done=story-rejected', 303);
    });
  });

  // ---- themes (platform admins) ----
  app.get('/admin/themes', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    return reply.render(page('themes-admin'), { title: 'Story themes', themes: await themesForAdmin(deps, request.actor), values: {} });
  });

  app.post('/admin/themes', async (request, reply) => {
    const values = { name: formValue(request.body, 'name'), polarity: formValue(request.body, 'polarity') };
    const context = async () => ({ title: 'Story themes', themes: await themesForAdmin(deps, request.actor), values });
    return handleForm(reply, { template: page('themes-admin'), context }, async () => {
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
