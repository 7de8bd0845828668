// Pages and API routes of elections.
import type { App } from '../../../platform/web/types.js';
import { registerElectionApi } from './api.js';
import { registerPublicElectionRoutes } from './public.js';
import { registerStaffElectionRoutes } from './staff.js';

export async function registerElectionRoutes(app: App): Promise<void> {
  await registerPublicElectionRoutes(app);
  await registerStaffElectionRoutes(app);
  await registerElectionApi(app);
}
