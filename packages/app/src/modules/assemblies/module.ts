// Citizens' assemblies chosen by a fair lottery: an organisation invites randomly drawn households,
// those who say yes register, a panel that reflects the population is drawn from them with decide's
// LEXIMIN (published so anyone can redraw it), the members meet, weigh evidence and vote on
// recommendations, and the convening body answers each one in public on the accountability trail.
import type { InvolveModule } from '../../platform/module.js';
import { assembliesDemo } from './demo.js';
import * as m0001 from './migrations/0001_assemblies.js';
import { assembliesRights } from './personalData.js';
import { assembliesPolicy, can, canAnywhere } from './policy.js';
import { registerAssemblyRoutes } from './routes/index.js';
import { assembliesTables } from './schema.js';
import { selectionJob } from './selectionJob.js';

export const assembliesModule: InvolveModule = {
  name: 'assemblies',
  tables: assembliesTables,
  ...assembliesRights,
  migrations: { '0001_assemblies': m0001 },
  routes: registerAssemblyRoutes,
  policy: assembliesPolicy,
  jobs: [selectionJob],
  flash: {
    'assembly-created': 'The assembly is set up as a draft: only its organisation’s admins see it until recruiting starts.',
    'assembly-saved': 'The settings are saved.',
    'assembly-phase-changed': 'The assembly has moved on to its next phase.',
    'quotas-saved': 'The selection questions and quotas are saved.',
    'addresses-imported': 'The addresses are imported.',
    'invitations-drawn': 'The invitations are drawn: print the letters.',
    registered: 'Thank you: you are registered. We will tell you if you are chosen.',
    withdrawn: 'You have withdrawn. Thank you for your interest.',
    'member-confirmed': 'The place on the assembly is confirmed.',
    'member-declined': 'The place is declined: it will be offered to someone else by a new draw.',
    'selection-requested': 'The draw has started. This page shows its progress.',
    'session-added': 'The session is added.',
    'assembly-document-added': 'The document is added.',
    'recommendation-drafted': 'The draft recommendation is saved.',
    'recommendation-voted': 'Your view on the recommendation is recorded.',
    'voting-opened': 'Members can now say how far they support the recommendation.',
    'recommendations-published': 'The recommendations are published. The answers are due by the date shown.',
    'recommendation-answered': 'The answer is published and recorded on the accountability trail.',
    rotated: 'The members whose term ended have stood down, and a draw for their seats has started.',
  },
  links: {
    organisation: ({ actor }, organisation) => [
      { href: `/assemblies?organisation=${organisation.id}`, text: `Citizens’ assemblies by ${organisation.name}` },
      ...(can(actor, 'assembly.manage', { organisationId: organisation.id })
        ? [{ href: `/organisations/${organisation.id}/assemblies/new`, text: 'Convene a citizens’ assembly' }]
        : []),
    ],
    place: (_context, place) => [{ href: `/assemblies?place=${place.id}`, text: `Citizens’ assemblies in ${place.name}` }],
    account: ({ actor }) => (canAnywhere(actor, 'assembly.manage') ? [{ href: '/assemblies', text: 'Citizens’ assemblies' }] : []),
    home: () => [
      { href: '/assemblies', text: 'Citizens’ assemblies', description: 'Residents chosen by lot learn, talk it through and recommend what should happen.' },
    ],
  },
  demo: assembliesDemo,
};
