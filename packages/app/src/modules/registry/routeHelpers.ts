// Small helpers the registry's pages share: ids from addresses, form values, pagination links,
// select options, and the sign-in redirect for admin pages.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../platform/errors.js';
import { labelFor } from './labels.js';
import { organisationTypes } from './schema.js';

/** A record id from the address, or "page not found". */
export function idFrom(value: unknown): number {
  const text = String(value ?? '');
  const id = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2147483647) throw new NotFoundError();
  return id;
}

/** Form fields as sent (strings, or lists of strings for repeated fields). */
export function formOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

export function text(value: unknown): string {
  if (Array.isArray(value)) return text(value[0]);
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/** A query string value as a string ('' when missing or repeated oddly). */
export function queryText(request: FastifyRequest, name: string): string {
  const query = (request.query ?? {}) as Record<string, unknown>;
  return text(query[name]).trim();
}

/** A date from the three boxes of the NHS.UK date input, as YYYY-MM-DD, or what was typed. */
export function dateFromParts(form: Record<string, unknown>, field: string): string {
  const day = text(form[`${field}-day`]).trim();
  const month = text(form[`${field}-month`]).trim();
  const year = text(form[`${field}-year`]).trim();
  if (!day && !month && !year) return '';
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return `${year}-${month}-${day}?`;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The three boxes for a stored YYYY-MM-DD date. */
export function datePartsOf(field: string, date: string | null | undefined): Record<string, string> {
  const [year = '', month = '', day = ''] = (date ?? '').split('-');
  return { [`${field}-day`]: day ? String(Number(day)) : '', [`${field}-month`]: month ? String(Number(month)) : '', [`${field}-year`]: year };
}

/** Error summary links for date fields point at the day box (the first one). */
export function linkDates(errorList: Array<{ text: string; href: string }>, dateFields: string[]): Array<{ text: string; href: string }> {
  return errorList.map((e) => (dateFields.includes(e.href.slice(1)) ? { ...e, href: `${e.href}-day` } : e));
}

export const typeOptions = organisationTypes.map((t) => ({ value: t, text: labelFor(t) }));

/** Items for the NHS.UK select macro, with the chosen one selected. */
export function selectItems(options: Array<{ value: string | number; text: string }>, chosen: unknown, emptyText?: string) {
  const chosenText = text(chosen);
  const items = options.map((o) => ({ value: String(o.value), text: o.text, selected: String(o.value) === chosenText }));
  return emptyText === undefined ? items : [{ value: '', text: emptyText, selected: chosenText === '' }, ...items];
}

/** Numbered pages for the NHS.UK pagination macro: first, last, and two either side of the current. */
export function paginationOf(page: number, pageSize: number, total: number, hrefFor: (page: number) => string) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = [];
  let last = 0;
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 2) {
      if (n - last > 1) items.push({ ellipsis: true });
      items.push({ number: n, href: hrefFor(n), current: n === page });
      last = n;
    }
  }
  return {
    items,
    previous: page > 1 ? { href: hrefFor(page - 1) } : undefined,
    next: page < pages ? { href: hrefFor(page + 1) } : undefined,
  };
}

/** A query string from the values that are set. */
export function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/** Admin pages: a signed-out visitor is sent to sign in and brought back afterwards. */
export async function requireSignIn(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (request.actor.accountId !== null) return undefined;
  const next = request.method === 'GET' ? request.url : (request.url.split('?')[0] ?? '/admin');
  return reply.redirect(`/sign-in?next=${encodeURIComponent(next)}`, 303);
}
