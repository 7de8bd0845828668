// The shapes the registry API's routes share: a read of one record by its number (anyone may read;
// a 404 naming what is missing), a write's schema (personal API token), and a write's answer.
import type { FastifyReply } from 'fastify';
import type { TSchema } from 'typebox';
import { NotFoundError } from '../../../../platform/errors.js';
import type { App } from '../../../../platform/web/index.js';
import { assertCan } from '../../policy.js';
import { IdParams, json, readErrors, security, tags, writeErrors } from './schemas.js';

export interface ReadById {
  summary: string;
  description?: string;
  /** The 200 answer: what it is, and its schema. */
  answer: [description: string, schema: TSchema];
  /** The answer about record `id`, or null when there is no such record. */
  read: (id: number) => Promise<unknown>;
  /** The 404's message. */
  missing: string;
}

/** GET `url` (ending in /:id): the answer `read` gives about the record, or 404. */
export function getById(app: App, url: string, route: ReadById): void {
  const { summary, description, answer, read, missing } = route;
  app.get(
    url,
    { config: { publicPageCache: true }, schema: { tags, summary, description, params: IdParams, response: { 200: json(...answer), ...readErrors } } },
    async (request) => {
      assertCan(request.actor, 'registry.read');
      const found = await read(request.params.id);
      if (found == null) throw new NotFoundError(missing);
      return found;
    },
  );
}

/** The schema of a write (with a personal API token): `doc` and its answers, and the errors every write may give. */
export function writeSchema<Doc extends { summary: string; description: string; params?: TSchema; body?: TSchema }, Answers extends Record<number, unknown>>(
  doc: Doc,
  answers: Answers,
) {
  return { schema: { tags, security, ...doc, response: { ...answers, ...writeErrors } } };
}

/** 201 Created: the record just made (read back), with its address in Location. */
export function created(reply: FastifyReply, location: string, record: unknown) {
  if (record == null) throw new NotFoundError();
  return reply.code(201).header('location', location).send(record);
}

/** 204 No Content, after a removal. */
export const removed = (reply: FastifyReply) => reply.code(204).send(null);
