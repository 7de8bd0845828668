// Elections by single transferable vote: an organisation elects people to seats on a body in the
// registry (public governors, patient representatives, a group's chair) from an electorate it
// imports, with nominations and statements, voting by single-use code or on paper, a count anyone
// can repeat from the published ballots, and those elected made members of the body.
import type { InvolveModule } from '../../platform/module.js';
import { electionsDemo } from './demo.js';
import * as m0001 from './migrations/0001_elections.js';
import { electionsRights } from './personalData.js';
import { can, canAnywhere, electionsPolicy } from './policy.js';
import { registerElectionRoutes } from './routes/index.js';
import { electionsTables } from './schema.js';

export const electionsModule: InvolveModule = {
  name: 'elections',
  tables: electionsTables,
  notOnPublicPages: ['election_voter', 'election_ballot', 'election_paper_entry'],
  ...electionsRights,
  migrations: { '0001_elections': m0001 },
  routes: registerElectionRoutes,
  policy: electionsPolicy,
  flash: {
    'election-created': 'The election is set up as a draft: only its organisation’s admins see it until nominations open.',
    'election-saved': 'The settings are saved.',
    'election-phase-changed': 'The election has moved on to its next phase.',
    'electorate-imported': 'The electorate is imported.',
    'codes-issued': 'The voting codes are issued: emails are on their way, and the letters are ready to print.',
    'nomination-made': 'Thank you: your nomination is sent. The organisers check it and tell you the outcome.',
    'nomination-withdrawn': 'Your nomination is withdrawn.',
    'nomination-checked': 'The nomination is checked.',
    'candidate-added': 'The candidate is added.',
    'election-paper-entered': 'The paper ballot entry is saved.',
    'election-entry-removed': 'The paper ballot entry is removed.',
    'recount-made': 'The recount is done: it shows who fills the seat.',
  },
  links: {
    organisation: ({ actor }, organisation) => [
      { href: `/elections?organisation=${organisation.id}`, text: `Elections of ${organisation.name}` },
      ...(can(actor, 'election.manage', { organisationId: organisation.id })
        ? [{ href: `/organisations/${organisation.id}/elections/new`, text: 'Run an election' }]
        : []),
    ],
    account: ({ actor }) => (canAnywhere(actor, 'election.manage') ? [{ href: '/elections', text: 'Elections' }] : []),
    home: () => [{ href: '/elections', text: 'Elections', description: 'Stand for or vote for governors and patient representatives.' }],
  },
  demo: electionsDemo,
};
