// Pages and API routes for the registry: what anyone reads (public.ts: organisations, bodies,
// places, gaps), the admin pages (admin/: organisations and relations, bodies and members, places,
// the CSV import), the JSON API (api/) and its readable documentation (apiDocs.ts).
import type { App } from '../../../platform/web/index.js';
import { registerAdminRoutes } from './admin/index.js';
import { registerApiRoutes } from './api/index.js';
import { registerApiDocs } from './apiDocs.js';
import { registerPublicRoutes } from './public.js';

export async function registerRegistryRoutes(app: App): Promise<void> {
  await registerPublicRoutes(app);
  await registerAdminRoutes(app);
  await registerApiRoutes(app);
  await registerApiDocs(app);
}
