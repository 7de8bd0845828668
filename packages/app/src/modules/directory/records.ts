// What every part of the directory service shares: its dependencies, and the small rules about
// dates and postcodes.
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/database.js';

export interface DirectoryDeps {
  db: Db;
  config?: Pick<Config, 'publicUrl'>;
  /** Today, for tests of "last checked" (default: now). */
  now?: Date;
}

/** Entries last checked longer ago than this are overdue (and their owners reminded). */
export const checkIntervalMonths = 6;

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}

/** The date six months before `now`, 'YYYY-MM-DD'. */
export function checkDueBefore(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - checkIntervalMonths, now.getUTCDate()));
  return d.toISOString().slice(0, 10);
}
