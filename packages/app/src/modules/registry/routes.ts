// Pages and API routes for the registry: places, organisations, bodies, members, gaps, import.
import type { App } from '../../platform/server.js';

export async function registerRegistryRoutes(_app: App): Promise<void> {}
