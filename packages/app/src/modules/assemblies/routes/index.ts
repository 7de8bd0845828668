// Pages and API routes of citizens' assemblies.
import type { App } from '../../../platform/web/types.js';
import { registerAssemblyApi } from './api.js';
import { registerPublicAssemblyRoutes } from './public.js';
import { registerStaffAssemblyRoutes } from './staff.js';

export async function registerAssemblyRoutes(app: App): Promise<void> {
  await registerPublicAssemblyRoutes(app);
  await registerStaffAssemblyRoutes(app);
  await registerAssemblyApi(app);
}
