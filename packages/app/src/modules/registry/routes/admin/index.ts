// The registry's admin pages: the admin landing page, and the pages for organisations and their
// relations, bodies and members, places, and the CSV import. Signed-out visitors are sent to sign
// in; others see only what they may change (403 otherwise).
import { type App, queryText, view } from '../../../../platform/web/index.js';
import { assertCan, can, organisationsWhere } from '../../policy.js';
import { organisationNames, searchOrganisations } from '../../service.js';
import { registerBodyAdminRoutes } from './bodies.js';
import { registerImportAdminRoutes } from './import.js';
import { registerOrganisationAdminRoutes } from './organisations.js';
import { registerPlaceAdminRoutes } from './places.js';
import { signedIn } from './shared.js';

export async function registerAdminRoutes(app: App): Promise<void> {
  const deps = { db: app.deps.db };

  // What the person may change: their organisations, and (platform admins) any organisation,
  // places and the platform's own pages.
  app.get('/admin', signedIn, async (request, reply) => {
    const { actor } = request;
    const entered = organisationsWhere(actor, 'admin.enter');
    assertCan(actor, 'admin.enter', entered[0] === undefined ? {} : { organisationId: entered[0] });
    const withRoles = <T extends { id: number }>(o: T) => ({ ...o, canManageRoles: can(actor, 'role.manage', { organisationId: o.id }) });
    const mine = await organisationNames(deps.db, organisationsWhere(actor, 'organisation.update'));
    // Asked with no organisation: only a rule for every organisation (a platform admin's) allows it.
    const canManageAny = can(actor, 'organisation.update');
    const q = queryText(request, 'q');
    const found = canManageAny && q ? await searchOrganisations(deps, { q, pageSize: 20 }) : null;
    return reply.render(view('registry')('admin-home'), {
      title: 'Admin',
      mine: mine.map(withRoles),
      canManageAny,
      canCreate: can(actor, 'organisation.create'),
      canImport: can(actor, 'organisation.import'),
      canManagePlaces: can(actor, 'place.manage'),
      canManagePlatform: can(actor, 'outbox.read'),
      q,
      found: found && { ...found, items: found.items.map(withRoles) },
    });
  });

  await registerOrganisationAdminRoutes(app);
  await registerBodyAdminRoutes(app);
  await registerPlaceAdminRoutes(app);
  await registerImportAdminRoutes(app);
}
