// Pages and API routes for people: sign up, verify email, sign in and out, password reset,
// account page ("about you", communication needs, API tokens), roles and the mail outbox.
import type { App } from '../../platform/server.js';
import { registerAccountPageRoutes } from './routesAccount.js';
import { registerAdminAccountRoutes } from './routesAdmin.js';
import { registerAccountApiRoutes } from './routesApi.js';
import { registerPublicAccountRoutes } from './routesPublic.js';

export async function registerAccountRoutes(app: App): Promise<void> {
  await registerPublicAccountRoutes(app);
  await registerAccountPageRoutes(app);
  await registerAdminAccountRoutes(app);
  await registerAccountApiRoutes(app);
}
