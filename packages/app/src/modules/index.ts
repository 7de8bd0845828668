// The composition root: every module Involve runs, listed once, in the order their routes register
// and their migrations run within a round. Adding a module is one folder and one line here. This
// file (with cli.ts) is the only place that knows the modules by name; it hands the list to the
// platform's server, migrator, job runner, command line and demo loader.
import type { Logger } from 'pino';
import { loadDemo, openAndMigrate as openAndMigratePlatform, startInvolve as startPlatform } from '../platform/app.js';
import type { Config } from '../platform/config.js';
import type { Db } from '../platform/database.js';
import { migrateToLatest as migratePlatform, pendingMigrations as pendingPlatform } from '../platform/migrations.js';
import type { InvolveModule } from '../platform/module.js';
import { type BuildServerOptions, buildServer as buildPlatformServer } from '../platform/server.js';
import { accountsModule } from './accounts/module.js';
import { assembliesModule } from './assemblies/module.js';
import { budgetsModule } from './budgets/module.js';
import { complaintsModule } from './complaints/module.js';
import { consultationsModule } from './consultations/module.js';
import { decisionsModule } from './decisions/module.js';
import { directoryModule } from './directory/module.js';
import { electionsModule } from './elections/module.js';
import { feedbackModule } from './feedback/module.js';
import { followingModule } from './following/module.js';
import { meetingsModule } from './meetings/module.js';
import { registryModule } from './registry/module.js';
import { isRegistryEmpty } from './registry/service.js';
import { siteModule } from './site/module.js';
import { socialPrescribingModule } from './socialprescribing/module.js';
import { timebankModule } from './timebank/module.js';

export const modules: readonly InvolveModule[] = [
  siteModule,
  accountsModule,
  registryModule,
  complaintsModule,
  feedbackModule,
  consultationsModule,
  decisionsModule,
  followingModule,
  meetingsModule,
  budgetsModule,
  electionsModule,
  assembliesModule,
  directoryModule,
  timebankModule,
  socialPrescribingModule,
];

/** An empty database: no organisation yet (the demo loads only then). */
export const isDatabaseEmpty = (db: Db) => isRegistryEmpty(db);

export const migrateToLatest = (db: Db) => migratePlatform(db, modules);
export const pendingMigrations = (db: Db) => pendingPlatform(db, modules);
export const buildServer = (options: Omit<BuildServerOptions, 'modules'>) => buildPlatformServer({ ...options, modules });
export const openAndMigrate = (config: Config, logger: Logger) => openAndMigratePlatform(config, logger, modules);
export const startInvolve = (config: Config, logger: Logger) => startPlatform(config, logger, { modules, isDatabaseEmpty });

/** Load the demo health system into an empty database (every module's demo steps, in one transaction). */
export const loadDemoHealthSystem = (db: Db) => loadDemo(db, modules, isDatabaseEmpty);
