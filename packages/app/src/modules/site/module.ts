// The site itself: the home page.
import type { InvolveModule } from '../../platform/module.js';
import { registerSiteRoutes } from './routes/index.js';

export const siteModule: InvolveModule = {
  name: 'site',
  tables: [],
  migrations: {},
  routes: registerSiteRoutes,
};
