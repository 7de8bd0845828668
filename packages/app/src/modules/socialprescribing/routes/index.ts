// PLACEHOLDER until the pages helper writes the routes.
import type { App } from '../../../platform/web/types.js';

export async function registerSocialPrescribingRoutes(_app: App): Promise<void> {}
