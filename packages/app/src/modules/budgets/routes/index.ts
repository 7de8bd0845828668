// Pages and API routes of participatory budgeting.
import type { App } from '../../../platform/web/types.js';
import { registerBudgetApi } from './api.js';
import { registerPublicBudgetRoutes } from './public.js';
import { registerStaffBudgetRoutes } from './staff.js';

export async function registerBudgetRoutes(app: App): Promise<void> {
  await registerPublicBudgetRoutes(app);
  await registerStaffBudgetRoutes(app);
  await registerBudgetApi(app);
}
