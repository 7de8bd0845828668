// Public pages of citizens' assemblies (being written).
import type { App } from '../../../platform/web/types.js';

export async function registerPublicAssemblyRoutes(_app: App): Promise<void> {}
