// Pages and API routes for formal complaints: making and following a complaint, the complaints
// manager's work on it, an organisation's dashboard, templates and holidays, and the API.
import type { App } from '../../platform/server.js';
import { registerComplaintApiRoutes } from './routesApi.js';
import { registerComplainantRoutes } from './routesComplainant.js';
import { registerManagerRoutes } from './routesManager.js';
import { registerOrganisationRoutes } from './routesOrganisation.js';

export async function registerComplaintRoutes(app: App): Promise<void> {
  await registerComplainantRoutes(app);
  await registerManagerRoutes(app);
  await registerOrganisationRoutes(app);
  await registerComplaintApiRoutes(app);
}
