// The community directory: services run by organisations in the registry (community and voluntary
// groups as well as NHS and council services), held in the Open Referral UK standard (HSDS 3.0 UK
// profile), searchable by words, category and distance from a postcode, and served at /openreferral.
import type { InvolveModule } from '../../platform/module.js';
import * as m0001 from './migrations/0001_directory.js';
import { directoryPolicy } from './policy.js';
import { directoryTables } from './schema.js';

export const directoryModule: InvolveModule = {
  name: 'directory',
  tables: directoryTables,
  migrations: { '0001_directory': m0001 },
  policy: directoryPolicy,
};
