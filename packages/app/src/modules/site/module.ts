// The site itself: the home page, the statements every page's footer links to (accessibility,
// privacy, cookies, contact), help for each main task, and the operator's details a platform admin sets.
import type { InvolveModule } from '../../platform/module.js';
import * as m0001 from './migrations/0001_site.js';
import { sitePolicy } from './policy.js';
import { registerSiteRoutes } from './routes/index.js';
import { siteTables } from './schema.js';

export const siteModule: InvolveModule = {
  name: 'site',
  tables: siteTables,
  migrations: { '0001_site': m0001 },
  routes: registerSiteRoutes,
  policy: sitePolicy,
  flash: {
    'site-saved': 'The site’s details are saved. The statement pages now show them.',
  },
};
