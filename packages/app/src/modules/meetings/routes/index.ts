// Pages and API routes of meetings.
import type { App } from '../../../platform/web/types.js';
import { registerMeetingApi } from './api.js';
import { registerPublicMeetingRoutes } from './public.js';
import { registerStaffMeetingRoutes } from './staff.js';

export async function registerMeetingRoutes(app: App): Promise<void> {
  await registerPublicMeetingRoutes(app);
  await registerStaffMeetingRoutes(app);
  await registerMeetingApi(app);
}
