// Tables of the site module: the organisation-specific parts of the statement pages (who runs this
// Involve, how to reach them, the data protection officer, an extra paragraph per statement), one
// row per setting that a platform admin has saved. A setting with no row shows its default.
import type { ColumnType } from 'kysely';

export interface SiteSettingTable {
  /** The setting's name, e.g. 'operatorName' (see service.ts for the list). */
  key: string;
  value: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** The platform admin who saved it last (an account id; no foreign key, see the migration). */
  updated_by: number | null;
}

export interface SiteTables {
  site_setting: SiteSettingTable;
}

export const siteTables = ['site_setting'] as const satisfies ReadonlyArray<keyof SiteTables>;

declare module '../../platform/schema.js' {
  interface Database extends SiteTables {}
}
