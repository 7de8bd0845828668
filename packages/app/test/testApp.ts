// A running Involve for tests: a fresh database, the real server (in process via inject, or
// listening on 127.0.0.1 for browser tests), and a client that keeps cookies and fills in CSRF
// tokens the way a browser would.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe } from 'vitest';
import { buildServer } from '../src/modules/index.js';
import { type Config, loadConfig } from '../src/platform/config.js';
import type { DatabaseHandle } from '../src/platform/database.js';
import { createMailSender, type MailSender } from '../src/platform/mail.js';
import type { App } from '../src/platform/server.js';
import type { TestMailServer } from './mailServer.js';
import { createTestDatabase, type DatabaseKind, databaseKinds } from './testDatabase.js';
import { createPino } from './testLogger.js';

export interface TestApp {
  app: App;
  database: DatabaseHandle;
  db: DatabaseHandle['db'];
  config: Config;
  mail: MailSender | null;
  /** A new browser-like client with its own cookies. */
  client(): TestClient;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Environment overrides, e.g. { SIGN_IN_LIMIT: '3' }. */
  env?: Record<string, string>;
  /** A mail server to start first and send to (as SMTP_URL); stopped once the app has closed. */
  mailServer?: TestMailServer;
}

export async function startTestApp(kind: DatabaseKind, options: TestAppOptions = {}): Promise<TestApp> {
  const smtp: Record<string, string> = options.mailServer ? { SMTP_URL: await options.mailServer.start() } : {};
  try {
    return await startWithDatabase(await createTestDatabase(kind), { ...smtp, ...options.env }, options.mailServer);
  } catch (error) {
    await options.mailServer?.stop();
    throw error;
  }
}

async function startWithDatabase(database: DatabaseHandle, env: Record<string, string>, mailServer?: TestMailServer): Promise<TestApp> {
  const config = loadConfig({ INVOLVE_DEMO: '0', LOG_LEVEL: 'silent', ...env });
  const logger = createPino();
  const mail = config.smtpUrl ? createMailSender(database.db, config.smtpUrl, config.mailFrom, logger) : null;
  const app = await buildServer({ config, database, logger: false, kickMail: () => void mail?.sendDue() });
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    config,
    mail,
    client: () => new TestClient(app),
    async close() {
      await app.close();
      // Let a send started in the background finish before its database goes away.
      await mail?.sendDue();
      mail?.close();
      await database.close();
      await mailServer?.stop();
    },
  };
}

/**
 * A running Involve for the tests of the enclosing describe block: started before them (before the
 * block's own beforeAll), closed after them. The object returned is filled in when they start.
 */
export function useTestApp(kind: DatabaseKind, options: TestAppOptions = {}): TestApp {
  const t = {} as TestApp;
  beforeAll(async () => {
    Object.assign(t, await startTestApp(kind, options));
  });
  afterAll(() => t.close?.());
  return t;
}

/** Integration tests run once per database kind ("<name> on pglite"), each run on its own Involve. */
export function describeWithTestApp(name: string, tests: (t: TestApp, kind: DatabaseKind) => void): void {
  describe.each(databaseKinds)(`${name} on %s`, (kind) => tests(useTestApp(kind), kind));
}

/** Cookies and CSRF handled like a browser: get a page, then post its form. */
export class TestClient {
  private cookies = new Map<string, string>();
  /** The CSRF token from the last page fetched. */
  csrf = '';

  constructor(private readonly app: App) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keepCookies(response: LightMyRequestResponse): void {
    for (const c of response.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } });
    this.keepCookies(response);
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body) ?? /_csrf=([A-Za-z0-9_-]+)/.exec(response.body);
    if (match?.[1]) this.csrf = match[1];
    return response;
  }

  /** Post a form as a browser would, with the CSRF token of the last page (unless given). */
  async post(url: string, form: Record<string, string | string[]>, options: { csrf?: string | null } = {}): Promise<LightMyRequestResponse> {
    if (!this.csrf && !this.cookies.has('involve_csrf') && options.csrf === undefined) await this.get('/');
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    // The browser's current token: what any form on the last page would carry (it changes at sign-in).
    const token = options.csrf === undefined ? (this.cookies.get('involve_csrf') ?? this.csrf) : options.csrf;
    if (token !== null) body.set('_csrf', token);
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.keepCookies(response);
    return response;
  }

  /** Post a multipart form (file uploads). */
  async postMultipart(
    url: string,
    fields: Record<string, string>,
    file?: { field: string; filename: string; content: string | Buffer; contentType?: string },
  ): Promise<LightMyRequestResponse> {
    const boundary = `----involve${Date.now()}`;
    // Buffers, so a binary file (an image, a PDF) arrives byte for byte.
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries({ _csrf: this.cookies.get('involve_csrf') ?? this.csrf, ...fields })) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    if (file) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType ?? 'text/csv'}\r\n\r\n`,
        ),
        Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
    this.keepCookies(response);
    return response;
  }
}
