// Pages and API routes for people: sign up, verify email, sign in and out, password reset,
// account page ("about you", communication needs, API tokens), a person's rights (change email, their
// data, closing the account), roles and the mail outbox.
import type { App } from '../../../platform/web/index.js';
import { registerAccountPageRoutes } from './account.js';
import { registerAdminAccountRoutes } from './admin.js';
import { registerAccountApiRoutes } from './api.js';
import { registerPublicAccountRoutes } from './public.js';
import { registerRightsRoutes } from './rights.js';

export async function registerAccountRoutes(app: App): Promise<void> {
  await registerPublicAccountRoutes(app);
  await registerAccountPageRoutes(app);
  await registerRightsRoutes(app);
  await registerAdminAccountRoutes(app);
  await registerAccountApiRoutes(app);
}
