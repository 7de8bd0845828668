// Reading what a browser sent: form fields (one value, or every value of a checkbox group), query
// values, the three boxes of an NHS.UK date input, and select options. One way for every module.
import type { FastifyRequest } from 'fastify';

type Fields = Record<string, unknown>;

/** Form fields as sent (strings, or lists of strings for repeated fields); {} when none. */
export function formOf(request: FastifyRequest): Fields {
  const body = request.body;
  return body && typeof body === 'object' ? (body as Fields) : {};
}

/** A value as one string ('' when absent; the first value when sent twice). */
export function text(value: unknown): string {
  if (Array.isArray(value)) return text(value[0]);
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/** One text field of a posted form ('' when absent; the first value when sent twice). */
export function formValue(body: unknown, name: string): string {
  const value = (body as Fields | undefined)?.[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

/** Every value of a field (checkboxes). */
export function formValues(body: unknown, name: string): string[] {
  const value = (body as Fields | undefined)?.[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** A query string value, trimmed ('' when missing or sent oddly). */
export function queryText(request: FastifyRequest, name: string): string {
  const query = (request.query ?? {}) as Fields;
  return text(query[name]).trim();
}

/** A record id in the query string (a filter such as ?organisation=12), or undefined when absent or not one. */
export function queryId(request: FastifyRequest, name: string): number | undefined {
  const value = queryText(request, name);
  return /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

/** A query string value exactly as sent ('' when missing or not a single string). */
export function queryValue(request: FastifyRequest, name: string): string {
  const value = ((request.query ?? {}) as Fields)[name];
  return typeof value === 'string' ? value : '';
}

/** A date from the three boxes of the NHS.UK date input, as YYYY-MM-DD, or what was typed (to re-show and reject). */
export function dateFromParts(form: Fields, field: string): string {
  const day = text(form[`${field}-day`]).trim();
  const month = text(form[`${field}-month`]).trim();
  const year = text(form[`${field}-year`]).trim();
  if (!day && !month && !year) return '';
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return `${year}-${month}-${day}?`;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** A real calendar date written YYYY-MM-DD (what dateFromParts gives for a date that exists). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The three boxes for a stored YYYY-MM-DD date. */
export function datePartsOf(field: string, date: string | null | undefined): Record<string, string> {
  const [year = '', month = '', day = ''] = (date ?? '').split('-');
  return { [`${field}-day`]: day ? String(Number(day)) : '', [`${field}-month`]: month ? String(Number(month)) : '', [`${field}-year`]: year };
}

/** Items for the NHS.UK select macro, with the chosen one selected. */
export function selectItems(options: Array<{ value: string | number; text: string }>, chosen: unknown, emptyText?: string) {
  const chosenText = text(chosen);
  const items = options.map((o) => ({ value: String(o.value), text: o.text, selected: String(o.value) === chosenText }));
  return emptyText === undefined ? items : [{ value: '', text: emptyText, selected: chosenText === '' }, ...items];
}

// Made once: toLocaleDateString with options builds a new formatter on every call (a busy page asks often).
const englandDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in England as YYYY-MM-DD (the date people see on their calendars). */
export function todayInEngland(now: Date = new Date()): string {
  return englandDate.format(now);
}
