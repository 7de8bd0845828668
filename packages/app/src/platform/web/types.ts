// What routes see of the server: the typed Fastify instance, the dependencies every service takes,
// and the request and reply fields the platform adds (who is asking, CSRF token, render).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type nunjucks from 'nunjucks';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../database.js';
import type { Actor } from '../permissions.js';

/** The signed-in person as pages show them (the identity provider fills it in). */
export interface SignedInAccount {
  id: number;
  email: string;
  name: string;
  displayName: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    account: SignedInAccount | null;
    csrfToken: string;
  }
  interface FastifyReply {
    /** Render a page with the layout's shared context (who is signed in, CSRF token, demo banner). */
    render(template: string, context?: Record<string, unknown>): FastifyReply;
  }
  interface FastifyInstance {
    deps: AppDeps;
    /** Every route as registered (method and URL pattern). */
    routeTable: readonly RouteEntry[];
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  /** Names of the query and body fields its schema declares (none for plain HTML forms). */
  queryFields: string[];
  bodyFields: string[];
}

export interface PageLink {
  href: string;
  text: string;
  /** A line under the link saying what is there (the home page's "take part" list, "Your things"). */
  description?: string;
}

/** Links the modules add to a page another module owns (see InvolveModule.links). */
export type PageLinks = (
  kind: 'organisation' | 'place' | 'account' | 'home' | 'mine',
  actor: Actor,
  subject?: { id: number; name: string },
) => Promise<PageLink[]>;

/** What routes need to do their work; passed to services as their first argument. */
export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  db: DatabaseHandle['db'];
  views: nunjucks.Environment;
  /** Ask the mail sender to send what is queued now (no-op without SMTP). */
  kickMail: () => void;
  /** Links other modules add to this page (an organisation's "Tell your story", …). */
  pageLinks: PageLinks;
}

/** The server as routes see it: TypeBox schemas give typed bodies, queries and params. */
export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;
