// Pages and API routes of social prescribing.
import type { App } from '../../../platform/web/types.js';
import { registerSocialPrescribingApi } from './api.js';
import { registerOrganisationRoutes } from './organisation.js';
import { registerPublicReferralRoutes } from './public.js';
import { registerRecordRoutes } from './record.js';

export async function registerSocialPrescribingRoutes(app: App): Promise<void> {
  await registerPublicReferralRoutes(app);
  await registerRecordRoutes(app);
  await registerOrganisationRoutes(app);
  await registerSocialPrescribingApi(app);
}
