// Pages and API routes of consultations.
import type { App } from '../../../platform/web/types.js';
import { registerConsultationApi } from './api.js';
import { registerPublicConsultationRoutes } from './public.js';
import { registerStaffConsultationRoutes } from './staff.js';

export async function registerConsultationRoutes(app: App): Promise<void> {
  await registerPublicConsultationRoutes(app);
  await registerStaffConsultationRoutes(app);
  await registerConsultationApi(app);
}
