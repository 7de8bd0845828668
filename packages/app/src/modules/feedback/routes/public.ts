// Pages anyone can read: the browse and search page, each organisation's list of stories and its
// Atom feed (and, for its staff, the CSV of it), a published story with its thread (and the forms
// on it: an organisation's response, a change recorded, a reader's report), "you said, we did",
// the Friends and Family Test form, and the figures of an organisation's and a place's listening.
// Only published, redacted fields ever leave here: the author's words, criticality and who the
// author is stay private.
import type { FastifyRequest } from 'fastify';
import { type BarChart, barChart } from '../../../platform/charts.js';
import { toCsv } from '../../../platform/csv.js';
import { NotFoundError, TooManyAttemptsError } from '../../../platform/errors.js';
import { formErrors } from '../../../platform/views.js';
import { type App, formValue, handleForm, idParam, pageNumber, queryString, queryValue, redirectToSignIn } from '../../../platform/web/index.js';
import { getOrganisationSummary, getPlace, organisationSummaryOrNotFound } from '../../registry/service.js';
import { type FeedbackFigures, leagueTable, organisationFeedbackFigures } from '../feedbackFigures.js';
import { fftComments, fftMonthsOf, fftQuestion, submitFftAnswer, uploadFftAnswers } from '../fft.js';
import { listThemes } from '../moderation.js';
import { assertCan, can } from '../policy.js';
import { changesOf, listPublishedStories, publishedStoryWithThread, storiesExportRows, storyListFilter } from '../reading.js';
import { previewResponse, recordChange, reportStory, respondToStory } from '../responses.js';
import { fftAnswers } from '../schema.js';
import { changeStatusLabels, fftAnswerLabels, monthLabel, percent, themeText } from '../storyLabels.js';
import { page, storyForm, storyPageContext } from './storyPage.js';

const shortMonth = (month: string) => monthLabel(`${month}-01`);

/** The charts of an organisation's figures; the page shows the same numbers in tables. */
export function figureCharts(figures: FeedbackFigures): { published: BarChart; themes: BarChart } {
  return {
    published: barChart(
      'stories-by-month',
      'Stories published each month, last 12 months',
      figures.months.map((m) => ({ label: shortMonth(m.month), value: m.published })),
    ),
    themes: barChart(
      'themes',
      'Stories by theme, last 12 months',
      figures.themes.slice(0, 12).map((t) => ({ label: themeText(t), value: t.stories })),
    ),
  };
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function registerPublicRoutes(app: App): Promise<void> {
  const { deps } = app;

  const organisationOf = (id: number) => organisationSummaryOrNotFound(deps.db, id);

  // ---- reading ----
  app.get('/stories', { config: { publicPageCache: true } }, async (request, reply) => {
    const filter = storyListFilter((name) => queryValue(request, name), pageNumber(queryValue(request, 'page')));
    const [result, themes, organisation] = await Promise.all([
      listPublishedStories(deps.db, filter),
      listThemes(deps),
      filter.organisationId ? getOrganisationSummary(deps.db, filter.organisationId) : null,
    ]);
    const search = {
      q: filter.q,
      organisation: filter.organisationId,
      theme: filter.themeId,
      service: filter.service,
      from: filter.fromMonth,
      to: filter.toMonth,
    };
    // A search with a box that breaks a rule is answered 422, with the box named.
    return reply.code(Object.keys(filter.problems).length ? 422 : 200).render(page('stories-search'), {
      title: 'Stories about care',
      filter,
      values: { from: queryValue(request, 'from'), to: queryValue(request, 'to') },
      ...formErrors(filter.problems),
      organisation,
      result,
      monthLabel,
      themeItems: [{ value: '', text: 'Any theme' }].concat(
        themes.map((t) => ({ value: String(t.id), text: themeText(t), selected: filter.themeId === t.id })),
      ),
      pageLink: (n: number) => `/stories${queryString({ ...search, page: n })}`,
    });
  });

  app.get('/organisations/:id/stories', { config: { publicPageCache: true } }, async (request, reply) => {
    const organisation = await organisationOf(idParam(request, 'id'));
    const result = await listPublishedStories(deps.db, { organisationId: organisation.id, page: pageNumber(queryValue(request, 'page')) });
    return reply.render(page('stories-organisation'), {
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
    const organisation = await organisationOf(idParam(request, 'id'));
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
    const organisation = await organisationOf(idParam(request, 'id'));
    assertCan(request.actor, 'story.export', { organisationId: organisation.id });
    const csv = toCsv(await storiesExportRows(deps.db, organisation.id));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="stories-${organisation.id}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });

  // ---- a story and its thread ----
  app.get('/stories/:id', { config: { publicPageCache: true } }, async (request, reply) =>
    reply.render(page('story'), await storyPageContext(deps, request, idParam(request, 'id'))),
  );

  const responseInput = (request: FastifyRequest) => ({
    body: formValue(request.body, 'body'),
    signedName: formValue(request.body, 'signedName'),
    signedRole: formValue(request.body, 'signedRole'),
    changeStatus: formValue(request.body, 'changeStatus'),
    changeDescription: formValue(request.body, 'changeDescription'),
  });

  // The response form posts here first: the response as it will appear, to publish or change.
  app.post('/stories/:id/responses/preview', async (request, reply) =>
    storyForm(deps, request, reply, async () => {
      const id = idParam(request, 'id');
      const preview = await previewResponse(deps, request.actor, id, responseInput(request));
      const { story } = await publishedStoryWithThread(deps.db, id);
      reply.header('cache-control', 'no-store');
      return reply.render(page('response-preview'), { title: 'Check your response before it is published', story, preview, changeLabels: changeStatusLabels });
    }),
  );

  // "Change" on the preview: the story page again with everything typed, nothing lost.
  app.post('/stories/:id/responses/edit', async (request, reply) =>
    reply.render(page('story'), await storyPageContext(deps, request, idParam(request, 'id'), { ...responseInput(request) })),
  );

  app.post('/stories/:id/responses', async (request, reply) =>
    storyForm(deps, request, reply, async () => {
      const id = idParam(request, 'id');
      await respondToStory(deps, request.actor, id, responseInput(request));
      deps.kickMail();
      return reply.redirect(`/stories/${id}?done=response-published`, 303);
    }),
  );

  app.post('/stories/:id/responses/:responseId/change', async (request, reply) =>
    storyForm(deps, request, reply, async () => {
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
    return reply.render(page('story-report'), { title: `Report "${story.title}"`, story, values: { responseId: formValue(request.query, 'response') } });
  });

  app.post('/stories/:id/report', async (request, reply) => {
    const id = idParam(request, 'id');
    const { story } = await publishedStoryWithThread(deps.db, id);
    const values = { reason: formValue(request.body, 'reason'), responseId: formValue(request.body, 'responseId') };
    return handleForm(reply, { template: page('story-report'), context: { title: `Report "${story.title}"`, story, values } }, async () => {
      await reportStory(deps, request.actor, id, { ...values, address: request.ip });
      return reply.redirect(`/stories/${id}?done=story-reported`, 303);
    });
  });

  // ---- you said, we did ----
  app.get('/organisations/:id/you-said-we-did', async (request, reply) => {
    const organisation = await organisationOf(idParam(request, 'id'));
    const changes = await changesOf(deps.db, organisation.id);
    return reply.render(page('you-said-we-did'), {
      title: `You said, we did: ${organisation.name}`,
      organisation,
      made: changes.filter((c) => c.status === 'made'),
      planned: changes.filter((c) => c.status === 'planned'),
    });
  });

  // ---- the Friends and Family Test ----
  async function fftContext(request: FastifyRequest, organisation: { id: number; name: string }, values: Record<string, unknown> = {}) {
    return {
      title: `Friends and Family Test: ${organisation.name}`,
      organisation,
      question: fftQuestion,
      answerItems: fftAnswers.map((value) => ({ value, text: fftAnswerLabels[value], checked: values.answer === value })),
      months: await fftMonthsOf(deps.db, organisation.id),
      canUpload: can(request.actor, 'fft.upload', { organisationId: organisation.id }),
      comments: can(request.actor, 'story.staffRead', { organisationId: organisation.id }) ? await fftComments(deps, request.actor, organisation.id) : null,
      answerLabels: fftAnswerLabels,
      uploaded: queryValue(request, 'uploaded'),
      percent,
      shortMonth,
      values,
    };
  }

  app.get('/organisations/:id/fft', async (request, reply) => {
    const organisation = await organisationOf(idParam(request, 'id'));
    return reply.render(page('fft'), await fftContext(request, organisation));
  });

  app.post('/organisations/:id/fft', async (request, reply) => {
    const organisation = await organisationOf(idParam(request, 'id'));
    const values = { answer: formValue(request.body, 'answer'), service: formValue(request.body, 'service'), freeText: formValue(request.body, 'freeText') };
    const context = () => fftContext(request, organisation, values);
    return handleForm(reply, { template: page('fft'), context }, async () => {
      try {
        await submitFftAnswer(deps, request.actor, organisation.id, { ...values, address: request.ip });
      } catch (error) {
        // Over the limit for this address: say so, keeping what was typed.
        if (error instanceof TooManyAttemptsError)
          return reply.code(429).render(page('fft'), { ...(await context()), ...formErrors({ answer: error.message }) });
        throw error;
      }
      return reply.redirect(`/organisations/${organisation.id}/fft?done=fft-sent`, 303);
    });
  });

  app.post('/organisations/:id/fft/upload', async (request, reply) => {
    const organisation = await organisationOf(idParam(request, 'id'));
    const file = (request.body as Record<string, unknown> | undefined)?.file;
    const content = Buffer.isBuffer(file) ? file.toString('utf8') : typeof file === 'string' ? file : '';
    return handleForm(reply, { template: page('fft'), context: () => fftContext(request, organisation) }, async () => {
      const { rows } = await uploadFftAnswers(deps, request.actor, organisation.id, { name: 'upload.csv', content });
      return reply.redirect(`/organisations/${organisation.id}/fft?uploaded=${rows}`, 303);
    });
  });

  // ---- figures ----
  app.get('/organisations/:id/feedback', { config: { publicPageCache: true } }, async (request, reply) => {
    const organisation = await organisationOf(idParam(request, 'id'));
    const figures = await organisationFeedbackFigures(deps.db, organisation.id, new Date());
    return reply.render(page('figures-organisation'), {
      title: `Feedback figures: ${organisation.name}`,
      organisation,
      figures,
      charts: figureCharts(figures),
      percent,
      shortMonth,
    });
  });

  app.get('/places/:id/feedback', { config: { publicPageCache: true } }, async (request, reply) => {
    // The organisations serving the place or a place inside it, as on the place's own page.
    const place = await getPlace(deps.db, idParam(request, 'id'), { organisationLimit: 1000 });
    if (!place) throw new NotFoundError();
    const rows = await leagueTable(deps.db, place.organisations, new Date());
    return reply.render(page('figures-place'), { title: `Listening to patients in ${place.name}`, place, rows, percent });
  });
}
