// Forms that break a rule are shown again in place: the error summary and each field's message,
// with what was typed kept. One way for every module's forms.
import type { FastifyReply } from 'fastify';
import { ConflictError, ValidationError } from '../errors.js';
import { formErrors } from '../views.js';

/** The error summary and field messages, with date fields' summary links pointing at their day box. */
export function errorsFor(fieldErrors: Record<string, string>, dateFields: readonly string[] = []) {
  const { errors, errorList } = formErrors(fieldErrors);
  return { errors, errorList: errorList.map((e) => (dateFields.includes(e.href.slice(1)) ? { ...e, href: `${e.href}-day` } : e)) };
}

export interface FormPage {
  /** The template of the form page. */
  template: string;
  /** What the page shows besides the errors: what was typed, options, the record (may load lazily). */
  context: Record<string, unknown> | (() => Promise<Record<string, unknown>> | Record<string, unknown>);
  /** Fields entered as NHS.UK date inputs (day, month, year boxes). */
  dateFields?: readonly string[];
}

/**
 * Run a form's action; when it breaks a rule (ValidationError: 422) or does not fit the record's
 * state (ConflictError: 409), show the form again with the messages and what was typed. Other
 * errors go on to the platform's error pages.
 */
export async function handleForm(reply: FastifyReply, page: FormPage, action: () => Promise<FastifyReply>): Promise<FastifyReply> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof ValidationError) && !(error instanceof ConflictError)) throw error;
    const context = typeof page.context === 'function' ? await page.context() : page.context;
    if (error instanceof ValidationError) return reply.code(422).render(page.template, { ...context, ...errorsFor(error.fieldErrors, page.dateFields) });
    const field = error.field;
    const summary = { text: error.message, href: field ? `#${field}` : '#main-content' };
    return reply.code(409).render(page.template, { ...context, errors: field ? { [field]: { text: error.message } } : {}, errorList: [summary] });
  }
}
