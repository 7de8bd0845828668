// The statement pages every public service publishes, linked from every page's footer: the
// accessibility statement, the privacy notice, cookies and contact. Their wording is Involve's; the
// operator's name, contact details, DPO and an extra paragraph each come from the site's settings.
import { type App, view } from '../../../platform/web/index.js';
import { readSiteSettings, type SiteSettings } from '../service.js';

const page = view('site');

/** When each statement's wording was last prepared: change it with the wording. */
export const statementDates = { accessibility: '2026-12-04', privacy: '2026-12-05', cookies: '2026-12-04' } as const;

/** The settings as the templates use them: a postal address as lines, and whether any contact is given. */
export function statementContext(settings: SiteSettings) {
  const addressLines = settings.postalAddress.split('\n').filter((line) => line.trim());
  return { settings, addressLines, hasContact: Boolean(settings.contactEmail || settings.contactPhone || addressLines.length) };
}

/** The statement pages: address, template and title (the page's heading). */
export const statementPages = [
  { path: '/accessibility', template: 'accessibility', title: 'Accessibility statement for Involve' },
  { path: '/privacy', template: 'privacy', title: 'Privacy notice' },
  { path: '/cookies', template: 'cookies', title: 'Cookies' },
  { path: '/contact', template: 'contact', title: 'Contact us' },
] as const;

export async function registerStatementRoutes(app: App): Promise<void> {
  for (const { path, template, title } of statementPages) {
    app.get(path, async (_request, reply) => {
      const settings = await readSiteSettings(app.deps.db);
      return reply.render(page(template), { title, ...statementContext(settings), dates: statementDates });
    });
  }
}
