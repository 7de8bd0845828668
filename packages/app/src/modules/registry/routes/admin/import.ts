// The CSV import page (platform admins): upload a file, see what was created and updated and every
// row not imported, by line. A file that cannot be used at all is refused beside the file box.
import { ValidationError } from '../../../../platform/errors.js';
import { type App, formOf, handleForm, view } from '../../../../platform/web/index.js';
import { assertCan } from '../../policy.js';
import { importOrganisationsCsv } from '../../service.js';
import { signedIn } from './shared.js';

const page = view('registry');
const importForm = { template: page('admin-import'), context: { title: 'Import organisations' } };

export async function registerImportAdminRoutes(app: App): Promise<void> {
  const deps = { db: app.deps.db };

  app.get('/admin/import', signedIn, async (request, reply) => {
    assertCan(request.actor, 'organisation.import');
    return reply.render(importForm.template, importForm.context);
  });
  app.post('/admin/import', signedIn, async (request, reply) => {
    assertCan(request.actor, 'organisation.import');
    const file = formOf(request).file;
    const content = Buffer.isBuffer(file) ? file : typeof file === 'string' ? Buffer.from(file) : null;
    return handleForm(reply, importForm, async () => {
      if (!content || content.length === 0) throw new ValidationError({ file: 'Select a CSV file to import' });
      const report = await importOrganisationsCsv(deps, request.actor, content).catch((error: unknown) => {
        // What is wrong with the file as a whole (no 'type' column, not a CSV) is said beside the file box.
        if (error instanceof ValidationError) throw new ValidationError({ file: Object.values(error.fieldErrors).join(' ') });
        throw error;
      });
      return reply.render(page('admin-import-result'), {
        title: report.errors.length ? 'Import finished with some rows not imported' : 'Import finished',
        report,
      });
    });
  });
}
