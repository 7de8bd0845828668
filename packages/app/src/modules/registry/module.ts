// The registry: places, organisations, their boards, committees and patient groups, who sits on
// them, where patient representation is missing, the CSV import and the API's documents.
import type { InvolveModule } from '../../platform/module.js';
import { registryDemo } from './demo.js';
import { importOrganisationsFromFile } from './importCli.js';
import * as m0001 from './migrations/0001_registry.js';
import { registryPolicy } from './policy.js';
import { registerRegistryRoutes } from './routes.js';
import { registryTables } from './schema.js';

export const registryModule: InvolveModule = {
  name: 'registry',
  tables: registryTables,
  migrations: { '0001_registry': { ...m0001, formerName: '0003_registry' } },
  routes: registerRegistryRoutes,
  policy: registryPolicy,
  commands: [
    {
      name: 'import organisations',
      usage: 'FILE.csv',
      summary: 'import or update organisations from a CSV file',
      async run({ args, openDatabase, stdout, stderr, actor }) {
        const file = args[0];
        if (!file) {
          stderr.write('Usage: involve import organisations FILE.csv\n');
          return 2;
        }
        return importOrganisationsFromFile(await openDatabase(), actor, file, { stdout, stderr });
      },
    },
  ],
  demo: registryDemo,
};
