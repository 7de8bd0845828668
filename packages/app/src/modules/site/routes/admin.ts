// /admin/site: a platform admin sets the organisation-specific parts of the statement pages. The
// signed-out are sent to sign in; anyone else signed in is refused by the service's gate (403).
import { type App, formOf, handleForm, redirectToSignIn, text, view } from '../../../platform/web/index.js';
import { saveSiteSettings, siteSettingFields, siteSettingKeys, siteSettingsForEditing } from '../service.js';

const page = view('site')('admin-site');
const title = 'The site’s details';

/** The fields as the template lays them out, each with its value (saved, or as typed). */
const fieldsFor = (values: Record<string, string>) => siteSettingKeys.map((key) => ({ key, ...siteSettingFields[key], value: values[key] ?? '' }));

export async function registerSiteAdminRoutes(app: App): Promise<void> {
  const deps = { db: app.deps.db };

  app.get('/admin/site', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const { settings, updatedAt } = await siteSettingsForEditing(deps, request.actor);
    return reply.render(page, { title, fields: fieldsFor(settings), updatedAt });
  });

  app.post('/admin/site', async (request, reply) => {
    const form = formOf(request);
    const typed = Object.fromEntries(siteSettingKeys.map((key) => [key, text(form[key])]));
    const context = async () => ({ title, fields: fieldsFor(typed), updatedAt: (await siteSettingsForEditing(deps, request.actor)).updatedAt });
    return handleForm(reply, { template: page, context }, async () => {
      await saveSiteSettings(deps, request.actor, typed);
      return reply.redirect('/admin/site?done=site-saved', 303);
    });
  });
}
