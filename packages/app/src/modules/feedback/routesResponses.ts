// Routes for the public story page with its thread, responses and changes, reports, you said we did, alerts (helper 2). Being built.
import type { App } from '../../platform/server.js';

export async function registerResponsesRoutes(_app: App): Promise<void> {}
