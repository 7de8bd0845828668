// Builds the web server: security headers, cookies, forms, static assets, who-is-asking, CSRF,
// errors as pages or problem details, the OpenAPI document, and every module's routes.

import path from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { Logger } from 'pino';
import { csrfCookieName, randomToken, sameSecret } from './auth.js';
import type { Config } from './config.js';
import { type DatabaseHandle, statementTimedOutCode } from './database.js';
import { ConflictError, ForbiddenError, NotFoundError, TooManyAttemptsError, ValidationError } from './errors.js';
import { pendingMigrations } from './migrations.js';
import { checkModules, type InvolveModule, linksFor } from './module.js';
import { registerPageCache } from './pageCache.js';
import { type Actor, anonymous, canAnywhere } from './permissions.js';
import { personalRights } from './rights.js';
import { registerSecurityHeaders } from './securityHeaders.js';
import { appSourceRoot, createViews, formErrors, nhsukDist } from './views.js';
import { flashMessage, registerFlash } from './web/flash.js';
import type { App, AppDeps, RouteEntry } from './web/types.js';

export type { App, AppDeps } from './web/types.js';

export interface BuildServerOptions {
  config: Config;
  database: DatabaseHandle;
  logger: Logger | false;
  /** Every module, from the composition root. */
  modules: readonly InvolveModule[];
  kickMail?: () => void;
}

export async function buildServer(options: BuildServerOptions): Promise<App> {
  const { config, database, modules } = options;
  checkModules(modules);
  const identity = modules.find((m) => m.identity)?.identity;
  for (const module of modules) for (const [key, message] of Object.entries(module.flash ?? {})) registerFlash(key, message);
  const app: App = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    trustProxy: process.env.TRUST_PROXY === '1',
    bodyLimit: 20 * 1024 * 1024,
    requestIdHeader: false,
    logController: new OneLinePerRequest(),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const views = createViews();
  const deps: AppDeps = {
    config,
    database,
    db: database.db,
    views,
    kickMail: options.kickMail ?? (() => {}),
    pageLinks: (kind, actor, subject) => {
      const context = { actor, db: database.db, config };
      return kind === 'organisation' || kind === 'place'
        ? linksFor(modules, kind, context, subject as { id: number; name: string })
        : linksFor(modules, kind, context);
    },
  };
  app.decorate('deps', deps);
  // What each module holds about a person and what it removes when they close their account (rights.ts).
  app.decorate('rights', personalRights(modules));
  // Every route as registered, for the fuzz tests and the architecture page.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const fields = (schema: unknown) => Object.keys((schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url ?? route.path, queryFields: fields(route.schema?.querystring), bodyFields: fields(route.schema?.body) });
    }
  });
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('account', null);
  app.decorateRequest('csrfToken', '');

  registerSecurityHeaders(app, {
    directives: {
      'default-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'style-src': ["'self'"],
      'font-src': ["'self'"],
      'form-action': ["'self'"],
      'upgrade-insecure-requests': null,
    },
    hsts: config.publicUrl.startsWith('https:'),
  });
  await app.register(cookie);
  await app.register(formbody);
  // File uploads (CSV import): fields and files arrive as plain values on request.body, so the
  // CSRF check below sees `_csrf` as for any form. Files come as Buffers, and the name the file had
  // on the sender's computer as the field "<field>Name" (file → fileName): its type is read from it.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: 20 * 1024 * 1024, files: 1 },
    async onFile(part) {
      await part.toBuffer();
      (part.fields as Record<string, unknown>)[`${part.fieldname}Name`] = { value: part.filename };
    },
  });
  // The NHS.UK frontend's CSS, JS and images at /assets/ (its CSS refers there), and ours at /static/.
  await app.register(fastifyStatic, {
    root: [path.join(nhsukDist, 'nhsuk', 'assets'), path.join(nhsukDist, 'nhsuk')],
    prefix: '/assets/',
    allowedPath: (pathName) => /^\/(images\/[\w.-]+|manifest\.json|nhsuk-frontend\.min\.(css|js)(\.map)?)$/.test(pathName),
    maxAge: '1d',
  });
  await app.register(fastifyStatic, { root: path.join(appSourceRoot, 'static'), prefix: '/static/', decorateReply: false, maxAge: '1h' });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Involve API',
        version: '1',
        description:
          'The public registry of places, organisations, bodies and members. Reads are open to all; writes need a personal API token (create one on your account page) sent as `Authorization: Bearer <token>`. Errors are RFC 9457 problem details.',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    hideUntagged: true,
  });

  // Who is asking, and the CSRF token for their forms.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/assets/') || request.url.startsWith('/static/')) return;
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ') && request.url.startsWith('/api/')) {
      const actor = identity ? await identity.fromApiToken(database.db, authorization.slice(7).trim()) : null;
      if (!actor) {
        reply
          .code(401)
          .type('application/problem+json')
          .send({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'The API token is not valid or has been revoked.' });
        return reply;
      }
      request.actor = actor;
      return;
    }
    const { actor, account } = identity
      ? await identity.fromSession(database.db, request.cookies[identity.sessionCookieName])
      : { actor: anonymous, account: null };
    request.actor = actor;
    request.account = account;
    let token = request.cookies[csrfCookieName];
    if (!token || token.length < 20) {
      token = randomToken(24);
      reply.setCookie(csrfCookieName, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
    }
    request.csrfToken = token;
  });

  // Public pages for readers who are not signed in, answered from memory while nothing they show has changed.
  registerPageCache(app, { db: database.db, csrfCookieName });

  // Control characters never reach a route: NUL and the other C0 controls (but tab and line breaks
  // in form text) are removed from every query and form value, in this one place. PostgreSQL
  // refuses NUL in text, and none of them belongs in anything a person types.
  app.addHook('preValidation', async (request) => {
    request.query = withoutControlCharacters(request.query, false) as typeof request.query;
    if (!Buffer.isBuffer(request.body)) request.body = withoutControlCharacters(request.body, true) as typeof request.body;
  });

  // Every form that changes something carries the CSRF token (double-submit: cookie and form field,
  // or the X-CSRF-Token header, must match; never the address, which leaks into logs and history).
  // The API's writes use Bearer tokens, which a browser never sends by itself.
  app.addHook('preValidation', async (request) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    if (request.url.startsWith('/api/') && request.actor.viaApiToken) return;
    const body = request.body as Record<string, unknown> | undefined;
    const header = request.headers['x-csrf-token'];
    const sent = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? (typeof header === 'string' ? header : undefined);
    if (request.url.startsWith('/api/')) {
      // A browser session may not write through the API: no token, no write.
      throw new ForbiddenError('Writing through the API needs a personal API token (Authorization: Bearer …).');
    }
    if (!sent || !request.csrfToken || !sameSecret(sent, request.csrfToken)) {
      throw new CsrfError();
    }
  });

  app.decorateReply('render', function render(this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
    const request = this.request as FastifyRequest;
    const html = views.render(template, {
      ...context,
      currentAccount: request.account,
      canEnterAdmin: request.actor ? canEnterAdmin(request.actor) : false,
      csrfToken: request.csrfToken,
      cspNonce: this.cspNonce?.script,
      demoMode: config.demo,
      flash: context.flash ?? flashFrom(request),
    });
    return this.type('text/html; charset=utf-8').send(html);
  });

  app.setErrorHandler((error, request, reply) => handleError(error, request, reply));
  app.setNotFoundHandler((request, reply) => handleError(new NotFoundError(), request, reply));

  app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }));
  app.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
    try {
      const pending = await pendingMigrations(database.db, modules);
      if (pending.length) return reply.code(503).send({ status: 'not ready', reason: `migrations not run: ${pending.join(', ')}` });
      return { status: 'ready', database: database.kind };
    } catch (error) {
      return reply.code(503).send({ status: 'not ready', reason: `database unreachable: ${error instanceof Error ? error.message : String(error)}` });
    }
  });

  for (const module of modules) await module.routes?.(app);

  return app;
}

/** Request logs: one line per answer (what was asked, its status and time), not Fastify's two (one as it arrives). */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** Show the Admin link to platform admins and to admins of at least one organisation. */
function canEnterAdmin(actor: Actor): boolean {
  return canAnywhere(actor, 'admin.enter');
}

export class CsrfError extends Error {
  constructor() {
    super('This form has expired or was sent from another site. Go back, reload the page and try again.');
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
const controlCharactersAndBreaks = /[\u0000-\u001f\u007f]/g;

/** A copy of parsed query or form values with control characters removed (files and other values kept). */
function withoutControlCharacters(value: unknown, keepLineBreaks: boolean): unknown {
  if (typeof value === 'string') return value.replace(keepLineBreaks ? controlCharacters : controlCharactersAndBreaks, '');
  if (Array.isArray(value)) return value.map((v) => withoutControlCharacters(v, keepLineBreaks));
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const clean: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) clean[key.replace(controlCharactersAndBreaks, '')] = withoutControlCharacters(v, keepLineBreaks);
    return clean;
  }
  return value;
}

function flashFrom(request: FastifyRequest): string | undefined {
  const key = (request.query as Record<string, unknown> | undefined)?.done;
  return typeof key === 'string' ? flashMessage(key) : undefined;
}

function statusOf(error: unknown): number {
  if (error instanceof ValidationError) return 422;
  if (error instanceof ForbiddenError) return error.hidden ? 404 : 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof TooManyAttemptsError) return 429;
  if (error instanceof CsrfError) return 403;
  // A statement cut off by the statement limit: the service is overloaded or a query went wrong.
  if ((error as { code?: unknown }).code === statementTimedOutCode) return 503;
  const status = (error as { statusCode?: number }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Errors become RFC 9457 problem details on the API, and plain-English pages elsewhere. */
function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  let status = statusOf(error);
  const validation = (error as { validation?: Array<{ instancePath?: string; message?: string; params?: Record<string, unknown> }> }).validation;
  if (validation) status = 400;
  const hidden = error instanceof ForbiddenError && error.hidden;
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  if (status === 503) reply.header('retry-after', '10');
  const message =
    status === 503
      ? 'Involve is too busy to answer this now. Try again in a minute.'
      : status >= 500
        ? 'Sorry, something went wrong on our side. Try again later.'
        : hidden
          ? 'Not found'
          : error instanceof Error
            ? error.message
            : String(error);

  if (request.url.startsWith('/api/')) {
    const problem: Record<string, unknown> = {
      type: 'about:blank',
      title: titles[status] ?? 'Error',
      status,
      detail: message,
      instance: request.url.split('?')[0],
    };
    if (error instanceof ValidationError) problem.errors = Object.entries(error.fieldErrors).map(([field, detail]) => ({ field, detail }));
    if (validation) {
      problem.errors = validation.map((v) => ({
        field: (v.instancePath || (v.params?.missingProperty ? `/${v.params.missingProperty}` : '')).replace(/^\//, '').replace(/\//g, '.') || undefined,
        detail: v.message,
      }));
    }
    if (error instanceof ConflictError && error.field) problem.errors = [{ field: error.field, detail: error.message }];
    return reply.code(status).type('application/problem+json').send(problem);
  }
  if (!request.actor) request.actor = anonymous;
  const page = status === 404 ? 'error-404.njk' : 'error.njk';
  const heading =
    status === 404
      ? 'Page not found'
      : status === 403
        ? request.actor.accountId === null
          ? 'You need to sign in'
          : 'You do not have permission'
        : status === 429
          ? 'Too many attempts'
          : status >= 500
            ? 'Sorry, there is a problem with the service'
            : 'There is a problem';
  return reply
    .code(status)
    .render(page, { title: heading, heading, message, status, signInLink: status === 403 && request.actor.accountId === null, ...formErrors({}) });
}
