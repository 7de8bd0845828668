// The registry API's places: the list (larger places before the places inside them) and one place
// with its population figures, the places inside it and the organisations serving it.
import { Type } from 'typebox';
import { NotFoundError } from '../../../../platform/errors.js';
import type { App } from '../../../../platform/web/index.js';
import type { PlaceNode } from '../../places.js';
import { assertCan } from '../../policy.js';
import { getPlace, listPlaces } from '../../service.js';
import { IdParams, json, PlaceDetail, PlaceItem, readErrors, tags } from './schemas.js';

function flattenPlaces(nodes: PlaceNode[], out: Array<Omit<PlaceNode, 'children'>> = []) {
  for (const { children, ...place } of nodes) {
    out.push(place);
    flattenPlaces(children, out);
  }
  return out;
}

export async function registerPlaceApi(app: App): Promise<void> {
  const { db } = app.deps;

  app.get(
    '/api/v1/places',
    {
      schema: {
        tags,
        summary: 'List places',
        description: 'Every place, larger places before the places inside them.',
        response: { 200: json('The places', Type.Object({ items: Type.Array(PlaceItem) })) },
      },
    },
    async (request) => {
      assertCan(request.actor, 'registry.read');
      return { items: flattenPlaces(await listPlaces(db)) };
    },
  );

  app.get(
    '/api/v1/places/:id',
    {
      schema: {
        tags,
        summary: 'Get a place',
        description: 'A place with its population figures, the places inside it and the organisations serving it.',
        params: IdParams,
        response: { 200: json('The place', PlaceDetail), ...readErrors },
      },
    },
    async (request) => {
      assertCan(request.actor, 'registry.read');
      const place = await getPlace(db, request.params.id);
      if (!place) throw new NotFoundError('There is no place with that number');
      return place;
    },
  );
}
