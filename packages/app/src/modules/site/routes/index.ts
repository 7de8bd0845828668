// The site's own pages: the front door (the home page, /take-part, the postcode finder); the
// statements linked from every page's footer (accessibility, privacy, cookies, contact) and help;
// and /admin/site, where a platform admin sets the operator's details the statements print.
import type { App } from '../../../platform/web/index.js';
import { registerSiteAdminRoutes } from './admin.js';
import { registerFrontDoorRoutes } from './frontDoor.js';
import { registerHelpRoutes } from './help.js';
import { registerStatementRoutes } from './statements.js';

export async function registerSiteRoutes(app: App): Promise<void> {
  await registerFrontDoorRoutes(app);
  await registerStatementRoutes(app);
  await registerHelpRoutes(app);
  await registerSiteAdminRoutes(app);
}
