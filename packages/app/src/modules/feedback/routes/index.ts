// Pages and API routes for feedback that gets answered: what anyone reads (public.ts), what
// signed-in people do (account.ts: telling, their stories and replies, alerts), moderation and
// themes (moderation.ts), and the stories API (api.ts).
import type { App } from '../../../platform/web/index.js';
import { registerAccountRoutes } from './account.js';
import { registerApiRoutes } from './api.js';
import { registerModerationRoutes } from './moderation.js';
import { registerPublicRoutes } from './public.js';

export async function registerFeedbackRoutes(app: App): Promise<void> {
  await registerPublicRoutes(app);
  await registerAccountRoutes(app);
  await registerModerationRoutes(app);
  await registerApiRoutes(app);
}
