// The involve command: serve, migrate and demo here; every other command comes from a module's
// manifest (create-admin, import organisations, working-days, deidentify, …).
import { exitWhenFlushed, stopQuietlyWhenReaderLeaves } from '@involve/decide/cli/exit';
import type { DatabaseHandle, Db } from './platform/database.js';
import type { ModuleCommand } from './platform/module.js';
import { systemActor } from './platform/permissions.js';

async function loadModules() {
  return import('./modules/index.js');
}

function usageOf(commands: ReadonlyArray<Pick<ModuleCommand, 'name' | 'usage' | 'summary'>>): string {
  const rows = [
    { left: 'serve', summary: 'start the web server (the default)' },
    { left: 'migrate', summary: 'run database migrations and stop' },
    { left: 'demo', summary: 'load the demo health system into the database' },
    ...commands.map((c) => ({ left: c.usage ? `${c.name} ${c.usage}` : c.name, summary: c.summary })),
  ];
  const width = Math.max(...rows.map((r) => r.left.length)) + 2;
  return `Usage: involve <command>\n\nCommands:\n${rows.map((r) => `  ${r.left.padEnd(width)} ${r.summary}`).join('\n')}\n\nSettings come from environment variables: see the README.`;
}

async function main(argv: string[]): Promise<number> {
  const [command = 'serve'] = argv;
  const { modules, openAndMigrate, startInvolve, isDatabaseEmpty, loadDemoHealthSystem } = await loadModules();
  const commands = modules.flatMap((m) => m.commands ?? []);
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(usageOf(commands));
    return 0;
  }
  // A module's command: the longest name that the words start with ("import organisations").
  const moduleCommand = commands.filter((c) => c.name.split(' ').every((word, i) => argv[i] === word)).sort((a, b) => b.name.length - a.name.length)[0];

  const { loadConfig } = await import('./platform/config.js');
  const { createLogger } = await import('./platform/logger.js');
  if (moduleCommand) {
    // Commands open the database only when they need it; their logs show only warnings unless LOG_LEVEL asks.
    let database: DatabaseHandle | null = null;
    const openDatabase = async (): Promise<Db> => {
      const config = loadConfig();
      database ??= await openAndMigrate(config, createLogger(process.env.LOG_LEVEL ?? 'warn'));
      return database.db;
    };
    try {
      return await moduleCommand.run({
        args: argv.slice(moduleCommand.name.split(' ').length),
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
        openDatabase,
        actor: systemActor(moduleCommand.name),
      });
    } finally {
      await (database as DatabaseHandle | null)?.close();
    }
  }

  const config = loadConfig();
  const logger = createLogger(command === 'serve' ? config.logLevel : (process.env.LOG_LEVEL ?? 'warn'));
  switch (command) {
    case 'serve': {
      if (config.workers > 1) {
        const { serveInWorkers, isWorkerProcess } = await import('./platform/workers.js');
        await serveInWorkers({
          workers: config.workers,
          logger,
          // The first process migrates and loads the demo; the workers find both done.
          prepare: async () => {
            const database = await openAndMigrate(config, logger);
            try {
              if (config.demo && (await isDatabaseEmpty(database.db)) && (await loadDemoHealthSystem(database.db))) logger.info('demo health system loaded');
            } finally {
              await database.close();
            }
          },
          serve: () => startInvolve({ ...config, demo: false }, logger),
          onReady: (url) => console.log(`Involve is running at ${url.replace('127.0.0.1', 'localhost')} with ${config.workers} workers`),
          onStopped: (code) => exitWhenFlushed(code),
        });
        if (!isWorkerProcess()) logger.info({ workers: config.workers }, 'starting workers');
        return -1; // keep running
      }
      const running = await startInvolve(config, logger);
      console.log(`Involve is running at ${running.url.replace('127.0.0.1', 'localhost')}`);
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.once(signal, () => {
          logger.info({ signal }, 'shutting down');
          running.stop().then(
            () => exitWhenFlushed(0),
            () => exitWhenFlushed(1),
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
      const database = await openAndMigrate(config, logger);
      try {
        if (!(await isDatabaseEmpty(database.db)) || !(await loadDemoHealthSystem(database.db))) {
          console.error('The database already has organisations; the demo loads only into an empty database.');
          return 1;
        }
        console.log('Demo health system loaded.');
        return 0;
      } finally {
        await database.close();
      }
    }
    default:
      console.error(`Unknown command "${command}".\n\n${usageOf(commands)}`);
      return 2;
  }
}

// Exit only once the output has reached stdout's reader: a pipe takes it asynchronously (see
// packages/decide/src/cli/exit.ts). `serve` returns -1 and keeps running.
if ((process.argv[2] ?? 'serve') !== 'serve') stopQuietlyWhenReaderLeaves();
main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) return exitWhenFlushed(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    return exitWhenFlushed(1);
  },
);
