// The complaints team's case work forms on a complaint's page (a note, a contact, the investigator,
// an attachment), an attachment's download, and letters as PDF. Each form posts back to the page:
// a mistake shows the page again with the message by the field. Anyone but the organisation's
// complaints managers gets "not found" (letters as PDF: whoever may read the letter's page).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type App, dateFromParts, formOf, formValue, handleForm, idParam, text } from '../../../platform/web/index.js';
import { addAttachment, addCaseNote, assignInvestigator, attachmentFile, logContact } from '../casework.js';
import { letterPdf } from '../letterPrint.js';
import { letterOrReply, notFoundUnlessSignedIn, view } from './pageHelpers.js';

/** The manager's complaint page as a form page: its context, with what was typed kept. */
export type ComplaintPageContext = (request: FastifyRequest, values: Record<string, unknown>) => Promise<Record<string, unknown>>;

export async function registerCaseWorkRoutes(app: App, pageContext: ComplaintPageContext): Promise<void> {
  const { deps } = app;

  /** One case-work form: run it, then back to the page at its section; mistakes shown there. */
  function caseForm(
    path: string,
    anchor: string,
    done: string,
    run: (request: FastifyRequest, form: Record<string, unknown>) => Promise<unknown>,
    dateFields: string[] = [],
  ) {
    app.post(`/complaints/:id/${path}`, async (request, reply) => {
      const form = formOf(request);
      const values = Object.fromEntries(Object.entries(form).filter(([name, value]) => name !== '_csrf' && name !== 'file' && typeof value === 'string'));
      return handleForm(reply, { template: view('manager-complaint'), context: () => pageContext(request, values), dateFields }, async () => {
        await run(request, form);
        return reply.redirect(`/complaints/${idParam(request, 'id')}?done=${done}#${anchor}`, 303);
      });
    });
  }

  caseForm('notes', 'notes', 'note-added', (request, form) => addCaseNote(deps, request.actor, idParam(request, 'id'), { note: formValue(form, 'note') }));
  caseForm(
    'contacts',
    'contacts',
    'contact-logged',
    (request, form) =>
      logContact(deps, request.actor, idParam(request, 'id'), {
        kind: formValue(form, 'kind'),
        date: dateFromParts(form, 'contactDate'),
        withWhom: formValue(form, 'withWhom'),
        summary: formValue(form, 'summary'),
      }),
    ['contactDate'],
  );
  caseForm('investigator', 'case-investigator', 'investigator-assigned', async (request, form) => {
    await assignInvestigator(deps, request.actor, idParam(request, 'id'), { investigator: formValue(form, 'investigator') });
    deps.kickMail();
  });
  caseForm('attachments', 'attachments', 'attachment-added', (request, form) => {
    const file = form.file;
    const fileName = text(form.fileName);
    // A form sent with no file chosen carries an empty part with no name.
    const content = Buffer.isBuffer(file) && (file.length > 0 || fileName) ? file : null;
    return addAttachment(deps, request.actor, idParam(request, 'id'), { fileName, content });
  });

  app.get('/complaints/:id/attachments/:attachmentId', async (request, reply) => {
    const signedOut = notFoundUnlessSignedIn(request, reply);
    if (signedOut) return signedOut;
    const file = await attachmentFile(deps, request.actor, idParam(request, 'id'), idParam(request, 'attachmentId'));
    return reply
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .type(file.contentType)
      .send(file.content);
  });

  /** A letter as PDF, for whoever may read its page (the complainant at /account/…, a manager at /complaints/…). */
  async function letterPdfRoute(request: FastifyRequest, reply: FastifyReply, as: 'complainant' | 'complaints_manager'): Promise<FastifyReply> {
    const found = await letterOrReply(deps, request, reply, as, '/pdf');
    if (!('letter' in found)) return found;
    const { letter, complaint, letterhead } = found.letter;
    const pdf = await letterPdf(letterhead, letter.body, `${letter.label}: complaint ${complaint.reference}`);
    return reply
      .header('content-disposition', `attachment; filename="${complaint.reference}-${letter.kind.replace('_', '-')}.pdf"`)
      .type('application/pdf')
      .send(pdf);
  }
  app.get('/complaints/:id/letters/:letterId/pdf', async (request, reply) => letterPdfRoute(request, reply, 'complaints_manager'));
  app.get('/account/complaints/:id/letters/:letterId/pdf', async (request, reply) => letterPdfRoute(request, reply, 'complainant'));
}
