// Server-rendered pages: one Nunjucks environment that sees the NHS.UK frontend's macros, the
// shared layout in src/views, and each module's views folder. Templates are compiled once and
// cached (rendering is the cost of a page).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { labelFor } from './labels.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const appRoot = path.resolve(here, '..');
const require = createRequire(import.meta.url);

/** The NHS.UK frontend's dist folder (templates and assets). */
export const nhsukDist = path.join(path.dirname(require.resolve('nhsuk-frontend/package.json')), 'dist');

export function createViews(options: { watch?: boolean } = {}): nunjucks.Environment {
  const searchPaths = [path.join(appRoot, 'views'), path.join(appRoot, 'modules'), nhsukDist];
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(searchPaths, { watch: options.watch ?? false, noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  env.addFilter('label', (value: string) => labelFor(value));
  env.addFilter('date', (value: Date | string | null | undefined) => formatDate(value));
  env.addFilter('dateTime', (value: Date | string | null | undefined) => formatDateTime(value));
  env.addFilter('number', (value: number) => (typeof value === 'number' ? value.toLocaleString('en-GB') : value));
  return env;
}

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : value;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
}

export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  return date.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
}

/**
 * The error summary and per-field messages for a form, in the shape the NHS.UK macros take:
 * `errorList` for errorSummary, `errors.field` for each field's errorMessage.
 */
export function formErrors(fieldErrors: Record<string, string>): {
  errors: Record<string, { text: string }>;
  errorList: Array<{ text: string; href: string }>;
} {
  const errors: Record<string, { text: string }> = {};
  const errorList: Array<{ text: string; href: string }> = [];
  for (const [field, text] of Object.entries(fieldErrors)) {
    errors[field] = { text };
    errorList.push({ text, href: `#${field}` });
  }
  return { errors, errorList };
}
