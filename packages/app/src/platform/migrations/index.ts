// The platform's own migrations, named like a module's (they run as "platform/0001_platform").
import type { ModuleMigration } from '../module.js';
import * as platform0001 from './0001_platform.js';
import * as rateLimits from './0002_rate_limits.js';
import * as claimsAndLeases from './0003_claims_and_leases.js';
import * as contentVersion from './0004_content_version.js';

export const platformMigrations: Readonly<Record<string, ModuleMigration>> = {
  '0001_platform': { ...platform0001, formerName: '0001_platform' },
  '0002_rate_limits': rateLimits,
  '0003_claims_and_leases': claimsAndLeases,
  '0004_content_version': contentVersion,
};
