// Routes for browsing and searching stories, feeds, the stories API and CSV export (helper 4). Being built.
import type { App } from '../../platform/server.js';

export async function registerReadingRoutes(_app: App): Promise<void> {}
