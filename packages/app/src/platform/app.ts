// Starting and stopping Involve: open the database, migrate, load the demo on an empty database,
// start the mail sender and the modules' repeating jobs (each run under its lease in the database,
// so one instance at a time runs it), serve, and shut down cleanly on SIGTERM.
// The modules come from the composition root (src/modules/index.ts); nothing here names one.
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { type DatabaseHandle, type Db, openDatabase } from './database.js';
import { type RepeatingJob, startRepeatingJob } from './jobs.js';
import { createMailSender } from './mail.js';
import { migrateToLatest } from './migrations.js';
import type { DemoContext, InvolveModule } from './module.js';
import { systemActor } from './permissions.js';
import { buildServer } from './server.js';
import type { App } from './web/types.js';

export async function openAndMigrate(config: Config, logger: Logger, modules: readonly InvolveModule[]): Promise<DatabaseHandle> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const ran = await migrateToLatest(database.db, modules);
    logger.info({ database: database.kind, migrationsRun: ran.length }, 'database ready');
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** An arbitrary but fixed key for the advisory lock under which the demo loads. */
const demoLockKey = 7_370_201;

/**
 * Load every module's demo data into an empty database, stage by stage, in one transaction. Two
 * instances starting together on one empty database: the second waits for the lock, then sees the
 * demo there and loads nothing. Returns whether it loaded the demo.
 */
export async function loadDemo(db: Db, modules: readonly InvolveModule[], isEmpty: (db: Db) => Promise<boolean>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${demoLockKey})`.execute(trx);
    if (!(await isEmpty(trx))) return false;
    const ids = new Map<string, number>();
    const context: DemoContext = {
      db: trx,
      ids,
      id(key) {
        const id = ids.get(key);
        if (id === undefined) throw new Error(`demo: nothing loaded under "${key}" (a demo step out of order?)`);
        return id;
      },
    };
    for (const stage of [1, 2, 3] as const) {
      for (const module of modules) for (const step of module.demo ?? []) if (step.stage === stage) await step.load(context);
    }
    return true;
  });
}

export interface RunningInvolve {
  app: App;
  database: DatabaseHandle;
  url: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  modules: readonly InvolveModule[];
  /** Whether the database holds nothing yet (the demo loads only then). */
  isDatabaseEmpty: (db: Db) => Promise<boolean>;
}

export async function startInvolve(config: Config, logger: Logger, options: StartOptions): Promise<RunningInvolve> {
  const { modules } = options;
  let database = await openAndMigrate(config, logger, modules);
  try {
    if (config.demo && (await loadDemo(database.db, modules, options.isDatabaseEmpty))) logger.info('demo health system loaded');
  } catch (error) {
    await database.close();
    throw error;
  }
  if (database.kind === 'postgres' && config.statementTimeoutMs > 0) {
    // Serve on connections that limit each statement; migrating and loading the demo (which may wait
    // for another instance's lock) ran on these without the limit.
    const serving = await openDatabase({ databaseUrl: config.databaseUrl, statementTimeoutMs: config.statementTimeoutMs });
    await database.close();
    database = serving;
  }
  const jobs: RepeatingJob[] = [];
  let mailJob: RepeatingJob | null = null;
  let closeMail = () => {};
  if (config.smtpUrl) {
    const sender = createMailSender(database.db, config.smtpUrl, config.mailFrom, logger);
    mailJob = startRepeatingJob('mail', 10_000, () => sender.sendDue(), logger, { db: database.db });
    closeMail = () => sender.close();
  }
  for (const module of modules) {
    for (const job of module.jobs ?? []) {
      const actor = systemActor(job.name);
      const running = startRepeatingJob(job.name, job.everyMs, () => job.run({ db: database.db, config, logger, actor, now: new Date() }), logger, {
        db: database.db,
      });
      if (job.runAtStart) running.kick();
      jobs.push(running);
    }
  }
  const app = await buildServer({ config, database, logger, modules, kickMail: () => mailJob?.kick() });
  const address = await app.listen({ port: config.port, host: config.host });
  logger.info({ address }, 'Involve is listening');

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await app.close(); // stops taking requests, finishes those in flight
      for (const job of jobs) await job.stop();
      await mailJob?.stop();
      closeMail();
      await database.close();
    })();
    return stopping;
  };
  return { app, database, url: address, stop };
}
