// Pages for each organisation's public record of listening (figures with charts and tables) and a
// place's league table of its organisations, sorted by share of stories answered.
import type { FastifyRequest } from 'fastify';
import { type BarChart, barChart } from '../../platform/charts.js';
import { TooManyAttemptsError } from '../../platform/errors.js';
import type { App } from '../../platform/server.js';
import { formErrors } from '../../platform/views.js';
import { registerFlash } from '../../platform/web/flash.js';
import { formValue, handleForm, idParam } from '../accounts/http.js';
import { getPlace } from '../registry/places.js';
import { getOrganisationSummary } from '../registry/service.js';
import { type FeedbackFigures, leagueTable, organisationFeedbackFigures } from './feedbackFigures.js';
import { fftComments, fftMonthsOf, fftQuestion, submitFftAnswer, uploadFftAnswers } from './fft.js';
import { can } from './policy.js';
import { view } from './routesStories.js';
import { fftAnswers } from './schema.js';
import { fftAnswerLabels, monthLabel, percent } from './storyLabels.js';

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
      figures.themes.slice(0, 12).map((t) => ({ label: `${t.name} (${t.polarity === 'good' ? 'good' : 'could be better'})`, value: t.stories })),
    ),
  };
}

export async function registerFiguresRoutes(app: App): Promise<void> {
  const { deps } = app;
  registerFlash('fft-sent', 'Thank you. Your answer has been recorded.');

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
      uploaded: formValue(request.query, 'uploaded'),
      percent,
      shortMonth,
      values,
    };
  }
  async function organisationOr404(request: FastifyRequest) {
    return getOrganisationSummary(deps.db, idParam(request, 'id'));
  }

  app.get('/organisations/:id/fft', async (request, reply) => {
    const organisation = await organisationOr404(request);
    if (!organisation) return reply.code(404).render('error-404.njk', { title: 'Page not found' });
    return reply.render(view('fft'), await fftContext(request, organisation));
  });

  app.post('/organisations/:id/fft', async (request, reply) => {
    const organisation = await organisationOr404(request);
    if (!organisation) return reply.code(404).render('error-404.njk', { title: 'Page not found' });
    const values = { answer: formValue(request.body, 'answer'), service: formValue(request.body, 'service'), freeText: formValue(request.body, 'freeText') };
    const context = await fftContext(request, organisation, values);
    return handleForm(reply, view('fft'), context, async () => {
      try {
        await submitFftAnswer(deps, request.actor, organisation.id, { ...values, address: request.ip });
      } catch (error) {
        // Over the limit for this address: say so, keeping what was typed.
        if (error instanceof TooManyAttemptsError) return reply.code(429).render(view('fft'), { ...context, ...formErrors({ answer: error.message }) });
        throw error;
      }
      return reply.redirect(`/organisations/${organisation.id}/fft?done=fft-sent`, 303);
    });
  });

  app.post('/organisations/:id/fft/upload', async (request, reply) => {
    const organisation = await organisationOr404(request);
    if (!organisation) return reply.code(404).render('error-404.njk', { title: 'Page not found' });
    const file = (request.body as Record<string, unknown> | undefined)?.file;
    const content = Buffer.isBuffer(file) ? file.toString('utf8') : typeof file === 'string' ? file : '';
    return handleForm(reply, view('fft'), await fftContext(request, organisation), async () => {
      const { rows } = await uploadFftAnswers(deps, request.actor, organisation.id, { name: 'upload.csv', content });
      return reply.redirect(`/organisations/${organisation.id}/fft?uploaded=${rows}`, 303);
    });
  });

  app.get('/organisations/:id/feedback', async (request, reply) => {
    const organisation = await getOrganisationSummary(deps.db, idParam(request, 'id'));
    if (!organisation) return reply.code(404).render('error-404.njk', { title: 'Page not found' });
    const figures = await organisationFeedbackFigures(deps.db, organisation.id, new Date());
    return reply.render(view('figures-organisation'), {
      title: `Feedback figures: ${organisation.name}`,
      organisation,
      figures,
      charts: figureCharts(figures),
      percent,
      shortMonth,
    });
  });

  app.get('/places/:id/feedback', async (request, reply) => {
    // The organisations serving the place or a place inside it, as on the place's own page.
    const place = await getPlace(deps.db, idParam(request, 'id'), { organisationLimit: 1000 });
    if (!place) return reply.code(404).render('error-404.njk', { title: 'Page not found' });
    const rows = await leagueTable(deps.db, place.organisations, new Date());
    return reply.render(view('figures-place'), { title: `Listening to patients in ${place.name}`, place, rows, percent });
  });
}
