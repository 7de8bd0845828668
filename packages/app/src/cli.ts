// The involve command: serve, migrate, demo, create-admin EMAIL, import organisations FILE.csv,
// working-days DATE [N], deidentify.
import { loadConfig } from './platform/config.js';
import { createLogger } from './platform/logger.js';

const usage = `Usage: involve <command>

Commands:
  serve                          start the web server (the default)
  migrate                        run database migrations and stop
  demo                           load the demo health system into the database
  create-admin EMAIL             make EMAIL a platform admin (creates the account if needed)
  import organisations FILE.csv  import or update organisations from a CSV file
  working-days DATE [N]          whether DATE is a working day, or the date N working days after it
  deidentify                     read text on stdin; print the identifiers in it as JSON

Settings come from environment variables: see the README.`;

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(usage);
    return 0;
  }
  // Commands that need no database or settings.
  if (command === 'deidentify') {
    const { runDeidentify } = await import('./modules/feedback/deidentifyCli.js');
    return runDeidentify(process.stdin, process.stdout);
  }
  if (command === 'working-days') {
    const { runWorkingDays } = await import('./modules/complaints/workingDaysCli.js');
    return runWorkingDays(rest, process.stdout, process.stderr);
  }
  const config = loadConfig();
  // One-off commands print what they did; their logs show only warnings unless LOG_LEVEL asks.
  const logger = createLogger(command === 'serve' ? config.logLevel : (process.env.LOG_LEVEL ?? 'warn'));
  const { startInvolve, openAndMigrate } = await import('./platform/app.js');

  switch (command) {
    case 'serve': {
      const running = await startInvolve(config, logger);
      console.log(`Involve is running at ${running.url.replace('127.0.0.1', 'localhost')}`);
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.once(signal, () => {
          logger.info({ signal }, 'shutting down');
          running.stop().then(
            () => process.exit(0),
            () => process.exit(1),
          );
        });
      }
      return -1; // keep running
    }
    case 'migrate': {
      const database = await openAndMigrate(config, logger);
      await database.close();
      console.log('Migrations are up to date.');
      return 0;
    }
    case 'demo': {
      const { isDatabaseEmpty, loadDemoHealthSystem } = await import('./demo/demoHealthSystem.js');
      const database = await openAndMigrate(config, logger);
      try {
        if (!(await isDatabaseEmpty(database.db))) {
          console.error('The database already has organisations; the demo loads only into an empty database.');
          return 1;
        }
        await loadDemoHealthSystem(database.db);
        console.log('Demo health system loaded.');
        return 0;
      } finally {
        await database.close();
      }
    }
    case 'create-admin': {
      const email = rest[0];
      if (!email) {
        console.error('Usage: involve create-admin EMAIL');
        return 2;
      }
      const { createPlatformAdmin } = await import('./modules/accounts/service.js');
      const database = await openAndMigrate(config, logger);
      try {
        const result = await createPlatformAdmin({ db: database.db }, email, process.env.INVOLVE_ADMIN_PASSWORD);
        console.log(result.message);
        return 0;
      } finally {
        await database.close();
      }
    }
    case 'import': {
      const [what, file] = rest;
      if (what !== 'organisations' || !file) {
        console.error('Usage: involve import organisations FILE.csv');
        return 2;
      }
      const { importOrganisationsFromFile } = await import('./modules/registry/importCli.js');
      const database = await openAndMigrate(config, logger);
      try {
        return await importOrganisationsFromFile(database.db, file);
      } finally {
        await database.close();
      }
    }
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
