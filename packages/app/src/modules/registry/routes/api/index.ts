// The registry's JSON API under /api/v1: places, organisations, bodies, members and gaps, and the
// OpenAPI document for the whole API. Every route declares its schemas (schemas.ts) so the document
// is complete. Reads are open; writes need a personal API token.
import type { App } from '../../../../platform/web/index.js';
import { registerBodyApi } from './bodies.js';
import { registerOrganisationApi } from './organisations.js';
import { registerPlaceApi } from './places.js';

export async function registerApiRoutes(app: App): Promise<void> {
  app.get('/api/v1/openapi.json', async () => app.swagger());
  await registerPlaceApi(app);
  await registerOrganisationApi(app);
  await registerBodyApi(app);
}
