// Every setting Involve reads comes from the environment, here and only here. README lists them.
import path from 'node:path';

export interface Config {
  /** postgres://… for a PostgreSQL server; undefined means the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** Folder for the embedded database (used only without databaseUrl). */
  dataDir: string;
  /** Load the demo health system on an empty database. */
  demo: boolean;
  port: number;
  host: string;
  /** The address people reach Involve at; used in links in emails. */
  publicUrl: string;
  /** smtp://user:pass@host:port; undefined keeps mail in the outbox for admins to read. */
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  /** Set Secure on cookies (on automatically when publicUrl is https). */
  secureCookies: boolean;
  /** Sign-in attempts allowed per account, and per address, in 15 minutes. */
  signInLimit: number;
  /**
   * On PostgreSQL, the longest one statement of the running server may take (ms; 0: no limit).
   * A query gone wrong then fails that one request instead of holding a connection while
   * requests pile up behind it. Migrations and the demo load run before, without the limit.
   */
  statementTimeoutMs: number;
  /** Processes serving (one per core); above 1 only on PostgreSQL. */
  workers: number;
  /** Folder for complaint attachments; undefined keeps them in the database. */
  attachmentsDir: string | undefined;
  /** The largest complaint attachment taken, in bytes. */
  attachmentMaxBytes: number;
}

export class ConfigError extends Error {}

function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a whole number, not "${raw}"`);
  return value;
}

function flagSetting(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1 or 0, not "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  const port = intSetting(env, 'PORT', 3000);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = (env.PUBLIC_URL || `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`).replace(/\/$/, '');
  // The demo loads by default on the embedded database (one command shows a working system);
  // on a real server only when asked for, so production data is never mixed with it.
  const demo = flagSetting(env, 'INVOLVE_DEMO') ?? databaseUrl === undefined;
  const workers = intSetting(env, 'WORKERS', 1);
  if (workers < 1 || workers > 64) throw new ConfigError(`WORKERS must be from 1 to 64, not "${env.WORKERS}"`);
  // The embedded database is one process's own folder: several processes would each need it.
  if (workers > 1 && databaseUrl === undefined) throw new ConfigError('WORKERS above 1 needs DATABASE_URL: the embedded database serves one process');
  // The server takes no upload above 20 MB (platform/server.ts), so a larger limit could never be used.
  const attachmentMaxMb = intSetting(env, 'ATTACHMENT_MAX_MB', 10);
  if (attachmentMaxMb < 1 || attachmentMaxMb > 20) throw new ConfigError(`ATTACHMENT_MAX_MB must be from 1 to 20, not "${env.ATTACHMENT_MAX_MB}"`);
  return {
    databaseUrl,
    dataDir: path.resolve(env.INVOLVE_DATA_DIR || './data'),
    demo,
    port,
    host,
    publicUrl,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Involve <no-reply@involve.localhost>',
    logLevel: env.LOG_LEVEL || 'info',
    secureCookies: flagSetting(env, 'SECURE_COOKIES') ?? publicUrl.startsWith('https:'),
    signInLimit: intSetting(env, 'SIGN_IN_LIMIT', 10),
    statementTimeoutMs: intSetting(env, 'STATEMENT_TIMEOUT_MS', 10_000),
    workers,
    attachmentsDir: env.ATTACHMENTS_DIR ? path.resolve(env.ATTACHMENTS_DIR) : undefined,
    attachmentMaxBytes: attachmentMaxMb * 1024 * 1024,
  };
}
