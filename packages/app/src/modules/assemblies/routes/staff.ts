// Organisers' pages of citizens' assemblies (being written).
import type { App } from '../../../platform/web/types.js';

export async function registerStaffAssemblyRoutes(_app: App): Promise<void> {}
