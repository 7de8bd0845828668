// Pages and API routes for formal complaints: making and following a complaint (account.ts), the
// complaints manager's work on it (manager.ts), an organisation's dashboard, templates and holidays
// (organisation.ts), and the API (api.ts).
import type { App } from '../../../platform/web/index.js';
import { registerAccountRoutes } from './account.js';
import { registerApiRoutes } from './api.js';
import { registerManagerRoutes } from './manager.js';
import { registerOrganisationRoutes } from './organisation.js';

export async function registerComplaintRoutes(app: App): Promise<void> {
  await registerAccountRoutes(app);
  await registerManagerRoutes(app);
  await registerOrganisationRoutes(app);
  await registerApiRoutes(app);
}
