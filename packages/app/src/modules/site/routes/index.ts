// The home page: what Involve is, where to start, and in demo mode the demo sign-ins.
import { type App, view } from '../../../platform/web/index.js';
import { listDemoSignIns } from '../../accounts/service.js';

const page = view('site');

export async function registerSiteRoutes(app: App): Promise<void> {
  app.get('/', async (_request, reply) => {
    const demoSignIns = app.deps.config.demo ? await listDemoSignIns(app.deps.db) : [];
    return reply.render(page('home'), { title: 'Involve: patient and public involvement in health and care', demoSignIns });
  });
}
