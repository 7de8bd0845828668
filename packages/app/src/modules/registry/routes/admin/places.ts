// The admin pages for places (platform admins): the list, and the form for a place with the place
// it is part of and its population figures, one box per dimension, one group a line.
import type { FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from '../../../../platform/errors.js';
import { type App, formOf, formValue, handleForm, idParam, selectItems, view } from '../../../../platform/web/index.js';
import { optionsOf } from '../../labels.js';
import { type Population, parsePopulationText, populationDimensionLabels, populationDimensions, populationToText } from '../../places.js';
import { assertCan } from '../../policy.js';
import { placeKinds } from '../../schema.js';
import { createPlace, getPlace, listPlaces, updatePlace } from '../../service.js';
import { placeChoices } from '../choices.js';
import { signedIn, withFieldErrors } from './shared.js';

const page = view('registry');

type Fields = Record<string, unknown>;

/** The place's fields, with its figures read from the three boxes (a badly written line names its box and line). */
function placeInput(form: Fields) {
  const population: Population = {};
  const fieldErrors: Record<string, string> = {};
  for (const d of populationDimensions) {
    const parsed = parsePopulationText(populationDimensionLabels[d], formValue(form, `population_${d}`));
    if (parsed.error !== null) fieldErrors[`population_${d}`] = parsed.error;
    else population[d] = parsed.figures;
  }
  if (Object.keys(fieldErrors).length) throw new ValidationError(fieldErrors);
  return { name: formValue(form, 'name'), kind: formValue(form, 'kind'), parentId: formValue(form, 'parentId'), code: formValue(form, 'code'), population };
}

export async function registerPlaceAdminRoutes(app: App): Promise<void> {
  const deps = { db: app.deps.db };
  const { db } = deps;

  app.get('/admin/places', signedIn, async (request, reply) => {
    assertCan(request.actor, 'place.manage');
    return reply.render(page('admin-places'), { title: 'Manage places', places: await listPlaces(db) });
  });

  /** The place form (a new one, or changing one). A place may be part of a larger one, never a neighbourhood. */
  const placeForm = (values: Fields, place?: { id: number; name: string }) => ({
    template: page('admin-place-form'),
    context: async () => ({
      title: place ? `Change ${place.name}` : 'Create a place',
      place,
      values,
      kindItems: optionsOf(placeKinds).map((k) => ({ ...k, checked: formValue(values, 'kind') === k.value })),
      parentItems: selectItems(
        await placeChoices(db, (p) => p.id !== place?.id && p.kind !== 'neighbourhood'),
        values.parentId,
        'None (this is a whole system)',
      ),
      dimensions: populationDimensions.map((d) => ({ field: `population_${d}`, label: populationDimensionLabels[d] })),
    }),
  });
  /** The place in the address, for a platform admin. */
  const manageable = async (request: FastifyRequest) => {
    assertCan(request.actor, 'place.manage');
    const place = await getPlace(db, idParam(request, 'id'), { organisationLimit: 0 });
    if (!place) throw new NotFoundError();
    return place;
  };

  app.get('/admin/places/new', signedIn, async (request, reply) => {
    assertCan(request.actor, 'place.manage');
    const form = placeForm({});
    return reply.render(form.template, await form.context());
  });
  app.post('/admin/places/new', signedIn, async (request, reply) => {
    assertCan(request.actor, 'place.manage');
    const values = formOf(request);
    return handleForm(reply, placeForm(values), async () => {
      const input = placeInput(values);
      const id = await withFieldErrors(() => createPlace(deps, request.actor, input));
      return reply.redirect(`/places/${id}?done=place-created`, 303);
    });
  });
  app.get('/admin/places/:id/edit', signedIn, async (request, reply) => {
    const place = await manageable(request);
    const form = placeForm(
      {
        name: place.name,
        kind: place.kind,
        code: place.code ?? '',
        parentId: place.parent ? String(place.parent.id) : '',
        population_age_band: populationToText(place.population.age_band),
        population_sex: populationToText(place.population.sex),
        population_ethnicity: populationToText(place.population.ethnicity),
      },
      place,
    );
    return reply.render(form.template, await form.context());
  });
  app.post('/admin/places/:id/edit', signedIn, async (request, reply) => {
    const place = await manageable(request);
    const values = formOf(request);
    return handleForm(reply, placeForm(values, place), async () => {
      const input = placeInput(values);
      await withFieldErrors(() => updatePlace(deps, request.actor, place.id, input));
      return reply.redirect(`/places/${place.id}?done=place-updated`, 303);
    });
  });
}
