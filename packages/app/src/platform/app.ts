// Starting and stopping Involve: open the database, migrate, load the demo on an empty database,
// start the mail sender, serve, and shut down cleanly on SIGTERM.
import type { Logger } from 'pino';
import { isDatabaseEmpty, listDemoSignIns, loadDemoHealthSystem } from '../demo/demoHealthSystem.js';
import { sendComplaintReminders } from '../modules/complaints/reminders.js';
import { sendStoryDigests } from '../modules/feedback/alerts.js';
import type { Config } from './config.js';
import { type DatabaseHandle, openDatabase } from './database.js';
import { type RepeatingJob, startRepeatingJob } from './jobs.js';
import { createMailSender } from './mail.js';
import { migrateToLatest } from './migrations.js';
import { type App, buildServer } from './server.js';

export async function openAndMigrate(config: Config, logger: Logger): Promise<DatabaseHandle> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const ran = await migrateToLatest(database.db);
  logger.info({ database: database.kind, migrationsRun: ran.length }, 'database ready');
  return database;
}

export interface RunningInvolve {
  app: App;
  database: DatabaseHandle;
  url: string;
  stop(): Promise<void>;
}

export async function startInvolve(config: Config, logger: Logger): Promise<RunningInvolve> {
  const database = await openAndMigrate(config, logger);
  if (config.demo && (await isDatabaseEmpty(database.db))) {
    await loadDemoHealthSystem(database.db);
    logger.info('demo health system loaded');
  }
  let mailJob: RepeatingJob | null = null;
  let closeMail = () => {};
  if (config.smtpUrl) {
    const sender = createMailSender(database.db, config.smtpUrl, config.mailFrom, logger);
    mailJob = startRepeatingJob('mail', 10_000, () => sender.sendDue(), logger);
    closeMail = () => sender.close();
  }
  // Complaint deadline reminders go into the outbox; the mail job sends them.
  const reminderJob = startRepeatingJob('complaint reminders', 10 * 60_000, () => sendComplaintReminders({ db: database.db, config }, new Date()), logger);
  reminderJob.kick();
  // Daily story digests: checked hourly; each subscriber gets at most one a day.
  const digestJob = startRepeatingJob('story digests', 60 * 60_000, () => sendStoryDigests({ db: database.db, config }, new Date()), logger);
  const app = await buildServer({ config, database, logger, kickMail: () => mailJob?.kick() });
  app.deps.demoSignIns = () => listDemoSignIns(database.db);
  const address = await app.listen({ port: config.port, host: config.host });
  logger.info({ address }, 'Involve is listening');

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await app.close(); // stops taking requests, finishes those in flight
      await reminderJob.stop();
      await digestJob.stop();
      await mailJob?.stop();
      closeMail();
      await database.close();
    })();
    return stopping;
  };
  return { app, database, url: address, stop };
}
