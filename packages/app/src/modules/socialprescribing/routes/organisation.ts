// An organisation's social prescribing pages: the link workers' caseload (waiting, theirs, all
// open, closed), the figures (counts under 10 suppressed) for its admins and link workers, and for a
// group's admins the referrals made to the group's services where the person agreed to share that.
import { barChart } from '../../../platform/charts.js';
import { idParam, queryText, requireSignInOn, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { caseload, groupReferrals, referralFigures } from '../service.js';
import { connectionStatusLabels, sourceLabels, stateLabels, stateTagClasses } from './pageParts.js';

const page = view('socialprescribing');

const shows = [
  { value: 'waiting', text: 'Waiting' },
  { value: 'mine', text: 'Yours' },
  { value: 'all', text: 'All open' },
  { value: 'closed', text: 'Closed' },
] as const;
type Show = (typeof shows)[number]['value'];

/** "2026-03" → "March 2026". */
const monthText = (month: string) => new Date(`${month}-01T12:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export async function registerOrganisationRoutes(app: App): Promise<void> {
  const { deps } = app;
  requireSignInOn(app, [/^\/organisations\/[^/]+\/(social-prescribing|referrals-received)(\/|$)/]);

  app.get('/organisations/:id/social-prescribing', async (request, reply) => {
    const organisationId = idParam(request, 'id');
    const asked = queryText(request, 'show');
    const show: Show = shows.some((s) => s.value === asked) ? (asked as Show) : 'waiting';
    const result = await caseload(deps, request.actor, organisationId, show);
    const shown = shows.find((s) => s.value === show) as (typeof shows)[number];
    return reply.render(page('caseload'), {
      title: `Social prescribing caseload: ${shown.text}`,
      organisation: result.organisation,
      items: result.items,
      show,
      shownText: shown.text,
      tabs: shows.map((s) => ({ ...s, count: result.counts[s.value], current: s.value === show })),
      stateLabels,
      stateTagClasses,
    });
  });

  app.get('/organisations/:id/social-prescribing/figures', async (request, reply) => {
    const figures = await referralFigures(deps, request.actor, idParam(request, 'id'));
    const shownSources = figures.bySource.filter((s) => s.count !== null);
    return reply.render(page('figures'), {
      title: 'Social prescribing figures',
      figures,
      sourceLabels,
      sourceChart: barChart(
        'referrals-by-source',
        'Referrals by source (sources with fewer than 10 not shown)',
        shownSources.map((s) => ({ label: s.label, value: s.count as number })),
      ),
    });
  });

  app.get('/organisations/:id/referrals-received', async (request, reply) => {
    const result = await groupReferrals(deps, request.actor, idParam(request, 'id'));
    return reply.render(page('referrals-received'), {
      title: 'Referrals to your services',
      organisation: result.organisation,
      total: result.total,
      items: result.items.map((i) => ({ ...i, monthText: monthText(i.month) })),
      connectionStatusLabels,
    });
  });
}
