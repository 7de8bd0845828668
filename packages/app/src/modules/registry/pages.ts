// The registry's public pages: organisation search and pages, bodies, places and the gaps view.
import { NotFoundError } from '../../platform/errors.js';
import type { App } from '../../platform/server.js';
import { labelFor } from './labels.js';
import { type PopulationDimension, type PopulationFigure, populationDimensionLabels, populationDimensions } from './places.js';
import { assertCan, can } from './policy.js';
import { idFrom, paginationOf, queryString, queryText, selectItems, typeOptions } from './routeHelpers.js';
import { findGaps, getBody, getOrganisation, getPlace, listPlaces, placeOptions, searchOrganisations } from './service.js';
import { todayInUk } from './validation.js';

/** Bars for the population picture: each group's share of the dimension's total. */
export function populationCharts(population: Record<PopulationDimension, PopulationFigure[]>) {
  return populationDimensions
    .filter((d) => population[d].length)
    .map((dimension) => {
      const figures = population[dimension];
      const total = figures.reduce((sum, f) => sum + f.people, 0);
      const largest = Math.max(...figures.map((f) => f.people), 1);
      return {
        dimension,
        label: populationDimensionLabels[dimension],
        total,
        rows: figures.map((f, i) => ({
          ...f,
          percent: total ? Math.round((f.people / total) * 1000) / 10 : 0,
          // Bar length out of 300 units, the largest group filling it.
          width: Math.max(1, Math.round((f.people / largest) * 300)),
          y: i * 28,
        })),
        height: figures.length * 28,
      };
    });
}

export async function registerRegistryPages(app: App): Promise<void> {
  const { db } = app.deps;

  app.get('/organisations', async (request, reply) => {
    assertCan(request.actor, 'registry.read');
    const q = queryText(request, 'q');
    const type = queryText(request, 'type');
    const place = queryText(request, 'place');
    const postcode = queryText(request, 'postcode');
    const pageText = queryText(request, 'page');
    const page = /^\d{1,6}$/.test(pageText) ? Number(pageText) : 1;
    const placeId = /^\d{1,10}$/.test(place) ? Number(place) : undefined;
    const result = await searchOrganisations({ db }, { q, type: type || undefined, placeId, postcode, page });
    const filters = { q, type, place, postcode };
    const searched = Boolean(q || type || place || postcode);
    return reply.render('registry/views/organisations.njk', {
      title: searched ? `Organisations matching your search (page ${result.page})` : 'Organisations',
      navCurrent: 'organisations',
      values: filters,
      searched,
      result,
      typeItems: selectItems(typeOptions, type, 'Any type'),
      placeItems: selectItems(
        (await placeOptions(db)).map((p) => ({ value: p.id, text: `${'– '.repeat(p.depth)}${p.name}` })),
        place,
        'Anywhere',
      ),
      pagination: paginationOf(result.page, result.pageSize, result.total, (n) => `/organisations${queryString({ ...filters, page: n })}`),
      first: (result.page - 1) * result.pageSize + 1,
      last: (result.page - 1) * result.pageSize + result.items.length,
    });
  });

  app.get('/organisations/:id', async (request, reply) => {
    assertCan(request.actor, 'registry.read');
    const id = idFrom((request.params as { id: string }).id);
    const organisation = await getOrganisation(db, id);
    if (!organisation) throw new NotFoundError();
    // One row per kind of relation, each listing the organisations ("Commissions: A, B, C").
    const relationGroups: Array<{ label: string; organisations: Array<{ id: number; name: string; type: string }> }> = [];
    const add = (label: string, other: { id: number; name: string; type: string }) => {
      const group = relationGroups.find((g) => g.label === label);
      if (group) group.organisations.push(other);
      else relationGroups.push({ label, organisations: [other] });
    };
    for (const r of organisation.relationsFrom) add(labelFor(r.kind), r.organisation);
    for (const r of organisation.relationsTo) add(labelFor(`reverse_${r.kind}`), r.organisation);
    return reply.render('registry/views/organisation.njk', {
      title: organisation.name,
      navCurrent: 'organisations',
      organisation,
      relationGroups,
      canManage: can(request.actor, 'organisation.update', { organisationId: id }),
    });
  });

  app.get('/bodies/:id', async (request, reply) => {
    assertCan(request.actor, 'registry.read');
    const body = await getBody(db, idFrom((request.params as { id: string }).id));
    if (!body) throw new NotFoundError();
    return reply.render('registry/views/body.njk', {
      title: `${body.name} – ${body.organisation.name}`,
      navCurrent: 'organisations',
      body,
      today: todayInUk(),
      canManage: can(request.actor, 'body.manage', { organisationId: body.organisation.id }),
    });
  });

  app.get('/places', async (request, reply) => {
    assertCan(request.actor, 'registry.read');
    return reply.render('registry/views/places.njk', { title: 'Places', navCurrent: 'places', places: await listPlaces(db) });
  });

  app.get('/places/:id', async (request, reply) => {
    assertCan(request.actor, 'registry.read');
    const place = await getPlace(db, idFrom((request.params as { id: string }).id));
    if (!place) throw new NotFoundError();
    return reply.render('registry/views/place.njk', {
      title: place.name,
      navCurrent: 'places',
      place,
      charts: populationCharts(place.population),
      canManage: can(request.actor, 'place.manage'),
    });
  });

  app.get('/gaps', async (request, reply) => {
    assertCan(request.actor, 'registry.read');
    const place = queryText(request, 'place');
    const placeId = /^\d{1,10}$/.test(place) ? Number(place) : undefined;
    const options = await placeOptions(db);
    const chosen = options.find((p) => p.id === placeId);
    const gaps = await findGaps(db, { placeId: chosen?.id });
    return reply.render('registry/views/gaps.njk', {
      title: chosen ? `Gaps in patient representation in ${chosen.name}` : 'Gaps in patient representation',
      navCurrent: 'gaps',
      gaps,
      place: chosen,
      placeItems: selectItems(
        options.map((p) => ({ value: p.id, text: `${'– '.repeat(p.depth)}${p.name}` })),
        chosen ? String(chosen.id) : '',
        'Everywhere',
      ),
    });
  });
}
