// Pages and API routes of the time bank.
import type { App } from '../../../platform/web/types.js';
import { registerTimebankApi } from './api.js';
import { registerCoordinatorRoutes } from './coordinate.js';
import { registerMemberRoutes } from './members.js';
import { registerPublicTimebankRoutes } from './public.js';

export async function registerTimebankRoutes(app: App): Promise<void> {
  await registerPublicTimebankRoutes(app);
  await registerMemberRoutes(app);
  await registerCoordinatorRoutes(app);
  await registerTimebankApi(app);
}
