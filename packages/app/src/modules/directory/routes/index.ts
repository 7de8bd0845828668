// Pages and API routes of the community directory.
import type { App } from '../../../platform/web/types.js';
import { registerDirectoryManagePages } from './manage.js';
import { registerOpenReferralRoutes } from './openReferral.js';
import { registerDirectoryPages } from './pages.js';

export async function registerDirectoryRoutes(app: App): Promise<void> {
  await registerDirectoryPages(app);
  await registerDirectoryManagePages(app);
  await registerOpenReferralRoutes(app);
}
