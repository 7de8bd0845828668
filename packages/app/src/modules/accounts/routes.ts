// Pages and API routes for people: sign up, verify email, sign in and out, password reset,
// account page ("about you", communication needs, API tokens), roles and the mail outbox.
import type { App } from '../../platform/server.js';

export async function registerAccountRoutes(_app: App): Promise<void> {}
