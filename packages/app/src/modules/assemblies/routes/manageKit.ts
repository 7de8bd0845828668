// What the organisers' pages of citizens' assemblies share: the assembly its managers work on (others
// are told they may not), a page shown from its context, a form that goes on to another page when done
// or shows its page again with the messages and what was typed, and numbers read as typed.
import type { FastifyRequest } from 'fastify';
import { ConflictError, ForbiddenError, ValidationError } from '../../../platform/errors.js';
import { formOf, handleForm, idParam, text, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { type AssemblyDetail, getAssembly } from '../service.js';

export const page = view('assemblies');

export type Values = Record<string, unknown>;

/** An organiser's page: its template, and what it shows (with what was typed, when its form is shown again). */
export interface ManagePage {
  template: string;
  context: (request: FastifyRequest, typed: Values) => Promise<Values>;
}

/** A whole number typed in a form ("1,000"): null when blank, NaN when not a whole number. */
export function wholeNumber(value: unknown): number | null {
  const raw = text(value).trim().replace(/,/g, '');
  if (raw === '') return null;
  return /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
}

/** Whole numbers from a form's fields; a ValidationError naming each that is blank (when required) or not a whole number. */
export function wholeNumbers<K extends string>(form: Values, messages: Record<K, string>, required: ReadonlyArray<NoInfer<K>> = []): Record<K, number | null> {
  const values = {} as Record<K, number | null>;
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(messages) as Array<[K, string]>) {
    const value = wholeNumber(form[field]);
    if (Number.isNaN(value) || (value === null && required.includes(field))) errors[field] = message;
    values[field] = value;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return values;
}

/**
 * Run an action whose messages name fields differently from the form it came from (a form per row
 * names its fields "<field>-<row>"; two forms on a page each have a title): each is renamed.
 */
export async function renamingFields<T>(rename: Record<string, string> | ((field: string) => string), action: () => Promise<T>): Promise<T> {
  const renamed = (field: string) => (typeof rename === 'function' ? rename(field) : (rename[field] ?? field));
  try {
    return await action();
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(Object.fromEntries(Object.entries(error.fieldErrors).map(([field, message]) => [renamed(field), message])));
    }
    if (error instanceof ConflictError && error.field) throw new ConflictError(error.message, renamed(error.field));
    throw error;
  }
}

/** An action on one row of a page with a form per row, its fields named "<field>-<row>". */
export const onRow = <T>(row: number, action: () => Promise<T>) => renamingFields((field) => `${field}-${row}`, action);

export function manageKit(app: App) {
  const { deps } = app;

  /** An assembly its organisers work on: anyone else is told they may not. */
  const managed = async (request: FastifyRequest): Promise<AssemblyDetail> => {
    const a = await getAssembly(deps, request.actor, idParam(request, 'id'));
    if (!a.canManage) throw new ForbiddenError('Only the convening organisation’s admins run its citizens’ assemblies.');
    return a;
  };

  const show = (path: string, managePage: ManagePage) =>
    app.get(path, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.render(managePage.template, await managePage.context(request, {}));
    });

  /** A form of an organiser's page: when done, on to the address `act` gives; when a rule is broken, the page again with the messages and what was typed. */
  const submit = (path: string, managePage: ManagePage, act: (request: FastifyRequest, a: AssemblyDetail, form: Values) => Promise<string>) =>
    app.post(path, async (request, reply) => {
      const form = formOf(request);
      const a = await managed(request);
      const formPage = { template: managePage.template, context: () => managePage.context(request, form) };
      return handleForm(reply, formPage, async () => reply.redirect(await act(request, a, form), 303));
    });

  return { deps, managed, show, submit };
}

export type ManageKit = ReturnType<typeof manageKit>;
