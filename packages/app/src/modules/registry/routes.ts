// Pages and API routes for the registry: places, organisations, bodies, members, gaps, import,
// and the API's OpenAPI document and readable docs.
import type { App } from '../../platform/server.js';
import { registerRegistryAdminPages } from './adminPages.js';
import { registerRegistryApi } from './api.js';
import { registerApiDocs } from './apiDocs.js';
import { registerRegistryPages } from './pages.js';

export async function registerRegistryRoutes(app: App): Promise<void> {
  await registerRegistryPages(app);
  await registerRegistryAdminPages(app);
  await registerRegistryApi(app);
  await registerApiDocs(app);
}
