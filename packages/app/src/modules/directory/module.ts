// The community directory: services run by organisations in the registry (community and voluntary
// groups as well as NHS and council services), held in the Open Referral UK standard (HSDS 3.0 UK
// profile), searchable by words, category and distance from a postcode, and served at /openreferral.
import type { InvolveModule } from '../../platform/module.js';
import { directoryDemo } from './demo.js';
import { importOpenReferralFolder } from './import.js';
import * as m0001 from './migrations/0001_directory.js';
import * as m0002 from './migrations/0002_location_points.js';
import { can, directoryPolicy } from './policy.js';
import { sendCheckReminders } from './reminders.js';
import { registerDirectoryRoutes } from './routes/index.js';
import { directoryTables } from './schema.js';

export const directoryModule: InvolveModule = {
  name: 'directory',
  tables: directoryTables,
  migrations: { '0001_directory': m0001, '0002_location_points': m0002 },
  policy: directoryPolicy,
  routes: registerDirectoryRoutes,
  flash: {
    'directory-service-saved': 'The service is saved. Its entry now shows today as the day it was last checked.',
    'directory-service-checked': 'Marked as checked today.',
  },
  links: {
    organisation: ({ actor }, organisation) => [
      { href: `/directory?organisation=${organisation.id}`, text: 'Services in the directory' },
      ...(can(actor, 'directory.manage', { organisationId: organisation.id })
        ? [{ href: `/organisations/${organisation.id}/directory`, text: 'Keep your services in the directory up to date' }]
        : []),
    ],
    place: (_context, place) => [{ href: `/directory?place=${place.id}`, text: `Community services near ${place.name}` }],
    home: () => [
      { href: '/directory', text: 'Community services', description: 'Groups, activities and services near you, from walking groups to carers’ support.' },
    ],
  },
  jobs: [
    {
      // Owners of entries last checked over 6 months ago are asked to check them (through the outbox).
      name: 'directory check reminders',
      everyMs: 60 * 60_000,
      runAtStart: true,
      run: ({ db, config, actor, now }) => sendCheckReminders({ db, config }, actor, now),
    },
  ],
  commands: [
    {
      name: 'import openreferral',
      usage: 'FOLDER',
      summary: 'import or update a directory from Open Referral UK CSV files (all of it or, with a bad row, none)',
      async run({ args, openDatabase, stdout, stderr, actor }) {
        const folder = args[0];
        if (!folder) {
          stderr.write('Usage: involve import openreferral FOLDER\n');
          return 2;
        }
        return importOpenReferralFolder(await openDatabase(), actor, folder, { stdout, stderr });
      },
    },
  ],
  demo: directoryDemo,
};
