// Server-rendered pages: one Nunjucks environment that sees the NHS.UK frontend's macros, the
// shared layout in src/views, and each module's views folder. Every template is read and compiled
// once, when the views are made at start-up: rendering a page reads no file and compiles nothing.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { labelFor } from './labels.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/**
 * The app's src folder, which holds views/, modules/ and static/: the parent of this file's folder
 * when run from the TypeScript, or packages/app/src when run from the build in packages/app/dist.
 */
export const appSourceRoot = fs.existsSync(path.join(here, '..', 'views')) ? path.resolve(here, '..') : path.resolve(here, '..', '..', 'src');

/** The NHS.UK frontend's dist folder (templates and assets). */
export const nhsukDist = path.join(path.dirname(require.resolve('nhsuk-frontend/package.json')), 'dist');

/** Where templates are found, first folder first: a name ("feedback/views/story.njk") is looked up in each in turn. */
export const templateFolders = [path.join(appSourceRoot, 'views'), path.join(appSourceRoot, 'modules'), nhsukDist];

interface TemplateSource {
  src: string;
  path: string;
  noCache: false;
}

/**
 * Every .njk file under the folders, read once, by its name and by its full path (Nunjucks names
 * a relative include, "./template.njk", by the full path it resolves to). The first folder holding
 * a name wins, as with Nunjucks' own FileSystemLoader.
 */
export function readTemplates(folders: readonly string[]): Map<string, TemplateSource> {
  const templates = new Map<string, TemplateSource>();
  for (const folder of folders) {
    for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.njk')) continue;
      const fullPath = path.join(entry.parentPath, entry.name);
      const name = path.relative(folder, fullPath).split(path.sep).join('/');
      // The NHS.UK frontend's lib/ holds fixtures for its code highlighter, not templates.
      if (name.startsWith('nhsuk/lib/')) continue;
      const source: TemplateSource = { src: fs.readFileSync(fullPath, 'utf8'), path: fullPath, noCache: false };
      if (!templates.has(name)) templates.set(name, source);
      templates.set(fullPath, source);
    }
  }
  return templates;
}

/** A Nunjucks loader over templates already in memory. */
function memoryLoader(templates: Map<string, TemplateSource>): nunjucks.ILoader & Pick<nunjucks.Loader, 'resolve' | 'isRelative'> {
  return {
    getSource: (name) => templates.get(name) ?? (null as unknown as TemplateSource),
    isRelative: (name) => name.startsWith('./') || name.startsWith('../'),
    resolve: (from, to) => path.resolve(path.dirname(from), to),
  };
}

export interface Views extends nunjucks.Environment {
  /** How many templates were compiled at start. */
  readonly templateCount: number;
}

const compiled = new Map<string, Views>();

/**
 * The environment, with every template under the folders compiled (a template with a syntax error
 * fails here, at start). Made once per process: each server built in it (tests build many) shares it.
 */
export function createViews(folders: readonly string[] = templateFolders): Views {
  const key = folders.join('\n');
  let views = compiled.get(key);
  if (!views) {
    views = compileViews(folders);
    compiled.set(key, views);
  }
  return views;
}

function compileViews(folders: readonly string[]): Views {
  const templates = readTemplates(folders);
  const loader = memoryLoader(templates);
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  // Nunjucks' own trim is a regular expression that takes time with the square of a long text's
  // spaces (a tenth of a page's render with the NHS.UK macros, which trim what they print); the
  // built-in trim removes the same characters.
  env.addFilter('trim', (value: unknown) => copySafeness(value, String(value).trim()));
  env.addFilter('label', (value: string) => labelFor(value));
  env.addFilter('date', (value: Date | string | null | undefined) => formatDate(value));
  env.addFilter('dateTime', (value: Date | string | null | undefined) => formatDateTime(value));
  env.addFilter('number', (value: number) => (typeof value === 'number' ? value.toLocaleString('en-GB') : value));
  // Nunjucks keeps each compiled template in its loader's cache, by the name asked for.
  const cache = (loader as unknown as { cache: Record<string, nunjucks.Template | undefined> }).cache;
  for (const [key, source] of templates) {
    cache[key] ??= key === source.path ? undefined : env.getTemplate(key, true);
    // The same compiled template under its full path, where relative includes look it up.
    if (key !== source.path) cache[source.path] ??= cache[key];
  }
  // Files whose name an earlier folder holds too are reached only by a relative include.
  for (const [key, source] of templates) if (key === source.path && !cache[key]) cache[key] = env.getTemplate(key, true);
  for (const template of new Set(Object.values(cache))) if (template) keepExports(template);
  return Object.assign(env, { templateCount: new Set(Object.values(cache)).size });
}

/** Nunjucks' runtime.copySafeness (not in its types): the result marked safe when the value was. */
const copySafeness = (nunjucks.runtime as unknown as { copySafeness: (from: unknown, to: string) => unknown }).copySafeness;

type ExportsCallback = (error: unknown, exported: Record<string, unknown> | null) => void;

/**
 * `{% from "x.njk" import y %}` runs x.njk again on every render to collect its macros (the layout
 * imports twenty of the NHS.UK frontend's, which made that a third of a page's render). Imported
 * without context, what it exports is the same every time: collected on first use, then kept. An
 * import "with context" still runs the file with the caller's variables.
 */
function keepExports(template: nunjucks.Template): void {
  const withCaller = template as unknown as { getExported(...args: unknown[]): void };
  const collect = withCaller.getExported.bind(template);
  let kept: Record<string, unknown> | null = null;
  withCaller.getExported = (...args: unknown[]) => {
    if (args.length !== 1 || typeof args[0] !== 'function') return collect(...args);
    const callback = args[0] as ExportsCallback;
    if (kept) return callback(null, kept);
    collect((error: unknown, exported: Record<string, unknown> | null) => {
      if (!error) kept = exported;
      callback(error, exported);
    });
  };
}

// Made once: toLocaleDateString with options builds a new formatter on every call (about a
// millisecond each, the largest cost of a list page), format() on a kept one a microsecond.
const dayMonthYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const dayMonthYearTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : value;
  return dayMonthYear.format(date);
}

/** A period in words: "1 March 2027 to 30 April 2027", "From …", "Until …", or not yet set. */
export function dateRangeText(from: string | null, until: string | null): string {
  if (from && until) return `${formatDate(from)} to ${formatDate(until)}`;
  if (from) return `From ${formatDate(from)}`;
  if (until) return `Until ${formatDate(until)}`;
  return 'Dates to be announced';
}

export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  return dayMonthYearTime.format(date);
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
