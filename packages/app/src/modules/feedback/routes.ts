// Pages and API routes for feedback that gets answered: telling and moderating stories, the public
// thread of responses and changes, the Friends and Family Test and figures, and reading and data.
import type { App } from '../../platform/server.js';
import { registerFiguresRoutes } from './routesFigures.js';
import { registerReadingRoutes } from './routesReading.js';
import { registerResponsesRoutes } from './routesResponses.js';
import { registerStoriesRoutes } from './routesStories.js';

export async function registerFeedbackRoutes(app: App): Promise<void> {
  await registerStoriesRoutes(app);
  await registerResponsesRoutes(app);
  await registerFiguresRoutes(app);
  await registerReadingRoutes(app);
}
