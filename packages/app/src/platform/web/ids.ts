// Record ids and page numbers from addresses: one rule for every module. An id is a whole number
// from 1 to 2,147,483,647 (a PostgreSQL integer); anything else is "page not found", never a 500.
import type { FastifyRequest } from 'fastify';
import { NotFoundError } from '../errors.js';

const maxId = 2_147_483_647;

/** A record id from any value (a path or query parameter), or "page not found". */
export function idFrom(value: unknown): number {
  const raw = String(value ?? '');
  const id = /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0 || id > maxId) throw new NotFoundError();
  return id;
}

/** A record id from the path (`/stories/:id` → idParam(request, 'id')), or "page not found". */
export function idParam(request: FastifyRequest, name: string): number {
  return idFrom((request.params as Record<string, unknown> | undefined)?.[name]);
}

/** Is this a record id (for service functions given ids from elsewhere)? */
export function isRecordId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value <= maxId;
}

/** The highest page number any list accepts (a page past the end shows the last page). */
export const maxPageNumber = 100_000;

/** A page number from the query string: 1 when missing or not a whole number, at most maxPageNumber. */
export function pageNumber(value: unknown): number {
  const raw = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  if (!/^\d{1,9}$/.test(raw)) return 1;
  return Math.min(Math.max(Number(raw), 1), maxPageNumber);
}
