// Pages for signed-in people: telling a story (or entering one for someone), the author's own
// stories and their reply under a published one, and responders' story alerts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import {
  type App,
  errorsFor,
  formOf,
  formValue,
  formValues,
  handleForm,
  idParam,
  isRecordId,
  queryText,
  queryValue,
  redirectToSignIn,
} from '../../../platform/web/index.js';
import { getOrganisationSummary, organisationNames, searchOrganisations } from '../../registry/service.js';
import { mySubscriptions, subscribableOrganisations, subscribe, unsubscribe } from '../alerts.js';
import { deleteStoryDraft, myDrafts, saveStoryDraft, sendStoryDraft, storyDraft } from '../drafts.js';
import { fieldLimits, tooLongMessage } from '../fieldLimits.js';
import { listThemes } from '../moderation.js';
import { assertCan } from '../policy.js';
import { replyAsAuthor } from '../responses.js';
import { authorRoles, storyWordLimit } from '../schema.js';
import { myStories, type StoryInput, StoryLimitError, storyForAuthor, storyLimits, tellStory, tellStoryOnBehalf } from '../stories.js';
import { authorRoleLabels, criticalityLabels, monthLabel, storyStatusLabels, themeText } from '../storyLabels.js';
import { page, storyForm } from './storyPage.js';

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

/** What was typed, to show again (never the CSRF token). */
const typed = (request: FastifyRequest): Record<string, unknown> => ({ ...formOf(request), _csrf: undefined });

/**
 * Send a story; when the hourly limit refuses it, show the form again (429) with everything typed
 * and when it can be sent, and return null.
 */
async function keptWhenLimited<T>(
  reply: FastifyReply,
  context: () => Promise<Record<string, unknown>> | Record<string, unknown>,
  send: () => Promise<T>,
): Promise<T | null> {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof StoryLimitError)) throw error;
    await reply.code(429).render(page('tell-story'), { ...(await context()), errors: {}, errorList: [{ text: error.message, href: '#main-content' }] });
    return null;
  }
}

export async function registerAccountRoutes(app: App): Promise<void> {
  const { deps } = app;

  /** The organisation an id typed or chosen names, or null. */
  async function organisationOf(text: string) {
    return /^\d{1,10}$/.test(text) && isRecordId(Number(text)) ? getOrganisationSummary(deps.db, Number(text)) : null;
  }

  const formContext = (organisation: { id: number; name: string } | null, values: Record<string, unknown>) => ({
    title: organisation ? `Tell your story about ${organisation.name}` : 'Tell your story',
    organisation,
    values,
    authorRoleItems: authorRoleItems.map((i) => ({ ...i, checked: values.authorRole === i.value })),
    monthItems: monthItems.map((i) => ({ ...i, selected: values.happenedMonth === i.value })),
    limits: storyLimits,
    wordLimit: storyWordLimit,
  });

  // ---- telling a story ----
  app.get('/stories/new', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const organisation = await organisationOf(queryValue(request, 'organisation'));
    if (organisation) return reply.render(page('tell-story'), formContext(organisation, { organisationId: String(organisation.id), displayName: 'A patient' }));
    const q = queryText(request, 'q');
    const title = 'Which organisation is your story about?';
    if (q.length > fieldLimits.search) {
      const tooLong = { q: tooLongMessage('The organisation to search for', fieldLimits.search, q.length) };
      return reply.code(422).render(page('tell-choose-organisation'), { title, q, found: null, ...errorsFor(tooLong) });
    }
    const found = q ? await searchOrganisations(deps, { q, pageSize: 20 }) : null;
    return reply.render(page('tell-choose-organisation'), { title, q, found });
  });

  // The one form sends the story, or (the "Save as draft" button) keeps it as a draft; a form
  // opened from a draft carries its number, so saving again or sending uses that draft.
  app.post('/stories/new', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const input = storyInput(request.body);
    const draftText = formValue(request.body, 'draftId');
    const draftId = /^\d{1,10}$/.test(draftText) ? Number(draftText) : undefined;
    const context = async () => formContext(await organisationOf(String(input.organisationId)), typed(request));
    return handleForm(reply, { template: page('tell-story'), context }, async () => {
      if (formValue(request.body, 'action') === 'draft') {
        await saveStoryDraft(deps, request.actor, input, draftId);
        return reply.redirect('/account/stories?done=draft-saved#drafts', 303);
      }
      const told = await keptWhenLimited(reply, context, () =>
        draftId === undefined ? tellStory(deps, request.actor, input) : sendStoryDraft(deps, request.actor, draftId, input),
      );
      if (!told) return reply;
      deps.kickMail();
      return reply.redirect(`/account/stories/${told.id}?done=story-sent`, 303);
    });
  });

  // ---- entered by staff or a volunteer for someone else ----
  const onBehalfContext = (organisation: { id: number; name: string }, values: Record<string, unknown>) => ({
    ...formContext(organisation, values),
    title: `Enter a story about ${organisation.name} for someone`,
    onBehalf: true,
  });

  app.get('/stories/on-behalf', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const organisation = await organisationOf(queryValue(request, 'organisation'));
    if (!organisation) throw new NotFoundError();
    assertCan(request.actor, 'story.enterOnBehalf', { organisationId: organisation.id });
    return reply.render(page('tell-story'), onBehalfContext(organisation, { organisationId: String(organisation.id), displayName: 'A patient' }));
  });

  app.post('/stories/on-behalf', async (request, reply) => {
    const input = { ...storyInput(request.body), personEmail: formValue(request.body, 'personEmail'), consent: formValue(request.body, 'consent') };
    const organisation = await organisationOf(String(input.organisationId));
    if (!organisation) throw new NotFoundError();
    assertCan(request.actor, 'story.enterOnBehalf', { organisationId: organisation.id });
    const context = () => onBehalfContext(organisation, typed(request));
    return handleForm(reply, { template: page('tell-story'), context }, async () => {
      if (!(await keptWhenLimited(reply, context, () => tellStoryOnBehalf(deps, request.actor, input)))) return reply;
      deps.kickMail();
      return reply.redirect(`/organisations/${organisation.id}/stories?done=story-entered`, 303);
    });
  });

  // ---- the author's own stories ----
  app.get('/account/stories', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const [stories, drafts] = await Promise.all([myStories(deps, request.actor), myDrafts(deps, request.actor)]);
    reply.header('cache-control', 'no-store');
    return reply.render(page('my-stories'), { title: 'Your stories', stories, drafts, statusLabels: storyStatusLabels });
  });

  // A draft, opened to carry on: the story form with what was saved.
  app.get('/account/stories/drafts/:id', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const draft = await storyDraft(deps, request.actor, idParam(request, 'id'));
    const organisation = await organisationOf(draft.organisationId);
    reply.header('cache-control', 'no-store');
    return reply.render(page('tell-story'), { ...formContext(organisation, { ...draft, draftId: String(draft.id) }), draft: true });
  });

  app.post('/account/stories/drafts/:id/delete', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    await deleteStoryDraft(deps, request.actor, idParam(request, 'id'));
    return reply.redirect('/account/stories?done=draft-deleted', 303);
  });

  app.get('/account/stories/:id', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const story = await storyForAuthor(deps, request.actor, idParam(request, 'id'));
    reply.header('cache-control', 'no-store');
    return reply.render(page('my-story'), {
      title: `Your story ${story.reference}`,
      story,
      status: storyStatusLabels[story.status],
      authorRole: authorRoleLabels[story.authorRole],
      month: monthLabel(story.happenedMonth),
    });
  });

  // The author's reply, posted from the story's public page.
  app.post('/stories/:id/replies', async (request, reply) =>
    storyForm(deps, request, reply, async () => {
      const id = idParam(request, 'id');
      try {
        await replyAsAuthor(deps, request.actor, id, { body: formValue(request.body, 'replyBody') });
      } catch (error) {
        // The reply's box is named replyBody on the story page (body is the response's box).
        if (error instanceof ValidationError && error.fieldErrors.body) throw new ValidationError({ replyBody: error.fieldErrors.body });
        throw error;
      }
      return reply.redirect(`/stories/${id}?done=reply-published`, 303);
    }),
  );

  // ---- alerts ----
  async function alertsContext(request: FastifyRequest, values: Record<string, unknown> = { minCriticality: '0', frequency: 'immediate' }) {
    const [organisations, themes, subscriptions] = await Promise.all([
      organisationNames(deps.db, subscribableOrganisations(request.actor)),
      listThemes(deps),
      mySubscriptions(deps, request.actor),
    ]);
    const chosenThemes = formValues(values, 'themeIds');
    return {
      title: 'Story alerts',
      subscriptions,
      organisationItems: organisations.map((o) => ({ value: String(o.id), text: o.name, selected: values.organisationId === String(o.id) })),
      criticalityItems: criticalityLabels.map((text, value) => ({ value: String(value), text, checked: String(values.minCriticality) === String(value) })),
      frequencyItems: [
        { value: 'immediate', text: 'At once, one email for each story', checked: values.frequency === 'immediate' },
        { value: 'daily', text: 'Once a day, in one email', checked: values.frequency === 'daily' },
      ],
      themeItems: themes.map((t) => ({ value: String(t.id), text: themeText(t), checked: chosenThemes.includes(String(t.id)) })),
      themeNames: Object.fromEntries(themes.map((t) => [t.id, themeText(t)])),
      values,
    };
  }

  app.get('/account/alerts', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    return reply.render(page('alerts'), await alertsContext(request));
  });

  app.post('/account/alerts', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    return handleForm(reply, { template: page('alerts'), context: () => alertsContext(request, typed(request)) }, async () => {
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
