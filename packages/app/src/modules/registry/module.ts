// The registry: places, organisations, their boards, committees and patient groups, who sits on
// them, where patient representation is missing, the CSV import and the API's documents.
import type { InvolveModule } from '../../platform/module.js';
import { registryDemo } from './demo.js';
import { importOrganisationsFromFile } from './importCli.js';
import * as m0001 from './migrations/0001_registry.js';
import { registryRights } from './personalData.js';
import { registryPolicy } from './policy.js';
import { registerRegistryRoutes } from './routes/index.js';
import { registryTables } from './schema.js';

export const registryModule: InvolveModule = {
  name: 'registry',
  tables: registryTables,
  ...registryRights,
  migrations: { '0001_registry': { ...m0001, formerName: '0003_registry' } },
  routes: registerRegistryRoutes,
  policy: registryPolicy,
  flash: {
    'organisation-created': 'Organisation created',
    'organisation-updated': 'Organisation details saved',
    'organisation-deleted': 'Organisation deleted',
    'relation-added': 'Relation added',
    'relation-removed': 'Relation removed',
    'body-created': 'Board, committee or group created',
    'body-updated': 'Board, committee or group saved',
    'body-deleted': 'Board, committee or group deleted',
    'member-added': 'Member added',
    'member-updated': 'Member saved',
    'member-ended': 'Term ended',
    'member-removed': 'Member removed',
    'place-created': 'Place created',
    'place-updated': 'Place saved',
  },
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
