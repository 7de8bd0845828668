// The site's own pages: the home page; the statements linked from every page's footer
// (accessibility, privacy, cookies, contact) and help; and /admin/site, where a platform admin
// sets the operator's details the statements print.
import { type App, view } from '../../../platform/web/index.js';
import { listDemoSignIns } from '../../accounts/service.js';
import { registerSiteAdminRoutes } from './admin.js';
import { registerHelpRoutes } from './help.js';
import { registerStatementRoutes } from './statements.js';

const page = view('site');

export async function registerSiteRoutes(app: App): Promise<void> {
  app.get('/', async (_request, reply) => {
    const demoSignIns = app.deps.config.demo ? await listDemoSignIns(app.deps.db) : [];
    return reply.render(page('home'), { title: 'Involve: patient and public involvement in health and care', demoSignIns });
  });
  await registerStatementRoutes(app);
  await registerHelpRoutes(app);
  await registerSiteAdminRoutes(app);
}
