// Public pages of citizens' assemblies: the list, an assembly's page (its remit, what taking part
// involves and pays, sessions and evidence, members' public names, how well the panel reflects the
// population and the pool, the "not the usual suspects" figure, and the recommendations with their
// support and the body's answers), and one recommendation's page. Registration is in register.ts,
// the published selection record in selectionRecord.ts, the members' space in members.ts.
import { barChart } from '../../../platform/charts.js';
import { NotFoundError } from '../../../platform/errors.js';
import { idParam, pageNumber, paginationOf, queryId, queryString, queryText, selectItems, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { getOrganisationSummary, placeOptions } from '../../registry/service.js';
import {
  getAssembly,
  getRecommendation,
  listAssemblies,
  listDocuments,
  listMembers,
  listRecommendations,
  listSelections,
  listSessions,
  type Representation,
  representation,
  suppressedText,
} from '../service.js';
import { registerMemberRoutes } from './members.js';
import { kindWords, percent, phaseTags, recommendationView } from './publicView.js';
import { closedReason, registerRegistrationRoutes } from './register.js';
import { registerSelectionRecordRoutes } from './selectionRecord.js';

const page = view('assemblies');

/** The representativeness table's rows and one chart per feature (panel share against the population's). */
function representationView(rep: Representation) {
  const features = rep.features.map((f) => ({
    ...f,
    rows: f.values.map((v) => [
      { text: v.value },
      { text: percent(v.populationShare), format: 'numeric' },
      { text: v.suppressed ? suppressedText : `${percent(v.poolShare)} (${v.poolCount ?? 0})`, format: 'numeric' },
      { text: v.suppressed ? 'not shown' : `${percent(v.panelShare)} (${v.panelCount ?? 0})`, format: 'numeric' },
    ]),
    chart: barChart(
      `representation-${f.key.replace(/[^A-Za-z0-9_-]/g, '-')}`,
      `${f.label}: the panel’s share beside the population’s, in per cent`,
      f.values.flatMap((v) => [
        ...(v.populationShare === null ? [] : [{ label: `${v.value}: population`, value: Math.round(v.populationShare * 100) }]),
        ...(v.suppressed ? [] : [{ label: `${v.value}: panel`, value: Math.round((v.panelShare ?? 0) * 100) }]),
      ]),
      (bars) => (bars.length ? bars.map((b) => `${b.label} ${b.value}%.`).join(' ') : 'No figures to show.'),
    ),
  }));
  return { features, firstTimeShare: rep.firstTimeShare, firstTimeText: percent(rep.firstTimeShare) };
}

export async function registerPublicAssemblyRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/assemblies', async (request, reply) => {
    const organisationId = queryId(request, 'organisation');
    const placeId = queryId(request, 'place');
    const result = await listAssemblies(deps.db, request.actor, { organisationId, placeId, page: pageNumber(queryText(request, 'page')) });
    const [places, organisation] = await Promise.all([
      placeOptions(deps.db),
      organisationId === undefined ? null : getOrganisationSummary(deps.db, organisationId),
    ]);
    const place = places.find((p) => p.id === placeId);
    const scope = [organisation ? `by ${organisation.name}` : '', place ? `in ${place.name}` : ''].filter(Boolean).join(' ');
    const heading = scope ? `Citizens’ assemblies ${scope}` : 'Citizens’ assemblies';
    const filters = { organisation: organisation?.id, place: place?.id };
    return reply.render(page('public-list'), {
      title: result.page > 1 ? `${heading} (page ${result.page})` : heading,
      heading,
      organisation,
      filtered: Boolean(organisation || place),
      placeItems: selectItems(
        places.map((p) => ({ value: p.id, text: `${'– '.repeat(p.depth)}${p.name}` })),
        place?.id ?? '',
        'Every place',
      ),
      items: result.items.map((a) => ({ ...a, tag: phaseTags[a.phase], kindText: kindWords[a.kind] })),
      total: result.total,
      resultPages: paginationOf(result.page, result.pageSize, result.total, (n) => `/assemblies${queryString({ ...filters, page: n })}`),
    });
  });

  app.get('/assemblies/:id', async (request, reply) => {
    const a = await getAssembly(deps, request.actor, idParam(request, 'id'));
    const [sessions, evidence, members, rep, recommendations, selections] = await Promise.all([
      listSessions(deps.db, a.id),
      listDocuments(deps.db, request.actor, a.id, 'evidence'),
      listMembers(deps.db, request.actor, a.id),
      representation(deps.db, request.actor, a.id),
      listRecommendations(deps.db, request.actor, a.id),
      listSelections(deps.db, request.actor, a.id),
    ]);
    const confirmed = members.filter((m) => m.status === 'confirmed');
    const named = confirmed.map((m) => m.publicName).filter((name): name is string => Boolean(name));
    return reply.render(page('public-assembly'), {
      title: a.title,
      a,
      phaseTag: phaseTags[a.phase],
      kindText: kindWords[a.kind],
      sessions: sessions.map((s) => ({ ...s, evidence: evidence.filter((d) => d.sessionId === s.id) })),
      otherEvidence: evidence.filter((d) => d.sessionId === null || !sessions.some((s) => s.id === d.sessionId)),
      memberCount: confirmed.length,
      namedMembers: named,
      unnamedMembers: confirmed.length - named.length,
      representation: representationView(rep),
      recommendations: recommendations.filter((r) => r.status === 'published').map(recommendationView),
      registrationOpen: closedReason(a) === null,
      doneRounds: selections.filter((s) => s.status === 'done' && s.result !== null).length,
      signedIn: request.actor.accountId !== null,
    });
  });

  app.get('/assemblies/:id/recommendations/:recId', async (request, reply) => {
    const id = idParam(request, 'id');
    const recId = idParam(request, 'recId');
    const [a, r] = await Promise.all([getAssembly(deps, request.actor, id), getRecommendation(deps.db, request.actor, recId)]);
    if (r.assemblyId !== a.id) throw new NotFoundError();
    return reply.render(page('public-recommendation'), { title: `Recommendation ${r.number}: ${r.title}`, a, r: recommendationView(r) });
  });

  await registerRegistrationRoutes(app);
  await registerSelectionRecordRoutes(app);
  await registerMemberRoutes(app);
}
