// The directory as an Open Referral UK API (HSDS 3.0 UK profile) at /openreferral: the API's
// description, services (paginated, with text and taxonomy_term_id), one service fully nested,
// organisations, taxonomies, taxonomy terms and service-at-locations. Reads are open to all. Every
// error is an RFC 9457 problem (application/problem+json), as on /api: a bad id or parameter is a
// 404 or 400, never a 5xx.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { statementTimedOutCode } from '../../../platform/database.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import type { App } from '../../../platform/web/types.js';
import {
  orukApiDescription,
  orukOrganization,
  orukOrganizations,
  orukService,
  orukServiceAtLocation,
  orukServiceAtLocations,
  orukServices,
  orukTaxonomies,
  orukTaxonomy,
  orukTaxonomyTerm,
  orukTaxonomyTerms,
} from '../oruk.js';

const titles: Record<number, string> = { 400: 'Bad request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal server error', 503: 'Service unavailable' };

function problem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status =
    error instanceof ValidationError
      ? 400
      : error instanceof NotFoundError
        ? 404
        : error instanceof ForbiddenError
          ? 403
          : (error as { code?: unknown }).code === statementTimedOutCode
            ? 503
            : ((error as { statusCode?: number }).statusCode ?? 500);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  if (status === 503) reply.header('retry-after', '10');
  const body: Record<string, unknown> = {
    type: 'about:blank',
    title: titles[status] ?? 'Error',
    status,
    detail: status >= 500 ? 'Sorry, something went wrong on our side. Try again later.' : error instanceof Error ? error.message : String(error),
    instance: request.url.split('?')[0],
  };
  if (error instanceof ValidationError) body.errors = Object.entries(error.fieldErrors).map(([field, detail]) => ({ field, detail }));
  return reply.code(status).type('application/problem+json').send(body);
}

const idOf = (request: FastifyRequest) => String((request.params as { id?: unknown }).id ?? '');
const queryOf = (request: FastifyRequest) => (request.query ?? {}) as Record<string, unknown>;

export async function registerOpenReferralRoutes(app: App): Promise<void> {
  await app.register(
    async (oruk) => {
      oruk.setErrorHandler((error, request, reply) => problem(error, request, reply));
      oruk.setNotFoundHandler((request, reply) => problem(new NotFoundError('There is no such Open Referral endpoint'), request, reply));
      oruk.addHook('onSend', async (_request, reply, payload) => {
        reply.header('access-control-allow-origin', '*');
        return payload;
      });
      const { db } = oruk.deps.database;
      oruk.get('/', async () => orukApiDescription(oruk.deps.config.publicUrl));
      oruk.get('/services', async (request) => orukServices(db, request.actor, queryOf(request)));
      oruk.get('/services/:id', async (request) => orukService(db, request.actor, idOf(request)));
      oruk.get('/organizations', async (request) => orukOrganizations(db, request.actor, queryOf(request)));
      oruk.get('/organizations/:id', async (request) => orukOrganization(db, request.actor, idOf(request)));
      oruk.get('/taxonomies', async (request) => orukTaxonomies(db, request.actor, queryOf(request)));
      oruk.get('/taxonomies/:id', async (request) => orukTaxonomy(db, request.actor, idOf(request)));
      oruk.get('/taxonomy_terms', async (request) => orukTaxonomyTerms(db, request.actor, queryOf(request)));
      oruk.get('/taxonomy_terms/:id', async (request) => orukTaxonomyTerm(db, request.actor, idOf(request)));
      oruk.get('/service_at_locations', async (request) => orukServiceAtLocations(db, request.actor, queryOf(request)));
      oruk.get('/service_at_locations/:id', async (request) => orukServiceAtLocation(db, request.actor, idOf(request)));
    },
    { prefix: '/openreferral' },
  );
}
