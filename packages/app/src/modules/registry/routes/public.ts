// The registry's public pages: organisation search and pages, bodies, places and the gaps view.
// The organisation's and the place's pages also show the links other modules add to them
// ("Tell your story", "Make a complaint"), each only to whoever may follow it.
import { NotFoundError } from '../../../platform/errors.js';
import { type App, idParam, pageNumber, paginationOf, queryString, queryText, selectItems, todayInEngland, view } from '../../../platform/web/index.js';
import { labelFor } from '../labels.js';
import { type PopulationDimension, type PopulationFigure, populationDimensionLabels, populationDimensions } from '../places.js';
import { assertCan, can } from '../policy.js';
import { findGaps, getBody, getOrganisation, getPlace, listPlaces, placeOptions, searchOrganisations } from '../service.js';
import { indentedPlaces, organisationTypeOptions, placeChoices } from './choices.js';

const page = view('registry');

/** A place id from the query string, or undefined (the search then matches no place it does not know). */
function placeIdFrom(value: string): number | undefined {
  return /^\d{1,10}$/.test(value) ? Number(value) : undefined;
}

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

export async function registerPublicRoutes(app: App): Promise<void> {
  const { db, pageLinks } = app.deps;

  app.get('/organisations', { config: { publicPageCache: true } }, async (request, reply) => {
    assertCan(request.actor, 'registry.read');
    const q = queryText(request, 'q');
    const type = queryText(request, 'type');
    const place = queryText(request, 'place');
    const postcode = queryText(request, 'postcode');
    const result = await searchOrganisations(
      { db },
      { q, type: type || undefined, placeId: placeIdFrom(place), postcode, page: pageNumber(queryText(request, 'page')) },
    );
    const filters = { q, type, place, postcode };
    const searched = Boolean(q || type || place || postcode);
    return reply.render(page('organisations'), {
      title: searched ? `Organisations matching your search (page ${result.page})` : 'Organisations',
      navCurrent: 'organisations',
      values: filters,
      searched,
      result,
      typeItems: selectItems(organisationTypeOptions, type, 'Any type'),
      placeItems: selectItems(await placeChoices(db), place, 'Anywhere'),
      // Not named `pagination`: in the template that name is the NHS.UK pagination macro, which hid this.
      resultPages: paginationOf(result.page, result.pageSize, result.total, (n) => `/organisations${queryString({ ...filters, page: n })}`),
      first: (result.page - 1) * result.pageSize + 1,
      last: (result.page - 1) * result.pageSize + result.items.length,
    });
  });

  app.get('/organisations/:id', { config: { publicPageCache: true } }, async (request, reply) => {
    assertCan(request.actor, 'registry.read');
    const organisation = await getOrganisation(db, idParam(request, 'id'));
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
    return reply.render(page('organisation'), {
      title: organisation.name,
      navCurrent: 'organisations',
      organisation,
      relationGroups,
      links: await pageLinks('organisation', request.actor, { id: organisation.id, name: organisation.name }),
      canManage: can(request.actor, 'organisation.update', { organisationId: organisation.id }),
    });
  });

  app.get('/bodies/:id', { config: { publicPageCache: true } }, async (request, reply) => {
    assertCan(request.actor, 'registry.read');
    const body = await getBody(db, idParam(request, 'id'));
    if (!body) throw new NotFoundError();
    return reply.render(page('body'), {
      title: `${body.name} – ${body.organisation.name}`,
      navCurrent: 'organisations',
      body,
      today: todayInEngland(),
      canManage: can(request.actor, 'body.manage', { organisationId: body.organisation.id }),
    });
  });

  app.get('/places', { config: { publicPageCache: true } }, async (request, reply) => {
    assertCan(request.actor, 'registry.read');
    return reply.render(page('places'), { title: 'Places', navCurrent: 'places', places: await listPlaces(db) });
  });

  app.get('/places/:id', { config: { publicPageCache: true } }, async (request, reply) => {
    assertCan(request.actor, 'registry.read');
    const place = await getPlace(db, idParam(request, 'id'));
    if (!place) throw new NotFoundError();
    return reply.render(page('place'), {
      title: place.name,
      navCurrent: 'places',
      place,
      charts: populationCharts(place.population),
      links: await pageLinks('place', request.actor, { id: place.id, name: place.name }),
      canManage: can(request.actor, 'place.manage'),
    });
  });

  app.get('/gaps', async (request, reply) => {
    assertCan(request.actor, 'registry.read');
    const placeId = placeIdFrom(queryText(request, 'place'));
    const places = await placeOptions(db);
    const chosen = places.find((p) => p.id === placeId);
    const gaps = await findGaps(db, { placeId: chosen?.id });
    return reply.render(page('gaps'), {
      title: chosen ? `Gaps in patient representation in ${chosen.name}` : 'Gaps in patient representation',
      navCurrent: 'gaps',
      gaps,
      place: chosen,
      placeItems: selectItems(indentedPlaces(places), chosen ? String(chosen.id) : '', 'Everywhere'),
    });
  });
}
