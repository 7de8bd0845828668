// The registry API's places: the list (larger places before the places inside them) and one place
// with its population figures, the places inside it and the organisations serving it.
import { Type } from 'typebox';
import type { App } from '../../../../platform/web/index.js';
import type { PlaceNode } from '../../places.js';
import { assertCan } from '../../policy.js';
import { getPlace, listPlaces } from '../../service.js';
import { getById } from './routeKit.js';
import { json, PlaceDetail, PlaceItem, tags } from './schemas.js';

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

  getById(app, '/api/v1/places/:id', {
    summary: 'Get a place',
    description: 'A place with its population figures, the places inside it and the organisations serving it.',
    answer: ['The place', PlaceDetail],
    read: (id) => getPlace(db, id),
    missing: 'There is no place with that number',
  });
}
